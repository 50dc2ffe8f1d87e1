package gort.conformance.recorder;

import gort.runtime.StatusObserver.StackEvent;

/**
 * One entry of a transition log. Every event names its G by address (stable for the G's life, and
 * deterministic under the sim backend) and by the goid it had then (0 until newproc1 assigns one),
 * and the C function of the runtime that caused it ({@code ?} when no ported function was on the
 * stack, e.g. a unit test calling an accessor directly).
 */
public sealed interface Event {
    long g();

    long goid();

    String function();

    /** The event's line in the log's text form (no newline). */
    String line();

    /** {@code accessor} changed the G's status from {@code from} to {@code to}. */
    record Transition(long g, long goid, String accessor, int from, int to, String function)
            implements Event {
        @Override
        public String line() {
            return head('T', g, goid)
                    .append(accessor)
                    .append(' ')
                    .append(StatusNames.name(from))
                    .append("->")
                    .append(StatusNames.name(to))
                    .append(' ')
                    .append(function)
                    .toString();
        }
    }

    /** casgstatus(from, to) found the status {@code seen} and waited (logged once per wait). */
    record Spin(long g, long goid, int from, int to, int seen, String function) implements Event {
        @Override
        public String line() {
            return head('W', g, goid)
                    .append("casgstatus ")
                    .append(StatusNames.name(from))
                    .append("->")
                    .append(StatusNames.name(to))
                    .append(" seen=")
                    .append(StatusNames.name(seen))
                    .append(' ')
                    .append(function)
                    .toString();
        }
    }

    /** The G's stack was scanned, traced, copied or dumped while its status was {@code status}. */
    record StackUse(long g, long goid, StackEvent event, int status, String function)
            implements Event {
        @Override
        public String line() {
            return head('K', g, goid)
                    .append(event)
                    .append(' ')
                    .append(StatusNames.name(status))
                    .append(' ')
                    .append(function)
                    .toString();
        }
    }

    /**
     * "T g=0xc208000530 goid=1 ": the start every line shares, as {@code String.format}'s {@code
     * %#x} and {@code %d} print it. Built by hand: the log is written for every run, and
     * Formatter's parsing is a large part of a run's cost on a slow (emulated) JVM.
     */
    private static StringBuilder head(char kind, long g, long goid) {
        return new StringBuilder(96)
                .append(kind)
                .append(" g=0x")
                .append(Long.toHexString(g))
                .append(" goid=")
                .append(goid)
                .append(' ');
    }
}
