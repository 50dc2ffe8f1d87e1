package gort.bench;

import gort.proc.RuntimeText;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Linker;
import gort.runtime.malloc.HeapBits;
import gort.runtime.malloc.Malloc;
import gort.runtime.mem.Memory;
import gort.runtime.type.Type;
import java.io.ByteArrayOutputStream;
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
 * Issue 18's figures: malloc.go's gomallocgc of a 16-byte pointer-free object (FlagNoScan, the
 * small-object path of class 16) and of a 64-byte object with pointers (a type whose inline mask
 * marks six of its eight words; the bitmap is written from it), one op = one allocation, on the
 * thread of an M that holds a P, so the P's mcache serves it as in C. Nothing frees: the heap
 * grows, as Go's does under GOGC=off, so each measurement iteration starts a fresh process.
 *
 * <p>Baselines: {@link #javaNew16}, a JVM allocation of two longs in the same run; Go 1.19's {@code
 * new} of the same types under GOGC=off is bench/go's BenchmarkNewScalar16 and
 * BenchmarkNewPointers64 (bench/README.md). Run: {@code java -jar bench/target/benchmarks.jar
 * MallocBench -rf json -rff /tmp/malloc.json}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class MallocBench {
    static final Ratios.Pair[] PAIRS = {
        new Ratios.Pair("mallocScalar16", "javaNew16", 0),
        new Ratios.Pair("mallocPointers64", "javaNew16", 0),
    };

    /** A process whose heap this thread allocates from, as an M holding a P. */
    @State(Scope.Thread)
    public static class Heap {
        @Param({"amd64", "arm"})
        public String goarch;

        GoProcess process;
        Malloc malloc;
        long pointers64;

        @Setup(Level.Iteration)
        public void start() {
            process = heapOnThisThread(Arch.valueOf(goarch));
            malloc = process.malloc();
            pointers64 = pointers64(process);
        }

        @TearDown(Level.Iteration)
        public void stop() {
            process.bindThread(null);
        }
    }

    /**
     * A process whose heap the calling thread allocates from as an M holding a P, so gomallocgc
     * takes the P's mcache as in C. {@code bindThread(null)} releases the thread.
     */
    static GoProcess heapOnThisThread(Arch arch) {
        GoProcess process =
                GoProcess.builder(RuntimeText.link(new Linker(arch), arch).link())
                        .stderr(new ByteArrayOutputStream())
                        .morestack(c -> {})
                        .build();
        M m = new M(process, process.malloc().mallocgc(1024, 0, 0));
        m.p = new P();
        process.bindThread(m);
        return process;
    }

    /**
     * A descriptor for struct { p [4]*int; x, y int64; q, r *int } on amd64 (64 bytes), or its 16
     * words of pointers and scalars on arm: size, kind Struct, and the inline mask in gc[0] (two
     * words a byte, each word's kind shifted by 2 or 6).
     */
    static long pointers64(GoProcess process) {
        Memory mem = process.memory();
        Arch arch = process.arch();
        int w = arch.PtrSize;
        long t = process.malloc().mallocgc(Type.sizeof(arch), 0, 0);
        mem.storep(t, 64);
        mem.store8(t + Type.kind(arch), Type.KindStruct);
        int words = 64 / w;
        long gc = t + Type.gc(arch, 0);
        for (int i = 0; i < words; i++) {
            boolean ptr = w == 8 ? (i < 4 || i >= 6) : (i < 4 || i >= 8 && i < 10 || i >= 12);
            int kind = ptr ? HeapBits.BitsPointer : HeapBits.BitsScalar;
            long at = gc + i / 2;
            mem.store8(at, mem.load8(at) | kind << ((i % 2) * 4 + 2));
        }
        return t;
    }

    @Benchmark
    public long mallocScalar16(Heap h) {
        return h.malloc.mallocgc(16, 0, Malloc.FlagNoScan);
    }

    @Benchmark
    public long mallocPointers64(Heap h) {
        return h.malloc.mallocgc(64, h.pointers64, 0);
    }

    @Benchmark
    public long[] javaNew16() {
        return new long[2];
    }
}
