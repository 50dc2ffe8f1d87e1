package gort.conformance.checkers;

import gort.conformance.recorder.Event;
import gort.conformance.recorder.StatusNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S1 seen at run time: every status change the recorder saw was made by one of the three accessors;
 * each G's changes form one chain (each starts from the status the previous one left: a gap means
 * the status was written some other way); and at the end each G in allg holds the status its last
 * logged change left.
 */
public final class S1AccessorsOnly implements Checker {
    private static final Set<String> ACCESSORS =
            Set.of("casgstatus", "castogscanstatus", "casfromgscanstatus");

    @Override
    public String id() {
        return "S1";
    }

    @Override
    public String what() {
        return "every status write is by casgstatus, castogscanstatus or casfromgscanstatus";
    }

    @Override
    public Verdict check(RunFacts facts) {
        List<String> bad = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<Long, List<Event.Transition>> e : facts.log().byG().entrySet()) {
            Event.Transition prev = null;
            for (Event.Transition t : e.getValue()) {
                cases++;
                if (!ACCESSORS.contains(t.accessor())) {
                    bad.add(Transitions.describe(t) + ": not made by a status accessor");
                }
                if (prev != null && prev.to() != t.from()) {
                    bad.add(
                            Transitions.describe(t)
                                    + ": starts from "
                                    + StatusNames.name(t.from())
                                    + " but the last logged change left "
                                    + StatusNames.name(prev.to())
                                    + " (written outside the accessors?)");
                }
                prev = t;
            }
            Integer end = facts.finalStatus().get(e.getKey());
            if (end != null && prev != null) {
                cases++;
                if (end != prev.to()) {
                    bad.add(
                            String.format(
                                    "g=%#x ends %s but its last logged change left %s (written outside the accessors?)",
                                    e.getKey(),
                                    StatusNames.name(end),
                                    StatusNames.name(prev.to())));
                }
            }
        }
        return new Verdict(id(), cases, bad);
    }
}
