package gort.conformance.recorder;

import gort.runtime.StatusObserver.StackEvent;

/**
 * One entry of a transition log. Every event names its G by address (stable for the G's life,
 * and deterministic under the sim backend) and by the goid it had then (0 until newproc1
 * assigns one), and the C function of the runtime that caused it ({@code ?} when no ported
 * function was on the stack, e.g. a unit test calling an accessor directly).
 */
public sealed interface Event {
    long g();

    long goid();

    String function();

    /** The event's line in the log's text form (no newline). */
    String line();

    /** {@code accessor} changed the G's status from {@code from} to {@code to}. */
    record Transition(long g, long goid, String accessor, int from, int to, String function) implements Event {
        @Override
        public String line() {
            return String.format("T g=%#x goid=%d %s %s->%s %s", g, goid, accessor,
                    StatusNames.name(from), StatusNames.name(to), function);
        }
    }

    /** casgstatus(from, to) found the status {@code seen} and waited (logged once per wait). */
    record Spin(long g, long goid, int from, int to, int seen, String function) implements Event {
        @Override
        public String line() {
            return String.format("W g=%#x goid=%d casgstatus %s->%s seen=%s %s", g, goid,
                    StatusNames.name(from), StatusNames.name(to), StatusNames.name(seen), function);
        }
    }

    /** The G's stack was scanned, traced, copied or dumped while its status was {@code status}. */
    record StackUse(long g, long goid, StackEvent event, int status, String function) implements Event {
        @Override
        public String line() {
            return String.format("K g=%#x goid=%d %s %s %s", g, goid, event, StatusNames.name(status), function);
        }
    }
}
