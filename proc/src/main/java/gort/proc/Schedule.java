package gort.proc;

import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscan;
import static gort.runtime.GStatus.Gsyscall;
import static gort.runtime.GStatus.Gwaiting;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.PStatus;
import gort.runtime.Print;
import gort.runtime.Sched;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.os.LockFutex;
import gort.runtime.os.ThreadExit;

/**
 * The scheduler's core as issue 3 needs it: schedinit, mcommoninit, procresize, acquirep,
 * releasep, schedule, execute, findrunnable (minimal), stopm, checkdead, dropg, gosched and
 * gosched_m, goexit and goexit0, from proc.c at 0a7c7ac80.
 *
 * <h2>How a G runs (gort's one structural difference)</h2>
 * In C, schedule → execute → gogo never returns. In gort, {@link #execute} loads the G's state
 * into the M's {@link Cpu} ({@code gogo}) and returns; every caller returns with it, up to the M's
 * scheduler loop ({@link Mstart#schedloop}), which then runs the CPU. An mcall from Go code
 * (gosched, goexit) makes the CPU return to that loop, which runs fn(gp) on the M's Java stack
 * (g0's part). So "never returns" in C reads "returns to the loop, with the Cpu set" in gort.
 *
 * <h2>Seams for issue 4</h2>
 * {@link #wakep} does nothing (no Ms are started for idle Ps, so every G of a process runs on
 * m0); {@link #findrunnable} looks only at the local and global queues, then gives up its P and
 * stops the M (no stealing, netpoll or spinning); there is no sysmon, so checkdead does not
 * subtract one for it. The full versions replace these methods in place.
 *
 * <p>gort differs throughout: C's globals are the process's fields, and C's {@code g->m} is the
 * parameter {@code mp}; an mcall continuation (gosched_m, goexit0) takes it from {@code gp.m},
 * which is g->m when the mcall happens.
 */
public final class Schedule {
    private Schedule() {}

    /**
     * The parts of the bootstrap's schedinit this path needs: maxmcount, mcommoninit(m0),
     * lastpoll, and procresize to GOMAXPROCS. Port of proc.c runtime·schedinit (0a7c7ac80);
     * symtabinit, stackinit, mallocinit, goargs, goenvs, parsedebugvars, gcinit and the copystack
     * setting belong to other modules or to gort's construction of the process.
     */
    static void schedinit(GoProcess process, M mp) {
        process.sched.maxmcount = 10000;
        mcommoninit(mp, mp);
        process.sched.lastpoll.set(process.os().nanotime());
        int procs = 1;
        int n = process.procs();
        if (n > 0) {
            if (n > GoProcess.MaxGomaxprocs) {
                n = GoProcess.MaxGomaxprocs;
            }
            procs = n;
        }
        procresize(process, mp, procs);
    }

    /** Port of proc.c checkmcount (0a7c7ac80); sched is locked. */
    static void checkmcount(GoProcess process) {
        if (process.sched.mcount > process.sched.maxmcount) {
            Print.printf(process, "runtime: program exceeds %d-thread limit\n", process.sched.maxmcount);
            Throw.throw_(process, "thread exhaustion");
        }
    }

    /**
     * Gives mp its id and puts it on allm. Port of proc.c mcommoninit (0a7c7ac80); {@code self}
     * is C's g->m. gort leaves out callers() into createstack (traceback is a later module) and
     * uses nanotime for cputicks.
     */
    static void mcommoninit(M self, M mp) {
        GoProcess process = mp.process;
        mp.fastrand = 0x49f6428a + mp.id + (int) process.os().nanotime();
        LockFutex.lock(self, process.sched.lock);
        mp.id = process.sched.mcount++;
        checkmcount(process);
        mp.alllink = process.allm;
        process.allm = mp; // volatile: atomicstorep publishes mp to readers of allm without the lock
        LockFutex.unlock(self, process.sched.lock);
    }

