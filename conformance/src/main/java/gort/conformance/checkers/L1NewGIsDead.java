package gort.conformance.checkers;

import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Gidle;
import static gort.runtime.GStatus.Gsyscall;

import gort.conformance.recorder.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * L1: a new G leaves Gidle for Gdead (newproc1) or Gsyscall (newextram) before anything else
 * happens to it, never returns to Gidle, and is in allg at the end; no G in allg is Gidle. gort's
 * allgadd has no hook, so "before it is in allg" is read from the order of changes: the G's first
 * change is its way out of Gidle, which newproc1 makes before calling allgadd. A G whose only
 * change is that first one may be missing from allg when the process died of a fatal error: another
 * M threw while this one was between the change and allgadd.
 */
public final class L1NewGIsDead implements Checker {
    @Override
    public String id() {
        return "L1";
    }

    @Override
    public String what() {
        return "a new G is Gdead (never Gidle) by the time it is in allg";
    }

    @Override
    public Verdict check(RunFacts facts) {
        List<String> bad = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<Long, List<Event.Transition>> e : facts.log().byG().entrySet()) {
            List<Event.Transition> chain = e.getValue();
            boolean born = false;
            for (int i = 0; i < chain.size(); i++) {
                Event.Transition t = chain.get(i);
                if (t.to() == Gidle) {
                    bad.add(Transitions.describe(t) + ": back to Gidle");
                }
                if (t.from() == Gidle) {
                    cases++;
                    born = true;
                    if (i != 0) {
                        bad.add(Transitions.describe(t) + ": leaves Gidle after other changes");
                    }
                    if (t.to() != Gdead && t.to() != Gsyscall) {
                        bad.add(
                                Transitions.describe(t)
                                        + ": a new G must become Gdead (or Gsyscall in newextram) first");
                    }
                }
            }
            boolean cutShort = facts.fatal() && chain.size() == 1;
            if (born
                    && !cutShort
                    && !facts.finalStatus().isEmpty()
                    && !facts.finalStatus().containsKey(e.getKey())) {
                bad.add(
                        String.format(
                                "g=%#x left Gidle but is not in allg at the end", e.getKey()));
            }
        }
        for (Map.Entry<Long, Integer> e : facts.finalStatus().entrySet()) {
            cases++;
            if (e.getValue() == Gidle) {
                bad.add(String.format("g=%#x is in allg with status Gidle", e.getKey()));
            }
        }
        return new Verdict(id(), cases, bad);
    }
}
