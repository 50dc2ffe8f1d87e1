package gort.proc;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Gscan;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.PStatus;
import gort.runtime.Print;
import gort.runtime.Sched;
import gort.runtime.Stack;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.os.LockFutex;
import java.util.function.Consumer;

/**
 * The M side of the scheduler, from proc.c at 0a7c7ac80: making Ms (allocm, newm, on a new thread
 * of the OS layer), handing Ps to Ms (startm, handoffp), spinning (mspinning), Ms locked to a G
 * (stoplockedm, startlockedm, incidlelocked, LockOSThread and its kin), and gcstopm.
 *
 * <p>gort differs throughout as {@link Schedule} does: C's {@code g->m} is the parameter {@code mp}
 * (or {@code self} where the function is about another M), and a process's globals are its fields.
 * Every thread is started by {@link gort.runtime.os.OsLayer#newosproc} and every wait is on a Note
 * or Lock of the OS layer, so the sim backend can drive them.
 */
public final class Ms {
    private Ms() {}

    /** runtime.h LockExternal and LockInternal (m->locked). */
    static final int LockExternal = 1;

    static final int LockInternal = 2;

    /** The g0 stack of a new M: malg(8192), as allocm on Linux. */
    static final int G0_STACK = 8192;

    /**
     * A new M, not yet on a thread, with its g0. Port of proc.c runtime·allocm (0a7c7ac80); {@code
     * self} is C's g->m. gort differs: no P is borrowed for the allocation (gort's mallocgc
     * stand-in needs no mcache), and M itself is a Java object with a simulated-memory address.
     */
    static M allocm(M self, P p) {
        GoProcess process = self.process;
        self.locks++; // sysmon calls this too: keep the collector away while the M is half made
        M mp = new M(process, process.malloc().mallocgc(Mstart.M_SIZE, 0, 0));
        Schedule.mcommoninit(self, mp);
        mp.g0 = NewProc.malg(process, G0_STACK);
        mp.g0.m = mp;
        self.locks--;
        G gp = self.curg;
        if (self.locks == 0 && gp != null && gp.preempt) {
            gp.stackguard0 = Stack.StackPreempt(process.arch());
        }
        return mp;
    }

    /**
     * Creates an M that starts with fn (when not null) and then schedules with p. Port of proc.c
     * newm (0a7c7ac80); the thread comes from the OS layer's newosproc (there is no cgo).
     */
    static M newm(M self, Consumer<M> fn, P p) {
        M mp = allocm(self, p);
        mp.nextp = p;
        mp.mstartfn = fn == null ? null : () -> fn.accept(mp);
        self.process.os().newosproc(mp, () -> Mstart.mthread(mp, () -> Mstart.mstart(mp)));
        return mp;
    }

    /** An M started to spin. Port of proc.c mspinning (0a7c7ac80). */
    static void mspinning(M mp) {
        mp.spinning = true;
    }

    /**
     * Has some M run p: an idle one woken, or a new one. With p null, takes an idle P, or does
     * nothing if there is none. Port of proc.c startm (0a7c7ac80).
     */
    static void startm(M self, P p, boolean spinning) {
        GoProcess process = self.process;
        Sched sched = process.sched;
        LockFutex.lock(self, sched.lock);
        if (p == null) {
            p = RunQueues.pidleget(process);
            if (p == null) {
                LockFutex.unlock(self, sched.lock);
                if (spinning) {
                    sched.nmspinning.decrementAndGet();
                }
                return;
            }
        }
        M mp = RunQueues.mget(process);
        LockFutex.unlock(self, sched.lock);
        if (mp == null) {
            newm(self, spinning ? Ms::mspinning : null, p);
            return;
        }
        if (mp.spinning) {
            Throw.throw_(process, "startm: m is spinning");
        }
        if (mp.nextp != null) {
            Throw.throw_(process, "startm: m has p");
        }
        mp.spinning = spinning;
        mp.nextp = p;
        LockFutex.notewakeup(self, mp.park);
    }

