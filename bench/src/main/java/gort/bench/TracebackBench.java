package gort.bench;

import gort.proc.Mstart;
import gort.proc.RuntimeText;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Linker;
import gort.runtime.os.ThreadExit;
import gort.stack.StackText;
import gort.traceback.Traceback;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 14's figure: gentraceback's pcbuf form (gcallers) over a 100-frame stack of a parked
 * goroutine, one op = one walk of {@link #FRAMES} frames. The goroutine is StackBench's recursion
 * (1 KiB frames), parked by a benchmark hook at the bottom; the walk reads its frames from
 * simulated memory and the text's pc tables, as every reader of stacks does.
 *
 * <p>Baseline in the same run: {@link #jvmStackWalker100}, the JVM's own StackWalker taking 100
 * frames of a plain Java recursion. Go 1.19's runtime.Callers on the same depth is bench/go's
 * BenchmarkCallers100 (see bench/README.md); {@link Ratios} prints frames per second. Run: {@code
 * java -jar bench/target/benchmarks.jar TracebackBench -rf json -rff /tmp/tb.json}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class TracebackBench {
    /** Frames per walk, as TracebackMaxFrames. */
    static final int FRAMES = 100;

    static final Ratios.Pair[] PAIRS = {
        new Ratios.Pair("gcallers100", "jvmStackWalker100", 0, FRAMES, "frames"),
    };

    /** A process whose main goroutine is parked deeper than {@link #FRAMES} frames. */
    @State(Scope.Thread)
    public static class Parked {
        @Param({"amd64", "arm"})
        public String goarch;

        GoProcess process;
        volatile G gp;
        final long[] pcbuf = new long[FRAMES];
        final CountDownLatch parked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        Thread runner;

        @Setup(Level.Trial)
        public void park() throws Exception {
            Arch arch = Arch.valueOf(goarch);
            Linker l =
                    StackText.link(RuntimeText.link(new Linker(arch), arch), arch)
                            .runtime(
                                    "bench.park",
                                    (cpu, argp) -> {
                                        G g = cpu.g();
                                        cpu.gosave(g.sched);
                                        StatusAccessors.casgstatus(
                                                g, GStatus.Grunning, GStatus.Gwaiting);
                                        gp = g;
                                        parked.countDown();
                                        try {
                                            release.await();
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                        cpu.m().process.exit(0);
                                        throw new ThreadExit();
                                    });
            l.add(StackBench.main(arch, FRAMES + 10)).add(StackBench.rec(arch));
            process = StackBench.process(l.link(), new ByteArrayOutputStream());
            runner =
                    new Thread(
                            () -> {
                                try {
                                    Mstart.run(process);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
            runner.start();
            if (!parked.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the program did not park");
            }
            int n = Traceback.gcallers(null, gp, 0, pcbuf, FRAMES);
            if (n != FRAMES) {
                throw new IllegalStateException("walked " + n + " frames, want " + FRAMES);
            }
        }

        @TearDown(Level.Trial)
        public void unpark() throws InterruptedException {
            release.countDown();
            runner.join();
        }
    }

    /** gentraceback(~0, ~0, 0, gp, 0, pcbuf, 100, nil, nil, false): 100 return pcs. */
    @Benchmark
    public long gcallers100(Parked s) {
        Traceback.gcallers(null, s.gp, 0, s.pcbuf, FRAMES);
        return s.pcbuf[FRAMES - 1];
    }

    /** A Java recursion FRAMES + 10 deep, ready for {@link #jvmStackWalker100} at its bottom. */
    @State(Scope.Thread)
    public static class Deep {
        final StackWalker walker = StackWalker.getInstance();

        long walk() {
            return down(FRAMES + 10);
        }

        private long down(int n) {
            if (n == 0) {
                return walker.walk(frames -> frames.limit(FRAMES).count());
            }
            return down(n - 1) + 1;
        }
    }

    /** Baseline: the JVM's StackWalker over 100 frames (plus the 110 calls down to them). */
    @Benchmark
    public long jvmStackWalker100(Deep d) {
        return d.walk();
    }
}
