package gort.conformance.checkers;

import gort.conformance.recorder.TransitionLog;
import java.util.Map;

/**
 * What the checkers look at for one run: the recorder's log and, when the run got that far, the
 * status of every G in allg at the end (by G address; empty when unknown).
 */
public record RunFacts(TransitionLog log, Map<Long, Integer> finalStatus) {
    public RunFacts {
        finalStatus = Map.copyOf(finalStatus);
    }

    /** Facts with only a log (a doctored log in a test, or a run that never started). */
    public static RunFacts of(TransitionLog log) {
        return new RunFacts(log, Map.of());
    }
}
