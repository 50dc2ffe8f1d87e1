package gort.proc;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gsyscall;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.SP;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Text;
import gort.runtime.os.OsLayer;
import gort.runtime.os.SimOs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-assembled programs for the rest of the scheduler: timers, syscalls racing sysmon,
 * GOMAXPROCS, preemption by sysmon, LockOSThread, schedtrace.
 */
@Timeout(120)
class SchedProgramTest {

    static Stream<Arguments> archAndProcs() {
        return ChanProgramTest.archAndProcs();
    }

    static void sleep(Asm a, long ns) {
        a.f.movi(R0, ns).store(SP, a.f.outarg(0), R0, Isa.W8);
        a.rt("time.Sleep");
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void sleepersWakeInTheOrderOfTheirDeadlines(Arch arch, int procs) throws Exception {
        // go sleeper(300ms, 3, done); go sleeper(100ms, 1, done); go sleeper(200ms, 2, done); 3 x
        // <-done
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0);
        long[][] s = {{300_000_000L, 3}, {100_000_000L, 1}, {200_000_000L, 2}};
        for (long[] x : s) {
            main.set(1, x[0]).set(2, x[1]).go("main.sleeper", 6, 1, 2, 0);
        }
        main.recv(0, 3).recv(0, 3).recv(0, 3).printstr("done\n");
        Asm sleeper = new Asm(arch, "main.sleeper", 3);
        sleeper.arg(0, 0).arg(1, 1).arg(2, 2);
        sleeper.f
                .load(R0, SP, sleeper.slot(0), sleeper.iw)
                .store(SP, sleeper.f.outarg(0), R0, Isa.W8);
        sleeper.rt("time.Sleep").printint(1).nl().send(2, 1);
        long t0 = System.nanoTime();

        ChanProgramTest.Run r = ChanProgramTest.run(arch, procs, null, main.ret(), sleeper.ret());

        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(300_000_000L);
        assertThat(r.out()).isEqualTo("1\n2\n3\ndone\n");
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void syscallsRacingSysmonEachEnterAndLeaveGsyscallAndReturnEbadf(Arch arch, int procs)
            throws Exception {
        // 4 goroutines: for i := 0; i < 300; i++ { err = syscall.Close(-1) }; done <- errno
        int n = 300;
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0).set(1, n);
        for (int k = 0; k < 4; k++) {
            main.go("main.closer", 6, 0, 1);
        }
        main.set(2, 0);
        for (int k = 0; k < 4; k++) {
            main.recv(0, 3).add(2, 2, 3);
        }
        main.printint(2).nl();
        Asm closer = new Asm(arch, "main.closer", 2);
        Label top = closer.label();
        Label done = closer.label();
        closer.arg(0, 0)
                .arg(1, 1)
                .set(2, 0)
                .bind(top)
                .jge(2, 1, done)
                .outImm(0, -1)
                .rt("syscall.Close")
                .in(3, 2)
                .addi(2, 1)
                .jmp(top)
                .bind(done)
                .send(0, 3);
        Map<G, AtomicInteger> enters = new ConcurrentHashMap<>();
        Map<G, AtomicInteger> leaves = new ConcurrentHashMap<>();
        StatusObserver obs =
                new StatusObserver() {
                    @Override
                    public void transition(G gp, String accessor, int from, int to) {
                        if (from == Grunning && to == Gsyscall) {
                            enters.computeIfAbsent(gp, k -> new AtomicInteger()).incrementAndGet();
                        }
                        if (from == Gsyscall && (to == Grunning || to == Grunnable)) {
                            leaves.computeIfAbsent(gp, k -> new AtomicInteger()).incrementAndGet();
                        }
                    }

                    @Override
                    public void spin(G gp, int oldval, int newval, int seen) {}
                };

        ChanProgramTest.Run r = ChanProgramTest.run(arch, procs, obs, main.ret(), closer.ret());

        assertThat(r.out()).isEqualTo(4 * Syscalls.EBADF + "\n");
        assertThat(enters).hasSize(4);
        enters.forEach((g, c) -> assertThat(c.get()).isEqualTo(n));
        leaves.forEach((g, c) -> assertThat(c.get()).isEqualTo(n));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void gomaxprocsResizesWithTheWorldStoppedAndReturnsTheOldValue(Arch arch) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.outImm(0, 4)
                .rt("runtime.GOMAXPROCS")
                .in(0, 1)
                .outImm(0, 0)
                .rt("runtime.GOMAXPROCS")
                .in(1, 1)
                .outImm(0, 2)
                .rt("runtime.GOMAXPROCS")
                .in(2, 1);
        main.printint(0).printstr(" ").printint(1).printstr(" ").printint(2).nl();
        FuncBuilder[] fanin = ChanProgramTest.fanin(arch, 4, 100, 0);
        main.f.call("main.fanin");
        Asm fan = new Asm(arch, "main.fanin", 0);
        rebuildFanin(fan, arch);

        ChanProgramTest.Run r = ChanProgramTest.run(arch, 1, null, main.ret(), fan.ret(), fanin[1]);

        assertThat(r.out()).isEqualTo("1 4 4\n5050\n");
        assertThat(r.process().gomaxprocs).isEqualTo(2);
    }

