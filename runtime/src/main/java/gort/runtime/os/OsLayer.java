package gort.runtime.os;

import gort.runtime.M;

/**
 * The operating system under one simulated process: what os_linux.c and the sys_linux_*.s stubs
 * give the 2014 runtime. lock_futex.c ({@link LockFutex}) is written on top of it, so a backend
 * supplies only threads, the futex, sleeping, yielding and time.
 *
 * <p>Backends, one class each (DESIGN.md §3): {@link RealOs} (Java platform threads, real time) and
 * {@link SimOs} (one M runs at a time; the baton passes at every call of this interface, chosen by
 * a seeded PRNG; virtual time). The status word's CAS is a VarHandle CAS under every backend; a
 * backend sees the calls below, and, through {@link #atomic()}, the points where the runtime
 * performs an atomic operation.
 *
 * <p>Process exit: Go's exit(2) kills every thread at once. A Java thread cannot be killed, so
 * after {@link #exitprocess} every blocking call of this interface made by an M of the process
 * throws {@link ThreadExit}, which the M's thread lets unwind to its top.
 */
public interface OsLayer {
    /**
     * Starts a new OS thread for {@code mp} running {@code mstart}. Port of os_linux.c
     * runtime·newosproc (0a7c7ac80); gort passes the thread's body instead of a stack and clone
     * flags.
     */
    void newosproc(M mp, Runnable mstart);

    /**
     * Atomically: if {@code addr}'s key is {@code val}, sleep until woken, at most {@code ns}
     * nanoseconds (forever when ns &lt; 0). May wake spuriously. os_linux.c futexsleep.
     */
    void futexsleep(Futex addr, int val, long ns);

    /** Wakes at most {@code cnt} threads sleeping on {@code addr}. os_linux.c futexwakeup. */
    void futexwakeup(Futex addr, int cnt);

    /** Sleeps about {@code usec} microseconds. sys_linux_*.s runtime·usleep. */
    void usleep(int usec);

    /** Lets other threads run. sys_linux_*.s runtime·osyield. */
    void osyield();

    /** Monotonic nanoseconds. runtime·nanotime. */
    long nanotime();

    /** Number of CPUs (runtime·ncpu, from getproccount in osinit). */
    int ncpu();

    /**
     * The process is exiting: wake every thread of it that blocks here and make each later blocking
     * call throw {@link ThreadExit}. Idempotent.
     */
    void exitprocess();

    /** Whether {@link #exitprocess} was called. */
    boolean exited();

    /** Waits until every thread started by {@link #newosproc} has ended. */
    void joinall() throws InterruptedException;

    /**
     * Called by the runtime just before each of its atomic operations (the status accessors' CASes,
     * the run queues', the locks' and notes' xchg and cas) and by the CPU every {@link #quantum()}
     * branches: a point where another thread may run. The real backend does nothing (the call
     * inlines away); the sim backend may pass the baton here.
     */
    default void atomic() {}

    /**
     * How many CPU branches (taken jumps and function prologues) run between two calls of {@link
     * #atomic()} from the CPU; 0 (the default) means never.
     */
    default int quantum() {
        return 0;
    }
}
