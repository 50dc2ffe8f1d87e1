package gort.runtime.os;

import gort.runtime.GoProcess;
import gort.runtime.M;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The deterministic {@code sim} backend (DESIGN.md §3): every M is a real Java thread, but only the
 * one holding the <em>baton</em> runs; at every system call of this interface (newosproc,
 * futexsleep, futexwakeup, usleep, osyield, nanotime) and at every {@link #atomic()} hook the baton
 * goes to an M picked by a PRNG seeded with the seed (ncpu, exited and joinall are queries, not
 * switch points), and time is a virtual clock. So a seed fixes the whole interleaving: the same
 * program and seed print the same bytes and make the same status transitions, in the same order, on
 * every host and JDK.
 *
 * <h2>Implementation overview</h2>
 *
 * Each thread made by {@link #newosproc} has a {@link SimThread} record: its index (creation
 * order), its state (runnable, blocked on a futex, sleeping, dead), an optional virtual deadline
 * and a {@link Condition} it waits on for the baton. A <em>switch point</em> ({@link #pass}):
 *
 * <ol>
 *   <li>advances the clock by {@link #TICK_NS};
 *   <li>makes runnable every sleeper whose deadline has passed;
 *   <li>picks the next holder uniformly among the runnable threads, in index order, with the PRNG
 *       (the current thread included, if it is still runnable);
 *   <li>if nobody is runnable, jumps the clock to the earliest deadline and wakes whoever has it;
 *       if nobody has a deadline either, every M is blocked forever: the process ends with a
 *       message naming the seed and exit code 2 ({@link #deadlock}). So it does when the earliest
 *       deadline lies beyond {@link #HORIZON_NS}: then only periodic sleepers such as sysmon (whose
 *       idle sleep is a timed one) are left, and the run would otherwise go on in virtual time
 *       forever.
 * </ol>
 *
 * The old holder then waits on its condition until it holds the baton again. futexsleep checks the
 * key and blocks in one step (nobody else runs), so futex(2)'s atomicity is given; futexwakeup
 * wakes the earliest sleepers on the word first (FIFO), a deterministic choice. Threads that are
 * not Ms of this backend (a test's thread, the thread that calls {@code Mstart.run}) pass through:
 * their hooks do nothing and their wakeups never switch. The first M (m0) may be started from such
 * a thread and receives the baton; later Ms must be started by an M holding it, so that their
 * creation is part of the replayed order.
 *
 * <p>Nothing here depends on the host: the PRNG is SplitMix64 written out below (not a JDK class
 * whose algorithm could change), the order of threads is creation order, {@link #ncpu} is a
 * constant, and no hash order or identity hash is ever consulted.
 *
 * <p>A Go loop that makes no call into this layer would keep the baton forever; the CPU therefore
 * calls {@link #atomic()} every {@link #quantum()} branches (loops and calls), which makes such
 * loops interleave deterministically too.
 *
 * <h2>Memory ordering</h2>
 *
 * All of the scheduler's state is guarded by one {@link ReentrantLock}. The baton moves only under
 * it: the old holder writes {@code running} and signals, the new holder reads {@code running} after
 * re-acquiring the lock. Unlock/lock is a happens-before edge, so the new holder sees everything
 * every earlier holder wrote, plain fields included: under this backend the runtime's data races
 * cannot be observed, and only the order chosen by the seed matters.
 *
 * <p>Exit: {@link #exitprocess} sets {@link #exited()} and signals every waiting thread; each
 * throws {@link ThreadExit} where it waited, as does every later call from an M of this backend.
 * The caller of exitprocess keeps running until its next call.
 */
public final class SimOs implements OsLayer {
    /** Virtual nanoseconds that pass at each switch point. */
    public static final long TICK_NS = 1000;

    /** CPU branches (taken jumps and function prologues) between two switch points. */
    public static final int QUANTUM = 1000;

    /** What {@link #ncpu} says: a constant, so that lock spinning does not depend on the host. */
    public static final int NCPU = 4;

    /**
     * Virtual time (24 h) past which the sim stops waiting for a timeout when no M can run: no test
     * program sleeps that long, while a deadlock with sysmon alive would jump on forever.
     */
    public static final long HORIZON_NS = 24L * 3600 * 1_000_000_000L;

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private enum State {
        RUNNABLE,
        BLOCKED,
        SLEEPING,
        DEAD
    }

    /** One M's thread as the sim schedules it. Guarded by {@link #mu}. */
    private static final class SimThread {
        final int index;
        final M m;
        final Condition turn;
        State state = State.RUNNABLE;
        Futex waitOn;
        long deadline = NO_DEADLINE;

        SimThread(int index, M m, Condition turn) {
            this.index = index;
            this.m = m;
            this.turn = turn;
        }
    }

    private final long seed;
    private final ReentrantLock mu = new ReentrantLock();
    private final ThreadLocal<SimThread> current = new ThreadLocal<>();

    // ---- guarded by mu ----
    private final List<SimThread> threads = new ArrayList<>();
    private final List<Thread> javaThreads = new ArrayList<>();

    /** Threads blocked in futexsleep, in the order they went to sleep. */
    private final List<SimThread> waiters = new ArrayList<>();

    private SimThread running;
    private long clock;
    private long rng;
    private long switches;

    /** Why {@link #pass} found that nobody can run, for {@link #deadlock}. */
    private String stuck;

    private volatile boolean exited;

    /** A backend whose interleaving is fixed by {@code seed}. */
    public SimOs(long seed) {
        this.seed = seed;
        this.rng = seed;
    }

    /** The seed (GORT_SEED). */
    public long seed() {
        return seed;
    }

    /** How many switch points have passed, for tests and reports. */
    public long switches() {
        mu.lock();
        try {
            return switches;
        } finally {
            mu.unlock();
        }
    }

    // ---- OsLayer ----

    @Override
    public void newosproc(M mp, Runnable mstart) {
        SimThread self = current.get();
        SimThread nt;
        Thread jt;
        mu.lock();
        try {
            if (exited) {
                throw new ThreadExit();
            }
            nt = new SimThread(threads.size(), mp, mu.newCondition());
            jt = new Thread(() -> threadMain(nt, mstart), "gort sim(" + seed + ") M" + mp.id);
            jt.setDaemon(true); // a process that never exits must not keep the JVM alive
            threads.add(nt);
            javaThreads.add(jt);
            if (running == null) {
                running = nt; // the bootstrap: m0, started from outside the sim
            }
        } finally {
            mu.unlock();
        }
        jt.start();
        if (self != null) {
            switchpoint(self);
        }
    }

    @Override
    public void futexsleep(Futex addr, int val, long ns) {
        SimThread t = current.get();
        if (t == null) {
            return; // not an M of this backend: a spurious wakeup, which futexsleep allows
        }
        boolean stuck;
        mu.lock();
        try {
            checkExited();
            if (addr.key.get() == val) {
                t.state = State.BLOCKED;
                t.waitOn = addr;
                t.deadline = ns < 0 ? NO_DEADLINE : after(Math.max(ns, 1));
                waiters.add(t);
            }
            stuck = !pass(t);
            if (!stuck) {
                awaitTurn(t);
            }
        } finally {
            mu.unlock();
        }
        if (stuck) {
            deadlock(t);
        }
    }

    @Override
    public void futexwakeup(Futex addr, int cnt) {
        SimThread t = current.get();
        mu.lock();
        try {
            if (t != null) {
                checkExited();
            }
            int n = 0;
            for (int i = 0; i < waiters.size() && n < cnt; ) {
                SimThread w = waiters.get(i);
                if (w.waitOn == addr) {
                    wake(w); // removes w from waiters
                    n++;
                } else {
                    i++;
                }
            }
        } finally {
            mu.unlock();
        }
        if (t != null) {
            switchpoint(t);
        }
    }

    @Override
    public void usleep(int usec) {
        SimThread t = current.get();
        if (t == null) {
            return;
        }
        boolean stuck;
        mu.lock();
        try {
            checkExited();
            t.state = State.SLEEPING;
            t.deadline = after(Math.max(usec, 0) * 1000L);
            stuck = !pass(t);
            if (!stuck) {
                awaitTurn(t);
            }
        } finally {
            mu.unlock();
        }
        if (stuck) {
            deadlock(t); // the sleep ends beyond the horizon and nobody else can run
        }
    }

    @Override
    public void osyield() {
        atomic();
    }

    @Override
    public long nanotime() {
        SimThread t = current.get();
        if (t != null) {
            switchpoint(t);
        }
        mu.lock();
        try {
            return clock;
        } finally {
            mu.unlock();
        }
    }

    @Override
    public int ncpu() {
        return NCPU;
    }

    /** A switch point: the baton may go to another M. Nothing for threads outside the sim. */
    @Override
    public void atomic() {
        SimThread t = current.get();
        if (t != null) {
            switchpoint(t);
        }
    }

    @Override
    public int quantum() {
        return QUANTUM;
    }

    @Override
    public void exitprocess() {
        mu.lock();
        try {
            exited = true;
            for (SimThread t : threads) {
                t.turn.signalAll();
            }
        } finally {
            mu.unlock();
        }
    }

    @Override
    public boolean exited() {
        return exited;
    }

    @Override
    public void joinall() throws InterruptedException {
        // Ms may start Ms: join until a pass finds no thread it has not joined.
        Thread self = Thread.currentThread();
        for (int joined = 0; ; ) {
            List<Thread> all;
            mu.lock();
            try {
                all = List.copyOf(javaThreads);
            } finally {
                mu.unlock();
            }
            if (all.size() == joined) {
                return;
            }
            for (Thread jt : all.subList(joined, all.size())) {
                if (jt != self) {
                    jt.join();
                }
            }
            joined = all.size();
        }
    }

    // ---- the baton ----

    /** The body of an M's thread: wait for the baton, run, and hand the baton on at the end. */
    private void threadMain(SimThread t, Runnable body) {
        current.set(t);
        try {
            mu.lock();
            try {
                awaitTurn(t);
            } finally {
                mu.unlock();
            }
            body.run();
        } catch (ThreadExit e) {
            // the process exited before or while this M ran
        } finally {
            boolean stuck = false;
            mu.lock();
            try {
                t.state = State.DEAD;
                if (running == t && !exited) {
                    stuck = !pass(t);
                }
            } finally {
                mu.unlock();
            }
            if (stuck) {
                try {
                    deadlock(t);
                } catch (ThreadExit e) {
                    // this thread was ending anyway
                }
            }
        }
    }

    /** A switch point for the running thread t, which stays runnable. */
    private void switchpoint(SimThread t) {
        mu.lock();
        try {
            checkExited();
            pass(t); // t is runnable, so someone always is
            awaitTurn(t);
        } finally {
            mu.unlock();
        }
    }

    /**
     * Hands the baton from t (whose state is already what it will wait in) to the next holder;
     * false when nobody can ever run again. mu is held.
     */
    private boolean pass(SimThread t) {
        switches++;
        clock += TICK_NS;
        wakeExpired();
        SimThread next = pick();
        if (next == null) {
            long earliest = NO_DEADLINE;
            for (SimThread w : threads) {
                if (w.state != State.DEAD && w.state != State.RUNNABLE) {
                    earliest = Math.min(earliest, w.deadline);
                }
            }
            if (earliest == NO_DEADLINE) {
                stuck = "every M is blocked forever";
                running = null;
                return false;
            }
            if (earliest > HORIZON_NS) {
                stuck = "no M can run before the virtual clock passes 24h";
                running = null;
                return false;
            }
            clock = earliest; // virtual time: nothing runs until the earliest timeout
            wakeExpired();
            next = pick();
        }
        running = next;
        if (next != t) {
            next.turn.signal();
        }
        return true;
    }

    /** The virtual time {@code ns} from now, saturating at NO_DEADLINE. mu is held. */
    private long after(long ns) {
        long d = clock + ns;
        return d < clock ? NO_DEADLINE - 1 : d;
    }

    /** Makes runnable every sleeper whose deadline the clock reached. mu is held. */
    private void wakeExpired() {
        for (SimThread w : threads) {
            if ((w.state == State.BLOCKED || w.state == State.SLEEPING) && w.deadline <= clock) {
                wake(w);
            }
        }
    }

    private void wake(SimThread w) {
        if (w.state == State.BLOCKED) {
            waiters.remove(w);
        }
        w.state = State.RUNNABLE;
        w.waitOn = null;
        w.deadline = NO_DEADLINE;
    }

    /** One runnable thread chosen by the PRNG, or null. mu is held. */
    private SimThread pick() {
        int n = 0;
        for (SimThread w : threads) {
            if (w.state == State.RUNNABLE) {
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        int k = n == 1 ? 0 : (int) (((nextRandom() >>> 32) * n) >>> 32);
        for (SimThread w : threads) {
            if (w.state == State.RUNNABLE && k-- == 0) {
                return w;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): the same numbers on every JVM. mu is held. */
    long nextRandom() {
        long z = (rng += 0x9e3779b97f4a7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Waits until t holds the baton; throws ThreadExit once the process exited. mu is held. */
    private void awaitTurn(SimThread t) {
        while (running != t && !exited) {
            t.turn.awaitUninterruptibly();
        }
        checkExited();
    }

    private void checkExited() {
        if (exited) {
            throw new ThreadExit();
        }
    }

    /**
     * No M can run again (every M is blocked with no timeout, or only past the horizon): a deadlock
     * the runtime did not catch. Ends the process (message naming the seed, exit code 2) and this
     * thread. mu is not held.
     */
    private void deadlock(SimThread t) {
        String why;
        mu.lock();
        try {
            why = stuck;
        } finally {
            mu.unlock();
        }
        String msg =
                "gort sim (GORT_SEED="
                        + seed
                        + "): "
                        + why
                        + ":"
                        + " a deadlock the runtime did not catch";
        GoProcess process = t.m.process;
        if (!exited && !process.exiting()) {
            byte[] b = (msg + "\n").getBytes(StandardCharsets.UTF_8);
            process.write(b, 0, b.length);
        }
        exitprocess(); // a process made without this backend would not call it
        process.die(new SimDeadlock(msg));
        throw new ThreadExit();
    }

    /** The cause recorded by {@link GoProcess#fatal()} when the sim found every M blocked. */
    public static final class SimDeadlock extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimDeadlock(String message) {
            super(message, null, false, false);
        }
    }
}
