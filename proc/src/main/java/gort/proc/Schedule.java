package gort.proc;

import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscan;
import static gort.runtime.GStatus.Gsyscall;
import static gort.runtime.GStatus.Gwaiting;

import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.PStatus;
import gort.runtime.Print;
import gort.runtime.Sched;
import gort.runtime.Throw;
import gort.runtime.WaitUnlockF;
import gort.runtime.cpu.Cpu;
import gort.runtime.os.Lock;
import gort.runtime.os.LockFutex;
import gort.runtime.os.ThreadExit;

/**
 * The scheduler's core: schedinit, mcommoninit, procresize, acquirep, releasep, schedule, execute,
 * findrunnable, resetspinning, injectglist, stopm, wakep, park/park_m/parkunlock, ready, checkdead,
 * dropg, gosched and gosched_m, goexit and goexit0, from proc.c at 0a7c7ac80. The M side (newm,
 * startm, handoffp, locked Ms) is {@link Ms}.
 *
 * <h2>How a G runs (gort's one structural difference)</h2>
 *
 * In C, schedule → execute → gogo never returns. In gort, {@link #execute} loads the G's state into
 * the M's {@link Cpu} ({@code gogo}) and returns; every caller returns with it, up to the M's
 * scheduler loop ({@link Mstart#schedloop}), which then runs the CPU. An mcall from Go code
 * (gosched, goexit) makes the CPU return to that loop, which runs fn(gp) on the M's Java stack
 * (g0's part). So "never returns" in C reads "returns to the loop, with the Cpu set" in gort.
 *
 * <h2>Parking inside a runtime function</h2>
 *
 * C's park returns to its caller on the G's stack when the G is readied. A Java runtime function
 * cannot be resumed in the middle, so a function that parks (chansend, chanrecv, selectgo ...)
 * stores the rest of its work in {@link G#resume} before calling {@link #park}; the M that next
 * runs the G runs that continuation first ({@link Mstart#schedloop}).
 *
 * <p>gort differs throughout: C's globals are the process's fields, and C's {@code g->m} is the
 * parameter {@code mp}; an mcall continuation (gosched_m, goexit0) takes it from {@code gp.m},
 * which is g->m when the mcall happens.
 */
public final class Schedule {
    private Schedule() {}

