package gort.conformance.checkers;

import gort.conformance.recorder.TransitionLog;
import java.util.Map;

/**
 * What the checkers look at for one run: the recorder's log; when the run got that far, the status
 * of every G in allg at the end (by G address; empty when unknown); and whether the process died of
 * a fatal error, which may leave a G inside a bracket (newstack throws "stack overflow" while the G
 * is Gwaiting, and nothing runs after a throw).
 */
public record RunFacts(TransitionLog log, Map<Long, Integer> finalStatus, boolean fatal) {
    public RunFacts {
        finalStatus = Map.copyOf(finalStatus);
    }

    public RunFacts(TransitionLog log, Map<Long, Integer> finalStatus) {
        this(log, finalStatus, false);
    }

    /** Facts with only a log (a doctored log in a test, or a run that never started). */
    public static RunFacts of(TransitionLog log) {
        return new RunFacts(log, Map.of(), false);
    }
}