    /**
     * Changes the number of Ps to {@code nw}: makes new Ps, moves every local run queue to the
     * global one and spreads it again, frees the Ps above nw, keeps allp[0] for mp and idles the
     * rest. Port of proc.c procresize (0a7c7ac80); gort has no mcache yet.
     */
    static void procresize(GoProcess process, M mp, int nw) {
        Sched sched = process.sched;
        int old = process.gomaxprocs;
        if (old < 0 || old > GoProcess.MaxGomaxprocs || nw <= 0 || nw > GoProcess.MaxGomaxprocs) {
            Throw.throw_(process, "procresize: invalid arg");
        }
        for (int i = 0; i < nw; i++) {
            P p = process.allp[i];
            if (p == null) {
                p = new P();
                p.id = i;
                p.status = PStatus.Pgcstop;
                process.allp[i] = p;
            }
        }

        // collect all runnable goroutines in the global queue, preserving FIFO order
        boolean empty = false;
        while (!empty) {
            empty = true;
            for (int i = 0; i < old; i++) {
                P p = process.allp[i];
                if (p.runqhead == p.runqtail) {
                    continue;
                }
                empty = false;
                p.runqtail--;
                G gp = p.runq[Integer.remainderUnsigned(p.runqtail, RunQueues.RUNQ)];
                gp.schedlink = sched.runqhead;
                sched.runqhead = gp;
                if (sched.runqtail == null) {
                    sched.runqtail = gp;
                }
                sched.runqsize++;
            }
        }
        // fill local queues with at most nelem(p->runq)/2 goroutines, starting at allp[1]
        for (int i = 1; i < nw * RunQueues.RUNQ / 2 && sched.runqsize > 0; i++) {
            G gp = sched.runqhead;
            sched.runqhead = gp.schedlink;
            if (sched.runqhead == null) {
                sched.runqtail = null;
            }
            sched.runqsize--;
            RunQueues.runqput(process, mp, process.allp[i % nw], gp);
        }

        for (int i = nw; i < old; i++) {
            P p = process.allp[i];
            NewProc.gfpurge(mp, p);
            p.status = PStatus.Pdead;
        }

        if (mp.p != null) {
            mp.p.m = null;
        }
        mp.p = null;
        P p = process.allp[0];
        p.m = null;
        p.status = PStatus.Pidle;
        acquirep(mp, p);
        for (int i = nw - 1; i > 0; i--) {
            p = process.allp[i];
            p.status = PStatus.Pidle;
            RunQueues.pidleput(process, p);
        }
        process.gomaxprocs = nw;
    }

    /**
     * Associates p and mp. Port of proc.c acquirep (0a7c7ac80); gort has no mcache, so the
     * first check is on m->p alone.
     */
    static void acquirep(M mp, P p) {
        if (mp.p != null) {
            Throw.throw_(mp.process, "acquirep: already in go");
        }
        if (p.m != null || p.status != PStatus.Pidle) {
            Print.printf(mp.process, "acquirep: p->m=%p(%d) p->status=%d\n", p.m, p.m != null ? p.m.id : 0, p.status);
            Throw.throw_(mp.process, "acquirep: invalid p state");
        }
        mp.p = p;
        p.m = mp;
        p.status = PStatus.Prunning;
    }

    /**
     * Disassociates mp's P from it and returns the P. Port of proc.c releasep (0a7c7ac80),
     * without the mcache checks and with the printed line reduced to the fields gort has.
     */
    static P releasep(M mp) {
        if (mp.p == null) {
            Throw.throw_(mp.process, "releasep: invalid arg");
        }
        P p = mp.p;
        if (p.m != mp || p.status != PStatus.Prunning) {
            Print.printf(mp.process, "releasep: m=%p m->p=%p p->m=%p p->status=%d\n", mp, mp.p, p.m, p.status);
            Throw.throw_(mp.process, "releasep: invalid p state");
        }
        mp.p = null;
        p.m = null;
        p.status = PStatus.Pidle;
        return p;
    }

    /**
     * Stops mp until it is given work: puts it on the idle list and sleeps on m->park, then
     * takes m->nextp. Port of proc.c stopm (0a7c7ac80), without the helpgc branch (no parallel
     * GC yet).
     */
    static void stopm(M mp) {
        GoProcess process = mp.process;
        if (mp.locks != 0) {
            Throw.throw_(process, "stopm holding locks");
        }
        if (mp.p != null) {
            Throw.throw_(process, "stopm holding p");
        }
        if (mp.spinning) {
            mp.spinning = false;
            process.sched.nmspinning.decrementAndGet();
        }
        LockFutex.lock(mp, process.sched.lock);
        RunQueues.mput(process, mp, mp);
        LockFutex.unlock(mp, process.sched.lock);
        LockFutex.notesleep(mp, mp.park);
        LockFutex.noteclear(mp.park);
        acquirep(mp, mp.nextp);
        mp.nextp = null;
    }

