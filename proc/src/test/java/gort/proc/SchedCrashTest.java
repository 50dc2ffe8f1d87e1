package gort.proc;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Label;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go's crash tests of the scheduler (crash_test.go at 0a7c7ac80), hand-assembled: the deadlock
 * messages of checkdead, go of a nil func, thread exhaustion. Each runs on both arches with
 * GOMAXPROCS 1, 2 and 4; checkdead is reached through the real idle paths (stopm's mput,
 * stoplockedm's incidlelocked) with sysmon's M counted.
 */
@Timeout(120)
class SchedCrashTest {

    static Stream<Arguments> archAndProcs() {
        return ChanProgramTest.archAndProcs();
    }

    static final String DEADLOCK = "fatal error: all goroutines are asleep - deadlock!\n";

    static ChanProgramTest.Run run(Arch arch, int procs, FuncBuilder... fs) throws Exception {
        return ChanProgramTest.run(arch, procs, null, fs);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void simpleDeadlock(Arch arch, int procs) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.rt("runtime.block");

        ChanProgramTest.Run r = run(arch, procs, main.ret());

        assertThat(r.out()).isEqualTo(DEADLOCK);
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void receiveThatNobodyAnswersIsADeadlock(Arch arch, int procs) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0).go("main.idle", 6).recv(0, 1);
        Asm idle = new Asm(arch, "main.idle", 0);
        idle.makechan(0, arch.PtrSize, 1)
                .set(1, 0)
                .send(0, 1)
                .send(0, 1); // blocks on the full buffer

        ChanProgramTest.Run r = run(arch, procs, main.ret(), idle.ret());

        assertThat(r.out()).isEqualTo(DEADLOCK);
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void initDeadlock(Arch arch, int procs) throws Exception {
        Asm init = new Asm(arch, "main.init", 0);
        init.rt("runtime.block");
        Asm main = new Asm(arch, "main.main", 0);

        ChanProgramTest.Run r = run(arch, procs, init.ret(), main.ret());

        assertThat(r.out()).isEqualTo(DEADLOCK);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void lockedDeadlock(Arch arch, int procs) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.rt("runtime.LockOSThread").rt("runtime.block");

        ChanProgramTest.Run r = run(arch, procs, main.ret());

        assertThat(r.out()).isEqualTo(DEADLOCK);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void lockedDeadlock2(Arch arch, int procs) throws Exception {
        // go func() { runtime.LockOSThread(); select {} }(); time.Sleep(time.Millisecond); select
        // {}
        Asm main = new Asm(arch, "main.main", 0);
        main.go("main.locked", 6);
        main.f
                .movi(gort.runtime.cpu.Isa.R0, 1_000_000)
                .store(
                        gort.runtime.cpu.Isa.SP,
                        main.f.outarg(0),
                        gort.runtime.cpu.Isa.R0,
                        gort.runtime.cpu.Isa.W8);
        main.rt("time.Sleep").rt("runtime.block");
        Asm locked = new Asm(arch, "main.locked", 0);
        locked.rt("runtime.LockOSThread").rt("runtime.block");

        ChanProgramTest.Run r = run(arch, procs, main.ret(), locked.ret());

        assertThat(r.out()).isEqualTo(DEADLOCK);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void goexitDeadlock(Arch arch, int procs) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.go("main.F", 6).go("main.F", 6).rt("runtime.Goexit");

        ChanProgramTest.Run r = run(arch, procs, main.ret(), new Asm(arch, "main.F", 0).ret());

        assertThat(r.out())
                .isEqualTo("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void goNil(Arch arch, int procs) throws Exception {
        // var f func(); go f()
        Asm main = new Asm(arch, "main.main", 0);
        main.f
                .movi(gort.runtime.cpu.Isa.R0, 0)
                .store(
                        gort.runtime.cpu.Isa.SP,
                        main.f.outarg(0),
                        gort.runtime.cpu.Isa.R0,
                        gort.runtime.cpu.Isa.W4);
        main.outImm(1, 0).rt("runtime.newproc");

        ChanProgramTest.Run r = run(arch, procs, main.ret());

        assertThat(r.out()).isEqualTo("fatal error: go of nil func value\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void threadExhaustion(Arch arch, int procs) throws Exception {
        // debug.SetMaxThreads(10); c := make(chan int)
        // for i := 0; i < 100; i++ { go func() { runtime.LockOSThread(); c <- 0; select{} }(); <-c
        // }
        Asm main = new Asm(arch, "main.main", 0);
        main.outImm(0, 10)
                .rt("debug.SetMaxThreads")
                .makechan(0, arch.PtrSize, 0)
                .set(1, 0)
                .set(2, 100);
        Label top = main.label();
        Label done = main.label();
        main.bind(top)
                .jge(1, 2, done)
                .go("main.func001", 6, 0)
                .recv(0, 3)
                .addi(1, 1)
                .jmp(top)
                .bind(done);
        Asm fn = new Asm(arch, "main.func001", 1);
        fn.arg(0, 0).rt("runtime.LockOSThread").set(1, 0).send(0, 1).rt("runtime.block");

        ChanProgramTest.Run r = run(arch, procs, main.ret(), fn.ret());

        assertThat(r.out())
                .startsWith(
                        "runtime: program exceeds 10-thread limit\nfatal error: thread exhaustion");
        assertThat(r.exit()).isEqualTo(2);
    }
}
