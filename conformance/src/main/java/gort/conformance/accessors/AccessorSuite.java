package gort.conformance.accessors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The accessor part of the conformance suite: invariants S2, S3 and S4 checked exhaustively against
 * {@link CommitRules}, isscanstatus likewise, and S2/S5 on real threads by {@link ScanLockCheck}.
 */
public final class AccessorSuite {
    private AccessorSuite() {}

    /** One line of the report. */
    public record Check(String invariant, String what, int cases, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Runs every check against {@code protocol}; {@code rounds} sets the real-thread rounds. */
    public static List<Check> run(StatusProtocol protocol, int rounds) {
        List<Check> checks = new ArrayList<>();
        checks.add(
                table(
                        "S2",
                        "casgstatus: checks, one transition, waits while status != oldval",
                        AccessorTable.run(protocol, Accessor.casgstatus)));
        checks.add(
                table(
                        "S3",
                        "castogscanstatus: only old -> old|Gscan, Grunning -> Gscanrunning|Gscanenqueue",
                        AccessorTable.run(protocol, Accessor.castogscanstatus)));
        checks.add(
                table(
                        "S4",
                        "casfromgscanstatus: only scan status -> its base, Gscanenqueue -> Gwaiting",
                        AccessorTable.run(protocol, Accessor.casfromgscanstatus)));
        checks.add(
                table(
                        "S2",
                        "isscanstatus: scan bit set; bare Gscan throws",
                        AccessorTable.runIsscanstatus(protocol)));
        ScanLockCheck.Result threads = ScanLockCheck.run(protocol, rounds, Duration.ofSeconds(10));
        checks.add(
                new Check(
                        "S5",
                        "scan bit held: a mutator's casgstatus waits (2 real threads)",
                        threads.rounds(),
                        threads.violations()));
        return checks;
    }

    private static Check table(String invariant, String what, AccessorTable.Result result) {
        return new Check(
                invariant,
                what,
                result.cases(),
                result.mismatches().stream().map(Object::toString).toList());
    }
}
