package gort.mprof;

import gort.proc.RuntimeText;
import gort.proc.Sema;
import gort.proc.StatusAccessors;
import gort.proc.Tracebacks;
import gort.proc.World;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.M;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Linker;
import gort.runtime.mem.Memory;
import gort.traceback.Traceback;
import java.util.ArrayList;
import java.util.List;

/**
 * The profiling half of the runtime that Go programs call: so far mprof.go's runtime.Stack
 * (0a7c7ac80), the goroutine's own traceback into a buffer. The rest of mprof.goc (the goroutine,
 * memory and block profiles) is issue 16's.
 */
public final class Mprof {
    private Mprof() {}

    /** Adds mprof's RTCALL functions to l. */
    public static Linker link(Linker l, Arch arch) {
        return l.runtime("runtime.Stack", Mprof::Stack)
                .runtime("runtime.GoroutineProfile", Mprof::GoroutineProfile);
    }

    /** mprof.goc's TRecord (runtime.StackRecord): 32 return pcs, 0 after the last when short. */
    static final int TRECORD_PCS = 32;

    /** A TRecord at r holding stk, 0-terminated when shorter than the record. */
    private static void storeRecord(M mp, long[] stk, long r) {
        Memory mem = mp.process.memory();
        int w = mp.process.arch().PtrSize;
        for (int i = 0; i < stk.length; i++) {
            mem.storep(r + (long) i * w, stk[i]);
        }
        if (stk.length < TRECORD_PCS) {
            mem.storep(r + (long) stk.length * w, 0);
        }
    }

    /**
     * gp's return pcs, at most a record's worth, from (pc, sp), or from gp's saved state when both
     * are ~0. Port of mprof.goc saveg (0a7c7ac80); gort returns the pcs and {@link #storeRecord}
     * writes the TRecord, so the exit-time profile can use the same walk.
     */
    static long[] saveg(M mp, long pc, long sp, long lr, G gp) {
        long[] stk = new long[TRECORD_PCS];
        int n = Traceback.gentraceback(mp, pc, sp, lr, gp, 0, stk, TRECORD_PCS, null, false);
        return java.util.Arrays.copyOf(stk, n);
    }

    /**
     * The stacks GoroutineProfile records, the world stopped: the calling goroutine's from where it
     * is (cpu's pc and sp), then every other G's that readgstatus does not find Gdead, from its
     * saved state; each as saveg walks it.
     */
    static List<long[]> profileStacks(Cpu c) {
        M m = c.m();
        G g = c.g();
        List<long[]> stacks = new ArrayList<>();
        stacks.add(saveg(m, c.pc(), c.sp(), c.lr(), g));
        for (int i = 0; i < m.process.allglen; i++) {
            G gp = m.process.allg[i];
            if (gp == g || StatusAccessors.readgstatus(gp) == GStatus.Gdead) {
                continue;
            }
            stacks.add(saveg(m, ~0L, ~0L, 0, gp));
        }
        return stacks;
    }

    /**
     * runtime.GoroutineProfile(p []StackRecord) (n int, ok bool) (RTCALL): how many goroutines
     * exist and, when p has room for all, the stack of each: the caller's first (from the call),
     * then every other G that is not dead, read with the world stopped. Port of mprof.goc
     * GoroutineProfile (0a7c7ac80), with the commit's {@code readgstatus(gp) == Gdead} test.
     */
    static void GoroutineProfile(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        M mp = cpu.m();
        long len = mem.loadp(argp + w);
        int n = RuntimeText.gcount(mp.process);
        if (n > len) {
            mem.storep(argp + 3L * w, n);
            mem.store8(argp + 4L * w, 0);
            return;
        }
        Sema.semacquire(
                cpu,
                World.worldsema(mp.process),
                false,
                (c, a) -> {
                    M m = c.m();
                    G g = c.g();
                    m.gcing = 1;
                    World.stoptheworld(m, g);
                    int count = RuntimeText.gcount(m.process);
                    boolean ok = false;
                    if (count <= len) {
                        ok = true;
                        long r = mem.loadp(a);
                        long size = (long) TRECORD_PCS * w;
                        for (long[] stk : profileStacks(c)) {
                            storeRecord(m, stk, r);
                            r += size;
                        }
                    }
                    m.gcing = 0;
                    Sema.semrelease(m, World.worldsema(m.process));
                    World.starttheworld(m);
                    mem.storep(a + 3L * w, count);
                    mem.store8(a + 4L * w, ok ? 1 : 0);
                });
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
