package gort.cmd.codegen;

import gort.cmd.Compiler;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Stack;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.RuntimeFunc;
import gort.runtime.mem.Layout;
import gort.runtime.mem.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiles a Go program from source and runs it on the simulated CPU: a process, an M with a g0 and
 * a G with a 256 KiB stack in the arena, a {@code gort.halt} function that main.init and main.main
 * return into, and test versions of the runtime's print functions writing Go 1.3's format to {@link
 * #output()}.
 */
final class GoMachine {
    static final int STACK = 256 << 10;
    static final String FILE = "./prog.go";
    static final int HEAP = 1 << 20;

    /** Thrown by the test runtime.panicdivide. */
    static final class GoPanic extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GoPanic(String msg) {
            super(msg);
        }
    }

    /** Thrown by the test runtime.exit (os.Exit). */
    static final class GoExit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        GoExit(int code) {
            super("exit " + code);
            this.code = code;
        }
    }

    final Arch arch;
    final int w;
    final Layout layout;
    final Memory mem;
    final GoProcess process = GoProcess.create(new ByteArrayOutputStream());
    final M m;
    final G g;
    final StringBuilder out = new StringBuilder();
    final Map<String, RuntimeFunc> extra = new LinkedHashMap<>();
    Image image;
    Cpu cpu;

    /** The test runtime.new: a bump allocator after the stacks; the sizes it was asked for. */
    long heapNext;

    final java.util.List<Long> allocated = new java.util.ArrayList<>();

    GoMachine(Arch arch) {
        this.arch = arch;
        this.w = arch.PtrSize;
        this.layout = Layout.of(arch);
        this.mem = layout.newMemory();
        mem.map(layout.arenaStart, 3L * STACK);
        m = new M(process, layout.arenaStart + 2L * STACK);
        G g0 = process.newG(GStatus.Grunning);
        g0.stack0 = layout.arenaStart + STACK;
        g0.stackbase = g0.stack0 + STACK - Stack.StackTop;
        g0.stackguard0 = g0.stackguard = g0.stack0 + Stack.StackGuard;
        g0.sched.sp = g0.stackbase;
        m.g0 = g0;
        g = process.newG(GStatus.Grunning);
        g.stack0 = layout.arenaStart;
        g.stackbase = g.stack0 + STACK - Stack.StackTop;
        g.stackguard0 = g.stackguard = g.stack0 + Stack.StackGuard;
        g.m = m;
        m.curg = g;
    }

    static CodeGen.Result compile(Arch arch, String src) {
        Compiler.Result r = new Compiler(arch.PtrSize).check(FILE, "prog.go", src);
        if (!r.ok()) {
            throw new AssertionError("front end: " + r.text());
        }
        return CodeGen.compile(r.pkg(), arch, FILE);
    }

    /** Compiles and links {@code src}; fails the test on any diagnostic. */
    GoMachine load(String src) {
        CodeGen.Result r = compile(arch, src);
        if (!r.ok()) {
            throw new AssertionError("codegen: " + r.text());
        }
        image = r.program().link(this::setup);
        image.load(mem);
        cpu =
                new Cpu(
                        image.text(),
                        mem,
                        m,
                        c -> {
                            throw new AssertionError("unexpected morestack");
                        });
        return this;
    }

    private void setup(Linker ln) {
        ln.add(new FuncBuilder(arch, "gort.halt").nosplit(true).pos("halt.s", 1).halt());
        ln.runtime(
                "runtime.printint",
                (c, argp) -> {
                    long v = c.mem().load64(argp);
                    out.append(v);
                });
        ln.runtime(
                "runtime.printuint",
                (c, argp) -> out.append(Long.toUnsignedString(c.mem().load64(argp))));
        ln.runtime(
                "runtime.printhex",
                (c, argp) -> out.append("0x").append(Long.toHexString(c.mem().load64(argp))));
        ln.runtime(
                "runtime.printbool",
                (c, argp) -> out.append(c.mem().load8(argp) != 0 ? "true" : "false"));
        ln.runtime(
                "runtime.printpointer",
                (c, argp) -> out.append("0x").append(Long.toHexString(c.mem().loadp(argp))));
        ln.runtime(
                "runtime.printstring",
                (c, argp) -> {
                    long p = c.mem().loadp(argp);
                    int n = (int) c.mem().loadp(argp + w);
                    if (n > 0) {
                        out.append(new String(c.mem().read(p, n), StandardCharsets.ISO_8859_1));
                    }
                });
        ln.runtime("runtime.printsp", (c, argp) -> out.append(' '));
        ln.runtime("runtime.printnl", (c, argp) -> out.append('\n'));
        ln.runtime(
                "runtime.panicdivide",
                (c, argp) -> {
                    throw new GoPanic("panic: runtime error: integer divide by zero");
                });
        ln.runtime(
                "runtime.exit",
                (c, argp) -> {
                    throw new GoExit(c.mem().load32(argp));
                });
        ln.runtime("runtime.gosched", (c, argp) -> {});
        ln.runtime(
                "runtime.panicindex",
                (c, argp) -> {
                    throw new GoPanic("panic: runtime error: index out of range");
                });
        ln.runtime(
                "runtime.new",
                (c, argp) -> {
                    long size = Math.max(8, (c.mem().loadp(c.mem().loadp(argp)) + 7) & -8L);
                    if (heapNext == 0) {
                        heapNext = layout.arenaStart + 3L * STACK;
                        mem.map(heapNext, HEAP);
                    }
                    c.mem().storep(argp + w, heapNext);
                    heapNext += size;
                    allocated.add(size);
                });
        ln.runtime("runtime.NumGoroutine", (c, argp) -> c.mem().storep(argp, 1));
        extra.forEach(ln::runtime);
    }

    /** Runs {@code fn} (no arguments, no results) to its return into gort.halt. */
    void run(String fn) {
        long top = g.stackbase - 64;
        long halt = image.text().lookup("gort.halt").entry;
        long entry = image.text().lookup(fn).entry;
        if (arch.hasLinkRegister) {
            cpu.start(g, entry, top, halt, 0);
        } else {
            mem.store64(top - 8, halt);
            cpu.start(g, entry, top - 8, 0, 0);
        }
        Cpu.Stop s = cpu.run();
        if (s != Cpu.Stop.HALT || cpu.pc() != halt) {
            throw new AssertionError(
                    fn + " stopped with " + s + " at 0x" + Long.toHexString(cpu.pc()));
        }
        if (cpu.sp() != top) {
            throw new AssertionError(fn + " left sp 0x" + Long.toHexString(cpu.sp()));
        }
    }

    /** Runs main.init then main.main, as runtime.main does, and returns what they printed. */
    String runMain() {
        run("main.init");
        run("main.main");
        return out.toString();
    }

    String output() {
        return out.toString();
    }

    /** Compiles {@code src} for {@code arch} and returns main's output. */
    static String output(Arch arch, String src) {
        return new GoMachine(arch).load(src).runMain();
    }
}
