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
     * casgstatus(gp, oldval, newval) found the status {@code seen}, not oldval, and is about to try
     * again. An observer may throw to abandon the wait (tests do, to prove a wait happens).
     */
    void spin(G gp, int oldval, int newval, int seen);

    /** What a stack event did to a G's stack (K2 forbids all of them while the G is Gcopystack). */
    enum StackEvent {
        SCAN,
        TRACEBACK,
        COPY,
        DUMP
    }

    /**
     * {@code gp}'s stack is being scanned, traced, copied or dumped; {@code status} is the G's
     * status read at that moment. Called by the module that does it (mgc, traceback, stack,
     * heapdump), before it reads the stack.
     */
    default void stack(G gp, StackEvent event, int status) {}
}
