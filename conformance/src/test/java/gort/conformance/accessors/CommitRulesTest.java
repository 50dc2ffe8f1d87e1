package gort.conformance.accessors;

import static gort.conformance.accessors.Accessor.casfromgscanstatus;
import static gort.conformance.accessors.Accessor.casgstatus;
import static gort.conformance.accessors.Accessor.castogscanstatus;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.GoProcess;
import org.junit.jupiter.api.Test;

/**
 * Rows of the commit's behaviour written out by hand from proc.c at 0a7c7ac80, checked against both
 * the rules model and gort's accessors: a check on the model as well as on the code.
 */
class CommitRulesTest {
    private static final long GP = GoProcess.FIRST_G_ADDR;

    private static void bothGive(
            Accessor accessor, int current, int oldval, int newval, Outcome expected) {
        assertThat(CommitRules.expected(accessor, current, oldval, newval, GP, AccessorTable.GOID))
                .as("model")
                .isEqualTo(expected);
        assertThat(AccessorTable.call(StatusProtocol.GORT, accessor, current, oldval, newval))
                .as("gort")
                .isEqualTo(expected);
    }

    @Test
    void casgstatusMakesItsOneTransition() {
        bothGive(casgstatus, 1, 1, 2, new Outcome(Outcome.Ending.RETURNS, 2, "", null));
    }

    @Test
    void casgstatusAcceptsAnyDistinctBaseValuesEvenUnnamedOnes() {
        bothGive(casgstatus, 9, 9, 0, new Outcome(Outcome.Ending.RETURNS, 0, "", null));
    }

    @Test
    void casgstatusWaitsWhileAScannerHoldsTheBit() {
        bothGive(casgstatus, 0x1001, 1, 2, new Outcome(Outcome.Ending.WAITS, 0x1001, "", null));
    }

    @Test
    void casgstatusRejectsAScanNewvalWithBothValuesInDecimal() {
        bothGive(
                casgstatus,
                1,
                1,
                0x1001,
                new Outcome(
                        Outcome.Ending.THROWS,
                        1,
                        "casgstatus: oldval=1, newval=4097\nfatal error: casgstatus: bad incoming values\n",
                        "casgstatus: bad incoming values"));
    }

    @Test
    void casgstatusRejectsEqualValues() {
        bothGive(
                casgstatus,
                4,
                4,
                4,
                new Outcome(
                        Outcome.Ending.THROWS,
                        4,
                        "casgstatus: oldval=4, newval=4\nfatal error: casgstatus: bad incoming values\n",
                        "casgstatus: bad incoming values"));
    }

    @Test
    void theBareScanBitThrowsInsideIsscanstatusBeforeCasgstatusPrints() {
        bothGive(
                casgstatus,
                2,
                2,
                0x1000,
                new Outcome(
                        Outcome.Ending.THROWS,
                        2,
                        "fatal error: isscanstatus: Bad status Gscan\n",
                        "isscanstatus: Bad status Gscan"));
    }

    @Test
    void aScanOldvalIsRejectedBeforeABareScanNewvalIsLookedAt() {
        bothGive(
                casgstatus,
                2,
                0x1002,
                0x1000,
                new Outcome(
                        Outcome.Ending.THROWS,
                        2,
                        "casgstatus: oldval=4098, newval=4096\nfatal error: casgstatus: bad incoming values\n",
                        "casgstatus: bad incoming values"));
    }

    @Test
    void castogscanstatusTakesTheBitFromGrunningAsEnqueue() {
        bothGive(
                castogscanstatus,
                2,
                2,
                0x1007,
                new Outcome(Outcome.Ending.RETURNS, 0x1007, "", null));
    }

    @Test
    void castogscanstatusReturnsFalseWhenTheStatusMoved() {
        bothGive(
                castogscanstatus,
                2,
                4,
                0x1004,
                new Outcome(Outcome.Ending.RETURNS_FALSE, 2, "", null));
    }

    @Test
    void castogscanstatusRejectsGrunningToGscanwaiting() {
        bothGive(
                castogscanstatus,
                2,
                2,
                0x1004,
                new Outcome(
                        Outcome.Ending.THROWS,
                        2,
                        "runtime: castogscanstatus oldval=2 newval=4100\nfatal error: castogscanstatus\n",
                        "castogscanstatus"));
    }

    @Test
    void castogscanstatusHasNoScanStateForDeadGs() {
        bothGive(
                castogscanstatus,
                6,
                6,
                0x1006,
                new Outcome(
                        Outcome.Ending.THROWS,
                        6,
                        "runtime: castogscanstatus oldval=6 newval=4102\nfatal error: castogscanstatus\n",
                        "castogscanstatus"));
    }

    @Test
    void casfromgscanstatusReleasesEnqueueToWaiting() {
        bothGive(
                casfromgscanstatus,
                0x1007,
                0x1007,
                4,
                new Outcome(Outcome.Ending.RETURNS, 4, "", null));
    }

    @Test
    void casfromgscanstatusFailurePrintsTheCallThenTheGThenThrows() {
        bothGive(
                casfromgscanstatus,
                0x1004,
                0x1001,
                1,
                new Outcome(
                        Outcome.Ending.THROWS,
                        0x1004,
                        "runtime: casfromgscanstatus failed gp=0xc208000000, oldval=4097, newval=1\n"
                                + "runtime: gp=0xc208000000, goid=17, gp->atomicstatus=4100\n"
                                + "fatal error: casfromgscanstatus: gp->status is not in scan state\n",
                        "casfromgscanstatus: gp->status is not in scan state"));
    }

    @Test
    void isscanstatusTreatsOnlyTheBareBitAsAnError() {
        assertThat(CommitRules.isscanstatus(0x1000)).isNull();
        assertThat(CommitRules.isscanstatus(0x1009)).isTrue();
        assertThat(CommitRules.isscanstatus(8)).isFalse();
    }
}
