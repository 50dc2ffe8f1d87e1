package gort.proc;

import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.R1;
import static gort.runtime.cpu.Isa.R2;
import static gort.runtime.cpu.Isa.SP;

import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-assembled Go programs, as 6g/5g of 2014 would compile them (print builtins lowered to
 * runtime.print*, {@code go f(x)} to runtime.newproc), and a way to run them.
 */
final class Programs {
    private Programs() {}

    /** Bytes of locals every assembled function here uses: 4 outgoing words, then scratch. */
    static int locals(Arch arch) {
        return 4 * arch.PtrSize + 32;
    }

    /** The scratch area's SP offset. */
    static int scratch(FuncBuilder f, Arch arch) {
        return f.local(4 * arch.PtrSize);
    }

    static FuncBuilder func(Arch arch, String name) {
        return new FuncBuilder(arch, name).locals(locals(arch)).pos("prog.go", 1);
    }

    /** print(s) for a constant string: its bytes stored in scratch, then printstring. */
    static void printstring(FuncBuilder f, Arch arch, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int buf = scratch(f, arch) + 8;
        for (int i = 0; i < b.length; i++) {
            f.movi(R0, b[i]).store(SP, buf + i, R0, Isa.W1);
        }
        int w = arch.PtrSize;
        f.lea(R0, SP, buf)
                .store(SP, f.outarg(0), R0, Isa.width(w, false))
                .movi(R0, b.length)
                .store(SP, f.outarg(w), R0, Isa.width(w, true))
                .rtcall("runtime.printstring");
    }

    /** print(v) for an int64 constant. */
    static void printint(FuncBuilder f, long v) {
        f.movi(R0, v).store(SP, f.outarg(0), R0, Isa.W8).rtcall("runtime.printint");
    }

    /**
     * go fn(arg) for a static fn of one int argument; the FuncVal lives in the caller's scratch.
     */
    static void go(FuncBuilder f, Arch arch, String fn, long arg) {
        int w = arch.PtrSize;
        int fv = scratch(f, arch);
        f.movaddr(R0, fn)
                .store(SP, fv, R0, Isa.width(w, false))
                .movi(R0, w)
                .store(SP, f.outarg(0), R0, Isa.W4)
                .lea(R0, SP, fv)
                .store(SP, f.outarg(w), R0, Isa.width(w, false))
                .movi(R0, arg)
                .store(SP, f.outarg(2 * w), R0, Isa.width(w, true))
                .rtcall("runtime.newproc");
    }

    /** for i := 0; i < n; i++ { runtime.Gosched() }, counting in R-free stack scratch. */
    static void goschedLoop(FuncBuilder f, Arch arch, int n) {
        int w = arch.PtrSize;
        int iw = Isa.width(w, true);
        int i = scratch(f, arch) + w;
        Label top = f.newLabel();
        Label done = f.newLabel();
        f.movi(R0, 0).store(SP, i, R0, iw);
        f.bind(top).load(R0, SP, i, iw).movi(R1, n).setcc(Isa.LT, R2, R0, R1).jz(R2, done);
        f.rtcall("runtime.gosched");
        f.load(R0, SP, i, iw).movi(R1, 1).add(R0, R0, R1, iw).store(SP, i, R0, iw).jmp(top);
        f.bind(done);
    }

    /** func worker(n int) { println("worker", n) }. */
    static FuncBuilder worker(Arch arch) {
        FuncBuilder f = func(arch, "main.worker").args(arch.PtrSize);
        printstring(f, arch, "worker");
        f.rtcall("runtime.printsp");
        f.load(R0, FuncBuilder.FP, 0, Isa.width(arch.PtrSize, true))
                .store(SP, f.outarg(0), R0, Isa.W8)
                .rtcall("runtime.printint")
                .rtcall("runtime.printnl");
        return f.ret();
    }

    static Text link(Arch arch, FuncBuilder... fs) {
        Linker l = RuntimeText.link(new Linker(arch), arch);
        for (FuncBuilder f : fs) {
            l.add(f);
        }
        return l.link();
    }

    /** A process that runs {@code text}, with its stderr in {@code out}. */
    static GoProcess process(
            Text text, ByteArrayOutputStream out, int gomaxprocs, StatusObserver obs) {
        GoProcess.Builder b =
                GoProcess.builder(text)
                        .stderr(out)
                        .gomaxprocs(gomaxprocs)
                        .morestack(
                                Preempt.orElse(
                                        cpu -> {
                                            throw new AssertionError("unexpected morestack");
                                        }));
        if (obs != null) {
            b.observer(obs);
        }
        return b.build();
    }
}
