package gort.cmd.codegen;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import gort.runtime.mem.Layout;
import gort.runtime.mem.Memory;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A compiled program, ready to link: its functions ({@code main.main}, {@code main.init}, one
 * per declared function) and its string data. String addresses depend on where the text ends,
 * so {@link #link} assembles the functions twice: once to measure the text, once with the data
 * placed after it (the instruction count does not depend on the addresses).
 */
public final class Program {
  /** One generation pass: the data start in, the functions and data out. */
  record Pass(List<FuncBuilder> funcs, byte[] data) {}

  private final Arch arch;
  private final LongFunction<Pass> generate;

  Program(Arch arch, LongFunction<Pass> generate) {
    this.arch = arch;
    this.generate = generate;
  }

  public Arch arch() {
    return arch;
  }

  /**
   * Links the program. {@code setup} receives a fresh {@link Linker} before the program's
   * functions are added: it registers the runtime functions the code calls (see
   * {@link CodeGen#RUNTIME_FUNCS}) and may add functions of its own, e.g. a function to return
   * into. It is called once per assembly pass, so it must add the same things each time.
   */
  public Image link(Consumer<Linker> setup) {
    long guess = roundPage(Layout.of(arch).initText);
    Text first = assemble(setup, generate.apply(guess));
    long dataStart = roundPage(first.textEnd);
    Pass pass = generate.apply(dataStart);
    Text text = assemble(setup, pass);
    if (text.textEnd != first.textEnd) {
      throw new IllegalStateException("text size changed between passes");
    }
    return new Image(text, dataStart, pass.data());
  }

  private Text assemble(Consumer<Linker> setup, Pass pass) {
    Linker ln = new Linker(arch);
    setup.accept(ln);
    for (FuncBuilder f : pass.funcs()) {
      ln.add(f);
    }
    return ln.link();
  }

  private static long roundPage(long a) {
    return (a + Memory.PhysPageSize - 1) & -(long) Memory.PhysPageSize;
  }
}
