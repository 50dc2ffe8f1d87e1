package gort.cmd.codegen;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import gort.runtime.mem.Layout;
import gort.runtime.mem.Memory;
import java.util.List;
import java.util.function.Consumer;

/**
 * A compiled program, ready to link: its functions ({@code main.main}, {@code main.init}, one per
 * declared function) and its string data. String addresses depend on where the text ends, so {@link
 * #link} assembles the functions twice: once to measure the text, once with the data placed after
 * it (the instruction count does not depend on the addresses).
 */
public final class Program {
    /** One generation pass: the rodata and bss addresses in, the functions and data out. */
    record Pass(
            List<FuncBuilder> funcs,
            byte[] data,
            List<DataSegment.Reloc> relocs,
            int bssSize,
            int gcdata,
            int gcbss) {}

    /** Generates a pass for the given rodata and bss start addresses. */
    interface Generator {
        Pass generate(long dataStart, long bssStart);
    }

    private final Arch arch;
    private final Generator generate;

    Program(Arch arch, Generator generate) {
        this.arch = arch;
        this.generate = generate;
    }

    public Arch arch() {
        return arch;
    }

    /**
     * Links the program. {@code setup} receives a fresh {@link Linker} before the program's
     * functions are added: it registers the runtime functions the code calls (see {@link
     * CodeGen#RUNTIME_FUNCS}) and may add functions of its own, e.g. a function to return into. It
     * is called once per assembly pass, so it must add the same things each time.
     */
    public Image link(Consumer<Linker> setup) {
        long guess = roundPage(Layout.of(arch).initText);
        Pass measure = generate.generate(guess, guess);
        Text first = assemble(setup, measure);
        long dataStart = roundPage(first.textEnd);
        long bssStart = dataStart + roundPage(measure.data().length);
        Pass pass = generate.generate(dataStart, bssStart);
        Text text = assemble(setup, pass);
        if (text.textEnd != first.textEnd || pass.data().length != measure.data().length) {
            throw new IllegalStateException("text or data size changed between passes");
        }
        byte[] data = pass.data();
        for (DataSegment.Reloc r : pass.relocs()) {
            // the linker's R_ADDR: a static FuncVal's word holds its function's entry
            var fn = text.lookup(r.sym());
            if (fn == null) {
                throw new IllegalStateException("undefined: " + r.sym());
            }
            long v = fn.entry;
            for (int i = 0; i < arch.PtrSize; i++) {
                data[r.off() + i] = (byte) (v >>> (8 * i));
            }
        }
        return new Image(
                text,
                dataStart,
                data,
                bssStart,
                pass.bssSize(),
                dataStart + pass.gcdata(),
                dataStart + pass.gcbss());
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
