package gort.proc;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.Sched;
import gort.runtime.Throw;
import gort.runtime.os.LockFutex;

/**
 * The run queues and idle lists of proc.c: the P-local ring of 256 (runqput, runqputslow, runqget),
 * the global queue (globrunqput, globrunqputbatch, globrunqget), and the idle P and M lists
 * (pidleput, pidleget, mput, mget).
 *
 * <p>Memory ordering of the local ring, as in C: only the owner P's M writes runqtail (a release
 * store, publishing the slot it filled); consumers read runqhead with acquire and commit a take
 * with a CAS on it, which releases the slot back to the producer. The global queue and the idle
 * lists are guarded by sched.lock ("Sched must be locked").
 *
 * <p>gort differs throughout in passing the process (C's globals) or the P explicitly. Stealing
 * (runqgrab, runqsteal) is issue 4's.
 */
public final class RunQueues {
    private RunQueues() {}

    /** nelem(p->runq). */
    static final int RUNQ = 256;

    /**
     * Puts gp on p's local queue, or, if it is full, half the queue and gp on the global queue.
     * Only the M that holds p may call it. Port of proc.c runqput (0a7c7ac80).
     */
    static void runqput(GoProcess process, M mp, P p, G gp) {
        for (; ; ) {
            process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
            int h = (int) P.RUNQHEAD.getAcquire(p);
            int t = p.runqtail;
            if (Integer.compareUnsigned(t - h, RUNQ) < 0) {
                p.runq[Integer.remainderUnsigned(t, RUNQ)] = gp;
                P.RUNQTAIL.setRelease(p, t + 1);
                return;
            }
            if (runqputslow(process, mp, p, gp, h, t)) {
                return;
            }
            // half the queue went global: there is room now
        }
    }

    /**
     * Moves gp and half of p's full local queue to the global queue. Port of proc.c runqputslow
     * (0a7c7ac80).
     */
    static boolean runqputslow(GoProcess process, M mp, P p, G gp, int h, int t) {
        G[] batch = new G[RUNQ / 2 + 1];
        int n = t - h;
        n = n / 2;
        if (n != RUNQ / 2) {
            Throw.throw_(process, "runqputslow: queue is not full");
        }
        for (int i = 0; i < n; i++) {
            batch[i] = p.runq[Integer.remainderUnsigned(h + i, RUNQ)];
        }
        process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        if (!P.RUNQHEAD.compareAndSet(p, h, h + n)) {
            return false;
        }
        batch[n] = gp;
        for (int i = 0; i < n; i++) {
            batch[i].schedlink = batch[i + 1];
        }
        LockFutex.lock(mp, process.sched.lock);
        globrunqputbatch(process, batch[0], batch[n], n + 1);
        LockFutex.unlock(mp, process.sched.lock);
        return true;
    }

    /** Takes a G from p's local queue, or null. Port of proc.c runqget (0a7c7ac80). */
    static G runqget(P p) {
        for (; ; ) {
            if (p.m != null) p.m.process.atomic(); // a switch point of the sim backend
            int h = (int) P.RUNQHEAD.getAcquire(p);
            int t = (int) P.RUNQTAIL.getAcquire(p);
            if (t == h) {
                return null;
            }
            G gp = p.runq[Integer.remainderUnsigned(h, RUNQ)];
            if (P.RUNQHEAD.compareAndSet(p, h, h + 1)) {
                return gp;
            }
        }
    }

    /**
     * Grabs half of p's local queue into batch (of RUNQ/2 slots); returns how many. Any P may call
     * it. Port of proc.c runqgrab (0a7c7ac80).
     */
    static int runqgrab(P p, G[] batch) {
        int n;
        for (; ; ) {
            int h = (int) P.RUNQHEAD.getAcquire(p); // synchronize with other consumers
            int t = (int) P.RUNQTAIL.getAcquire(p); // synchronize with the producer
            n = t - h;
            n = n - (n >>> 1);
            if (n == 0) {
                break;
            }
            if (Integer.compareUnsigned(n, RUNQ / 2) > 0) { // read inconsistent h and t
                continue;
            }
            for (int i = 0; i < n; i++) {
                batch[i] = p.runq[Integer.remainderUnsigned(h + i, RUNQ)];
            }
            if (P.RUNQHEAD.compareAndSet(p, h, h + n)) { // cas-release, commits consume
                break;
            }
        }
        return n;
    }

    /**
     * Steals half of p2's local queue onto p's; returns one of the stolen Gs, or null. Port of
     * proc.c runqsteal (0a7c7ac80).
     */
    static G runqsteal(GoProcess process, P p, P p2) {
        G[] batch = p.stealbatch;
        int n = runqgrab(p2, batch);
        if (n == 0) {
            return null;
        }
        n--;
        G gp = batch[n];
        batch[n] = null; // gort: the batch outlives the call; it must not keep a G reachable
        if (n == 0) {
            return gp;
        }
        int h = (int) P.RUNQHEAD.getAcquire(p); // synchronize with consumers
        int t = p.runqtail;
        if (Integer.compareUnsigned(t - h + n, RUNQ) >= 0) {
            Throw.throw_(process, "runqsteal: runq overflow");
        }
        for (int i = 0; i < n; i++, t++) {
            p.runq[Integer.remainderUnsigned(t, RUNQ)] = batch[i];
            batch[i] = null;
        }
        P.RUNQTAIL.setRelease(p, t); // makes the items available for consumption
        return gp;
    }

    /**
     * Puts gp on the global queue; sched must be locked. Port of proc.c globrunqput (0a7c7ac80).
     */
    static void globrunqput(GoProcess process, G gp) {
        Sched sched = process.sched;
        gp.schedlink = null;
        if (sched.runqtail != null) {
            sched.runqtail.schedlink = gp;
        } else {
            sched.runqhead = gp;
        }
        sched.runqtail = gp;
        sched.runqsize++;
    }

