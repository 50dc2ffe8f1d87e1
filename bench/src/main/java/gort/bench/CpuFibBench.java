package gort.bench;

import gort.cmd.Compiler;
import gort.cmd.codegen.CodeGen;
import gort.cmd.codegen.Image;
import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.proc.RuntimeText;
import gort.runtime.GoProcess;
import gort.runtime.Throw;
import gort.runtime.arch.Arch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3's CPU figure: a call-heavy Go program, recursive fib(27), compiled from source and run on
 * the ported runtime, beside the same function in plain Java.
 *
 * <ul>
 *   <li>{@link #goFib}: one operation is a whole program run, the pipeline of {@code gort run}
 *       (RunCommand): a fresh {@link GoProcess} from the linked image (compiled once per trial by
 *       {@link Compiler} and {@link CodeGen}, linked with {@link RuntimeText}), the image loaded
 *       into its memory, {@link Mstart#run} (rt0_go, schedinit, runtime.main on m0's thread,
 *       main.init, main.main printing {@code fib(27)}, exit). The output is checked.
 *   <li>{@link #goEmpty}: the same pipeline for {@code func main() {}}, the fixed cost of a process
 *       run that goFib includes (process and memory set-up, M thread start, exit).
 *   <li>{@link #javaFib}: fib(27) in plain Java, the baseline.
 * </ul>
 *
 * fib(27) makes {@value #FIB_CALLS} calls of fib (C(n) = 1 + C(n-1) + C(n-2), C(0) = C(1) = 1, so
 * C(n) = 2 fib(n+1) - 1 = 2 * 317811 - 1); {@link Ratios} turns the time per fib(27) into calls per
 * second with that count. The GOARCH is a parameter of the Go benchmarks only, so the baseline runs
 * once and {@link Ratios} compares both arches to it.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CpuFibBench -rf json -rff /tmp/fib.json},
 * then {@code java -cp bench/target/benchmarks.jar gort.bench.Ratios /tmp/fib.json}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class CpuFibBench {

    /** Calls of fib that fib(27) makes, main's own call included. */
    static final long FIB_CALLS = 635_621;

    /** Which benchmark is compared to which, for {@link Ratios}; no target ratio is set. */
    static final Ratios.Pair[] PAIRS = {
        new Ratios.Pair("goFib", "javaFib", 0, FIB_CALLS, "calls"),
    };

    static final String FIB_SRC =
            """
            package main

            func fib(n int) int {
            	if n < 2 {
            		return n
            	}
            	return fib(n-1) + fib(n-2)
            }

            func main() {
            	println(fib(27))
            }
            """;

    static final String EMPTY_SRC =
            """
            package main

            func main() {
            }
            """;

    /** A program compiled and linked once per trial for one GOARCH. */
    @State(Scope.Thread)
    public static class Program {
        @Param({"amd64", "arm"})
        public String goarch;

        Arch arch;
        Image fib;
        Image empty;

        @Setup(Level.Trial)
        public void compile() {
            arch = Arch.valueOf(goarch);
            fib = build(arch, FIB_SRC);
            empty = build(arch, EMPTY_SRC);
        }
    }

    /** Compiles and links {@code src} for {@code arch} as gort run does. */
    static Image build(Arch arch, String src) {
        Compiler.Result checked = new Compiler(arch.PtrSize).check("./prog.go", "prog.go", src);
        if (!checked.ok()) {
            throw new IllegalStateException(checked.text());
        }
        CodeGen.Result generated = CodeGen.compile(checked.pkg(), arch, "./prog.go");
        if (!generated.diagnostics().isEmpty()) {
            throw new IllegalStateException(generated.diagnostics().toString());
        }
        return generated.program().link(ln -> RuntimeText.link(ln, arch));
    }

    /** Runs a linked program in a fresh process; returns what it printed (its stderr). */
    static String run(Image image) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess process =
                GoProcess.builder(image.text())
                        .stderr(out)
                        .gomaxprocs(1)
                        .morestack(
                                gort.proc.Preempt.orElse(
                                        cpu ->
                                                Throw.throw_(
                                                        cpu.m().process,
                                                        "bench: unexpected stack growth")))
                        .build();
        image.load(process.memory());
        ProgramResult result = Mstart.run(process);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    "exit " + result.exitCode() + ": " + out, result.fatal());
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** gort: a whole run of the fib(27) program (one op = one fib(27) plus a process run). */
    @Benchmark
    public String goFib(Program p) throws InterruptedException {
        String out = run(p.fib);
        if (!out.equals("196418\n")) {
            throw new IllegalStateException("fib(27) printed " + out);
        }
        return out;
    }

    /** gort: a whole run of an empty program, the fixed cost inside goFib. */
    @Benchmark
    public String goEmpty(Program p) throws InterruptedException {
        return run(p.empty);
    }

    /** Baseline: fib(27) in plain Java. */
    @Benchmark
    public int javaFib(JavaArg a) {
        int r = fib(a.n);
        if (r != 196418) {
            throw new IllegalStateException("fib(27) = " + r);
        }
        return r;
    }

    /** The argument of javaFib, from a field so that the JIT cannot fold fib(27) to a constant. */
    @State(Scope.Thread)
    public static class JavaArg {
        int n = 27;
    }

    static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
