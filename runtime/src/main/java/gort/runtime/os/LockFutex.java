package gort.runtime.os;

import gort.runtime.G;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.Stack;
import gort.runtime.Throw;

/**
 * Locks and notes on the futex, as lock_futex.c builds them on futexsleep/futexwakeup: a port of
 * that file at 0a7c7ac80, over any {@link OsLayer} (the process's backend).
 *
 * <p>gort differs in one way throughout: C reads {@code g->m} from thread-local storage; gort
 * passes the calling M ({@code mp}) first, and the backend is {@code mp.process.os()}. Where C uses
 * {@code g} for the running goroutine, gort uses {@code mp.curg}: Java runtime code runs for the
 * M's current G or on g0, where preempt is never set.
 *
 * <p>Memory ordering: every read and write of a key is volatile (see {@link Futex}); unlock's xchg
 * releases what the holder wrote, lock's xchg/cas acquires it, as C's full-barrier xchg. Each xchg
 * and cas is preceded by {@link gort.runtime.GoProcess#atomic()}, a switch point of the sim backend
 * (nothing under the real one).
 */
public final class LockFutex {
    static final int MUTEX_UNLOCKED = 0;
    static final int MUTEX_LOCKED = 1;
    static final int MUTEX_SLEEPING = 2;
    static final int ACTIVE_SPIN = 4;
    static final int ACTIVE_SPIN_CNT = 30;
    static final int PASSIVE_SPIN = 1;

    private LockFutex() {}

    /**
     * Takes {@code l}: a speculative xchg, then spinning, yielding, and sleeping on the futex with
     * the key MUTEX_SLEEPING. Port of lock_futex.c runtime·lock (0a7c7ac80); procyield is {@link
     * Thread#onSpinWait} ACTIVE_SPIN_CNT times.
     */
    public static void lock(M mp, Lock l) {
        if (mp.locks++ < 0) {
            Throw.throw_(mp.process, "runtime·lock: lock count");
        }
        mp.process.atomic();
        int v = l.key.getAndSet(MUTEX_LOCKED);
        if (v == MUTEX_UNLOCKED) {
            return;
        }
        int wait = v;
        OsLayer os = mp.process.os();
        int spin = os.ncpu() > 1 ? ACTIVE_SPIN : 0;
        for (; ; ) {
            for (int i = 0; i < spin; i++) {
                while (l.key.get() == MUTEX_UNLOCKED) {
                    mp.process.atomic();
                    if (l.key.compareAndSet(MUTEX_UNLOCKED, wait)) {
                        return;
                    }
                }
                for (int k = 0; k < ACTIVE_SPIN_CNT; k++) {
                    Thread.onSpinWait();
                }
            }
            for (int i = 0; i < PASSIVE_SPIN; i++) {
                while (l.key.get() == MUTEX_UNLOCKED) {
                    mp.process.atomic();
                    if (l.key.compareAndSet(MUTEX_UNLOCKED, wait)) {
                        return;
                    }
                }
                os.osyield();
            }
            mp.process.atomic();
            v = l.key.getAndSet(MUTEX_SLEEPING);
            if (v == MUTEX_UNLOCKED) {
                return;
            }
            wait = MUTEX_SLEEPING;
            os.futexsleep(l, MUTEX_SLEEPING, -1);
        }
    }

    /**
     * Releases {@code l}, waking one sleeper if the key said there may be one. Port of lock_futex.c
     * runtime·unlock (0a7c7ac80).
     */
    public static void unlock(M mp, Lock l) {
        mp.process.atomic();
        int v = l.key.getAndSet(MUTEX_UNLOCKED);
        if (v == MUTEX_UNLOCKED) {
            Throw.throw_(mp.process, "unlock of unlocked lock");
        }
        if (v == MUTEX_SLEEPING) {
            mp.process.os().futexwakeup(l, 1);
        }
        if (--mp.locks < 0) {
            Throw.throw_(mp.process, "runtime·unlock: lock count");
        }
        G gp = mp.curg;
        if (mp.locks == 0 && gp != null && gp.preempt) {
            // newstack may have dropped a pending preemption; ask again
            gp.stackguard0 = Stack.StackPreempt(mp.process.arch());
        }
    }

    /**
     * gort: takes {@code l} on a thread that is no M of the process (its construction, a unit
     * test), where there is no m-&gt;locks to count and no sim baton to pass: spins on the key. An
     * M that meets the lock held sleeps on it as in {@link #lock}; {@link #unlockOffM} wakes it.
     */
    public static void lockOffM(gort.runtime.GoProcess process, Lock l) {
        while (!l.key.compareAndSet(MUTEX_UNLOCKED, MUTEX_LOCKED)) {
            Thread.onSpinWait();
        }
    }

    /** gort: releases a lock taken by {@link #lockOffM}, waking a sleeping M if there is one. */
    public static void unlockOffM(gort.runtime.GoProcess process, Lock l) {
        int v = l.key.getAndSet(MUTEX_UNLOCKED);
        if (v == MUTEX_UNLOCKED) {
            Throw.throw_(process, "unlock of unlocked lock");
        }
        if (v == MUTEX_SLEEPING) {
            process.os().futexwakeup(l, 1);
        }
    }

    /** Port of lock_futex.c runtime·noteclear (0a7c7ac80). */
    public static void noteclear(Note n) {
        n.key.set(0);
    }

    /**
     * Wakes the sleeper of {@code n}; a second wakeup is fatal. Port of lock_futex.c
     * runtime·notewakeup (0a7c7ac80).
     */
    public static void notewakeup(M mp, Note n) {
        mp.process.atomic();
        int old = n.key.getAndSet(1);
        if (old != 0) {
            Print.printf(mp.process, "notewakeup - double wakeup (%d)\n", old);
            Throw.throw_(mp.process, "notewakeup - double wakeup");
        }
        mp.process.os().futexwakeup(n, 1);
    }

    /**
     * Sleeps until {@code n} is woken. Port of lock_futex.c runtime·notesleep (0a7c7ac80). gort
     * differs: C throws "notesleep not on g0" when g is not g0; gort's callers are Java runtime
     * code, which always runs on the M's own (Java) stack, so there is nothing to check.
     */
    public static void notesleep(M mp, Note n) {
        OsLayer os = mp.process.os();
        while (n.key.get() == 0) {
            mp.blocked = true;
            os.futexsleep(n, 0, -1);
            mp.blocked = false;
        }
    }

    /**
     * Sleeps until {@code n} is woken or {@code ns} nanoseconds passed (forever if ns &lt; 0); true
     * if woken. Port of lock_futex.c runtime·notetsleep and its static helper (0a7c7ac80); the "not
     * on g0" check is left out as in {@link #notesleep}.
     */
    public static boolean notetsleep(M mp, Note n, long ns) {
        OsLayer os = mp.process.os();
        if (ns < 0) {
            while (n.key.get() == 0) {
                mp.blocked = true;
                os.futexsleep(n, 0, -1);
                mp.blocked = false;
            }
            return true;
        }
        if (n.key.get() != 0) {
            return true;
        }
        long deadline = os.nanotime() + ns;
        for (; ; ) {
            mp.blocked = true;
            os.futexsleep(n, 0, ns);
            mp.blocked = false;
            if (n.key.get() != 0) {
                break;
            }
            long now = os.nanotime();
            if (now >= deadline) {
                break;
            }
            ns = deadline - now;
        }
        return n.key.get() != 0;
    }
}