    /**
     * Wakes an idle P with a new M when there is work for it. The seam of issue 4 (startm,
     * newm); in this issue it does nothing, so a process runs its Gs on m0 alone.
     */
    static void wakep(GoProcess process, M mp) {
        // Deliberately empty until issue 4: there it claims the one spinning-M slot and starts
        // an M for an idle P (startm), as proc.c's wakep does.
    }

    /**
     * Finds a runnable G: mp's local queue, then the global queue; failing both, gives up the P
     * and stops mp until it is woken with one. Port of the part of proc.c findrunnable
     * (0a7c7ac80) that this issue needs: local runq, global runq, then (with sched locked and
     * the global queue rechecked) releasep, pidleput, stopm. The gcwaiting, fing, stealing,
     * spinning and netpoll steps are issue 4's, and go where the comment marks them.
     */
    static G findrunnable(M mp) {
        GoProcess process = mp.process;
        for (;;) {
            // local runq
            G gp = RunQueues.runqget(mp.p);
            if (gp != null) {
                return gp;
            }
            // global runq
            if (process.sched.runqsize != 0) {
                LockFutex.lock(mp, process.sched.lock);
                gp = RunQueues.globrunqget(process, mp, mp.p, 0);
                LockFutex.unlock(mp, process.sched.lock);
                if (gp != null) {
                    return gp;
                }
            }
            // issue 4: netpoll, random stealing from other Ps, spinning.
            LockFutex.lock(mp, process.sched.lock);
            if (process.sched.runqsize != 0) {
                gp = RunQueues.globrunqget(process, mp, mp.p, 0);
                LockFutex.unlock(mp, process.sched.lock);
                return gp;
            }
            P p = releasep(mp);
            RunQueues.pidleput(process, p);
            LockFutex.unlock(mp, process.sched.lock);
            stopm(mp);
        }
    }

    /**
     * One round of the scheduler: finds a runnable G and executes it. Port of proc.c schedule
     * (0a7c7ac80); see the class comment for how it "never returns" in gort. The lockedg and
     * gcwaiting branches are issue 4's (no LockOSThread or stop-the-world yet).
     */
    static void schedule(M mp) {
        GoProcess process = mp.process;
        if (mp.locks != 0) {
            Throw.throw_(process, "schedule: holding locks");
        }
        G gp = null;
        // Check the global runnable queue once in a while to ensure fairness.
        int tick = mp.p.schedtick;
        if (Integer.remainderUnsigned(tick, 61) == 0 && process.sched.runqsize > 0) {
            LockFutex.lock(mp, process.sched.lock);
            gp = RunQueues.globrunqget(process, mp, mp.p, 1);
            LockFutex.unlock(mp, process.sched.lock);
        }
        if (gp == null) {
            gp = RunQueues.runqget(mp.p);
            if (gp != null && mp.spinning) {
                Throw.throw_(process, "schedule: spinning with local work");
            }
        }
        if (gp == null) {
            gp = findrunnable(mp); // blocks until work is available
        }
        execute(mp, gp);
    }

    /**
     * Makes gp the running G of mp and loads its state into mp's CPU. Port of proc.c execute
     * (0a7c7ac80): at this commit a casgstatus, with no "execute: bad g status" check. gort
     * differs: gogo sets the CPU's state and returns (class comment); an exiting process stops
     * here instead (ThreadExit); the CPU profiler is not ported.
     */
    static void execute(M mp, G gp) {
        StatusAccessors.casgstatus(gp, Grunnable, Grunning);
        gp.waitsince = 0;
        gp.preempt = false;
        gp.stackguard0 = gp.stackguard;
        mp.p.schedtick++;
        mp.curg = gp;
        gp.m = mp;
        if (mp.process.exiting()) {
            throw new ThreadExit();
        }
        mp.cpu.gogo(gp.sched);
    }

    /** Unlinks mp and its current G. Port of proc.c dropg (0a7c7ac80). */
    static void dropg(M mp) {
        if (mp.lockedg == null) {
            mp.curg.m = null;
            mp.curg = null;
        }
    }