    /**
     * The parts of the bootstrap's schedinit this path needs: maxmcount, mcommoninit(m0), lastpoll,
     * and procresize to GOMAXPROCS. Port of proc.c runtime·schedinit (0a7c7ac80); symtabinit,
     * stackinit, mallocinit, goargs, goenvs, parsedebugvars, gcinit and the copystack setting
     * belong to other modules or to gort's construction of the process.
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
            Print.printf(
                    process, "runtime: program exceeds %d-thread limit\n", process.sched.maxmcount);
            Throw.throw_(process, "thread exhaustion");
        }
    }

    /**
     * Gives mp its id and puts it on allm. Port of proc.c mcommoninit (0a7c7ac80); {@code self} is
     * C's g->m. gort leaves out callers() into createstack (traceback is a later module) and uses
     * nanotime for cputicks.
     */
    static void mcommoninit(M self, M mp) {
        GoProcess process = mp.process;
        mp.fastrand = 0x49f6428a + mp.id + (int) process.os().nanotime();
        LockFutex.lock(self, process.sched.lock);
        mp.id = process.sched.mcount++;
        checkmcount(process);
        mp.alllink = process.allm;
        process.allm =
                mp; // volatile: atomicstorep publishes mp to readers of allm without the lock
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
        // spread the global queue over the other Ps' local queues, each at most half full,
        // from allp[1] on
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
     * Associates p and mp. Port of proc.c acquirep (0a7c7ac80); gort has no mcache, so the first
     * check is on m->p alone.
     */
    static void acquirep(M mp, P p) {
        if (mp.p != null) {
            Throw.throw_(mp.process, "acquirep: already in go");
        }
        if (p.m != null || p.status != PStatus.Pidle) {
            Print.printf(
                    mp.process,
                    "acquirep: p->m=%p(%d) p->status=%d\n",
                    p.m,
                    p.m != null ? p.m.id : 0,
                    p.status);
            Throw.throw_(mp.process, "acquirep: invalid p state");
        }
        mp.p = p;
        p.m = mp;
        p.status = PStatus.Prunning;
    }

    /**
     * Disassociates mp's P from it and returns the P. Port of proc.c releasep (0a7c7ac80), without
     * the mcache checks and with the printed line reduced to the fields gort has.
     */
    static P releasep(M mp) {
        if (mp.p == null) {
            Throw.throw_(mp.process, "releasep: invalid arg");
        }
        P p = mp.p;
        if (p.m != mp || p.status != PStatus.Prunning) {
            Print.printf(
                    mp.process,
                    "releasep: m=%p m->p=%p p->m=%p p->status=%d\n",
                    mp,
                    mp.p,
                    p.m,
                    p.status);
            Throw.throw_(mp.process, "releasep: invalid p state");
        }
        mp.p = null;
        p.m = null;
        p.status = PStatus.Pidle;
        return p;
    }

    /**
     * Stops mp until it is given work: puts it on the idle list and sleeps on m->park, then takes
     * m->nextp. Port of proc.c stopm (0a7c7ac80). gort differs: the helpgc branch (a parallel GC
     * helper woken with work) is not there until mgc's gchelper exists.
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
     * Tries to put one more P to work for a G just made runnable (newproc, ready): claims the one
     * spinning slot and starts an M on an idle P. Port of proc.c wakep (0a7c7ac80).
     */
    static void wakep(GoProcess process, M mp) {
        // be conservative about spinning threads
        process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        if (!process.sched.nmspinning.compareAndSet(0, 1)) {
            return;
        }
        Ms.startm(mp, null, true);
    }

    /**
     * Finds a runnable G: the local queue, the global queue, the network poller, then stealing from
     * other Ps while spinning; failing all, gives up the P, rechecks every queue and the poller,
     * and stops mp until it is woken with a P. Port of proc.c findrunnable (0a7c7ac80). gort
     * differs: the finalizer goroutine wakeup (fingwait) is mgc's and not here; the poller is the
     * stub of netpoll_stub.c ({@link Netpoll}).
     */
    static G findrunnable(M mp) {
        GoProcess process = mp.process;
        Sched sched = process.sched;
        top:
        for (; ; ) {
            if (sched.gcwaiting.get() != 0) {
                Ms.gcstopm(mp);
                continue top;
            }
            // local runq
            G gp = RunQueues.runqget(mp.p);
            if (gp != null) {
                return gp;
            }
            // global runq
            if (sched.runqsize != 0) {
                LockFutex.lock(mp, sched.lock);
                gp = RunQueues.globrunqget(process, mp, mp.p, 0);
                LockFutex.unlock(mp, sched.lock);
                if (gp != null) {
                    return gp;
                }
            }
            // poll network
            gp = Netpoll.netpoll(process, false); // non-blocking
            if (gp != null) {
                injectglist(mp, gp.schedlink);
                StatusAccessors.casgstatus(gp, Gwaiting, Grunnable);
                return gp;
            }
            boolean stop = false;
            // If the spinning Ms are at least half the busy Ps, block: parallelism is low.
            if (!mp.spinning
                    && 2 * sched.nmspinning.get() >= process.gomaxprocs - sched.npidle.get()) {
                stop = true;
            }
            if (!stop) {
                if (!mp.spinning) {
                    mp.spinning = true;
                    sched.nmspinning.incrementAndGet();
                }
                // random steal from other Ps
                for (int i = 0; i < 2 * process.gomaxprocs; i++) {
                    if (sched.gcwaiting.get() != 0) {
                        continue top;
                    }
                    P p =
                            process.allp[
                                    Integer.remainderUnsigned(fastrand1(mp), process.gomaxprocs)];
                    if (p == mp.p) {
                        gp = RunQueues.runqget(p);
                    } else {
                        gp = RunQueues.runqsteal(process, mp.p, p);
                    }
                    if (gp != null) {
                        return gp;
                    }
                }
            }
            // stop: return P and block
            LockFutex.lock(mp, sched.lock);
            if (sched.gcwaiting.get() != 0) {
                LockFutex.unlock(mp, sched.lock);
                continue top;
            }
            if (sched.runqsize != 0) {
                gp = RunQueues.globrunqget(process, mp, mp.p, 0);
                LockFutex.unlock(mp, sched.lock);
                return gp;
            }
            P p = releasep(mp);
            RunQueues.pidleput(process, p);
            LockFutex.unlock(mp, sched.lock);
            if (mp.spinning) {
                mp.spinning = false;
                sched.nmspinning.decrementAndGet();
            }
            // check all runqueues once again
            for (int i = 0; i < process.gomaxprocs; i++) {
                p = process.allp[i];
                if (p != null && (int) P.RUNQHEAD.getAcquire(p) != (int) P.RUNQTAIL.getAcquire(p)) {
                    LockFutex.lock(mp, sched.lock);
                    p = RunQueues.pidleget(process);
                    LockFutex.unlock(mp, sched.lock);
                    if (p != null) {
                        acquirep(mp, p);
                        continue top;
                    }
                    break;
                }
            }
            // poll network
            process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
            if (sched.lastpoll.getAndSet(0) != 0) {
                if (mp.p != null) {
                    Throw.throw_(process, "findrunnable: netpoll with p");
                }
                if (mp.spinning) {
                    Throw.throw_(process, "findrunnable: netpoll with spinning");
                }
                gp = Netpoll.netpoll(process, true); // sleeps until some descriptor is ready
                sched.lastpoll.set(process.os().nanotime());
                if (gp != null) {
                    LockFutex.lock(mp, sched.lock);
                    p = RunQueues.pidleget(process);
                    LockFutex.unlock(mp, sched.lock);
                    if (p != null) {
                        acquirep(mp, p);
                        injectglist(mp, gp.schedlink);
                        StatusAccessors.casgstatus(gp, Gwaiting, Grunnable);
                        return gp;
                    }
                    injectglist(mp, gp);
                }
            }
            stopm(mp);
        }
    }

    /**
     * mp found work: it stops spinning, and wakes another P if nobody else spins. Port of proc.c
     * resetspinning (0a7c7ac80).
     */
    static void resetspinning(M mp) {
        GoProcess process = mp.process;
        int nmspinning;
        if (mp.spinning) {
            mp.spinning = false;
            nmspinning = process.sched.nmspinning.decrementAndGet();
            if (nmspinning < 0) {
                Throw.throw_(process, "findrunnable: negative nmspinning");
            }
        } else {
            nmspinning = process.sched.nmspinning.get();
        }
        // The wakeup policy is conservative (see wakep): wake another P here if none spins.
        if (nmspinning == 0 && process.sched.npidle.get() > 0) {
            wakep(process, mp);
        }
    }

    /**
     * Makes every G of the list (linked through schedlink, all Gwaiting) runnable on the global
     * queue and starts Ms for idle Ps. Port of proc.c injectglist (0a7c7ac80).
     */
    static void injectglist(M mp, G glist) {
        if (glist == null) {
            return;
        }
        GoProcess process = mp.process;
        LockFutex.lock(mp, process.sched.lock);
        int n;
        for (n = 0; glist != null; n++) {
            G gp = glist;
            glist = gp.schedlink;
            StatusAccessors.casgstatus(gp, Gwaiting, Grunnable);
            RunQueues.globrunqput(process, gp);
        }
        LockFutex.unlock(mp, process.sched.lock);
        for (; n != 0 && process.sched.npidle.get() != 0; n--) {
            Ms.startm(mp, null, false);
        }
    }

    /**
     * The M's pseudo-random generator: double, and xor with 0x88888eef when the doubled value's top
     * bit is set (asm's XORL then CMOVLMI). Port of asm_amd64.s runtime·fastrand1 (0a7c7ac80).
     */
    public static int fastrand1(M mp) {
        int x = mp.fastrand;
        x += x;
        if (x < 0) {
            x ^= 0x88888eef;
        }
        mp.fastrand = x;
        return x;
    }

    /**
     * One round of the scheduler: finds a runnable G and executes it. Port of proc.c schedule
     * (0a7c7ac80); see the class comment for how it "never returns" in gort.
     */
    static void schedule(M mp) {
        GoProcess process = mp.process;
        if (mp.locks != 0) {
            Throw.throw_(process, "schedule: holding locks");
        }
        if (mp.lockedg != null) {
            Ms.stoplockedm(mp);
            execute(mp, mp.lockedg); // never returns (in gort: returns with the CPU loaded)
            return;
        }
        for (; ; ) {
            if (process.sched.gcwaiting.get() != 0) {
                Ms.gcstopm(mp);
                continue;
            }
            G gp = null;
            // Every 61st schedule looks at the global queue first, or two goroutines that keep
            // readying each other on the local queue could starve it.
            int tick = mp.p.schedtick;
            if (Integer.remainderUnsigned(tick, 61) == 0 && process.sched.runqsize > 0) {
                LockFutex.lock(mp, process.sched.lock);
                gp = RunQueues.globrunqget(process, mp, mp.p, 1);
                LockFutex.unlock(mp, process.sched.lock);
                if (gp != null) {
                    resetspinning(mp);
                }
            }
            if (gp == null) {
                gp = RunQueues.runqget(mp.p);
                if (gp != null && mp.spinning) {
                    Throw.throw_(process, "schedule: spinning with local work");
                }
            }
            if (gp == null) {
                gp = findrunnable(mp); // blocks until work is available
                resetspinning(mp);
            }
            if (gp.lockedm != null) {
                // gp may only run on its own M: give that M our P and wait for another.
                Ms.startlockedm(mp, gp);
                continue;
            }
            execute(mp, gp);
            return;
        }
    }

    /**
     * Makes gp the running G of mp and loads its state into mp's CPU. Port of proc.c execute
     * (0a7c7ac80): at this commit a casgstatus, with no "execute: bad g status" check. gort
     * differs: gogo sets the CPU's state and returns (class comment); an exiting process stops here
     * instead (ThreadExit); the CPU profiler is not ported.
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
     * Puts the running G into Gwaiting for {@code reason} and, once it no longer runs, calls
     * unlockf(gp, lock); if that returns false the G runs again at once. Port of proc.c
     * runtime·park (0a7c7ac80). Called from a runtime function (RTCALL) as its last act: gort
     * differs in that the code C runs after park returns is the caller's {@link G#resume}.
     */
    public static void park(Cpu cpu, WaitUnlockF unlockf, Object lock, String reason) {
        M mp = cpu.m();
        mp.waitlock = lock;
        mp.waitunlockf = unlockf;
        cpu.g().waitreason = reason;
        cpu.mcall(Schedule::park_m);
    }

    /**
     * The Go side's park: throws unless the calling G is running, then parks. Port of proc.go
     * gopark (0a7c7ac80); acquirem/releasem have nothing to pin in gort (Java runtime code does not
     * move between Ms).
     */
    public static void gopark(Cpu cpu, WaitUnlockF unlockf, Object lock, String reason) {
        int status = StatusAccessors.readgstatus(cpu.g());
        if (status != Grunning && status != GStatus.Gscanrunning) {
            Throw.throw_(cpu.m().process, "gopark: bad g status");
        }
        park(cpu, unlockf, lock, reason);
    }

    /** gopark with an unlockf that releases lock. Port of proc.go goparkunlock (0a7c7ac80). */
    public static void goparkunlock(Cpu cpu, Lock lock, String reason) {
        M mp = cpu.m();
        gopark(
                cpu,
                (gp, l) -> {
                    LockFutex.unlock(mp, (Lock) l);
                    return true;
                },
                lock,
                reason);
    }

    /**
     * park with an unlockf that releases {@code lock}. Port of proc.c runtime·parkunlock
     * (0a7c7ac80).
     */
    public static void parkunlock(Cpu cpu, Lock lock, String reason) {
        M mp = cpu.m();
        park(
                cpu,
                (gp, l) -> {
                    LockFutex.unlock(mp, (Lock) l);
                    return true;
                },
                lock,
                reason);
    }

    /**
     * park's continuation on g0: Grunning to Gwaiting, drop the G, run unlockf, then schedule (or
     * run the G again when unlockf says no). Port of proc.c runtime·park_m (0a7c7ac80).
     */
    static void park_m(G gp) {
        M mp = gp.m;
        StatusAccessors.casgstatus(gp, Grunning, Gwaiting);
        dropg(mp);
        if (mp.waitunlockf != null) {
            boolean ok = mp.waitunlockf.unlock(gp, mp.waitlock);
            mp.waitunlockf = null;
            mp.waitlock = null;
            if (!ok) {
                StatusAccessors.casgstatus(gp, Gwaiting, Grunnable);
                execute(mp, gp); // Schedule it back, never returns.
                return;
            }
        }
        schedule(mp);
    }

    /**
     * Makes the Gwaiting gp runnable on mp's P and wakes a P for it if one idles. Port of proc.c
     * runtime·ready (0a7c7ac80), with its "bad g->status in ready" throw; mp is C's g->m, and C's g
     * is mp.curg.
     */
    public static void ready(M mp, G gp) {
        GoProcess process = mp.process;
        int status = StatusAccessors.readgstatus(gp);
        // Mark runnable.
        mp.locks++; // no preemption while this code holds mp.p in hand
        if ((status & ~Gscan) != Gwaiting) {
            StatusAccessors.dumpgstatus(gp);
            Throw.throw_(process, "bad g->status in ready");
        }
        // Gwaiting, perhaps with the scan bit: casgstatus waits for a scan to end
        StatusAccessors.casgstatus(gp, Gwaiting, Grunnable);
        RunQueues.runqput(process, mp, mp.p, gp);
        if (process.sched.npidle.get() != 0 && process.sched.nmspinning.get() == 0) {
            wakep(process, mp);
        }
        mp.locks--;
        G g = mp.curg;
        if (mp.locks == 0
                && g != null
                && g.preempt) { // restore a preemption request newstack cleared
            g.stackguard0 = gort.runtime.Stack.StackPreempt(process.arch());
        }
    }

    /**
     * ready with its argument in m->ptrarg[0] (the entry Go code reaches through onM). Port of
     * proc.c runtime·ready_m (0a7c7ac80).
     */
    static void ready_m(M mp) {
        G gp = (G) mp.ptrarg[0];
        mp.ptrarg[0] = null;
        ready(mp, gp);
    }

    /**
     * Prints a goroutine's header line, "goroutine N [status(, N minutes)(, locked to thread)]:".
     * Port of proc.c runtime·goroutineheader (0a7c7ac80), with the commit's status names (scan
     * states included).
     */
    public static void goroutineheader(GoProcess process, G gp) {
        int gpstatus = StatusAccessors.readgstatus(gp);
        String status =
                switch (gpstatus) {
                    case GStatus.Gidle -> "idle";
                    case Grunnable -> "runnable";
                    case Grunning -> "running";
                    case Gsyscall -> "syscall";
                    case Gwaiting -> gp.waitreason != null ? gp.waitreason : "waiting";
                    case Gscan -> "scan";
                    case GStatus.Gscanrunnable -> "scanrunnable";
                    case GStatus.Gscanrunning -> "scanrunning";
                    case GStatus.Gscansyscall -> "scansyscall";
                    case GStatus.Gscanenqueue -> "scanenqueue";
                    case GStatus.Gscanwaiting ->
                            gp.waitreason != null ? gp.waitreason : "scanwaiting";
                    case GStatus.Gcopystack -> "copystack";
                    default -> "???";
                };
        // whole minutes since the wait began, when the collector has recorded that
        long waitfor = 0;
        gpstatus = gpstatus & ~Gscan; // drop the scan bit
        if ((gpstatus == Gwaiting || gpstatus == Gsyscall) && gp.waitsince != 0) {
            waitfor = (process.os().nanotime() - gp.waitsince) / (60L * 1000 * 1000 * 1000);
        }
        Print.printf(process, "goroutine %D [%S", gp.goid, status);
        if (waitfor >= 1) {
            Print.printf(process, ", %D minutes", waitfor);
        }
        if (gp.lockedm != null) {
            Print.printf(process, ", locked to thread");
        }
        Print.printf(process, "]:\n");
    }

    /**
     * runtime.Gosched from Go code (RTCALL, no arguments): mcall(gosched_m). Port of proc.c
     * runtime·gosched (0a7c7ac80).
     */
    public static void gosched(Cpu cpu, long argp) {
        cpu.mcall(Schedule::gosched_m);
    }

    /**
     * gosched's continuation on g0: gp becomes Grunnable at the tail of the global queue and mp
     * schedules. Port of proc.c runtime·gosched_m (0a7c7ac80).
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
     * The end of every goroutine (runtime.goexit's body, RTCALL): mcall(goexit0). Port of proc.c
     * runtime·goexit (0a7c7ac80), which at this commit has no status check.
     */
    public static void goexit(Cpu cpu, long argp) {
        cpu.mcall(Schedule::goexit0);
    }

    /**
     * runtime.Goexit (RTCALL): ends the calling goroutine. Port of panic.c runtime·Goexit
     * (0a7c7ac80) without its first step: C runs the goroutine's deferred calls before goexit;
     * gort's defers are the panic module's, which replaces this entry with its own (rundefer, then
     * this).
     */
    public static void Goexit(Cpu cpu, long argp) {
        goexit(cpu, argp);
    }

    /**
     * goexit's continuation on g0: gp becomes Gdead, is cleaned, goes on the free list, and mp
     * schedules. Port of proc.c goexit0 (0a7c7ac80); unwindstack frees the segments a Goexit from a
     * split stack leaves (through the StackAllocator seam, see gort.stack.Stacks).
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
        gp.process.stacks().unwindstack(mp, gp, 0);
        NewProc.gfput(mp, mp.p, gp);
        schedule(mp);
    }

    /** runtime.h LockExternal. */
    static final int LockExternal = 1;

    /**
     * Throws when no M is left running and no G can run. Port of proc.c checkdead (0a7c7ac80);
     * sched is locked. gort differs: runtime·panicking is not ported (panic.c), so that early
     * return is left out.
     */
    static void checkdead(GoProcess process, M mp) {
        Sched sched = process.sched;
        // -1 for sysmon
        int run = sched.mcount - sched.nmidle - sched.nmidlelocked - 1;
        if (run > 0) {
            return;
        }
        if (run < 0) {
            Print.printf(
                    process,
                    "runtime: checkdead: nmidle=%d nmidlelocked=%d mcount=%d\n",
                    sched.nmidle,
                    sched.nmidlelocked,
                    sched.mcount);
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
                    Print.printf(
                            process, "runtime: checkdead: find g %D in status %d\n", gp.goid, s);
                    Throw.throw_(process, "checkdead: runnable g");
                }
                default -> {}
            }
        }
        LockFutex.unlock(mp, process.allglock);
        if (grunning == 0) { // no goroutine left at all: main.main itself called Goexit
            Throw.throw_(process, "no goroutines (main called runtime.Goexit) - deadlock!");
        }
        mp.throwing = -1; // do not dump full stacks
        Throw.throw_(process, "all goroutines are asleep - deadlock!");
    }
}
