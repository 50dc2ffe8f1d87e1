package gort.proc;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multi-goroutine hand-assembled programs over channels and select, on real M threads with
 * GOMAXPROCS 1, 2 and 4 on both arches.
 */
@Timeout(120)
class ChanProgramTest {

    static Stream<Arguments> archAndProcs() {
        List<Arguments> l = new ArrayList<>();
        for (Arch a : Arch.values()) {
            for (int p : new int[] {1, 2, 4}) {
                l.add(Arguments.of(a, p));
            }
        }
        return l.stream();
    }

    record Run(int exit, String out, GoProcess process) {}

    static Run run(Arch arch, int procs, StatusObserver obs, FuncBuilder... fs) throws Exception {
        Text text = Programs.link(arch, fs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess p = Programs.process(text, out, procs, obs);
        ProgramResult r = Mstart.run(p);
        return new Run(r.exitCode(), out.toString(StandardCharsets.UTF_8), p);
    }

    /** main sends 0..n-1 to echo, which answers v+1; main prints the sum of the answers. */
    static FuncBuilder[] pingpong(Arch arch, int n) {
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0).go("main.echo", 6, 0).set(1, 0).set(2, n).set(3, 0);
        Label top = main.label();
        Label done = main.label();
        main.bind(top).jge(1, 2, done).send(0, 1).recv(0, 4).add(3, 3, 4).addi(1, 1).jmp(top);
        main.bind(done).printint(3).nl();
        Asm echo = new Asm(arch, "main.echo", 1);
        Label loop = echo.label();
        echo.arg(0, 0).bind(loop).recv(0, 1).addi(1, 1).send(0, 1).jmp(loop);
        return new FuncBuilder[] {main.ret(), echo.ret()};
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void pingPongOverAnUnbufferedChannel(Arch arch, int procs) throws Exception {
        Run r = run(arch, procs, null, pingpong(arch, 2000));

        assertThat(r.out()).isEqualTo(2000L * 2001 / 2 + "\n");
        assertThat(r.exit()).isZero();
    }

    /** k workers sum what they receive from c until it is closed, then report on done. */
    static FuncBuilder[] fanin(Arch arch, int k, int n, int buf) {
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, buf).makechan(1, arch.PtrSize, 0).set(2, 0).set(3, k);
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
                .set(3, n + 1)
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
                .set(3, k)
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
        Asm worker = new Asm(arch, "main.worker", 2);
        Label loop = worker.label();
        Label fin = worker.label();
        worker.arg(0, 0)
                .arg(1, 1)
                .set(2, 0)
                .bind(loop)
                .recv2(0, 3, 4)
                .jz(4, fin)
                .add(2, 2, 3)
                .jmp(loop)
                .bind(fin)
                .send(1, 2);
        return new FuncBuilder[] {main.ret(), worker.ret()};
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void fanOutFanInThroughAnUnbufferedChannelEndsWithClose(Arch arch, int procs) throws Exception {
        Run r = run(arch, procs, null, fanin(arch, 8, 1000, 0));

        assertThat(r.out()).isEqualTo(1000L * 1001 / 2 + "\n");
        assertThat(r.exit()).isZero();
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void fanOutFanInThroughABufferedChannel(Arch arch, int procs) throws Exception {
        Run r = run(arch, procs, null, fanin(arch, 8, 1000, 4));

        assertThat(r.out()).isEqualTo(1000L * 1001 / 2 + "\n");
        assertThat(r.exit()).isZero();
    }

    /** Writes a select's case records at the string buffer and calls selectgo; chosen to slot 6. */
    static void select(Asm a, boolean block, int[]... cases) {
        int w = a.arch.PtrSize;
        int base = a.slot(Asm.SLOTS);
        int iw = a.iw;
        for (int i = 0; i < cases.length; i++) {
            int rec = base + 4 * w * i;
            int[] c = cases[i];
            a.f.movi(gort.runtime.cpu.Isa.R0, c[0])
                    .store(gort.runtime.cpu.Isa.SP, rec, gort.runtime.cpu.Isa.R0, iw);
            a.f.load(gort.runtime.cpu.Isa.R0, gort.runtime.cpu.Isa.SP, a.slot(c[1]), iw)
                    .store(gort.runtime.cpu.Isa.SP, rec + w, gort.runtime.cpu.Isa.R0, iw);
            if (c[2] >= 0) {
                a.f.lea(gort.runtime.cpu.Isa.R0, gort.runtime.cpu.Isa.SP, a.slot(c[2]));
            } else {
                a.f.movi(gort.runtime.cpu.Isa.R0, 0);
            }
            a.f.store(gort.runtime.cpu.Isa.SP, rec + 2 * w, gort.runtime.cpu.Isa.R0, iw);
            if (c[3] >= 0) {
                a.f.lea(gort.runtime.cpu.Isa.R0, gort.runtime.cpu.Isa.SP, a.slot(c[3]));
            } else {
                a.f.movi(gort.runtime.cpu.Isa.R0, 0);
            }
            a.f.store(gort.runtime.cpu.Isa.SP, rec + 3 * w, gort.runtime.cpu.Isa.R0, iw);
        }
        a.f.lea(gort.runtime.cpu.Isa.R0, gort.runtime.cpu.Isa.SP, base)
                .store(gort.runtime.cpu.Isa.SP, a.f.outarg(0), gort.runtime.cpu.Isa.R0, iw);
        a.outImm(1, cases.length).outImm(2, block ? 1 : 0).rt("runtime.selectgo").in(6, 3);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void selectWaitsForTheReadyCaseAndReportsItsIndexAndValue(Arch arch, int procs)
            throws Exception {
        // a, b := make(chan int), make(chan int); go sender(b, 42)
        // select { case v := <-a: ...; case v, ok := <-b: println(chosen, v, ok) }
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0)
                .makechan(1, arch.PtrSize, 0)
                .set(2, 42)
                .go("main.sender", 6, 1, 2);
        main.set(3, 0).set(4, 0).set(5, 0);
        select(main, true, new int[] {0, 0, 3, -1}, new int[] {0, 1, 4, 5});
        main.printint(6).printstr(" ").printint(4).printstr(" ").printint(5).nl();
        Asm sender = new Asm(arch, "main.sender", 2);
        sender.arg(0, 0).arg(1, 1).send(0, 1);

        Run r = run(arch, procs, null, main.ret(), sender.ret());

        assertThat(r.out()).isEqualTo("1 42 1\n");
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void selectWithDefaultReturnsMinusOneAndAClosedChannelReceivesZeroNotOk(Arch arch, int procs)
            throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0).set(3, 7).set(5, 1);
        select(main, false, new int[] {0, 0, 3, 5});
        main.printint(6).printstr(" ").printint(3).nl();
        main.close(0).set(3, 7).set(5, 1);
        select(main, true, new int[] {0, 0, 3, 5});
        main.printint(6).printstr(" ").printint(3).printstr(" ").printint(5).nl();

        Run r = run(arch, procs, null, main.ret());

        assertThat(r.out()).isEqualTo("-1 7\n0 0 0\n");
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void aSendCaseOfSelectWakesABlockedReceiver(Arch arch, int procs) throws Exception {
        // go recvAndPrint(c); select { case c <- 5: } ; then wait for done
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0)
                .makechan(1, arch.PtrSize, 0)
                .go("main.receiver", 6, 0, 1)
                .set(2, 5);
        select(main, true, new int[] {1, 0, 2, -1});
        main.recv(1, 3).printint(6).printstr(" ").printint(3).nl();
        Asm receiver = new Asm(arch, "main.receiver", 2);
        receiver.arg(0, 0).arg(1, 1).recv(0, 2).send(1, 2);

        Run r = run(arch, procs, null, main.ret(), receiver.ret());

        assertThat(r.out()).isEqualTo("0 5\n");
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void closeOfAClosedChannelPanicsAsGo13(Arch arch, int procs) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0).close(0).close(0);

        Run r = run(arch, procs, null, main.ret());

        assertThat(r.out()).isEqualTo("panic: runtime error: close of closed channel\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void aBlockedSenderPanicsWhenItsChannelIsClosed(Arch arch, int procs) throws Exception {
        // go closer(c); c <- 1   (closer closes c while main is blocked)
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 0).go("main.closer", 6, 0).set(1, 1).send(0, 1);
        Asm closer = new Asm(arch, "main.closer", 1);
        closer.arg(0, 0).rt("runtime.gosched").close(0);

        Run r = run(arch, procs, null, main.ret(), closer.ret());

        assertThat(r.out()).isEqualTo("panic: runtime error: send on closed channel\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void closeOfNilChannelAndNegativeMakechanPanic(Arch arch, int procs) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.set(0, 0).close(0);
        Asm main2 = new Asm(arch, "main.main", 0);
        main2.makechan(0, arch.PtrSize, -1);

        assertThat(run(arch, procs, null, main.ret()).out())
                .isEqualTo("panic: runtime error: close of nil channel\n");
        assertThat(run(arch, procs, null, main2.ret()).out())
                .isEqualTo("panic: runtime error: makechan: size out of range\n");
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void lenAndCapAreWordsZeroAndOneOfTheHchan(Arch arch, int procs) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, 8, 5).set(1, 3).send(0, 1).send(0, 1);
        main.f
                .load(gort.runtime.cpu.Isa.R1, gort.runtime.cpu.Isa.SP, main.slot(0), main.iw)
                .load(gort.runtime.cpu.Isa.R0, gort.runtime.cpu.Isa.R1, 0, main.iw)
                .store(gort.runtime.cpu.Isa.SP, main.slot(2), gort.runtime.cpu.Isa.R0, main.iw)
                .load(gort.runtime.cpu.Isa.R0, gort.runtime.cpu.Isa.R1, arch.PtrSize, main.iw)
                .store(gort.runtime.cpu.Isa.SP, main.slot(3), gort.runtime.cpu.Isa.R0, main.iw);
        main.printint(2).printstr(" ").printint(3).nl();

        assertThat(run(arch, procs, null, main.ret()).out()).isEqualTo("2 5\n");
    }

