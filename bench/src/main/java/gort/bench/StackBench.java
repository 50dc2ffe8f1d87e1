package gort.bench;

import static gort.runtime.cpu.FuncData.BitsPointer;
import static gort.runtime.cpu.FuncData.BitsScalar;
import static gort.runtime.cpu.FuncData.PCDATA_StackMapIndex;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.R1;
import static gort.runtime.cpu.Isa.SP;

import gort.cmd.Compiler;
import gort.cmd.codegen.CodeGen;
import gort.cmd.codegen.Image;
import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.proc.RuntimeText;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.StackMap;
import gort.runtime.cpu.Text;
import gort.runtime.os.ThreadExit;
import gort.stack.CopyStack;
import gort.stack.StackText;
import gort.stack.Stacks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
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
 * Issue 5's figures: stack growth and copying (stack.c) on the ported runtime, beside the Go
 * baselines of bench/go (BenchmarkStackGrow64MiB, BenchmarkStack64x1MiB).
 *
 * <ul>
 *   <li>{@link #grow64MiB}: one op is a whole program run whose main goroutine recurses with 1 KiB
 *       frames until its stack is 64 MiB (13 doublings by copystack from 8 KiB); Go's baseline
 *       grows a fresh goroutine, without a process start.
 *   <li>{@link #grow64x1MiB}: one op is a program run in which 64 goroutines each grow to 1 MiB.
 *   <li>{@link #steady64MiB}, {@link #steady64x1MiB}: the same two shapes as Go's benchmarks
 *       measure them, inside one running process: one op is a fresh goroutine that grows to 64 MiB
 *       and sends its result on a channel (64 goroutines growing to 1 MiB each), main receiving;
 *       between ops main waits in a benchmark hook ({@link Steady}). No process start, and the
 *       simulated heap's pages are reused from op to op, as Go's are.
 *   <li>{@link #copy1MiB}: copystack of a G parked 1 MiB deep in a recursion whose frames hold
 *       pointers into their own frames (rewritten by adjustpointers on every copy); its baseline
 *       {@link #memmove1MiB} is a plain copy of the same bytes of simulated memory. {@link Ratios}
 *       gives both as bytes per second.
 * </ul>
 *
 * Run: {@code java -jar bench/target/benchmarks.jar StackBench -rf json -rff /tmp/stack.json}, then
 * {@code java -cp bench/target/benchmarks.jar gort.bench.Ratios /tmp/stack.json}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class StackBench {
    /** Bytes copy1MiB copies: the used part of the parked stack (approximately). */
    static final long COPY_BYTES = 1 << 20;

    static final Ratios.Pair[] PAIRS = {
        new Ratios.Pair("copy1MiB", "memmove1MiB", 0, COPY_BYTES, "bytes"),
    };

    /**
     * The recursion every program here runs: Go's baseline grow (bench/go), a 1 KiB frame per call.
     */
    static final String GROW_FUNC =
            """
            func grow(depth int) int {
            	var pad [1024 - 64]byte
            	pad[depth%len(pad)] = byte(depth)
            	if depth == 0 {
            		return int(pad[0])
            	}
            	return grow(depth-1) + int(pad[depth%len(pad)])
            }
            """;

    static final String GROW_SRC =
            """
            package main

            """
                    + GROW_FUNC
                    + """
            func main() {
            	println(grow(64 << 10))
            }
            """;

    static final String GROW64_SRC =
            """
            package main

            import "runtime"

            var done [64]bool

            """
                    + GROW_FUNC
                    + """
            func worker(i int) {
            	grow(1 << 10)
            	done[i] = true
            }

            func main() {
            	for i := 0; i < 64; i++ {
            		go worker(i)
            	}
            	for {
            		all := true
            		for i := 0; i < 64; i++ {
            			if !done[i] {
            				all = false
            			}
            		}
            		if all {
            			break
            		}
            		runtime.Gosched()
            	}
            	println("done")
            }
            """;

    /** Programs compiled and linked once per trial. */
    @State(Scope.Thread)
    public static class Programs {
        @Param({"amd64", "arm"})
        public String goarch;

        Image grow;
        Image grow64;

        @Setup(Level.Trial)
        public void compile() {
            Arch arch = Arch.valueOf(goarch);
            grow = build(arch, GROW_SRC);
            grow64 = build(arch, GROW64_SRC);
        }
    }

    /** Compiles and links {@code src} with the stack module, as GoRunner does. */
    static Image build(Arch arch, String src) {
        return build(arch, src, ln -> {});
    }

    /** Like {@link #build(Arch, String)}, with {@code extra} registering more runtime functions. */
    static Image build(Arch arch, String src, java.util.function.Consumer<Linker> extra) {
        java.util.function.Consumer<Linker> setup =
                ln -> extra.accept(StackText.link(RuntimeText.link(ln, arch), arch));
        Linker names = new Linker(arch);
        setup.accept(names);
        Compiler.Result checked = new Compiler(arch.PtrSize).check("./prog.go", "prog.go", src);
        if (!checked.ok()) {
            throw new IllegalStateException(checked.text());
        }
        CodeGen.Result generated = CodeGen.compile(checked.pkg(), arch, "./prog.go", names.names());
        if (!generated.diagnostics().isEmpty()) {
            throw new IllegalStateException(generated.diagnostics().toString());
        }
        return generated.program().link(setup);
    }

    /** A process for {@code text} with stack.c wired in, as GoRunner wires it. */
    static GoProcess process(Text text, ByteArrayOutputStream out) {
        Stacks stacks = new Stacks();
        GoProcess process =
                GoProcess.builder(text)
                        .stderr(out)
                        .gomaxprocs(1)
                        .stacks(stacks)
                        .morestack(stacks::newstack)
                        .build();
        stacks.stackinit(process);
        return process;
    }

    static String run(Image image) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess process = process(image.text(), out);
        image.load(process.memory());
        ProgramResult result = Mstart.run(process);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    "exit " + result.exitCode() + ": " + out, result.fatal());
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Benchmark
    public String grow64MiB(Programs p) throws InterruptedException {
        String out = run(p.grow);
        if (!out.equals("8355840\n")) { // sum of byte(d) for d = 1..65536
            throw new IllegalStateException("grow printed " + out);
        }
        return out;
    }

    @Benchmark
    public String grow64x1MiB(Programs p) throws InterruptedException {
        String out = run(p.grow64);
        if (!out.equals("done\n")) {
            throw new IllegalStateException("printed " + out);
        }
        return out;
    }

    static final String GROW_STEADY_SRC =
            """
            package main

            import "runtime"

            """
                    + GROW_FUNC
                    + """
            func main() {
            	done := make(chan int)
            	for {
            		runtime.Breakpoint() // the benchmark's hook: returns when the next op starts
            		go func() { done <- grow(64 << 10) }()
            		if <-done != 8355840 {
            			println("bad sum")
            			return
            		}
            	}
            }
            """;

    static final String GROW64_STEADY_SRC =
            """
            package main

            import "runtime"

            """
                    + GROW_FUNC
                    + """
            func main() {
            	done := make(chan int)
            	for {
            		runtime.Breakpoint() // the benchmark's hook: returns when the next op starts
            		for j := 0; j < 64; j++ {
            			go func() { grow(1 << 10); done <- 0 }()
            		}
            		for j := 0; j < 64; j++ {
            			<-done
            		}
            	}
            }
            """;

    /**
     * A process running one of the steady programs for the whole trial. Its runtime.Breakpoint is
     * the benchmark's hook: it reports the previous op done and blocks main's M until the benchmark
     * thread starts the next op (or ends the trial: then the process exits).
     */
    @State(Scope.Thread)
    public static class Steady {
        @Param({"amd64", "arm"})
        public String goarch;

        final SynchronousQueue<Boolean> start = new SynchronousQueue<>();
        final SynchronousQueue<Boolean> done = new SynchronousQueue<>();
        Thread runner;
        volatile Throwable failure;

        void launch(String src) throws InterruptedException {
            Arch arch = Arch.valueOf(goarch);
            boolean[] first = {true};
            Image image =
                    build(
                            arch,
                            src,
                            ln ->
                                    ln.runtime(
                                            "runtime.Breakpoint",
                                            (cpu, argp) -> {
                                                try {
                                                    if (!first[0]) {
                                                        done.put(true);
                                                    }
                                                    first[0] = false;
                                                    if (!start.take()) {
                                                        cpu.m().process.exit(0);
                                                        throw new ThreadExit();
                                                    }
                                                } catch (InterruptedException e) {
                                                    Thread.currentThread().interrupt();
                                                    throw new IllegalStateException(e);
                                                }
                                            }));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GoProcess process = process(image.text(), out);
            image.load(process.memory());
            runner =
                    new Thread(
                            () -> {
                                try {
                                    ProgramResult r = Mstart.run(process);
                                    if (r.exitCode() != 0) {
                                        failure =
                                                new IllegalStateException(
                                                        "exit " + r.exitCode() + ": " + out,
                                                        r.fatal());
                                    }
                                } catch (Throwable t) {
                                    failure = t;
                                }
                            });
            runner.start();
        }

        /** One op: lets main run one round, waits until it is back in the hook. */
        void op() throws InterruptedException {
            start.put(true);
            while (done.poll(1, TimeUnit.SECONDS) == null) {
                if (failure != null || !runner.isAlive()) {
                    throw new IllegalStateException("the steady program stopped", failure);
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            start.put(false);
            runner.join();
        }
    }

    /** Steady with GROW_STEADY_SRC. */
    public static class Steady64MiB extends Steady {
        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            launch(GROW_STEADY_SRC);
        }
    }

    /** Steady with GROW64_STEADY_SRC. */
    public static class Steady64x1MiB extends Steady {
        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            launch(GROW64_STEADY_SRC);
        }
    }

    /**
     * One op: a fresh goroutine grows to 64 MiB, in a process that keeps running (warms slowly: few
     * ops per second).
     */
    @Benchmark
    @Warmup(iterations = 8, time = 2, timeUnit = TimeUnit.SECONDS)
    public void steady64MiB(Steady64MiB s) throws InterruptedException {
        s.op();
    }

    /** One op: 64 fresh goroutines grow to 1 MiB each, in a process that keeps running. */
    @Benchmark
    @Warmup(iterations = 8, time = 2, timeUnit = TimeUnit.SECONDS)
    public void steady64x1MiB(Steady64x1MiB s) throws InterruptedException {
        s.op();
    }

    /**
     * A G parked 1 MiB deep: main.rec(n) keeps a pointer to its own local and recurses with ~1 KiB
     * frames; at depth 0 it calls bench.park, which saves its state (gosave), makes it Gwaiting and
     * holds its M until the trial ends.
     */
    @State(Scope.Thread)
    public static class Parked {
        @Param({"amd64", "arm"})
        public String goarch;

        GoProcess process;
        Stacks stacks;
        volatile G gp;
        int nframes;
        long used;
        long scratch;
        final CountDownLatch parked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        Thread runner;

        @Setup(Level.Trial)
        public void park() throws Exception {
            Arch arch = Arch.valueOf(goarch);
            int depth = (int) (COPY_BYTES / (PAD + 6 * arch.PtrSize));
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
            l.add(main(arch, depth)).add(rec(arch));
            process = process(l.link(), new ByteArrayOutputStream());
            stacks = (Stacks) process.stacks();
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
            nframes = CopyStack.copyabletopsegment(stacks, gp);
            if (nframes < 100) {
                throw new IllegalStateException("only " + nframes + " copyable frames");
            }
            used = gp.stackbase + 88 - gp.sched.sp;
            scratch =
                    process.malloc()
                            .mallocgc(2 * COPY_BYTES, 0, gort.runtime.malloc.Malloc.FlagNoScan);
        }

        @TearDown(Level.Trial)
        public void unpark() throws InterruptedException {
            release.countDown();
            runner.join();
        }
    }

    static final int PAD = 1000;

    static FuncBuilder rec(Arch arch) {
        int w = arch.PtrSize;
        int iw = Isa.width(w, true);
        int pw = Isa.width(w, false);
        int locals = 4 * w + PAD;
        FuncBuilder f =
                new FuncBuilder(arch, "main.rec").args(2 * w).locals(locals).pos("rec.go", 1);
        int a = f.local(2 * w);
        int p = f.local(3 * w);
        int[] entry = new int[locals / w];
        int[] site = new int[locals / w];
        site[0] = BitsScalar;
        site[1] = BitsScalar;
        site[2] = BitsScalar;
        site[3] = BitsPointer;
        f.localsMaps(StackMap.of(entry, site, site));
        f.argsMaps(
                StackMap.of(
                        new int[] {BitsScalar, 0},
                        new int[] {BitsScalar, BitsScalar},
                        new int[] {BitsScalar, BitsScalar}));
        Label base = f.newLabel();
        f.load(R0, FuncBuilder.FP, 0, iw)
                .store(SP, a, R0, iw)
                .lea(R0, SP, a)
                .store(SP, p, R0, pw)
                .load(R0, FuncBuilder.FP, 0, iw)
                .jz(R0, base)
                .movi(R1, 1)
                .sub(R0, R0, R1, iw)
                .store(SP, f.outarg(0), R0, iw)
                .pcdata(PCDATA_StackMapIndex, 1)
                .call("main.rec")
                .pcdata(PCDATA_StackMapIndex, -1)
                .load(R0, SP, f.outarg(w), iw)
                .store(FuncBuilder.FP, w, R0, iw)
                .ret();
        f.bind(base)
                .pcdata(PCDATA_StackMapIndex, 2)
                .rtcall("bench.park")
                .pcdata(PCDATA_StackMapIndex, -1)
                .movi(R0, 0)
                .store(FuncBuilder.FP, w, R0, iw)
                .ret();
        return f;
    }

    static FuncBuilder main(Arch arch, int depth) {
        int w = arch.PtrSize;
        int locals = 2 * w;
        FuncBuilder f = new FuncBuilder(arch, "main.main").locals(locals).pos("rec.go", 20);
        int[] words = {BitsScalar, BitsScalar};
        f.localsMaps(StackMap.of(words, words)).argsMaps(StackMap.of(new int[0], new int[0]));
        f.movi(R0, depth)
                .store(SP, f.outarg(0), R0, Isa.width(w, true))
                .pcdata(PCDATA_StackMapIndex, 1)
                .call("main.rec")
                .ret();
        return f;
    }

    /** copystack of the parked G to a fresh 2 MiB stack (the old one is freed). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long copy1MiB(Parked s) {
        CopyStack.copystack(s.stacks, null, s.gp, s.nframes, 2 * COPY_BYTES);
        return s.gp.sched.sp;
    }

    /** Baseline: memmove of the same number of bytes of simulated memory. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long memmove1MiB(Parked s) {
        s.process.memory().memmove(s.scratch, s.gp.sched.sp, s.used);
        return s.scratch;
    }
}
