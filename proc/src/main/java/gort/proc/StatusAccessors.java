package gort.proc;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscan;
import static gort.runtime.GStatus.Gscanenqueue;
import static gort.runtime.GStatus.Gscanrunnable;
import static gort.runtime.GStatus.Gscanrunning;
import static gort.runtime.GStatus.Gscansyscall;
import static gort.runtime.GStatus.Gscanwaiting;
import static gort.runtime.GStatus.Gsyscall;
import static gort.runtime.GStatus.Gwaiting;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.Print;
import gort.runtime.StatusObserver;
import gort.runtime.Throw;

/**
 * The goroutine status accessors that commit 0a7c7ac80 added to proc.c: the only code that reads or
 * changes {@link G#atomicstatus}.
 *
 * <h2>Implementation overview</h2>
 *
 * A status is a base state (Gidle … Gcopystack) or a scan state, the base state with the {@link
 * gort.runtime.GStatus#Gscan Gscan} bit. The bit is a lock on the G's stack: whoever set it (a
 * collector scanning the stack) is the only one allowed to clear it, and while it is set no other
 * transition of that G can happen, because every transition is a compare-and-set from an expected
 * value that never carries the bit.
 *
 * <pre>
 *   casgstatus(gp, old, new)       base → base, any pair with old != new; spins while the
 *                                  status is not old (a scanner holds the bit, or the caller
 *                                  is early) and then makes exactly its one transition
 *   castogscanstatus(gp, old, new) take the bit, one attempt, true if taken:
 *       Grunnable → Gscanrunnable    Gwaiting → Gscanwaiting    Gsyscall → Gscansyscall
 *       Grunning  → Gscanrunning | Gscanenqueue
 *   casfromgscanstatus(gp, old, new) give the bit back; must succeed:
 *       Gscanrunnable → Grunnable    Gscanwaiting → Gwaiting    Gscanrunning → Grunning
 *       Gscansyscall  → Gsyscall     Gscanenqueue → Gwaiting
 * </pre>
 *
 * Any other pair is a runtime bug: the accessor prints what it was given and throws.
 *
 * <h2>Memory ordering</h2>
 *
 * Every change is a volatile compare-and-set through {@link G#ATOMICSTATUS}; readgstatus is an
 * acquire read. So a thread that reads a status sees everything the thread that set it wrote before
 * setting it: a G's fields are published by its transition to Grunnable, and a scanner that took
 * the bit sees the stack as the G left it. This matches runtime·cas and runtime·atomicload, which
 * are full barriers and acquire loads on both of Go's 2014 arches.
 *
 * <p>An optional {@link StatusObserver} of the G's process sees each transition and each spin of
 * casgstatus; without one, each call costs one extra null check.
 */
public final class StatusAccessors {
    private StatusAccessors() {}

    /**
     * Tells whether {@code status} carries the scan bit; the bare bit is not a status and throws.
     * Port of proc.c isscanstatus (0a7c7ac80). gort passes the process whose throw it is.
     */
    public static boolean isscanstatus(GoProcess process, int status) {
        if (status == Gscan) {
            Throw.throw_(process, "isscanstatus: Bad status Gscan");
        }
        return (status & Gscan) == Gscan;
    }

    /** Reads gp's status with acquire semantics. Port of proc.c runtime·readgstatus (0a7c7ac80). */
    public static int readgstatus(G gp) {
        gp.process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        return (int) G.ATOMICSTATUS.getAcquire(gp);
    }

