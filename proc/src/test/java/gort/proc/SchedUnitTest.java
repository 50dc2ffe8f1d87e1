package gort.proc;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gwaiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.PStatus;
import gort.runtime.arch.Arch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Single functions of the scheduler, on a process that is built but not run. */
class SchedUnitTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final GoProcess process =
            GoProcess.builder(Programs.link(Arch.amd64, new Asm(Arch.amd64, "main.main", 0).ret()))
                    .stderr(out)
                    .morestack(c -> {})
                    .build();
    final M mp = new M(process, process.malloc().mallocgc(Mstart.M_SIZE, 0, 0));

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void goTestSchedLocalQueuePasses() {
        RunQueues.testSchedLocalQueue(process, mp);
        RunQueues.testSchedLocalQueueSteal(process, mp);
        assertThat(out()).isEmpty();
    }

    @Test
    void runqstealTakesHalfRoundedUpAndLeavesTheRestInOrder() {
        P p1 = new P();
        P p2 = new P();
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            G g = process.newG(Grunnable);
            gs.add(g);
            RunQueues.runqput(process, mp, p1, g);
        }
        G got = RunQueues.runqsteal(process, p2, p1);
        assertThat(got).isSameAs(gs.get(3)); // the last of the 4 grabbed
        assertThat(RunQueues.runqget(p2)).isSameAs(gs.get(0));
        assertThat(RunQueues.runqget(p1)).isSameAs(gs.get(4));
    }

    @Test
    void readyOfAGoroutineThatIsNotWaitingThrowsTheCommitsMessage() {
        Schedule.procresize(process, mp, 1);
        G gp = process.newG(Grunning);
        gp.goid = 5;
        assertThatThrownBy(() -> Schedule.ready(mp, gp))
                .isInstanceOf(GoThrow.class)
                .hasMessage("bad g->status in ready");
        assertThat(out())
                .isEqualTo(
                        "runtime: gp="
                                + String.format("0x%x", gp.addr)
                                + ", goid=5, gp->atomicstatus=2\nfatal error: bad g->status in ready\n");
    }

    @Test
    void readyMakesAWaitingGoroutineRunnableOnTheLocalQueue() {
        Schedule.procresize(process, mp, 1);
        G gp = process.newG(Gwaiting);
        Schedule.ready(mp, gp);
        assertThat(StatusAccessors.readgstatus(gp)).isEqualTo(Grunnable);
        assertThat(RunQueues.runqget(mp.p)).isSameAs(gp);
        assertThat(mp.locks).isZero();
    }

    @Test
    void checkdeadCountsSysmonAndThrowsOnInconsistentCounts() {
        process.sched.mcount = 1; // no sysmon counted: run = 1 - 0 - 0 - 1 = 0 ... then -1
        process.sched.nmidle = 1;
        assertThatThrownBy(() -> Schedule.checkdead(process, mp))
                .hasMessage("checkdead: inconsistent counts");
        assertThat(out())
                .isEqualTo(
                        "runtime: checkdead: nmidle=1 nmidlelocked=0 mcount=1\n"
                                + "fatal error: checkdead: inconsistent counts\n");
    }

    @Test
    void checkdeadFindsARunnableGoroutine() {
        process.sched.mcount = 2;
        process.sched.nmidle = 1;
        G gp = process.newG(Grunnable);
        gp.goid = 9;
        NewProc.allgadd(mp, gp);
        assertThatThrownBy(() -> Schedule.checkdead(process, mp))
                .hasMessage("checkdead: runnable g");
        assertThat(out()).startsWith("runtime: checkdead: find g 9 in status 1\n");
    }

    @Test
    void fastrand1IsGosShiftAndXorGenerator() {
        mp.fastrand =
                0x40000001; // doubled, the top bit is set: xor with the polynomial (asm's CMOVLMI)
        assertThat(Schedule.fastrand1(mp)).isEqualTo(0x80000002 ^ 0x88888eef);
        mp.fastrand = 0x80000001; // doubled, the top bit is clear: kept
        assertThat(Schedule.fastrand1(mp)).isEqualTo(2);
        mp.fastrand = 3;
        assertThat(Schedule.fastrand1(mp)).isEqualTo(6);
    }

    @Test
    void timerHeapKeepsTheEarliestFirstThroughAddsAndDeletes() {
        Timers.State st = Timers.timers(process);
        Random r = new Random(42);
        List<Timers.Timer> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Timers.Timer t = new Timers.Timer();
            t.when = r.nextInt(1000);
            t.i = st.t.size();
            st.t.add(t);
            Timers.siftupTimer(st, t.i);
            all.add(t);
        }
        process.sched.maxmcount = 10000;
        for (int i = 0; i < 50; i++) {
            assertThat(Timers.deltimer(mp, all.get(i * 3))).isTrue();
        }
        assertThat(Timers.deltimer(mp, all.get(0))).isFalse();
        long prev = Long.MIN_VALUE;
        while (!st.t.isEmpty()) {
            Timers.Timer t = st.t.get(0);
            assertThat(t.when).isGreaterThanOrEqualTo(prev);
            assertThat(t.i).isZero();
            prev = t.when;
            int last = st.t.size() - 1;
            st.t.set(0, st.t.get(last));
            st.t.get(0).i = 0;
            st.t.remove(last);
            if (last > 0) {
                Timers.siftdownTimer(st, 0);
            }
        }
    }

    @Test
    void dequeueSkipsASelectSudogAlreadySignalled() {
        Chan.WaitQ q = new Chan.WaitQ();
        Chan.SudoG a = new Chan.SudoG(1);
        Chan.SudoG b = new Chan.SudoG(2);
        a.selectdone =
                new java.util.concurrent.atomic.AtomicInteger(
                        1); // its select already won elsewhere
        Chan.enqueue(q, a);
        Chan.enqueue(q, b);
        assertThat(Chan.dequeue(q)).isSameAs(b);
        assertThat(Chan.dequeue(q)).isNull();
    }

    @Test
    void sudogsAreReusedThroughTheMcacheOfTheMsP() {
        P p1 = new P();
        P p2 = new P();
        mp.p = p1;
        Chan.SudoG a = Chan.acquireSudog(mp);
        Chan.SudoG b = Chan.acquireSudog(mp);
        a.elem = 8;
        Chan.releaseSudog(mp, a);
        Chan.releaseSudog(mp, b);
        assertThat(p1.mcache.sudogcache).isSameAs(b);
        assertThat(Chan.acquireSudog(mp)).isSameAs(b); // last in, first out, as C's list
        mp.p = p2; // another P has its own list, empty
        assertThat(Chan.acquireSudog(mp)).isNotIn(a, b);
        mp.p = p1;
        Chan.SudoG again = Chan.acquireSudog(mp);
        assertThat(again).isSameAs(a);
        assertThat(again.elem).isZero();
        assertThat(again.next).isNull();
        assertThat(p1.mcache.sudogcache).isNull();
    }

    @Test
    void goroutineheaderPrintsTheWaitReasonAndTheLock() {
        G gp = process.newG(Gwaiting);
        gp.goid = 4;
        gp.waitreason = "chan receive";
        gp.lockedm = mp;
        Schedule.goroutineheader(process, gp);
        assertThat(out()).isEqualTo("goroutine 4 [chan receive, locked to thread]:\n");
    }

    @Test
    void goroutineheaderCountsWholeMinutesSinceTheWaitBeganForWaitingAndSyscallOnly() {
        long minute = 60L * 1000 * 1000 * 1000;
        G waiting = process.newG(Gwaiting);
        waiting.goid = 7;
        waiting.waitreason = "chan receive";
        waiting.waitsince =
                process.os().nanotime() - 3 * minute - minute / 2; // set by mgc0.c's markroot in C
        Schedule.goroutineheader(process, waiting);
        G runnable = process.newG(Grunnable);
        runnable.goid = 8;
        runnable.waitsince = waiting.waitsince; // a stale value: only Gwaiting and Gsyscall count
        Schedule.goroutineheader(process, runnable);
        G recent = process.newG(Gwaiting);
        recent.goid = 9;
        recent.waitsince = process.os().nanotime() - minute / 2; // under a minute: not shown
        Schedule.goroutineheader(process, recent);
        assertThat(out())
                .isEqualTo(
                        "goroutine 7 [chan receive, 3 minutes]:\n"
                                + "goroutine 8 [runnable]:\ngoroutine 9 [waiting]:\n");
    }

    @Test
    void handoffpIdlesAPWithoutWork() {
        Schedule.procresize(process, mp, 2);
        process.sched.mcount = 2;
        P p = Schedule.releasep(mp);
        process.sched.nmspinning.set(1); // someone spins: no help needed
        Ms.handoffp(mp, p);
        assertThat(p.status).isEqualTo(PStatus.Pidle);
        assertThat(process.sched.npidle.get()).isEqualTo(2);
    }

    @Test
    void retakeTakesAPFromASyscallOnTheSecondTickWithTheSameSyscalltick() {
        Schedule.procresize(process, mp, 1);
        process.sched.mcount = 2;
        process.sched.maxmcount = 10000;
        P p = mp.p;
        p.m = null;
        P.STATUS.setVolatile(p, PStatus.Psyscall); // mp's G is in a syscall (entersyscall)
        p.syscalltick = 7;
        M sysmon = new M(process, process.malloc().mallocgc(Mstart.M_SIZE, 0, 0));
        process.sched.nmspinning.set(1); // someone spins, so handoffp idles the P

        assertThat(Sysmon.retake(sysmon, 1_000)).isZero(); // first sight of this syscalltick
        assertThat(p.status).isEqualTo(PStatus.Psyscall);
        // no local work, someone spins, and less than 10ms: keep waiting
        assertThat(Sysmon.retake(sysmon, 2_000)).isZero();
        assertThat(Sysmon.retake(sysmon, 1_000 + 10_000_000L)).isEqualTo(1);
        assertThat(p.status).isEqualTo(PStatus.Pidle);
        assertThat(process.sched.pidle).isSameAs(p);
        assertThat(process.sched.nmidlelocked).isZero();
    }

    @Test
    void preemptoneAsksTheRunningGoroutineToStopAtItsNextPrologue() {
        Schedule.procresize(process, mp, 1);
        G gp = process.newG(Grunning);
        gp.stackguard0 = 0x1000;
        mp.curg = gp;
        M other = new M(process, process.malloc().mallocgc(Mstart.M_SIZE, 0, 0));
        assertThat(Sysmon.preemptone(mp, mp.p)).isFalse(); // never the caller's own M
        assertThat(Sysmon.preemptone(other, mp.p)).isTrue();
        assertThat(gp.preempt).isTrue();
        assertThat(gp.stackguard0).isEqualTo(gort.runtime.Stack.StackPreempt(Arch.amd64));
    }
}