    /**
     * Puts the list ghead..gtail of n Gs on the global queue; sched must be locked. Port of proc.c
     * globrunqputbatch (0a7c7ac80).
     */
    static void globrunqputbatch(GoProcess process, G ghead, G gtail, int n) {
        Sched sched = process.sched;
        gtail.schedlink = null;
        if (sched.runqtail != null) {
            sched.runqtail.schedlink = ghead;
        } else {
            sched.runqhead = ghead;
        }
        sched.runqtail = gtail;
        sched.runqsize += n;
    }

    /**
     * Takes a fair share (at most max when max &gt; 0) of the global queue: returns the first, puts
     * the rest on p's local queue; sched must be locked. Port of proc.c globrunqget (0a7c7ac80).
     */
    static G globrunqget(GoProcess process, M mp, P p, int max) {
        Sched sched = process.sched;
        if (sched.runqsize == 0) {
            return null;
        }
        int n = sched.runqsize / process.gomaxprocs + 1;
        if (n > sched.runqsize) {
            n = sched.runqsize;
        }
        if (max > 0 && n > max) {
            n = max;
        }
        if (n > RUNQ / 2) {
            n = RUNQ / 2;
        }
        sched.runqsize -= n;
        if (sched.runqsize == 0) {
            sched.runqtail = null;
        }
        G gp = sched.runqhead;
        sched.runqhead = gp.schedlink;
        n--;
        while (n-- > 0) {
            G gp1 = sched.runqhead;
            sched.runqhead = gp1.schedlink;
            runqput(process, mp, p, gp1);
        }
        return gp;
    }

    /** Puts p on the idle list; sched must be locked. Port of proc.c pidleput (0a7c7ac80). */
    static void pidleput(GoProcess process, P p) {
        p.link = process.sched.pidle;
        process.sched.pidle = p;
        process.sched.npidle.incrementAndGet();
    }

    /** Takes an idle P, or null; sched must be locked. Port of proc.c pidleget (0a7c7ac80). */
    static P pidleget(GoProcess process) {
        P p = process.sched.pidle;
        if (p != null) {
            process.sched.pidle = p.link;
            process.sched.npidle.decrementAndGet();
        }
        return p;
    }

    /**
     * Puts mp on the idle M list and checks for deadlock; sched must be locked. Port of proc.c mput
     * (0a7c7ac80).
     */
    static void mput(GoProcess process, M self, M mp) {
        mp.schedlink = process.sched.midle;
        process.sched.midle = mp;
        process.sched.nmidle++;
        Schedule.checkdead(process, self);
    }

    /** Takes an idle M, or null; sched must be locked. Port of proc.c mget (0a7c7ac80). */
    static M mget(GoProcess process) {
        M mp = process.sched.midle;
        if (mp != null) {
            process.sched.midle = mp.schedlink;
            process.sched.nmidle--;
        }
        return mp;
    }

    /**
     * Self-test of the local queue: for every length below its capacity, puts that many and gets
     * them back. Port of proc.c runtime·testSchedLocalQueue (0a7c7ac80), which Go's proc_test.go
     * calls; mp is the calling M (for runqput's slow path, never taken here).
     */
    public static void testSchedLocalQueue(GoProcess process, M mp) {
        P p = new P();
        G[] gs = new G[RUNQ];
        for (int i = 0; i < gs.length; i++) {
            gs[i] = process.newG(0);
        }
        for (int i = 0; i < gs.length; i++) {
            if (runqget(p) != null) {
                Throw.throw_(process, "runq is not empty initially");
            }
            for (int j = 0; j < i; j++) {
                runqput(process, mp, p, gs[i]);
            }
            for (int j = 0; j < i; j++) {
                if (runqget(p) != gs[i]) {
                    gort.runtime.Print.printf(process, "bad element at iter %d/%d\n", i, j);
                    Throw.throw_(process, "bad element");
                }
            }
            if (runqget(p) != null) {
                Throw.throw_(process, "runq is not empty afterwards");
            }
        }
    }

    /**
     * Self-test of stealing: for every length, steals from a queue of that length and checks that
     * every G is taken exactly once and the thief got half. Port of proc.c
     * runtime·testSchedLocalQueueSteal (0a7c7ac80); C counts in g->sig, as does this.
     */
    public static void testSchedLocalQueueSteal(GoProcess process, M mp) {
        P p1 = new P();
        P p2 = new P();
        G[] gs = new G[RUNQ];
        for (int i = 0; i < gs.length; i++) {
            gs[i] = process.newG(0);
        }
        for (int i = 0; i < gs.length; i++) {
            for (int j = 0; j < i; j++) {
                gs[j].sig = 0;
                runqput(process, mp, p1, gs[j]);
            }
            G gp = runqsteal(process, p2, p1);
            int s = 0;
            if (gp != null) {
                s++;
                gp.sig++;
            }
            while ((gp = runqget(p2)) != null) {
                s++;
                gp.sig++;
            }
            while ((gp = runqget(p1)) != null) {
                gp.sig++;
            }
            for (int j = 0; j < i; j++) {
                if (gs[j].sig != 1) {
                    gort.runtime.Print.printf(
                            process, "bad element %d(%d) at iter %d\n", j, gs[j].sig, i);
                    Throw.throw_(process, "bad element");
                }
            }
            if (s != i / 2 && s != i / 2 + 1) {
                gort.runtime.Print.printf(
                        process, "bad steal %d, want %d or %d, iter %d\n", s, i / 2, i / 2 + 1, i);
                Throw.throw_(process, "bad steal");
            }
        }
    }
}
