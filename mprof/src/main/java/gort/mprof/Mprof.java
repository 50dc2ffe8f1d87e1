package gort.mprof;

import gort.proc.Sema;
import gort.proc.Tracebacks;
import gort.proc.World;
import gort.runtime.G;
import gort.runtime.M;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Linker;
import gort.runtime.mem.Memory;
import gort.traceback.Traceback;

/**
 * The profiling half of the runtime that Go programs call: so far mprof.go's runtime.Stack
 * (0a7c7ac80), the goroutine's own traceback into a buffer. The rest of mprof.goc (the goroutine,
 * memory and block profiles) is issue 16's.
 */
public final class Mprof {
    private Mprof() {}

    /** Adds mprof's RTCALL functions to l. */
    public static Linker link(Linker l, Arch arch) {
        return l.runtime("runtime.Stack", Mprof::Stack);
    }

    /**
     * runtime.Stack(buf []byte, all bool) int (RTCALL): the calling goroutine's traceback (and with
     * all, every other goroutine's, the world stopped) printed into buf through the G's print
     * diversion (g->writebuf, which gwrite fills); returns the bytes written. Port of mprof.go
     * Stack (0a7c7ac80). As at that commit, the calling goroutine's own header line is not printed
     * (9a5654abe added it the same day); the traceback starts at Stack's caller. gort differs: no
     * acquirem around the call (Go holds the M across semacquire, which in gort may park the
     * goroutine; its M is not needed after the world is stopped).
     */
    static void Stack(Cpu cpu, long argp) {
        M mp = cpu.m();
        boolean all = cpu.mem().load8(argp + 3L * cpu.arch().PtrSize) != 0;
        if (!all) {
            stack(cpu, argp, false);
            return;
        }
        Sema.semacquire(
                cpu,
                World.worldsema(mp.process),
                false,
                (c, a) -> {
                    M m = c.m();
                    m.gcing = 1;
                    World.stoptheworld(m, c.g());
                    stack(c, a, true);
                });
    }

    /** The part of Stack after the world is stopped (if all); then the world restarts. */
    private static void stack(Cpu cpu, long argp, boolean all) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        M mp = cpu.m();
        G gp = mp.curg;
        long buf = mem.loadp(argp);
        int len = (int) mem.loadp(argp + w);
        int n = 0;
        if (len > 0) {
            gp.writebuf = buf;
            gp.writenbuf = len;
            Traceback.traceback(mp, cpu.pc(), cpu.sp(), cpu.lr(), gp);
            if (all) {
                Tracebacks.tracebackothers(mp, gp, Traceback.TRACER);
            }
            n = len - gp.writenbuf;
            gp.writebuf = 0;
            gp.writenbuf = 0;
        }
        if (all) {
            mp.gcing = 0;
            Sema.semrelease(mp, World.worldsema(mp.process));
            World.starttheworld(mp);
        }
        mem.storep(argp + 4L * w, n);
    }
}
