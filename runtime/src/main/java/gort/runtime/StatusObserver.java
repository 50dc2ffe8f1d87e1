package gort.runtime;

/**
 * Watches a process's status accessors: the seam for the transition recorder and for tests that
 * must see casgstatus wait. A process without an observer pays one null check per accessor call.
 * Callbacks run on the thread that called the accessor, while it calls it.
 */
public interface StatusObserver {
    /** {@code accessor} just changed {@code gp}'s status from {@code from} to {@code to}. */
    void transition(G gp, String accessor, int from, int to);

    /**
     * casgstatus(gp, oldval, newval) found the status {@code seen}, not oldval, and is about to
     * try again. An observer may throw to abandon the wait (tests do, to prove a wait happens).
     */
    void spin(G gp, int oldval, int newval, int seen);
}