    /**
     * Hands off p from an M entering a syscall or locked to a G: starts an M for it when there is
     * work or nobody spins, else idles it. Port of proc.c handoffp (0a7c7ac80).
     */
    static void handoffp(M self, P p) {
        GoProcess process = self.process;
        Sched sched = process.sched;
        // queued work for p: an M must run it now
        if ((int) P.RUNQHEAD.getAcquire(p) != (int) P.RUNQTAIL.getAcquire(p)
                || sched.runqsize != 0) {
            startm(self, p, false);
            return;
        }
        // no local work: if no M spins or idles, help by spinning on p
        process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        if (sched.nmspinning.get() + sched.npidle.get() == 0
                && sched.nmspinning.compareAndSet(0, 1)) {
            startm(self, p, true);
            return;
        }
        LockFutex.lock(self, sched.lock);
        if (sched.gcwaiting.get() != 0) {
            p.status = PStatus.Pgcstop;
            if (--sched.stopwait == 0) {
                LockFutex.notewakeup(self, sched.stopnote);
            }
            LockFutex.unlock(self, sched.lock);
            return;
        }
        if (sched.runqsize != 0) {
            LockFutex.unlock(self, sched.lock);
            startm(self, p, false);
            return;
        }
        // The last P going idle while nobody has polled the network: an M keeps watch.
        if (sched.npidle.get() == process.gomaxprocs - 1 && sched.lastpoll.get() != 0) {
            LockFutex.unlock(self, sched.lock);
            startm(self, p, false);
            return;
        }
        RunQueues.pidleput(process, p);
        LockFutex.unlock(self, sched.lock);
    }

    /**
     * Parks mp (which has a G of its own, lockedg) until some M hands it that G; returns with a P.
     * Port of proc.c stoplockedm (0a7c7ac80), with its printed line and throw; C dumps g (g0 here),
     * gort dumps the locked G.
     */
    static void stoplockedm(M mp) {
        GoProcess process = mp.process;
        if (mp.lockedg == null || mp.lockedg.lockedm != mp) {
            Throw.throw_(process, "stoplockedm: inconsistent locking");
        }
        if (mp.p != null) {
            // the P goes on without us
            P p = Schedule.releasep(mp);
            handoffp(mp, p);
        }
        incidlelocked(mp, 1);
        // asleep until an M finds lockedg runnable and hands it to us (startlockedm)
        LockFutex.notesleep(mp, mp.park);
        LockFutex.noteclear(mp.park);
        int status = StatusAccessors.readgstatus(mp.lockedg);
        if ((status & ~Gscan) != Grunnable) {
            Print.printf(process, "runtime:stoplockedm: g is not Grunnable or Gscanrunnable");
            StatusAccessors.dumpgstatus(mp.lockedg);
            Throw.throw_(process, "stoplockedm: not runnable");
        }
        Schedule.acquirep(mp, mp.nextp);
        mp.nextp = null;
    }

    /**
     * Hands mp's P straight to the M locked to gp and stops mp. Port of proc.c startlockedm
     * (0a7c7ac80).
     */
    static void startlockedm(M self, G gp) {
        GoProcess process = self.process;
        M mp = gp.lockedm;
        if (mp == self) {
            Throw.throw_(process, "startlockedm: locked to me");
        }
        if (mp.nextp != null) {
            Throw.throw_(process, "startlockedm: m has p");
        }
        // the P goes straight to the M that gp is locked to
        incidlelocked(self, -1);
        P p = Schedule.releasep(self);
        mp.nextp = p;
        LockFutex.notewakeup(self, mp.park);
        Schedule.stopm(self);
    }

    /**
     * Parks mp while the world is stopped and gives its P to stoptheworld; returns after
     * starttheworld. Port of proc.c gcstopm (0a7c7ac80).
     */
    static void gcstopm(M mp) {
        GoProcess process = mp.process;
        Sched sched = process.sched;
        if (sched.gcwaiting.get() == 0) {
            Throw.throw_(process, "gcstopm: not waiting for gc");
        }
        if (mp.spinning) {
            mp.spinning = false;
            sched.nmspinning.decrementAndGet();
        }
        P p = Schedule.releasep(mp);
        LockFutex.lock(mp, sched.lock);
        p.status = PStatus.Pgcstop;
        if (--sched.stopwait == 0) {
            LockFutex.notewakeup(mp, sched.stopnote);
        }
        LockFutex.unlock(mp, sched.lock);
        Schedule.stopm(mp);
    }