    /**
     * Releases the scan bit: oldval must be a scan status and newval its base (Gscanenqueue
     * releases to Gwaiting), and gp's status must be oldval; anything else throws. Port of proc.c
     * runtime·casfromgscanstatus (0a7c7ac80).
     */
    public static void casfromgscanstatus(G gp, int oldval, int newval) {
        gp.process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        boolean success = false;
        switch (oldval) {
            case Gscanrunnable, Gscanwaiting, Gscanrunning, Gscansyscall -> {
                if (newval == (oldval & ~Gscan)) {
                    success = G.ATOMICSTATUS.compareAndSet(gp, oldval, newval);
                }
            }
            case Gscanenqueue -> {
                if (newval == Gwaiting) {
                    success = G.ATOMICSTATUS.compareAndSet(gp, oldval, newval);
                }
            }
            default -> {}
        }
        if (!success) {
            Print.printf(
                    gp.process,
                    "runtime: casfromgscanstatus failed gp=%p, oldval=%d, newval=%d\n",
                    gp,
                    oldval,
                    newval);
            dumpgstatus(gp);
            Throw.throw_(gp.process, "casfromgscanstatus: gp->status is not in scan state");
        }
        observe(gp, "casfromgscanstatus", oldval, newval);
    }

    /**
     * Tries once to take the scan bit: true when gp's status was oldval and is now newval, false
     * when it was something else. A pair that is not a scan-bit acquisition throws. Port of proc.c
     * runtime·castogscanstatus (0a7c7ac80).
     */
    public static boolean castogscanstatus(G gp, int oldval, int newval) {
        gp.process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        switch (oldval) {
            case Grunnable, Gwaiting, Gsyscall -> {
                if (newval == (oldval | Gscan)) {
                    return observed(
                            gp,
                            "castogscanstatus",
                            oldval,
                            newval,
                            G.ATOMICSTATUS.compareAndSet(gp, oldval, newval));
                }
            }
            case Grunning -> {
                if (newval == Gscanrunning || newval == Gscanenqueue) {
                    return observed(
                            gp,
                            "castogscanstatus",
                            oldval,
                            newval,
                            G.ATOMICSTATUS.compareAndSet(gp, oldval, newval));
                }
            }
            default -> {}
        }
        Print.printf(gp.process, "runtime: castogscanstatus oldval=%d newval=%d\n", oldval, newval);
        Throw.throw_(gp.process, "castogscanstatus");
        return false; // not reached
    }

    /**
     * Moves gp from oldval to newval, neither a scan status, waiting (spinning) as long as the
     * status is not oldval, e.g. while a collector holds the scan bit. Bad arguments throw. Port of
     * proc.c runtime·casgstatus (0a7c7ac80); not go1.4's variant, which also throws on
     * Gwaiting-became-Grunnable and helps the collector.
     */
    public static void casgstatus(G gp, int oldval, int newval) {
        if (isscanstatus(gp.process, oldval)
                || isscanstatus(gp.process, newval)
                || oldval == newval) {
            Print.printf(gp.process, "casgstatus: oldval=%d, newval=%d\n", oldval, newval);
            Throw.throw_(gp.process, "casgstatus: bad incoming values");
        }
        StatusObserver observer = gp.process.observer();
        gp.process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        while (!G.ATOMICSTATUS.compareAndSet(gp, oldval, newval)) {
            // The status is not oldval yet: a scanner holds the bit, or whoever moves gp to
            // oldval has not done so. Spin until it is, as the commit does.
            if (observer != null) {
                observer.spin(gp, oldval, newval, (int) G.ATOMICSTATUS.getAcquire(gp));
            }
            Thread.onSpinWait();
            gp.process.atomic(); // under the sim backend, lets the one we wait for run
        }
        if (observer != null) {
            observer.transition(gp, "casgstatus", oldval, newval);
        }
    }

    /**
     * Prints gp's address, goid and status, for a throw that follows. Port of proc.c dumpgstatus
     * (0a7c7ac80): one line, as at this commit (it became two lines on 2014-09-03).
     */
    public static void dumpgstatus(G gp) {
        Print.printf(
                gp.process,
                "runtime: gp=%p, goid=%D, gp->atomicstatus=%d\n",
                gp,
                gp.goid,
                readgstatus(gp));
    }

    private static void observe(G gp, String accessor, int from, int to) {
        StatusObserver observer = gp.process.observer();
        if (observer != null) {
            observer.transition(gp, accessor, from, to);
        }
    }

    private static boolean observed(G gp, String accessor, int from, int to, boolean changed) {
        if (changed) {
            observe(gp, accessor, from, to);
        }
        return changed;
    }
}
