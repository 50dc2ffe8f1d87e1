package gort.bench;

import gort.proc.Asm;
import gort.proc.Mstart;
import gort.proc.Preempt;
import gort.proc.ProgramResult;
import gort.proc.RuntimeText;
import gort.runtime.GoProcess;
import gort.runtime.Throw;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4's scheduler figures, the workloads of bench/go/baseline_test.go on gort (amd64, real
 * backend), each a whole program run (process start and exit included, amortized over the ops):
 *
 * <ul>
 *   <li>{@link #goschedSwitch}: GOMAXPROCS=1, two goroutines hand the P to each other with
 *       runtime.Gosched; one op = one switch (gosched_m, globrunqput, schedule, execute).
 *   <li>{@link #pingPong}: one round trip over two unbuffered channels (chansend, chanrecv, park_m,
 *       ready), GOMAXPROCS 1 and 2.
 *   <li>{@link #hundredThousandGoroutines}: one op = 100,000 goroutines created, all parked on one
 *       channel, released by close, finished.
 * </ul>
 *
 * The programs are hand-assembled (the code generator's channels came later than this). Run: {@code
 * java -jar bench/target/benchmarks.jar SchedBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class SchedBench {
    static final int SWITCHES = 200_000;
    static final int ROUNDTRIPS = 1_000_000;
    static final int GOROUTINES = 100_000;
    static final Arch ARCH = Arch.amd64;

    /** The linked programs, built once per trial. */
    @State(Scope.Benchmark)
    public static class Programs {
        @Param({"1", "2"})
        public int gomaxprocs;

        Text gosched;
        Text pingpong;
        Text hundred;

        @Setup(Level.Trial)
        public void build() {
            gosched = link(goschedProgram());
            pingpong = link(pingpongProgram());
            hundred = link(hundredProgram());
        }
    }

    static Text link(FuncBuilder... fs) {
        Linker l = RuntimeText.link(new Linker(ARCH), ARCH);
        for (FuncBuilder f : fs) {
            l.add(f);
        }
        return l.link();
    }

    /** for i < n { runtime.Gosched() }; done &lt;- 1 (in two goroutines); main waits for both. */
    static FuncBuilder[] goschedProgram() {
        Asm main = new Asm(ARCH, "main.main", 0);
        main.makechan(0, ARCH.PtrSize, 0)
                .set(1, SWITCHES / 2)
                .go("main.yielder", 6, 0, 1)
                .go("main.yielder", 6, 0, 1)
                .recv(0, 2)
                .recv(0, 2);
        Asm y = new Asm(ARCH, "main.yielder", 2);
        Label top = y.label();
        Label done = y.label();
        y.arg(0, 0)
                .arg(1, 1)
                .set(2, 0)
                .bind(top)
                .jge(2, 1, done)
                .rt("runtime.gosched")
                .addi(2, 1)
                .jmp(top)
                .bind(done)
                .send(0, 2);
        return new FuncBuilder[] {main.ret(), y.ret()};
    }

    /** ping, pong := make(chan int), make(chan int); go echo(ping, pong); n round trips. */
    static FuncBuilder[] pingpongProgram() {
        Asm main = new Asm(ARCH, "main.main", 0);
        main.makechan(0, ARCH.PtrSize, 0)
                .makechan(1, ARCH.PtrSize, 0)
                .go("main.echo", 6, 0, 1)
                .set(2, 0)
                .set(3, ROUNDTRIPS);
        Label top = main.label();
        Label done = main.label();
        main.bind(top).jge(2, 3, done).send(0, 2).recv(1, 4).addi(2, 1).jmp(top).bind(done);
        Asm echo = new Asm(ARCH, "main.echo", 2);
        Label loop = echo.label();
        echo.arg(0, 0).arg(1, 1).bind(loop).recv(0, 2).send(1, 2).jmp(loop);
        return new FuncBuilder[] {main.ret(), echo.ret()};
    }

    /**
     * n goroutines each: &lt;-release; done &lt;- 1 (done buffered n); close(release); n x
     * &lt;-done.
     */
    static FuncBuilder[] hundredProgram() {
        Asm main = new Asm(ARCH, "main.main", 0);
        main.makechan(0, ARCH.PtrSize, 0)
                .makechan(1, ARCH.PtrSize, GOROUTINES)
                .set(2, 0)
                .set(3, GOROUTINES);
        Label spawn = main.label();
        Label spawned = main.label();
        main.bind(spawn)
                .jge(2, 3, spawned)
                .go("main.waiter", 6, 0, 1)
                .addi(2, 1)
                .jmp(spawn)
                .bind(spawned);
        main.close(0);
        Label wait = main.label();
        Label waited = main.label();
        main.set(2, 0).bind(wait).jge(2, 3, waited).recv(1, 4).addi(2, 1).jmp(wait).bind(waited);
        Asm w = new Asm(ARCH, "main.waiter", 2);
        w.arg(0, 0).arg(1, 1).recv(0, 2).set(2, 1).send(1, 2);
        return new FuncBuilder[] {main.ret(), w.ret()};
    }

    static void run(Text text, int gomaxprocs) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess process =
                GoProcess.builder(text)
                        .stderr(out)
                        .gomaxprocs(gomaxprocs)
                        .morestack(
                                Preempt.orElse(
                                        cpu ->
                                                Throw.throw_(
                                                        cpu.m().process,
                                                        "bench: unexpected stack growth")))
                        .build();
        ProgramResult r = Mstart.run(process);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(
                    "exit " + r.exitCode() + ": " + out.toString(StandardCharsets.UTF_8));
        }
    }

    /** One op = one Gosched switch, GOMAXPROCS=1 (the parameter is ignored). */
    @Benchmark
    @OperationsPerInvocation(SWITCHES)
    public void goschedSwitch(Programs p) throws InterruptedException {
        run(p.gosched, 1);
    }

    /** One op = one round trip over two unbuffered channels. */
    @Benchmark
    @OperationsPerInvocation(ROUNDTRIPS)
    public void pingPong(Programs p) throws InterruptedException {
        run(p.pingpong, p.gomaxprocs);
    }

    /** One op = 100,000 goroutines created, parked, released and finished. */
    @Benchmark
    public void hundredThousandGoroutines(Programs p) throws InterruptedException {
        run(p.hundred, p.gomaxprocs);
    }
}
