package gort.conformance.checkers;

import gort.conformance.recorder.Event;
import gort.conformance.recorder.StatusNames;
import java.util.ArrayList;
import java.util.List;

/**
 * S5: while a G's status holds the scan bit, the only change of that G is the release of the bit
 * (casfromgscanstatus from that very status).
 */
public final class S5ScanBitIsALock implements Checker {
    @Override
    public String id() {
        return "S5";
    }

    @Override
    public String what() {
        return "no other change of a G while its scan bit is held";
    }

    @Override
    public Verdict check(RunFacts facts) {
        List<String> bad = new ArrayList<>();
        int cases = 0;
        for (List<Event.Transition> chain : facts.log().byG().values()) {
            Event.Transition holder = null;
            for (Event.Transition t : chain) {
                if (holder != null) {
                    cases++;
                    if (!t.accessor().equals("casfromgscanstatus") || t.from() != holder.to()) {
                        bad.add(
                                Transitions.describe(t)
                                        + " while the scan bit taken by "
                                        + holder.function()
                                        + " ("
                                        + StatusNames.name(holder.to())
                                        + ") was held");
                    }
                }
                holder = Transitions.isScan(t.to()) ? t : null;
            }
        }
        return new Verdict(id(), cases, bad);
    }
}
