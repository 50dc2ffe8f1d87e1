package gort.conformance.checkers;

import gort.conformance.recorder.Event;
import gort.conformance.sites.SiteTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * T1: every status change happens at one of the commit's sites: (C function, from, to) of each
 * casgstatus change is a call the commit added (the {@link SiteTable} read from its diff). The
 * commit calls castogscanstatus and casfromgscanstatus nowhere, so any change they make in a corpus
 * run is reported too.
 */
public final class T1CommitSites implements Checker {
    private final SiteTable table;

    public T1CommitSites(SiteTable table) {
        this.table = table;
    }

    @Override
    public String id() {
        return "T1";
    }

    @Override
    public String what() {
        return "every transition is at one of the commit's casgstatus sites";
    }

    @Override
    public Verdict check(RunFacts facts) {
        List<String> bad = new ArrayList<>();
        int cases = 0;
        Map<Change, Boolean> atSite = new HashMap<>();
        for (Event.Transition t : facts.log().transitions()) {
            if (!t.accessor().equals("casgstatus")) {
                continue;
            }
            cases++;
            // A run repeats a few (function, from, to) changes many times: look each up once.
            if (!atSite.computeIfAbsent(
                    new Change(t.function(), t.from(), t.to()),
                    c -> !table.match(c.function(), c.from(), c.to()).isEmpty())) {
                bad.add(Transitions.describe(t) + ": no such call in the commit");
            }
        }
        return new Verdict(id(), cases, bad);
    }

    private record Change(String function, int from, int to) {}
}
