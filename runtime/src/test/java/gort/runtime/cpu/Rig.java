package gort.runtime.cpu;

import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Stack;
import gort.runtime.arch.Arch;
import gort.runtime.mem.Layout;
import gort.runtime.mem.Memory;
import java.io.ByteArrayOutputStream;

/**
 * A test machine: a process, an M with a g0, a G with a 64 KiB stack in the arena, and a {@code
 * gort.halt} function that callers return into. {@link #call} runs one function the way a Go caller
 * would: arguments at the bottom of the caller's outgoing-args area, then the call, then the
 * results read back from there.
 */
final class Rig {
    static final int STACK = 64 << 10;

    final Arch arch;
    final int W;
    final int INT;
    final Layout layout;
    final Memory mem;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final GoProcess process = GoProcess.create(out);
    final M m;
    final G g0;
    final G g;
    final long stackLo;
    final long stackHi;
    Text text;
    Cpu cpu;

    Rig(Arch arch) {
        this.arch = arch;
        this.W = arch.PtrSize;
        this.INT = Isa.width(W, true);
        this.layout = Layout.of(arch);
        this.mem = layout.newMemory();
        mem.map(layout.arenaStart, 4 * STACK);
        m = new M(process, layout.arenaStart + 3 * STACK);
        g0 = process.newG(GStatus.Grunning);
        g0.stack0 = layout.arenaStart + STACK;
        g0.stackbase = g0.stack0 + STACK - Stack.StackTop;
        g0.stackguard0 = g0.stackguard = g0.stack0 + Stack.StackGuard;
        g0.sched.sp = g0.stackbase;
        m.g0 = g0;
        g = process.newG(GStatus.Grunning);
        stackLo = layout.arenaStart;
        stackHi = stackLo + STACK - Stack.StackTop;
        g.stack0 = stackLo;
        g.stackbase = stackHi;
        g.stackguard0 = g.stackguard = stackLo + Stack.StackGuard;
        g.m = m;
        m.curg = g;
    }

    /** A linker that already holds {@code gort.halt}. */
    Linker linker() {
        return new Linker(arch)
                .add(new FuncBuilder(arch, "gort.halt").nosplit(true).pos("halt.s", 1).halt());
    }

    Rig load(Text t, Morestack ms) {
        this.text = t;
        this.cpu = new Cpu(t, mem, m, ms);
        return this;
    }

    Rig load(Text t) {
        return load(
                t,
                c -> {
                    throw new AssertionError(
                            "unexpected morestack at pc 0x" + Long.toHexString(c.g().sched.pc));
                });
    }

    /** The caller's SP for a call made from near the top of the stack. */
    long callerSP(int argWords) {
        return stackHi - 64 - (long) argWords * W - W;
    }

    /**
     * Sets up a call of {@code fn} with {@code args} (one word each) and room for {@code nres}
     * result words, as a Go caller at {@link #callerSP} would, and starts it.
     */
    void prepare(String fn, int nres, long... args) {
        long sp = callerSP(args.length + nres);
        long argp = sp + (arch.hasLinkRegister ? W : 0);
        for (int i = 0; i < args.length + nres; i++) {
            mem.storep(argp + (long) i * W, i < args.length ? arch.uintptr(args[i]) : 0);
        }
        long halt = text.lookup("gort.halt").entry;
        long entry = text.lookup(fn).entry;
        if (arch.hasLinkRegister) {
            cpu.start(g, entry, sp, halt, 0);
        } else {
            mem.store64(sp - 8, halt);
            cpu.start(g, entry, sp - 8, 0, 0);
        }
    }

    /** The result words of the call prepared with {@code nargs} arguments, signed per INT. */
    long[] results(int nargs, int nres) {
        long sp = callerSP(nargs + nres);
        long argp = sp + (arch.hasLinkRegister ? W : 0);
        long[] res = new long[nres];
        for (int i = 0; i < nres; i++) {
            long v = mem.loadp(argp + (long) (nargs + i) * W);
            res[i] = W == 4 ? (int) v : v;
        }
        return res;
    }

    /** Calls {@code fn}, runs to the return into gort.halt, and returns the results. */
    long[] call(String fn, int nres, long... args) {
        prepare(fn, nres, args);
        Cpu.Stop s = cpu.run();
        if (s != Cpu.Stop.HALT) {
            throw new AssertionError("stopped with " + s);
        }
        if (cpu.pc() != text.lookup("gort.halt").entry) {
            throw new AssertionError("halted at 0x" + Long.toHexString(cpu.pc()));
        }
        return results(args.length, nres);
    }

    /** func fib(n int) int, recursively, with lines 10.. of fib.go and a stack map per call. */
    static FuncBuilder fib(Arch arch, String name) {
        int w = arch.PtrSize;
        int in = Isa.width(w, true);
        FuncBuilder f =
                new FuncBuilder(arch, name)
                        .args(2 * w)
                        .locals(3 * w)
                        .argsMaps(StackMap.of(new int[] {FuncData.BitsScalar, FuncData.BitsDead}))
                        .localsMaps(
                                StackMap.of(
                                        new int[] {
                                            FuncData.BitsDead, FuncData.BitsDead, FuncData.BitsDead
                                        },
                                        new int[] {
                                            FuncData.BitsDead,
                                            FuncData.BitsDead,
                                            FuncData.BitsScalar
                                        }));
        Label rec = f.newLabel();
        f.pos("fib.go", 10)
                .load(Isa.R0, FuncBuilder.FP, 0, in)
                .movi(Isa.R1, 2)
                .setcc(Isa.LT, Isa.R2, Isa.R0, Isa.R1)
                .jz(Isa.R2, rec);
        f.line(11).store(FuncBuilder.FP, w, Isa.R0, in).ret();
        f.bind(rec)
                .line(13)
                .movi(Isa.R1, 1)
                .sub(Isa.R0, Isa.R0, Isa.R1, in)
                .store(Isa.SP, f.outarg(0), Isa.R0, in)
                .pcdata(FuncData.PCDATA_StackMapIndex, 0)
                .call(name)
                .pcdata(FuncData.PCDATA_StackMapIndex, -1)
                .load(Isa.R0, Isa.SP, f.outarg(w), in)
                .store(Isa.SP, f.local(2 * w), Isa.R0, in);
        f.line(14)
                .load(Isa.R0, FuncBuilder.FP, 0, in)
                .movi(Isa.R1, 2)
                .sub(Isa.R0, Isa.R0, Isa.R1, in)
                .store(Isa.SP, f.outarg(0), Isa.R0, in)
                .pcdata(FuncData.PCDATA_StackMapIndex, 1)
                .call(name)
                .pcdata(FuncData.PCDATA_StackMapIndex, -1)
                .load(Isa.R0, Isa.SP, f.outarg(w), in)
                .load(Isa.R1, Isa.SP, f.local(2 * w), in)
                .add(Isa.R0, Isa.R0, Isa.R1, in)
                .store(FuncBuilder.FP, w, Isa.R0, in);
        f.line(15).ret();
        return f;
    }
}
