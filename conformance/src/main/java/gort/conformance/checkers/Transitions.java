package gort.conformance.checkers;

import gort.conformance.accessors.Accessor;
import gort.conformance.accessors.CommitRules;
import gort.conformance.accessors.Outcome;
import gort.conformance.recorder.Event;
import gort.conformance.recorder.StatusNames;

/** Small helpers the checkers share. */
final class Transitions {
    private Transitions() {}

    /**
     * Whether the commit's accessor makes this change when the status is its from (CommitRules).
     */
    static boolean legal(Event.Transition t) {
        Accessor a;
        try {
            a = Accessor.valueOf(t.accessor());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Outcome o = CommitRules.expected(a, t.from(), t.from(), t.to(), t.g(), t.goid());
        return o.ending() == Outcome.Ending.RETURNS && o.finalStatus() == t.to();
    }

    /** "goroutine 5 (g=0xc208000120): casgstatus Grunning->Gwaiting in park_m" */
    static String describe(Event.Transition t) {
        return String.format(
                "goroutine %d (g=%#x): %s %s->%s in %s",
                t.goid(),
                t.g(),
                t.accessor(),
                StatusNames.name(t.from()),
                StatusNames.name(t.to()),
                t.function());
    }

    static boolean isScan(int status) {
        return (status & gort.runtime.GStatus.Gscan) != 0;
    }
}
