package gort.mprof;

import gort.mprof.pprof.Pprof;
import gort.proc.Schedule;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Profiling;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Linker;
import gort.runtime.os.LockFutex;
import gort.traceback.Traceback;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocking profile: mprof.goc's SetBlockProfileRate and blockevent, and the records
 * runtime.BlockProfile (mprof.go) returns, for the channel and select waits that chan.go and
 * chan.goc report.
 */
public final class BlockProfile implements Profiling {
    /** The process-wide implementation; per-process state lives in {@link Buckets}. */
    public static final BlockProfile INSTANCE = new BlockProfile();

    private BlockProfile() {}

    /** runtime·tickspersecond: gort's ticks are nanoseconds (GoProcess.cputicks). */
    static final long tickspersecond = 1_000_000_000L;

    /** Adds runtime.SetBlockProfileRate (RTCALL: rate int at argp) to l. */
    public static Linker link(Linker l) {
        return l.runtime(
                "runtime.SetBlockProfileRate",
                (cpu, argp) -> SetBlockProfileRate(cpu.m().process, cpu.mem().loadp(argp)));
    }

    /**
     * Sample one blocking event per {@code rate} nanoseconds blocked; 0 or less turns it off. Port
     * of mprof.goc runtime·SetBlockProfileRate (0a7c7ac80): the rate is converted to ticks through
     * a float64, and a positive rate is at least one tick.
     */
    public static void SetBlockProfileRate(GoProcess process, long rate) {
        long r;
        if (rate <= 0) {
            r = 0;
        } else {
            r = (long) ((double) rate * tickspersecond / (1000 * 1000 * 1000));
            if (r == 0) {
                r = 1;
            }
        }
        process.blockprofilerate.set(r);
    }

    /**
     * Records that the goroutine on cpu waited {@code cycles} ticks, when the rate samples it. Port
     * of mprof.goc runtime·blockevent (0a7c7ac80). gort differs in where the stack starts: skip
     * counts the C frames above the caller (blockevent, chanrecv ...), which are Java in gort and
     * have no frames, so the record starts at the Go function whose channel operation waited.
     */
    @Override
    public void blockevent(Cpu cpu, long cycles, int skip) {
        if (cycles <= 0) {
            return;
        }
        M mp = cpu.m();
        long rate = mp.process.blockprofilerate.get();
        if (rate <= 0
                || (rate > cycles
                        && Long.remainderUnsigned(
                                        Integer.toUnsignedLong(Schedule.fastrand1(mp)), rate)
                                > cycles)) {
            return;
        }
        long[] stk = new long[32];
        int nstk = Traceback.callers(cpu, 0, stk, stk.length);
        Buckets t = Buckets.of(mp.process);
        LockFutex.lock(mp, t.proflock);
        Buckets.Bucket b = t.stkbucket(Buckets.BProf, 0, stk, nstk, true);
        b.count++;
        b.cycles += cycles;
        LockFutex.unlock(mp, t.proflock);
    }

    /** runtime.BlockProfileRecord: how often and how long a stack blocked. */
    public record Record(long count, long cycles, long[] stack) implements Pprof.BlockRecord {}

    /** The blocking records, as runtime.BlockProfile copies them out (bbuckets order). */
    public static List<Record> records(M mp) {
        Buckets t = Buckets.of(mp.process);
        List<Record> out = new ArrayList<>();
        LockFutex.lock(mp, t.proflock);
        for (Buckets.Bucket b : t.blockBuckets()) {
            out.add(new Record(b.count, b.cycles, b.stk.clone()));
        }
        LockFutex.unlock(mp, t.proflock);
        return out;
    }
}
