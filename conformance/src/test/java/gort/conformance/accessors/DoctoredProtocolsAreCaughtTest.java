package gort.conformance.accessors;

import static gort.runtime.GStatus.Gscan;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.Print;
import gort.runtime.Throw;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The suite's checks bite: each doctored variant of the accessors, differing from the commit in one
 * way, is reported by the check that owns that behaviour. The doctored code writes the status word
 * directly; that is allowed here only because test code is outside the arch-tests rules.
 */
class DoctoredProtocolsAreCaughtTest {

    /** gort's accessors; each test overrides one behaviour. */
    private static class Doctored extends StatusProtocol.Gort {}

    private static List<String> failuresOf(String invariant, StatusProtocol protocol) {
        return AccessorSuite.run(protocol, 50).stream()
                .filter(c -> c.invariant().equals(invariant))
                .flatMap(c -> c.failures().stream())
                .toList();
    }

    @Test
    void aCasgstatusThatAcceptsEqualValuesIsCaughtByS2() {
        StatusProtocol doctored =
                new Doctored() {
                    @Override
                    public void casgstatus(G gp, int oldval, int newval) {
                        if (oldval != newval) {
                            super.casgstatus(gp, oldval, newval);
                        }
                    }
                };

        assertThat(failuresOf("S2", doctored))
                .isNotEmpty()
                .allMatch(f -> f.startsWith("casgstatus(gp, 0x"))
                .anyMatch(
                        f -> f.contains("casgstatus(gp, 0x1, 0x1) on status 0x1: expected THROWS"));
    }

    @Test
    void aCasgstatusThatGivesUpInsteadOfWaitingIsCaughtByS2() {
        StatusProtocol doctored =
                new Doctored() {
                    @Override
                    public void casgstatus(G gp, int oldval, int newval) {
                        if (readgstatus(gp) == oldval
                                || (oldval & Gscan) != 0
                                || (newval & Gscan) != 0
                                || oldval == newval) {
                            super.casgstatus(gp, oldval, newval);
                        }
                    }
                };

        assertThat(failuresOf("S2", doctored))
                .anyMatch(
                        f ->
                                f.contains(
                                                "casgstatus(gp, 0x1, 0x2) on status 0x1001: expected WAITS")
                                        && f.contains("got RETURNS"));
    }

    @Test
    void aCastogscanstatusThatTakesTheBitFromGrunningToGscanrunnableIsCaughtByS3() {
        StatusProtocol doctored =
                new Doctored() {
                    @Override
                    public boolean castogscanstatus(G gp, int oldval, int newval) {
                        if (oldval == 2 && newval == 0x1001) {
                            return G.ATOMICSTATUS.compareAndSet(gp, oldval, newval);
                        }
                        return super.castogscanstatus(gp, oldval, newval);
                    }
                };

        assertThat(failuresOf("S3", doctored))
                .contains(
                        "castogscanstatus(gp, 0x2, 0x1001) on status 0x2: expected THROWS status=0x2"
                                + " thrown=\"castogscanstatus\" printed=\"runtime: castogscanstatus oldval=2 newval=4097"
                                + "\\nfatal error: castogscanstatus\\n\", got RETURNS status=0x1001");
    }

    @Test
    void aCasfromgscanstatusMessageOffByOneCharacterIsCaughtByS4() {
        StatusProtocol doctored =
                new Doctored() {
                    @Override
                    public void casfromgscanstatus(G gp, int oldval, int newval) {
                        Integer release = CommitRules.RELEASE_SCAN_BIT.get(oldval);
                        boolean valid = release != null && release == newval;
                        if (valid && G.ATOMICSTATUS.compareAndSet(gp, oldval, newval)) {
                            return;
                        }
                        Print.printf(
                                gp.process,
                                "runtime: casfromgscanstatus failed gp=%p oldval=%d, newval=%d\n",
                                gp,
                                oldval,
                                newval);
                        Throw.throw_(
                                gp.process, "casfromgscanstatus: gp->status is not in scan state");
                    }
                };

        assertThat(failuresOf("S4", doctored))
                .isNotEmpty()
                .allMatch(f -> f.contains("expected THROWS") && f.contains("got THROWS"));
    }

    @Test
    void aCasgstatusThatIgnoresTheScanBitIsCaughtByS5() {
        StatusProtocol doctored =
                new Doctored() {
                    @Override
                    public void casgstatus(G gp, int oldval, int newval) {
                        while ((readgstatus(gp) & ~Gscan) != oldval) {
                            Thread.onSpinWait();
                        }
                        G.ATOMICSTATUS.setVolatile(gp, newval); // walks over a scanner's bit
                    }
                };

        ScanLockCheck.Result result = ScanLockCheck.run(doctored, 50, Duration.ofSeconds(10));

        assertThat(result.violations())
                .first()
                .asString()
                .isEqualTo(
                        "round 0: casgstatus(Grunnable → Grunning) went through while the scanner held the scan bit");
    }

    @Test
    void gortsOwnAccessorsPassEveryCheck() {
        assertThat(AccessorSuite.run(StatusProtocol.GORT, 200))
                .allMatch(AccessorSuite.Check::passed);
    }
}
