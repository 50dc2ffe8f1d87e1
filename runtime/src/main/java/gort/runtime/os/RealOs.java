package gort.runtime.os;

import gort.runtime.M;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code real} backend: each M is a Java platform thread, the futex is the word's own monitor
 * (the check of the key and the sleep are atomic with respect to a wakeup because both hold the
 * monitor, which is what futex(2) guarantees), time is {@link System#nanoTime}.
 *
 * <p>Memory ordering: the futex key is an AtomicInteger, so lock_futex.c's xchg and cas are
 * volatile read-modify-writes; the monitor adds nothing the key does not already order.
 *
 * <p>Exit: {@link #exitprocess} sets {@link #exited()} and interrupts every thread it started; a
 * thread blocked in {@link #futexsleep} or {@link #usleep} (or arriving there later) throws {@link
 * ThreadExit}. One instance per process.
 */
public final class RealOs implements OsLayer {
    private final String name;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean exited;

    /** How long {@link #futexsleep} watches the key before it blocks (see there). */
    static final long SPIN_NS = 20_000;

    /** A backend whose threads are named after {@code name} (the process, for thread dumps). */
    public RealOs(String name) {
        this.name = name;
    }

    @Override
    public void newosproc(M mp, Runnable mstart) {
        Thread t = new Thread(mstart, "gort " + name + " M" + mp.id);
        t.setDaemon(true); // a process that never exits must not keep the JVM alive
        synchronized (threads) {
            if (exited) {
                throw new ThreadExit();
            }
            threads.add(t);
        }
        t.start();
    }

    @Override
    public void futexsleep(Futex addr, int val, long ns) {
        // A Java thread blocked in wait() takes far longer to wake (9-42 us here) than a thread
        // in futex(2); watching the key for a short while first lets a wakeup that comes soon,
        // an idle M's next work in a hand-off, cost no block and no wake. Returning because the
        // key changed is a wakeup futex(2) may give too.
        long spinEnd = System.nanoTime() + (ns < 0 ? SPIN_NS : Math.min(ns, SPIN_NS));
        while (addr.key.get() == val) {
            if (System.nanoTime() - spinEnd >= 0) {
                break;
            }
            Thread.onSpinWait();
        }
        if (addr.key.get() != val) {
            if (exited) {
                throw new ThreadExit();
            }
            return;
        }
        synchronized (addr) {
            if (exited) {
                throw new ThreadExit();
            }
            if (addr.key.get() != val) {
                return;
            }
            try {
                if (ns < 0) {
                    addr.wait();
                } else {
                    TimeUnit.NANOSECONDS.timedWait(addr, Math.max(ns, 1));
                }
            } catch (InterruptedException e) {
                if (exited) {
                    throw new ThreadExit();
                }
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void futexwakeup(Futex addr, int cnt) {
        synchronized (addr) {
            // Waking more than cnt is a spurious wakeup for the rest, which futexsleep allows.
            if (cnt == 1) {
                addr.notify();
            } else {
                addr.notifyAll();
            }
        }
    }

    @Override
    public void usleep(int usec) {
        if (exited) {
            throw new ThreadExit();
        }
        LockSupport.parkNanos(usec * 1000L);
        if (exited) {
            throw new ThreadExit();
        }
    }

    @Override
    public void osyield() {
        Thread.yield();
    }

    @Override
    public long nanotime() {
        return System.nanoTime();
    }

    @Override
    public int ncpu() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void exitprocess() {
        List<Thread> all;
        synchronized (threads) {
            exited = true;
            all = List.copyOf(threads);
        }
        Thread self = Thread.currentThread();
        for (Thread t : all) {
            if (t != self) {
                t.interrupt();
            }
        }
    }

    @Override
    public boolean exited() {
        return exited;
    }

    @Override
    public void joinall() throws InterruptedException {
        List<Thread> all;
        synchronized (threads) {
            all = List.copyOf(threads);
        }
        Thread self = Thread.currentThread();
        for (Thread t : all) {
            if (t != self) {
                t.join();
            }
        }
    }
}
