package gort.conformance.accessors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every (current status, oldval, newval) in {0..9, 0x1000..0x1009}³ for each accessor: gort's
 * outcome (how the call ends, the final status, the printed text, the throw string) equals the one
 * {@link CommitRules} derives from the commit.
 */
class ExhaustiveAccessorTest {

    @ParameterizedTest
    @EnumSource(Accessor.class)
    void everyCaseMatchesTheCommit(Accessor accessor) {
        AccessorTable.Result result = AccessorTable.run(StatusProtocol.GORT, accessor);

        assertThat(result.cases()).isEqualTo(20 * 20 * 20);
        assertThat(result.mismatches()).isEmpty();
    }

    @Test
    void isscanstatusMatchesTheCommitForEveryStatus() {
        AccessorTable.Result result = AccessorTable.runIsscanstatus(StatusProtocol.GORT);

        assertThat(result.cases()).isEqualTo(20);
        assertThat(result.mismatches()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Accessor.class)
    void theTableHasEveryKindOfEndingTheAccessorCanHave(Accessor accessor) {
        // Guards the table itself: if the statuses it ranges over stopped reaching a kind of
        // ending (say, no case waits), the comparison above would prove less than it claims.
        java.util.EnumSet<Outcome.Ending> seen = java.util.EnumSet.noneOf(Outcome.Ending.class);
        for (int current : AccessorTable.STATUSES) {
            for (int oldval : AccessorTable.STATUSES) {
                for (int newval : AccessorTable.STATUSES) {
                    seen.add(
                            AccessorTable.call(
                                            StatusProtocol.GORT, accessor, current, oldval, newval)
                                    .ending());
                }
            }
        }
        switch (accessor) {
            case casgstatus ->
                    assertThat(seen)
                            .containsExactlyInAnyOrder(
                                    Outcome.Ending.RETURNS,
                                    Outcome.Ending.WAITS,
                                    Outcome.Ending.THROWS);
            case castogscanstatus ->
                    assertThat(seen)
                            .containsExactlyInAnyOrder(
                                    Outcome.Ending.RETURNS,
                                    Outcome.Ending.RETURNS_FALSE,
                                    Outcome.Ending.THROWS);
            case casfromgscanstatus ->
                    assertThat(seen)
                            .containsExactlyInAnyOrder(
                                    Outcome.Ending.RETURNS, Outcome.Ending.THROWS);
        }
    }
}
