package gort.bench;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscanrunnable;

import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What gort's goroutine status accessors cost on one thread, next to the bare VarHandle operations
 * they are built on.
 *
 * <p>Every gort benchmark here works on one G of a process that prints to a discarding stream and
 * has no {@link gort.runtime.StatusObserver}, so the accessors take their common path: the argument
 * checks, the observer null check and one VarHandle access. Every baseline does the same VarHandle
 * access on a {@link StatusWord}, a plain object that holds only a volatile int. The difference
 * between a pair is therefore the accessor's own overhead. Nothing is contended: the state is per
 * thread and each benchmark leaves the word as it found it, so every compare-and-set succeeds at
 * the first try.
 *
 * <p>The pairs, as {@link #PAIRS} lists them for {@link Ratios}:
 *
 * <ul>
 *   <li>{@link #readgstatus} against {@link #rawGetAcquire} (the same access mode) and against
 *       {@link #rawGetVolatile} (the stronger mode a plain volatile read would use);
 *   <li>{@link #casgstatusPair} against {@link #rawCasPair}: two successful transitions;
 *   <li>{@link #scanstatusPair} against {@link #rawCasPair}: taking and giving back the scan bit;
 *   <li>{@link #casgstatusPairObserved} against {@link #casgstatusPair}: the same transitions on a
 *       G whose process has an observer that does nothing, i.e. what switching the hook on costs
 *       (the conformance suite's recorder then adds its own work). Without an observer the
 *       accessors pay only the null check, which {@link #casgstatusPair} against {@link
 *       #rawCasPair} measures.
 * </ul>
 *
 * Scores are average time per operation in nanoseconds; an operation is one call of the benchmark
 * method, so the pair benchmarks report the cost of two compare-and-sets.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar StatusAccessorBench -rf json -rff
 * /tmp/bench.json}, then {@code java -cp bench/target/benchmarks.jar gort.bench.Ratios
 * /tmp/bench.json}. With the annotations below one run takes about 55 s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class StatusAccessorBench {

    /**
     * Which benchmark is compared to which, for {@link Ratios}: gort method, baseline method, and
     * the largest ratio the project accepts (0 when it has set none).
     */
    static final Ratios.Pair[] PAIRS = {
        new Ratios.Pair("readgstatus", "rawGetAcquire", 0),
        new Ratios.Pair("readgstatus", "rawGetVolatile", 0),
        new Ratios.Pair("casgstatusPair", "rawCasPair", 1.15),
        new Ratios.Pair("scanstatusPair", "rawCasPair", 0),
        new Ratios.Pair("casgstatusPairObserved", "casgstatusPair", 0),
    };

    /** The G under test: Grunnable between benchmark calls. */
    private G gp;

    /** The baseline word: 1 (the value of Grunnable) between benchmark calls. */
    private StatusWord raw;

    @Setup(Level.Trial)
    public void setUp() {
        GoProcess process = GoProcess.create(OutputStream.nullOutputStream());
        gp = process.newG(Grunnable);
        raw = new StatusWord(Grunnable);
    }

    /** Fails the run if a benchmark did not leave the words as it found them. */
    @TearDown(Level.Trial)
    public void checkRestored() {
        if (StatusAccessors.readgstatus(gp) != Grunnable || raw.value != Grunnable) {
            throw new IllegalStateException(
                    "status not restored: gp="
                            + StatusAccessors.readgstatus(gp)
                            + " raw="
                            + raw.value);
        }
    }

    // ---- reads ----

    /** gort: one readgstatus of a Grunnable G (an acquire read of G.atomicstatus). */
    @Benchmark
    public int readgstatus() {
        return StatusAccessors.readgstatus(gp);
    }

    /** Baseline for readgstatus: an acquire read of the baseline word. */
    @Benchmark
    public int rawGetAcquire() {
        return (int) StatusWord.VALUE.getAcquire(raw);
    }

    /** Second baseline for readgstatus: a volatile (sequentially consistent) read of the word. */
    @Benchmark
    public int rawGetVolatile() {
        return (int) StatusWord.VALUE.getVolatile(raw);
    }

    // ---- compare-and-set pairs ----

    /**
     * gort: casgstatus Grunnable → Grunning and back, two uncontended transitions that each succeed
     * at the first compare-and-set. casgstatus returns nothing; its compare-and-sets on a heap
     * object are side effects the JIT must keep.
     */
    @Benchmark
    public void casgstatusPair() {
        StatusAccessors.casgstatus(gp, Grunnable, Grunning);
        StatusAccessors.casgstatus(gp, Grunning, Grunnable);
    }

    /**
     * gort: castogscanstatus Grunnable → Gscanrunnable, then casfromgscanstatus back to Grunnable,
     * as a collector scanning a runnable G does. Returns castogscanstatus's answer.
     */
    @Benchmark
    public boolean scanstatusPair() {
        boolean taken = StatusAccessors.castogscanstatus(gp, Grunnable, Gscanrunnable);
        StatusAccessors.casfromgscanstatus(gp, Gscanrunnable, Grunnable);
        return taken;
    }

    /**
     * A G of a process watched by an observer that does nothing. A state of its own, so only {@link
     * #casgstatusPairObserved}'s fork ever loads an observer class.
     */
    @State(Scope.Thread)
    public static class Observed {
        G gp;

        @Setup(Level.Trial)
        public void setUp() {
            GoProcess process =
                    GoProcess.create(
                            OutputStream.nullOutputStream(),
                            new StatusObserver() {
                                @Override
                                public void transition(G g, String accessor, int from, int to) {}

                                @Override
                                public void spin(G g, int oldval, int newval, int seen) {}
                            });
            gp = process.newG(Grunnable);
        }
    }

    /** gort: {@link #casgstatusPair} on a G whose process has a do-nothing observer. */
    @Benchmark
    public void casgstatusPairObserved(Observed o) {
        StatusAccessors.casgstatus(o.gp, Grunnable, Grunning);
        StatusAccessors.casgstatus(o.gp, Grunning, Grunnable);
    }

    /**
     * Baseline for both pairs: compareAndSet 1 → 2 and 2 → 1 on the baseline word. The results are
     * combined with a non-short-circuit {@code &}, so both run, and returned.
     */
    @Benchmark
    public boolean rawCasPair() {
        boolean there = StatusWord.VALUE.compareAndSet(raw, 1, 2);
        boolean back = StatusWord.VALUE.compareAndSet(raw, 2, 1);
        return there & back;
    }
}
