package gort.cmd.codegen;

import gort.cmd.diag.Diagnostic;
import gort.cmd.syntax.Decl;
import gort.cmd.syntax.Pos;
import gort.cmd.types.Obj;
import gort.cmd.types.TypedPackage;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The code generator: a checked package to {@link FuncBuilder} functions for one GOARCH, in the
 * Go 1.3 frame layout of docs/machine.md (every variable in a stack slot; arguments and results
 * in the caller's outgoing-args area, results after arguments).
 *
 * <pre>{@code
 * CodeGen.Result r = CodeGen.compile(pkg, Arch.amd64, "./prog.go");
 * Image img = r.program().link(ln -> ln.runtime("runtime.printint", ...) ...);
 * }</pre>
 *
 * <p>Constructs the generator does not handle yet are reported as diagnostics
 * {@code file:line:col: gort cannot compile <construct> yet}, never as exceptions.
 */
public final class CodeGen {
  private CodeGen() {}

  /**
   * The runtime functions generated code may RTCALL, under Go 1.3's names, with their argument
   * layouts at argp: printint(int64), printuint(uint64), printhex(uint64), printbool(bool, one
   * byte), printstring(string {ptr, len}), printpointer(pointer), printsp(), printnl(),
   * panicdivide() for an integer division by zero; newproc(siz int32 in a pointer-sized slot,
   * fn *FuncVal, args...) for {@code go}, gosched() for runtime.Gosched, exit(code int32) for
   * os.Exit, NumGoroutine() (int result at argp) for runtime.NumGoroutine, and new(typ *Type)
   * (result *T at argp+PtrSize; typ points at a Go 1.3 Type header in rodata, size first) for
   * new(T) and for variables whose address is taken, and panicindex() for an array index out
   * of range.
   */
  public static final List<String> RUNTIME_FUNCS = List.of("runtime.printint",
      "runtime.printuint", "runtime.printhex", "runtime.printbool", "runtime.printstring",
      "runtime.printpointer", "runtime.printsp", "runtime.printnl", "runtime.panicdivide",
      "runtime.newproc", "runtime.gosched", "runtime.exit", "runtime.NumGoroutine",
      "runtime.new", "runtime.panicindex");

  /** Diagnostics (empty on success) and the program (null unless they are empty). */
  public record Result(List<Diagnostic> diagnostics, Program program) {
    public boolean ok() {
      return diagnostics.isEmpty();
    }

    public String text() {
      StringBuilder b = new StringBuilder();
      for (Diagnostic d : diagnostics) {
        b.append(d).append('\n');
      }
      return b.toString();
    }
  }

  /** Compiles {@code pkg} for {@code arch}; {@code file} names the source in the line tables. */
  public static Result compile(TypedPackage pkg, Arch arch, String file) {
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(file, "file");
    List<Diagnostic> ds = new ArrayList<>();
    try {
      generate(pkg, arch, file, ds, 0, 0);
    } catch (RuntimeException | StackOverflowError e) {
      ds.add(Diagnostic.unpositioned("internal compiler error: " + e));
    }
    if (!ds.isEmpty()) {
      return new Result(List.copyOf(ds), null);
    }
    return new Result(List.of(), new Program(arch, (base, bss) -> {
      List<Diagnostic> again = new ArrayList<>();
      Program.Pass p = generate(pkg, arch, file, again, base, bss);
      if (!again.isEmpty()) {
        throw new IllegalStateException("second pass disagrees: " + again);
      }
      return p;
    }));
  }

  private static Program.Pass generate(TypedPackage pkg, Arch arch, String file,
      List<Diagnostic> ds, long dataStart, long bssStart) {
    DataSegment data = new DataSegment(arch.PtrSize);
    List<FuncBuilder> out = new ArrayList<>();
    int ninit = 0;
    List<String> inits = new ArrayList<>();
    for (Decl.Func d : pkg.funcs()) {
      String name;
      if (d.recv != null) {
        ds.add(diag(file, d.pos.line(), d.pos.col(), "methods"));
        continue;
      }
      if (d.name.value.equals("init")) {
        name = "main.init·" + (++ninit);
        inits.add(name);
      } else {
        name = "main." + d.name.value;
      }
      try {
        out.add(new FuncGen(arch, file, name, d, data, dataStart, bssStart).generate());
      } catch (CannotCompile e) {
        ds.add(diag(file, e.pos.line(), e.pos.col(), e.what));
      }
    }
    // main.init initializes the package variables in dependency order, then runs the init
    // functions in source order, as the package initializer of 6g does
    Pos pos = pkg.main() != null && pkg.main().decl != null ? pkg.main().decl.pos : new Pos(1, 1);
    try {
      out.add(FuncGen.packageInit(arch, file, pos, pkg.varInits(), inits, data, dataStart,
          bssStart));
    } catch (CannotCompile e) {
      ds.add(diag(file, e.pos.line(), e.pos.col(), e.what));
    }
    return new Program.Pass(out, data.toByteArray(), data.relocs(), data.bssSize());
  }

  static Diagnostic diag(String file, int line, int col, String what) {
    return new Diagnostic(file, line, col, "gort cannot compile " + what + " yet");
  }

  static String objName(Obj o) {
    return o.pkg == null ? "main." + o.name : o.pkg + "." + o.name;
  }
}
