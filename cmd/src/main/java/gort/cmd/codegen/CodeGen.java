package gort.cmd.codegen;

import gort.cmd.diag.Diagnostic;
import gort.cmd.syntax.Decl;
import gort.cmd.types.Checker;
import gort.cmd.types.Obj;
import gort.cmd.types.TypedPackage;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.FuncData;
import gort.runtime.cpu.StackMap;
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
   * byte), printstring(string {ptr, len}), printpointer(pointer), printsp(), printnl(), and
   * panicdivide() for an integer division by zero.
   */
  public static final List<String> RUNTIME_FUNCS = List.of("runtime.printint",
      "runtime.printuint", "runtime.printhex", "runtime.printbool", "runtime.printstring",
      "runtime.printpointer", "runtime.printsp", "runtime.printnl", "runtime.panicdivide");

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
      generate(pkg, arch, file, ds, 0);
    } catch (RuntimeException | StackOverflowError e) {
      ds.add(Diagnostic.unpositioned("internal compiler error: " + e));
    }
    if (!ds.isEmpty()) {
      return new Result(List.copyOf(ds), null);
    }
    return new Result(List.of(), new Program(arch, base -> {
      List<Diagnostic> again = new ArrayList<>();
      Program.Pass p = generate(pkg, arch, file, again, base);
      if (!again.isEmpty()) {
        throw new IllegalStateException("second pass disagrees: " + again);
      }
      return p;
    }));
  }

  private static Program.Pass generate(TypedPackage pkg, Arch arch, String file,
      List<Diagnostic> ds, long dataStart) {
    DataSegment data = new DataSegment();
    List<FuncBuilder> out = new ArrayList<>();
    for (Checker.VarInit vi : pkg.varInits()) {
      ds.add(cannot(file, vi, "package-level variables"));
      break;
    }
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
        out.add(new FuncGen(arch, file, name, d, data, dataStart).generate());
      } catch (CannotCompile e) {
        ds.add(diag(file, e.pos.line(), e.pos.col(), e.what));
      }
    }
    // main.init runs the init functions in source order, as the package initializer of 6g does
    int line = pkg.main() != null && pkg.main().decl != null ? pkg.main().decl.pos.line() : 1;
    FuncBuilder init = new FuncBuilder(arch, "main.init").args(0).pos(file, line);
    int[][] none = new int[inits.size() + 1][0];
    init.argsMaps(StackMap.of(none)).localsMaps(StackMap.of(none));
    for (int i = 0; i < inits.size(); i++) {
      init.pcdata(FuncData.PCDATA_StackMapIndex, i + 1).call(inits.get(i))
          .pcdata(FuncData.PCDATA_StackMapIndex, -1);
    }
    init.ret();
    out.add(init);
    return new Program.Pass(out, data.toByteArray());
  }

  private static Diagnostic cannot(String file, Checker.VarInit vi, String what) {
    var pos = vi.init() != null ? vi.init().pos : vi.lhs().get(0).pos;
    return diag(file, pos.line(), pos.col(), what);
  }

  static Diagnostic diag(String file, int line, int col, String what) {
    return new Diagnostic(file, line, col, "gort cannot compile " + what + " yet");
  }

  static String objName(Obj o) {
    return o.pkg == null ? "main." + o.name : o.pkg + "." + o.name;
  }
}
