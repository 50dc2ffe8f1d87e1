package gort.bench;

import gort.proc.Asm;
import gort.proc.Mstart;
import gort.proc.NewProc;
import gort.proc.ProgramResult;
import gort.proc.RuntimeText;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Stack;
import gort.runtime.Throw;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 3's memory figure: what a freshly created goroutine, with its first 8 KiB stack (StackMin),
 * costs in JVM heap and in the process's simulated resident memory; and, with {@code parked}, issue
 * 4's: what a goroutine parked on a channel costs.
 *
 * <pre>
 *   java -Xmx3g -cp bench/target/benchmarks.jar gort.bench.GoroutineMemory [parked] [N [REPS [GOARCH...]]]
 * </pre>
 *
 * (defaults: N = 100000 goroutines, REPS = 5 processes per GOARCH, GOARCH amd64 and arm).
 *
 * <p>Each repetition is a whole process started as {@code gort run} starts one ({@link
 * GoProcess#builder}, {@link Mstart#run}: rt0_go, schedinit, runtime.main on m0's thread) with
 * GOMAXPROCS 1. The code generator does not compile {@code go} yet, so main.main is assembled by
 * hand: it RTCALLs a Java function that, on the main goroutine's M, does what N {@code go f()}
 * statements do, {@link NewProc#newproc1} for a FuncVal of an empty {@code main.f}, with the M's
 * locks held as runtime.newproc holds them. main never yields, so the N goroutines stay Grunnable
 * (in allg and in the run queues, local then global) until main returns and the process exits.
 * Around the loop the function settles the JVM heap (System.gc until the used heap stops shrinking)
 * and reads the used heap ({@link MemoryMXBean}) and {@link gort.runtime.mem.Memory#residentBytes};
 * the differences divided by N are the figures. Nothing of the Gs is freed in between: allg and the
 * run queues hold them all.
 *
 * <p>With {@code parked}, main.main (assembled with {@link Asm}) makes an unbuffered channel {@code
 * release} and a channel {@code started} buffered N, measures, runs N times {@code go
 * waiter(release, started)}, where waiter does {@code started <- 1; <-release}, and receives N
 * times from {@code started}. With GOMAXPROCS 1 the last waiter to send has readied main behind
 * every other waiter, so when main measures again every waiter has run and is parked in chanrecv on
 * {@code release}, which the measuring function checks (N Gs in allg are Gwaiting for "chan
 * receive"); the figure then holds each waiter's G, the stack blocks its frames touched, its SudoG
 * on release's wait queue, and its slot of {@code started}'s buffer.
 */
public final class GoroutineMemory {
    private GoroutineMemory() {}

    /** One repetition's growth over N goroutines. */
    record Sample(long heapBytes, long residentBytes, int goroutines) {}

    public static void main(String[] args) throws InterruptedException {
        boolean parked = args.length > 0 && args[0].equals("parked");
        if (parked) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Arch> arches = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            arches.add(Arch.valueOf(args[i]));
        }
        if (arches.isEmpty()) {
            arches = List.of(Arch.amd64, Arch.arm);
        }
        System.out.printf(
                Locale.ROOT,
                "%d %s goroutines (StackMin %d bytes) per process, %d processes per GOARCH, %s, max heap %d MiB%n",
                n,
                parked ? "parked" : "fresh",
                Stack.StackMin,
                reps,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
        for (Arch arch : arches) {
            double[] heap = new double[reps];
            double[] resident = new double[reps];
            for (int r = 0; r < reps; r++) {
                Sample s = parked ? measureParked(arch, n) : measure(arch, n);
                heap[r] = (double) s.heapBytes / s.goroutines;
                resident[r] = (double) s.residentBytes / s.goroutines;
                System.out.printf(
                        Locale.ROOT,
                        "  %s #%d: JVM heap +%.1f MiB = %.0f B/goroutine; resident +%.1f MiB = %.0f B/goroutine%n",
                        arch,
                        r + 1,
                        s.heapBytes / 1048576.0,
                        heap[r],
                        s.residentBytes / 1048576.0,
                        resident[r]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: JVM heap %.0f B/goroutine (median; min %.0f, max %.0f), simulated resident %.0f B/goroutine (median)%n",
                    arch,
                    median(heap),
                    min(heap),
                    max(heap),
                    median(resident));
        }
    }

    /** Runs one process that creates {@code n} goroutines and returns what they added. */
    static Sample measure(Arch arch, int n) throws InterruptedException {
        Sample[] result = new Sample[1];
        Linker ln = new Linker(arch);
        RuntimeText.link(ln, arch);
        ln.add(new FuncBuilder(arch, "main.f").nosplit(true).pos("bench.go", 1).ret());
        ln.add(
                new FuncBuilder(arch, "main.main")
                        .nosplit(true)
                        .pos("bench.go", 3)
                        .rtcall("bench.spawn")
                        .ret());
        ln.runtime("bench.spawn", (cpu, argp) -> result[0] = spawn(cpu, n));
        return runForSample(ln.link(), result);
    }

    /** Runs text with one P and returns the Sample its measuring runtime call left in result. */
    private static Sample runForSample(Text text, Sample[] result) throws InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GoProcess process =
                GoProcess.builder(text)
                        .stderr(err)
                        .gomaxprocs(1)
                        .morestack(
                                gort.proc.Preempt.orElse(
                                        cpu ->
                                                Throw.throw_(
                                                        cpu.m().process,
                                                        "bench: unexpected stack growth")))
                        .build();
        ProgramResult pr = Mstart.run(process);
        if (pr.exitCode() != 0 || result[0] == null) {
            throw new IllegalStateException("exit " + pr.exitCode() + ": " + err, pr.fatal());
        }
        return result[0];
    }

    /** On the main goroutine: n times what {@code go f()} does, measured around. */
    private static Sample spawn(Cpu cpu, int n) {
        M mp = cpu.m();
        GoProcess process = mp.process;
        long fv =
                process.malloc()
                        .mallocgc(process.arch().PtrSize, 0, gort.runtime.malloc.Malloc.FlagNoScan);
        process.memory().storep(fv, process.text().lookup("main.f").entry);
        int before = count(process);
        long heap0 = settledHeap();
        long res0 = process.memory().residentBytes();
        mp.locks++; // as runtime.newproc
        for (int i = 0; i < n; i++) {
            NewProc.newproc1(mp, fv, 0, 0, 0, cpu.pc());
        }
        mp.locks--;
        long heap1 = settledHeap();
        long res1 = process.memory().residentBytes();
        int made = count(process) - before;
        if (made != n) {
            throw new IllegalStateException("allg grew by " + made + ", not " + n);
        }
        return new Sample(heap1 - heap0, res1 - res0, n);
    }

    /**
     * Runs one process whose main parks {@code n} goroutines on a channel (see the class comment)
     * and returns what they added.
     */
    static Sample measureParked(Arch arch, int n) throws InterruptedException {
        long[] before = new long[2];
        Sample[] result = new Sample[1];
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0)
                .makechan(1, arch.PtrSize, n)
                .rt("bench.before")
                .set(2, 0)
                .set(3, n);
        Label spawn = main.label();
        Label spawned = main.label();
        main.bind(spawn)
                .jge(2, 3, spawned)
                .go("main.waiter", 6, 0, 1)
                .addi(2, 1)
                .jmp(spawn)
                .bind(spawned);
        Label wait = main.label();
        Label waited = main.label();
        main.set(2, 0)
                .bind(wait)
                .jge(2, 3, waited)
                .recv(1, 4)
                .addi(2, 1)
                .jmp(wait)
                .bind(waited)
                .rt("bench.after");
        Asm w = new Asm(arch, "main.waiter", 2);
        w.arg(0, 0).arg(1, 1).set(2, 1).send(1, 2).recv(0, 2);
        Linker ln = new Linker(arch);
        RuntimeText.link(ln, arch);
        ln.add(main.ret());
        ln.add(w.ret());
        ln.runtime(
                "bench.before",
                (cpu, argp) -> {
                    before[0] = settledHeap();
                    before[1] = cpu.mem().residentBytes();
                });
        ln.runtime(
                "bench.after",
                (cpu, argp) -> {
                    GoProcess process = cpu.m().process;
                    long heap1 = settledHeap();
                    long res1 = cpu.mem().residentBytes();
                    int waiting = 0;
                    for (int i = 0; i < process.allglen; i++) {
                        G gp = process.allg[i];
                        if (StatusAccessors.readgstatus(gp) == GStatus.Gwaiting
                                && "chan receive".equals(gp.waitreason)) {
                            waiting++;
                        }
                    }
                    if (waiting != n) {
                        throw new IllegalStateException(
                                waiting + " goroutines parked in chan receive, not " + n);
                    }
                    result[0] = new Sample(heap1 - before[0], res1 - before[1], n);
                });
        return runForSample(ln.link(), result);
    }

    /** Gs in allg. */
    private static int count(GoProcess process) {
        return process.allglen;
    }

    /** The used JVM heap after full collections, once it stops shrinking. */
    static long settledHeap() {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = bean.getHeapMemoryUsage().getUsed();
            if (used >= last - 64 * 1024) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(Double.NaN);
    }
}