    /**
     * Counts locked Ms that wait (v = 1, then checks for deadlock) or stop waiting (v = -1). Port
     * of proc.c incidlelocked (0a7c7ac80).
     */
    static void incidlelocked(M mp, int v) {
        Sched sched = mp.process.sched;
        LockFutex.lock(mp, sched.lock);
        sched.nmidlelocked += v;
        if (v > 0) {
            Schedule.checkdead(mp.process, mp);
        }
        LockFutex.unlock(mp, sched.lock);
    }

    /** Wires the running G and its M to each other. Port of proc.c lockOSThread (0a7c7ac80). */
    static void lockOSThread(M mp, G gp) {
        mp.lockedg = gp;
        gp.lockedm = mp;
    }

    /**
     * runtime.LockOSThread (RTCALL, no arguments). Port of proc.c runtime·LockOSThread (0a7c7ac80).
     */
    public static void LockOSThread(Cpu cpu, long argp) {
        M mp = cpu.m();
        mp.locked |= LockExternal;
        lockOSThread(mp, cpu.g());
    }

    /**
     * The runtime's own lock (runtime·main during init). Port of proc.c runtime·lockOSThread
     * (0a7c7ac80).
     */
    static void lockOSThreadInternal(M mp, G gp) {
        mp.locked += LockInternal;
        lockOSThread(mp, gp);
    }

    /**
     * Unwires the running G and its M when no lock is left. Port of proc.c unlockOSThread
     * (0a7c7ac80).
     */
    static void unlockOSThread(M mp, G gp) {
        if (mp.locked != 0) {
            return;
        }
        mp.lockedg = null;
        gp.lockedm = null;
    }

    /** runtime.UnlockOSThread (RTCALL). Port of proc.c runtime·UnlockOSThread (0a7c7ac80). */
    public static void UnlockOSThread(Cpu cpu, long argp) {
        M mp = cpu.m();
        mp.locked &= ~LockExternal;
        unlockOSThread(mp, cpu.g());
    }

    /**
     * The runtime's unlock (runtime·main after init; RTCALL runtime.unlockOSThread). Port of proc.c
     * runtime·unlockOSThread (0a7c7ac80).
     */
    static void unlockOSThreadInternal(Cpu cpu, long argp) {
        M mp = cpu.m();
        if (mp.locked < LockInternal) {
            Throw.throw_(
                    mp.process, "runtime: internal error: misuse of lockOSThread/unlockOSThread");
        }
        mp.locked -= LockInternal;
        unlockOSThread(mp, cpu.g());
    }

    /**
     * debug.SetMaxThreads(threads int) int (RTCALL): sets sched.maxmcount, checks the current count
     * against it, and returns the old limit. Port of proc.c runtime·setmaxthreads_m (0a7c7ac80),
     * called with the argument in place of m->scalararg.
     */
    static void SetMaxThreads(Cpu cpu, long argp) {
        M mp = cpu.m();
        GoProcess process = mp.process;
        int w = cpu.arch().PtrSize;
        int in = (int) cpu.mem().loadp(argp);
        LockFutex.lock(mp, process.sched.lock);
        int out = process.sched.maxmcount;
        process.sched.maxmcount = in;
        Schedule.checkmcount(process);
        LockFutex.unlock(mp, process.sched.lock);
        cpu.mem().storep(argp + w, out);
    }

    /**
     * Whether the running G and its M are wired. Port of proc.c runtime·lockedOSThread (0a7c7ac80).
     */
    static boolean lockedOSThread(M mp, G gp) {
        return gp.lockedm != null && mp.lockedg != null;
    }

    /** The number of Ms made so far. Port of proc.c runtime·mcount (0a7c7ac80). */
    static int mcount(GoProcess process) {
        return process.sched.mcount;
    }

    /**
     * sync.runtime_procPin: disables preemption and returns the P's id. Port of proc.c
     * sync·runtime_procPin (0a7c7ac80).
     */
    static int runtime_procPin(M mp) {
        mp.locks++; // Disable preemption.
        return mp.p.id;
    }

    /** Port of proc.c sync·runtime_procUnpin (0a7c7ac80). */
    static void runtime_procUnpin(M mp) {
        mp.locks--;
    }
}