    private static void rebuildFanin(Asm main, Arch arch) {
        main.makechan(0, arch.PtrSize, 0).makechan(1, arch.PtrSize, 0).set(2, 0).set(3, 4);
        Label spawn = main.label();
        Label spawned = main.label();
        main.bind(spawn)
                .jge(2, 3, spawned)
                .go("main.worker", 6, 0, 1)
                .addi(2, 1)
                .jmp(spawn)
                .bind(spawned);
        Label send = main.label();
        Label sent = main.label();
        main.set(2, 1)
                .set(3, 101)
                .bind(send)
                .jge(2, 3, sent)
                .send(0, 2)
                .addi(2, 1)
                .jmp(send)
                .bind(sent);
        main.close(0);
        Label collect = main.label();
        Label collected = main.label();
        main.set(2, 0)
                .set(3, 4)
                .set(4, 0)
                .bind(collect)
                .jge(2, 3, collected)
                .recv(1, 5)
                .add(4, 4, 5)
                .addi(2, 1)
                .jmp(collect)
                .bind(collected)
                .printint(4)
                .nl();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void sysmonPreemptsAGoroutineThatNeverYields(Arch arch) throws Exception {
        // GOMAXPROCS=1: go spinner(); runtime.Gosched(); println("main ran")
        // spinner: for { leaf() } — only sysmon's preemption request lets main run again.
        Asm main = new Asm(arch, "main.main", 0);
        main.go("main.spinner", 6).rt("runtime.gosched").printstr("main ran\n");
        Asm spinner = new Asm(arch, "main.spinner", 0);
        Label top = spinner.label();
        spinner.bind(top);
        spinner.f.call("main.leaf");
        spinner.jmp(top);
        Asm leaf = new Asm(arch, "main.leaf", 0);
        java.util.List<String> spinnerMoves =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        StatusObserver obs =
                new StatusObserver() {
                    @Override
                    public void transition(G gp, String accessor, int from, int to) {
                        if (gp.goid == 2) {
                            spinnerMoves.add(from + "->" + to);
                        }
                    }

                    @Override
                    public void spin(G gp, int oldval, int newval, int seen) {}
                };

        ChanProgramTest.Run r =
                ChanProgramTest.run(arch, 1, obs, main.ret(), spinner.ret(), leaf.ret());

        assertThat(r.out()).isEqualTo("main ran\n");
        assertThat(r.exit()).isZero();
        // newstack's dance (Grunning->Gwaiting->Grunning), then gosched_m (Grunning->Grunnable)
        int w = gort.runtime.GStatus.Gwaiting;
        assertThat(String.join(",", spinnerMoves))
                .contains(
                        Grunning + "->" + w + "," + w + "->" + Grunning + "," + Grunning + "->"
                                + Grunnable);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void aLockedGoroutineAlwaysRunsOnItsOwnThread(Arch arch, int procs) throws Exception {
        // main: LockOSThread; go yielder() x3; 50 x Gosched; UnlockOSThread
        Asm main = new Asm(arch, "main.main", 0);
        main.rt("runtime.LockOSThread");
        for (int k = 0; k < 3; k++) {
            main.go("main.yielder", 6);
        }
        Programs.goschedLoop(main.f, arch, 50);
        main.rt("runtime.UnlockOSThread").printstr("ok\n");
        Asm yielder = new Asm(arch, "main.yielder", 0);
        Programs.goschedLoop(yielder.f, arch, 50);
        Map<Long, Set<Thread>> threads = new ConcurrentHashMap<>();
        StatusObserver obs =
                new StatusObserver() {
                    @Override
                    public void transition(G gp, String accessor, int from, int to) {
                        if (from == Grunnable && to == Grunning) {
                            threads.computeIfAbsent(gp.goid, k -> ConcurrentHashMap.newKeySet())
                                    .add(Thread.currentThread());
                        }
                    }

                    @Override
                    public void spin(G gp, int oldval, int newval, int seen) {}
                };

        ChanProgramTest.Run r = ChanProgramTest.run(arch, procs, obs, main.ret(), yielder.ret());

        assertThat(r.out()).isEqualTo("ok\n");
        assertThat(threads.get(1L)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void godebugSchedtraceAndScheddetailPrintGosLines(Arch arch) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        sleep(main, 30_000_000L);
        Text text = Programs.link(arch, main.ret());
        String plain = runWithEnv(text, "schedtrace=1", null);
        // under the sim backend's virtual clock sysmon's 1ms traces fall inside main's 30ms sleep
        // whatever the host's load (real threads on a loaded, emulated host may miss it)
        String detail = runWithEnv(text, "schedtrace=1,scheddetail=1", new SimOs(7));

        assertThat(plain)
                .containsPattern(
                        "(?m)^SCHED \\d+ms: gomaxprocs=2 idleprocs=\\d+ threads=\\d+ "
                                + "spinningthreads=\\d+ idlethreads=\\d+ runqueue=\\d+ \\[\\d+ \\d+\\]$");
        assertThat(detail)
                .containsPattern(
                        "(?m)^SCHED \\d+ms: gomaxprocs=2 idleprocs=\\d+ threads=\\d+ "
                                + "spinningthreads=\\d+ idlethreads=\\d+ runqueue=\\d+ gcwaiting=0 nmidlelocked=\\d+ "
                                + "stopwait=0 sysmonwait=\\d+$");
        assertThat(detail)
                .containsPattern(
                        "(?m)^  P0: status=\\d schedtick=\\d+ syscalltick=\\d+ m=-?\\d+ "
                                + "runqsize=\\d+ gfreecnt=\\d+$");
        assertThat(detail)
                .containsPattern(
                        "(?m)^  M0: p=-?\\d+ curg=-?\\d+ mallocing=0 throwing=0 gcing=0 "
                                + "locks=\\d+ dying=0 helpgc=0 spinning=[01] blocked=[01] lockedg=-?\\d+$");
        assertThat(detail).containsPattern("(?m)^  G1: status=4\\(sleep\\) m=-1 lockedm=-1$");
    }

    /** Runs text with GODEBUG=godebug at GOMAXPROCS=2, on {@code os} (null: the real backend). */
    private static String runWithEnv(Text text, String godebug, OsLayer os) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess.Builder b =
                GoProcess.builder(text)
                        .stderr(out)
                        .gomaxprocs(2)
                        .env("GODEBUG", godebug)
                        .morestack(
                                Preempt.orElse(
                                        cpu -> {
                                            throw new AssertionError("unexpected morestack");
                                        }));
        if (os != null) {
            b.os(os);
        }
        GoProcess p = b.build();
        assertThat(Mstart.run(p).exitCode()).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void debugVarsParseLikeRuntimeC(Arch arch) {
        GoProcess p =
                GoProcess.builder(Programs.link(arch, new Asm(arch, "main.main", 0).ret()))
                        .env("GODEBUG", "gctrace=2,schedtrace=1000x,bogus=3,scheddetail=1")
                        .morestack(c -> {})
                        .build();
        DebugVars d = DebugVars.of(p);
        assertThat(d.gctrace).isEqualTo(2);
        assertThat(d.schedtrace).isEqualTo(1000);
        assertThat(d.scheddetail).isEqualTo(1);
        assertThat(d.efence).isZero();
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void gomaxprocsStopsTheWorldWhileGoroutinesAreInSyscalls(Arch arch, int procs)
            throws Exception {
        // go closer(2000, done) x2; GOMAXPROCS(4); GOMAXPROCS(2); GOMAXPROCS(3); 2 x <-done
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0)
                .set(1, 2000)
                .go("main.closer", 6, 0, 1)
                .go("main.closer", 6, 0, 1);
        for (int n : new int[] {4, 2, 3}) {
            main.outImm(0, n).rt("runtime.GOMAXPROCS").rt("runtime.gosched");
        }
        main.set(2, 0).recv(0, 3).add(2, 2, 3).recv(0, 3).add(2, 2, 3).printint(2).nl();
        Asm closer = new Asm(arch, "main.closer", 2);
        Label top = closer.label();
        Label done = closer.label();
        closer.arg(0, 0)
                .arg(1, 1)
                .set(2, 0)
                .set(4, 0)
                .bind(top)
                .jge(2, 1, done)
                .outImm(0, -1)
                .rt("syscall.Close")
                .in(3, 2)
                .add(4, 4, 3)
                .addi(2, 1)
                .jmp(top)
                .bind(done)
                .send(0, 4);

        ChanProgramTest.Run r = ChanProgramTest.run(arch, procs, null, main.ret(), closer.ret());

        assertThat(r.out()).isEqualTo(2 * 2000 * Syscalls.EBADF + "\n");
        assertThat(r.process().gomaxprocs).isEqualTo(3);
    }
}
