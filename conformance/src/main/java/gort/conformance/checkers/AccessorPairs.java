package gort.conformance.checkers;

import gort.conformance.recorder.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * S2, S3, S4 seen at run time: every change one accessor made is one the commit allows it
 * (CommitRules): casgstatus never to or from a scan status nor old == new (S2), castogscanstatus
 * only takes the bit from Grunnable/Gwaiting/Gsyscall/Grunning (S3), casfromgscanstatus only gives
 * it back to the base status (S4).
 */
public final class AccessorPairs implements Checker {
    private final String id;
    private final String accessor;
    private final String what;

    private AccessorPairs(String id, String accessor, String what) {
        this.id = id;
        this.accessor = accessor;
        this.what = what;
    }

    public static AccessorPairs s2() {
        return new AccessorPairs(
                "S2", "casgstatus", "casgstatus only moves between base statuses, old != new");
    }

    public static AccessorPairs s3() {
        return new AccessorPairs(
                "S3", "castogscanstatus", "castogscanstatus only takes the scan bit legally");
    }

    public static AccessorPairs s4() {
        return new AccessorPairs(
                "S4", "casfromgscanstatus", "casfromgscanstatus only releases to the base status");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String what() {
        return what;
    }

    @Override
    public Verdict check(RunFacts facts) {
        List<String> bad = new ArrayList<>();
        int cases = 0;
        Map<Long, Boolean> legal = new HashMap<>();
        for (Event.Transition t : facts.log().transitions()) {
            if (!t.accessor().equals(accessor)) {
                continue;
            }
            cases++;
            // Legality depends on (from, to) alone, and a run repeats a few pairs many times.
            if (!legal.computeIfAbsent(
                    ((long) t.from() << 32) | (t.to() & 0xffffffffL), k -> Transitions.legal(t))) {
                bad.add(
                        Transitions.describe(t)
                                + ": the commit's "
                                + accessor
                                + " never makes this change");
            }
        }
        return new Verdict(id, cases, bad);
    }
}
