package gort.proc.jcstress;

import static gort.proc.StatusAccessors.casgstatus;
import static gort.proc.StatusAccessors.readgstatus;
import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Grunnable;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import gort.runtime.G;
import gort.runtime.GoProcess;
import java.io.OutputStream;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IJJ_Result;

/**
 * newproc1 fills in a dead G's plain fields and then makes it Grunnable; whoever then finds the G
 * Grunnable (a scheduler on another M, a collector) reads those fields without a lock. That is only
 * safe because the transition is a release and readgstatus an acquire: seeing Grunnable must imply
 * seeing the fields written before it.
 *
 * <p>Results: r1 = the status the reader saw, r2 = goid and r3 = gopc as it read them (-1 when it
 * saw Gdead and left the G alone).
 */
@JCStressTest
@Outcome(
        id = "6, -1, -1",
        expect = ACCEPTABLE,
        desc = "Reader came first: the G was still Gdead, so it did not look at the fields.")
@Outcome(
        id = "1, 42, 4660",
        expect = ACCEPTABLE,
        desc = "Reader saw Grunnable and the goid and gopc written before the transition.")
@Outcome(
        id = "1, .*",
        expect = FORBIDDEN,
        desc = "Reader saw Grunnable but stale fields: the status change did not publish them.")
@Outcome(
        id = ".*",
        expect = FORBIDDEN,
        desc = "A status other than Gdead or Grunnable, or fields read from a Gdead G.")
@State
public class Publication {
    private static final GoProcess PROCESS = GoProcess.create(OutputStream.nullOutputStream());

    private final G gp = PROCESS.newG(Gdead);

    @Actor
    public void newproc() {
        gp.goid = 42;
        gp.gopc = 0x1234;
        casgstatus(gp, Gdead, Grunnable);
    }

    @Actor
    public void reader(IJJ_Result r) {
        int status = readgstatus(gp);
        r.r1 = status;
        if (status == Grunnable) {
            r.r2 = gp.goid;
            r.r3 = gp.gopc;
        } else {
            r.r2 = -1;
            r.r3 = -1;
        }
    }
}
