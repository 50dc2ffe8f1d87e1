package gort.proc.jcstress;

import static gort.proc.StatusAccessors.casfromgscanstatus;
import static gort.proc.StatusAccessors.casgstatus;
import static gort.proc.StatusAccessors.castogscanstatus;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscanrunnable;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import gort.runtime.G;
import gort.runtime.GoProcess;
import java.io.OutputStream;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * MutatorVersusScanner made into a loop, so that one sample already holds many races: the G runs
 * (Grunnable → Grunning), rewrites its whole stack and stops again, round after round, while a
 * collector keeps taking the Gscan bit and scanning. Holding the bit keeps the G from running, so
 * no scan can see the stack half rewritten.
 *
 * <p>The same loop without the bit is the fixture broken.RepeatedScansWithoutTheBit, which jcstress
 * must fail even in sanity mode; this one must pass. The collector goes on until it has made SCANS
 * scans and the G has run ROUNDS rounds (so a late-starting thread still meets the other), the G
 * until the collector is done; both give up after DEADLINE_NANOS so that a starved thread cannot
 * hang the run.
 *
 * <p>Results: r1 = at least one scan happened, r2 = some scan saw the words disagree.
 */
@JCStressTest
@Outcome(
        id = "true, false",
        expect = ACCEPTABLE,
        desc = "The collector scanned while the G ran in rounds, and every scan saw a whole stack.")
@Outcome(
        id = "false, false",
        expect = ACCEPTABLE,
        desc = "The deadline passed before the collector found the G stopped: nothing scanned.")
@Outcome(
        id = ".*, true",
        expect = FORBIDDEN,
        desc = "A scan saw the stack half rewritten: the G ran while the collector held the bit.")
@State
public class RepeatedScans {
    static final int ROUNDS = 1_000;
    static final int SCANS = 100;
    static final long DEADLINE_NANOS = 2_000_000_000L;

    private static final GoProcess PROCESS = GoProcess.create(OutputStream.nullOutputStream());

    private final G gp = PROCESS.newG(Grunnable);
    private final StackImage stack = new StackImage();
    private volatile int rounds;
    private volatile boolean scannerDone;

    @Actor
    public void goroutine() {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        for (int round = 1; !scannerDone && System.nanoTime() < deadline; round++) {
            casgstatus(gp, Grunnable, Grunning);
            stack.rewrite(round);
            casgstatus(gp, Grunning, Grunnable);
            rounds = round;
        }
    }

    @Actor
    public void collector(ZZ_Result r) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        boolean torn = false;
        int scans = 0;
        while ((scans < SCANS || rounds < ROUNDS) && System.nanoTime() < deadline) {
            if (castogscanstatus(gp, Grunnable, Gscanrunnable)) {
                scans++;
                torn |= !stack.scanIsConsistent();
                casfromgscanstatus(gp, Gscanrunnable, Grunnable);
            }
        }
        scannerDone = true;
        r.r1 = scans > 0;
        r.r2 = torn;
    }
}
