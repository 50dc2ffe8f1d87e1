package gort.proc.jcstress;

import static gort.proc.StatusAccessors.castogscanstatus;
import static gort.runtime.GStatus.Gscanwaiting;
import static gort.runtime.GStatus.Gwaiting;
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
 * The Gscan bit is a lock: two collectors that both want to scan the same blocked G must not both
 * get it. Each actor makes the one attempt castogscanstatus(gp, Gwaiting, Gscanwaiting); since both
 * start from Gwaiting, exactly one attempt can succeed and the other must see the scan state the
 * winner left and fail.
 */
@JCStressTest
@Outcome(
        id = {"true, false", "false, true"},
        expect = ACCEPTABLE,
        desc = "One scanner took the bit; the other saw Gscanwaiting and got nothing.")
@Outcome(
        id = "true, true",
        expect = FORBIDDEN,
        desc = "Both scanners took the bit: two collectors own one stack.")
@Outcome(
        id = "false, false",
        expect = FORBIDDEN,
        desc = "Neither scanner took the bit of a Gwaiting G: an acquisition was lost.")
@State
public class TwoScannersRace {
    private static final GoProcess PROCESS = GoProcess.create(OutputStream.nullOutputStream());

    private final G gp = PROCESS.newG(Gwaiting);

    @Actor
    public void scanner1(ZZ_Result r) {
        r.r1 = castogscanstatus(gp, Gwaiting, Gscanwaiting);
    }

    @Actor
    public void scanner2(ZZ_Result r) {
        r.r2 = castogscanstatus(gp, Gwaiting, Gscanwaiting);
    }
}