    @ParameterizedTest
    @MethodSource("archAndProcs")
    void manyGoroutinesParkOnOneChannelAndAreReleasedOneByOne(Arch arch, int procs)
            throws Exception {
        // for i < n { go waiter(c, done) }; for i < n { c <- 1; sum += <-done }; println(sum)
        int n = 3000;
        Asm m = new Asm(arch, "main.main", 0);
        m.makechan(0, arch.PtrSize, 0).makechan(1, arch.PtrSize, 100).set(2, 0).set(3, n);
        Label s1 = m.label();
        Label s2 = m.label();
        m.bind(s1).jge(2, 3, s2).go("main.waiter", 6, 0, 1).addi(2, 1).jmp(s1).bind(s2);
        Label r1 = m.label();
        Label r2 = m.label();
        m.set(2, 0)
                .set(4, 0)
                .set(5, 1)
                .bind(r1)
                .jge(2, 3, r2)
                .send(0, 5)
                .recv(1, 7)
                .add(4, 4, 7)
                .addi(2, 1)
                .jmp(r1)
                .bind(r2)
                .printint(4)
                .nl();
        Asm waiter = new Asm(arch, "main.waiter", 2);
        waiter.arg(0, 0).arg(1, 1).recv(0, 2).send(1, 2);

        Run r = run(arch, procs, null, m.ret(), waiter.ret());

        assertThat(r.out()).isEqualTo(n + "\n");
        assertThat(r.process().allglen).isGreaterThanOrEqualTo(n + 1);
    }
}
