package gort.proc.jcstress.broken;

import static gort.proc.StatusAccessors.casgstatus;
import static gort.proc.StatusAccessors.readgstatus;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import gort.proc.jcstress.StackImage;
import gort.runtime.G;
import gort.runtime.GoProcess;
import java.io.OutputStream;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * A deliberately wrong collector, kept only to prove that the jcstress harness can fail: it reads
 * the status, and if the G looks stopped it scans, without taking the Gscan bit. Nothing then stops
 * the G from running in the middle of the scan. This class sits outside the normal selection;
 * JcstressShortModeTest runs it alone and expects FORBIDDEN.
 *
 * <p>A one-shot version (one read, one write per sample) is not enough: sanity mode takes about a
 * hundred samples per test and the race shows in well under one in a thousand. So this is the
 * looped gort.proc.jcstress.RepeatedScans with the bit left out and larger counts: in one sample
 * the collector makes up to SCANS scans against up to ROUNDS rounds of the G and stops at the first
 * torn scan, so almost every sample shows the bug.
 */
@JCStressTest
@Outcome(
        id = "true, false",
        expect = ACCEPTABLE,
        desc = "Every scan saw a whole stack (the broken collector got lucky).")
@Outcome(
        id = "false, false",
        expect = ACCEPTABLE,
        desc = "The deadline passed before the collector found the G stopped: nothing scanned.")
@Outcome(
        id = ".*, true",
        expect = FORBIDDEN,
        desc =
                "A scan saw the stack half rewritten: without the bit the G runs under the collector.")
@State
public class RepeatedScansWithoutTheBit {
    static final int ROUNDS = 100_000;
    static final int SCANS = 100_000;
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
        while (!torn && (scans < SCANS || rounds < ROUNDS) && System.nanoTime() < deadline) {
            if (readgstatus(gp) == Grunnable) { // the bug: looks, but does not lock
                scans++;
                torn = !stack.scanIsConsistent();
            }
        }
        scannerDone = true;
        r.r1 = scans > 0;
        r.r2 = torn;
    }
}