    /**
     * runtime.Gosched from Go code (RTCALL, no arguments): mcall(gosched_m). Port of proc.c
     * runtime·gosched (0a7c7ac80).
     */
    public static void gosched(Cpu cpu, long argp) {
        cpu.mcall(Schedule::gosched_m);
    }

    /**
     * gosched's continuation on g0: gp becomes Grunnable at the tail of the global queue and
     * mp schedules. Port of proc.c runtime·gosched_m (0a7c7ac80).
     */
    public static void gosched_m(G gp) {
        M mp = gp.m;
        GoProcess process = gp.process;
        int status = StatusAccessors.readgstatus(gp);
        if ((status & ~Gscan) != Grunning) {
            StatusAccessors.dumpgstatus(gp);
            Throw.throw_(process, "bad g status");
        }
        StatusAccessors.casgstatus(gp, Grunning, Grunnable);
        dropg(mp);
        LockFutex.lock(mp, process.sched.lock);
        RunQueues.globrunqput(process, gp);
        LockFutex.unlock(mp, process.sched.lock);

        schedule(mp);
    }

    /**
     * The end of every goroutine (runtime.goexit's body, RTCALL): mcall(goexit0). Port of
     * proc.c runtime·goexit (0a7c7ac80), which at this commit has no status check.
     */
    public static void goexit(Cpu cpu, long argp) {
        cpu.mcall(Schedule::goexit0);
    }

    /**
     * goexit's continuation on g0: gp becomes Gdead, is cleaned, goes on the free list, and mp
     * schedules. Port of proc.c goexit0 (0a7c7ac80). gort differs: unwindstack has nothing to
     * free, as gort's stacks are not segmented until the stack module (issue 5) says otherwise.
     */
    static void goexit0(G gp) {
        M mp = gp.m;
        StatusAccessors.casgstatus(gp, Grunning, Gdead);
        gp.m = null;
        gp.lockedm = null;
        mp.lockedg = null;
        gp.paniconfault = false;
        gp.defer = 0;
        gp.panic = 0;
        gp.writenbuf = 0;
        gp.writebuf = 0;
        gp.waitreason = null;
        gp.param = 0;

        dropg(mp);

        if ((mp.locked & ~LockExternal) != 0) {
            Print.printf(gp.process, "invalid m->locked = %d\n", mp.locked);
            Throw.throw_(gp.process, "internal lockOSThread error");
        }
        mp.locked = 0;
        NewProc.gfput(mp, mp.p, gp);
        schedule(mp);
    }

    /** runtime.h LockExternal. */
    static final int LockExternal = 1;

    /**
     * Throws when no M is left running and no G can run. Port of proc.c checkdead (0a7c7ac80);
     * sched is locked. gort differs: there is no sysmon M yet, so the count of running Ms does
     * not subtract one for it; runtime·panicking is not ported (panic.c), so that early return
     * is left out.
     */
    static void checkdead(GoProcess process, M mp) {
        Sched sched = process.sched;
        int run = sched.mcount - sched.nmidle - sched.nmidlelocked;
        if (run > 0) {
            return;
        }
        if (run < 0) {
            Print.printf(process, "runtime: checkdead: nmidle=%d nmidlelocked=%d mcount=%d\n",
                    sched.nmidle, sched.nmidlelocked, sched.mcount);
            Throw.throw_(process, "checkdead: inconsistent counts");
        }
        int grunning = 0;
        LockFutex.lock(mp, process.allglock);
        for (int i = 0; i < process.allglen; i++) {
            G gp = process.allg[i];
            if (gp.issystem) {
                continue;
            }
            int s = StatusAccessors.readgstatus(gp);
            switch (s & ~Gscan) {
                case Gwaiting -> grunning++;
                case Grunnable, Grunning, Gsyscall -> {
                    LockFutex.unlock(mp, process.allglock);
                    Print.printf(process, "runtime: checkdead: find g %D in status %d\n", gp.goid, s);
                    Throw.throw_(process, "checkdead: runnable g");
                }
                default -> { }
            }
        }
        LockFutex.unlock(mp, process.allglock);
        if (grunning == 0) { // possible if main goroutine calls runtime·Goexit()
            Throw.throw_(process, "no goroutines (main called runtime.Goexit) - deadlock!");
        }
        mp.throwing = -1; // do not dump full stacks
        Throw.throw_(process, "all goroutines are asleep - deadlock!");
    }
}
