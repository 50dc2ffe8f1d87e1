package gort.proc.jcstress;

import static gort.proc.StatusAccessors.casfromgscanstatus;
import static gort.proc.StatusAccessors.casgstatus;
import static gort.proc.StatusAccessors.castogscanstatus;
import static gort.proc.StatusAccessors.readgstatus;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscanrunnable;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import gort.runtime.G;
import gort.runtime.GoProcess;
import java.io.OutputStream;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZII_Result;

/**
 * A collector scanning a runnable G's stack must see the stack as the G left it: while the scanner
 * holds the Gscan bit, the G cannot be moved to Grunning, so it cannot change its stack.
 *
 * <p>The mutator stands for the scheduler starting the G: casgstatus(Grunnable → Grunning), then
 * the running G writes its stack (a plain field). The scanner takes the bit, reads the stack, and
 * gives the bit back. Results: r1 = the scanner took the bit, r2 = the stack word it read (-1 when
 * it did not scan), r3 = the final status. The mutator's casgstatus spins while the scanner holds
 * the bit, so it always ends in Grunning.
 */
@JCStressTest
@Outcome(
        id = "true, 0, 2",
        expect = ACCEPTABLE,
        desc =
                "Scanner held the bit first and saw the untouched stack; the mutator waited, then ran.")
@Outcome(
        id = "false, -1, 2",
        expect = ACCEPTABLE,
        desc = "The G was already Grunning: the scanner could not take the bit and did not scan.")
@Outcome(
        id = "true, 1, .*",
        expect = FORBIDDEN,
        desc =
                "The scan saw the running G's write while holding the bit: the bit did not exclude the G.")
@Outcome(
        id = ".*",
        expect = FORBIDDEN,
        desc =
                "Final status is not Grunning (the mutator's transition was lost) or the scan saw garbage.")
@State
public class MutatorVersusScanner {
    private static final GoProcess PROCESS = GoProcess.create(OutputStream.nullOutputStream());

    /** The G's stack, reduced to one word the running G changes. Plain on purpose. */
    static final class Stack {
        int word;
    }

    private final G gp = PROCESS.newG(Grunnable);
    private final Stack stack = new Stack();

    @Actor
    public void mutator() {
        casgstatus(gp, Grunnable, Grunning);
        stack.word = 1;
    }

    @Actor
    public void scanner(ZII_Result r) {
        if (castogscanstatus(gp, Grunnable, Gscanrunnable)) {
            r.r1 = true;
            r.r2 = stack.word;
            casfromgscanstatus(gp, Gscanrunnable, Grunnable);
        } else {
            r.r1 = false;
            r.r2 = -1;
        }
    }

    @Arbiter
    public void finalStatus(ZII_Result r) {
        r.r3 = readgstatus(gp);
    }
}
