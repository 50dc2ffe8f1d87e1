package gort.proc;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.PStatus;
import gort.runtime.Print;
import gort.runtime.Sched;
import gort.runtime.Stack;
import gort.runtime.os.LockFutex;
import gort.runtime.os.OsLayer;

/**
 * The system monitor and what it drives, from proc.c at 0a7c7ac80: sysmon (its own M without a P,
 * started by runtime·main), retake (Ps stuck in syscalls, Gs running for more than 10ms),
 * preemptall and preemptone, and schedtrace (GODEBUG=schedtrace=N,scheddetail=1).
 *
 * <p>gort differs: the forced GC (forcegc, every two minutes) and the heap scavenger are mgc's and
 * malloc's and are not run; the network poll is the stub's ({@link Netpoll}). Every sleep is the OS
 * layer's usleep or a note's timed sleep, every clock read its nanotime.
 */
public final class Sysmon {
    private Sysmon() {}

    /** sysmon's per-process memory: proc.c's static pdesc[] and schedtrace's starttime. */
    static final class State {
        final int[] schedtick = new int[GoProcess.MaxGomaxprocs];
        final long[] schedwhen = new long[GoProcess.MaxGomaxprocs];
        final int[] syscalltick = new int[GoProcess.MaxGomaxprocs];
        final long[] syscallwhen = new long[GoProcess.MaxGomaxprocs];
        long starttime;

        State(GoProcess process) {}
    }

    static State state(GoProcess process) {
        return process.local(State.class, State::new);
    }

    /**
     * The monitor's loop, on its own M (no P): sleeps 20us to 10ms, parks on sysmonnote while every
     * P idles or the world stops, polls the network, retakes Ps and preempts long runners, and
     * prints schedtrace. Port of proc.c sysmon (0a7c7ac80); it ends only with the process (the OS
     * layer's sleeps throw ThreadExit then).
     */
    static void sysmon(M mp) {
        GoProcess process = mp.process;
        Sched sched = process.sched;
        OsLayer os = process.os();
        DebugVars debug = DebugVars.of(process);
        // forcegcperiod (2 minutes) and scavengelimit (5 minutes) only set the longest sleep here.
        long forcegcperiod = 2 * 60 * 1_000_000_000L;
        long scavengelimit = 5 * 60 * 1_000_000_000L;
        long maxsleep = forcegcperiod / 2;
        if (scavengelimit < forcegcperiod) {
            maxsleep = scavengelimit / 2;
        }
        long lasttrace = 0;
        int idle = 0; // rounds in a row that found nothing to do
        int delay = 0;
        for (; ; ) {
            if (idle == 0) { // start with 20us sleep...
                delay = 20;
            } else if (idle > 50) { // after about 1ms of idle rounds the sleep doubles...
                delay *= 2;
            }
            if (delay > 10 * 1000) { // up to 10ms
                delay = 10 * 1000;
            }
            os.usleep(delay);
            if (debug.schedtrace <= 0
                    && (sched.gcwaiting.get() != 0 || sched.npidle.get() == process.gomaxprocs)) {
                LockFutex.lock(mp, sched.lock);
                if (sched.gcwaiting.get() != 0 || sched.npidle.get() == process.gomaxprocs) {
                    sched.sysmonwait.set(1);
                    LockFutex.unlock(mp, sched.lock);
                    LockFutex.notetsleep(mp, sched.sysmonnote, maxsleep);
                    LockFutex.lock(mp, sched.lock);
                    sched.sysmonwait.set(0);
                    LockFutex.noteclear(sched.sysmonnote);
                    idle = 0;
                    delay = 20;
                }
                LockFutex.unlock(mp, sched.lock);
            }
            // nobody has polled the network for 10ms: do it here
            long lastpoll = sched.lastpoll.get();
            long now = os.nanotime();
            if (lastpoll != 0 && lastpoll + 10 * 1000 * 1000 < now) {
                sched.lastpoll.compareAndSet(lastpoll, now);
                G gp = Netpoll.netpoll(process, false); // non-blocking
                if (gp != null) {
                    // Count one more running M before injecting, or a returning M may see none.
                    Ms.incidlelocked(mp, -1);
                    Schedule.injectglist(mp, gp);
                    Ms.incidlelocked(mp, 1);
                }
            }
            // take Ps back from long system calls and ask long-running Gs to yield
            if (retake(mp, now) != 0) {
                idle = 0;
            } else {
                idle++;
            }
            if (debug.schedtrace > 0 && lasttrace + debug.schedtrace * 1_000_000L <= now) {
                lasttrace = now;
                schedtrace(mp, debug.scheddetail > 0);
            }
        }
    }

    /**
     * Retakes the Ps that sat in a syscall for a sysmon tick (when there is other work, or for
     * 10ms) and preempts Gs that ran for 10ms; returns how many Ps it retook. Port of proc.c retake
     * (0a7c7ac80).
     */
    static int retake(M mp, long now) {
        GoProcess process = mp.process;
        Sched sched = process.sched;
        State st = state(process);
        int n = 0;
        for (int i = 0; i < process.gomaxprocs; i++) {
            P p = process.allp[i];
            if (p == null) {
                continue;
            }
            int s = (int) P.STATUS.getVolatile(p);
            if (s == PStatus.Psyscall) {
                // A P whose system call has lasted a whole sysmon tick (20us or more) is taken.
                int t = p.syscalltick;
                if (st.syscalltick[i] != t) {
                    st.syscalltick[i] = t;
                    st.syscallwhen[i] = now;
                    continue;
                }
                // Not when there is no other work, unless it has been 10ms.
                if ((int) P.RUNQHEAD.getAcquire(p) == (int) P.RUNQTAIL.getAcquire(p)
                        && sched.nmspinning.get() + sched.npidle.get() > 0
                        && st.syscallwhen[i] + 10 * 1000 * 1000 > now) {
                    continue;
                }
                // Count one more running M before the CAS, or the M leaving its syscall may
                // find nobody running and report deadlock.
                Ms.incidlelocked(mp, -1);
                process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
                if (P.STATUS.compareAndSet(p, s, PStatus.Pidle)) {
                    n++;
                    Ms.handoffp(mp, p);
                }
                Ms.incidlelocked(mp, 1);
            } else if (s == PStatus.Prunning) {
                // A G that has run for over 10ms without a schedule is asked to yield.
                int t = p.schedtick;
                if (st.schedtick[i] != t) {
                    st.schedtick[i] = t;
                    st.schedwhen[i] = now;
                    continue;
                }
                if (st.schedwhen[i] + 10 * 1000 * 1000 > now) {
                    continue;
                }
                preemptone(mp, p);
            }
        }
        return n;
    }

    /**
     * Asks every G running on a P to stop (best effort); true if it asked at least one. Port of
     * proc.c preemptall (0a7c7ac80).
     */
    static boolean preemptall(M self) {
        GoProcess process = self.process;
        boolean res = false;
        for (int i = 0; i < process.gomaxprocs; i++) {
            P p = process.allp[i];
            if (p == null || p.status != PStatus.Prunning) {
                continue;
            }
            res |= preemptone(self, p);
        }
        return res;
    }

    /**
     * Asks the G running on p to stop at its next stack check: preempt = true and stackguard0 =
     * StackPreempt (best effort, no locks). Port of proc.c preemptone (0a7c7ac80).
     */
    static boolean preemptone(M self, P p) {
        M mp = p.m;
        if (mp == null || mp == self) {
            return false;
        }
        G gp = mp.curg;
        if (gp == null || gp == mp.g0) {
            return false;
        }
        gp.preempt = true;
        // Folding the request into the stack check: every call compares sp with stackguard0.
        G.STACKGUARD0.setOpaque(gp, Stack.StackPreempt(self.process.arch()));
        return true;
    }

    /**
     * Prints one line of scheduler state (and with detailed, one per P, M and G) in Go's formats.
     * Port of proc.c runtime·schedtrace (0a7c7ac80). gort differs: the M line's "blocked" is each
     * M's own flag, where C prints the calling M's (g->m->blocked) on every line.
     */
    public static void schedtrace(M self, boolean detailed) {
        GoProcess process = self.process;
        Sched sched = process.sched;
        State st = state(process);
        long now = process.os().nanotime();
        if (st.starttime == 0) {
            st.starttime = now;
        }
        LockFutex.lock(self, sched.lock);
        Print.printf(
                process,
                "SCHED %Dms: gomaxprocs=%d idleprocs=%d threads=%d spinningthreads=%d idlethreads=%d runqueue=%d",
                (now - st.starttime) / 1000000,
                process.gomaxprocs,
                sched.npidle.get(),
                sched.mcount,
                sched.nmspinning.get(),
                sched.nmidle,
                sched.runqsize);
        if (detailed) {
            Print.printf(
                    process,
                    " gcwaiting=%d nmidlelocked=%d stopwait=%d sysmonwait=%d\n",
                    sched.gcwaiting.get(),
                    sched.nmidlelocked,
                    sched.stopwait,
                    sched.sysmonwait.get());
        }
        // Read Ps, Ms and Gs with care: much of them changes concurrently even under the lock.
        for (int i = 0; i < process.gomaxprocs; i++) {
            P p = process.allp[i];
            if (p == null) {
                continue;
            }
            M mp = p.m;
            int h = (int) P.RUNQHEAD.getAcquire(p);
            int t = (int) P.RUNQTAIL.getAcquire(p);
            if (detailed) {
                Print.printf(
                        process,
                        "  P%d: status=%d schedtick=%d syscalltick=%d m=%d runqsize=%d gfreecnt=%d\n",
                        i,
                        p.status,
                        p.schedtick,
                        p.syscalltick,
                        mp != null ? mp.id : -1,
                        t - h,
                        p.gfreecnt);
            } else {
                // [len1 len2 len3 len4]
                String fmt = " %d";
                if (process.gomaxprocs == 1) {
                    fmt = " [%d]\n";
                } else if (i == 0) {
                    fmt = " [%d";
                } else if (i == process.gomaxprocs - 1) {
                    fmt = " %d]\n";
                }
                Print.printf(process, fmt, t - h);
            }
        }
        if (!detailed) {
            LockFutex.unlock(self, sched.lock);
            return;
        }
        for (M mp = process.allm; mp != null; mp = mp.alllink) {
            P p = mp.p;
            G gp = mp.curg;
            G lockedg = mp.lockedg;
            long id1 = p != null ? p.id : -1;
            long id2 = gp != null ? gp.goid : -1;
            long id3 = lockedg != null ? lockedg.goid : -1;
            Print.printf(
                    process,
                    "  M%d: p=%D curg=%D mallocing=%d throwing=%d gcing=%d"
                            + " locks=%d dying=%d helpgc=%d spinning=%d blocked=%d lockedg=%D\n",
                    mp.id,
                    id1,
                    id2,
                    mp.mallocing,
                    mp.throwing,
                    mp.gcing,
                    mp.locks,
                    mp.dying,
                    mp.helpgc,
                    mp.spinning ? 1 : 0,
                    mp.blocked ? 1 : 0,
                    id3);
        }
        LockFutex.lock(self, process.allglock);
        for (int gi = 0; gi < process.allglen; gi++) {
            G gp = process.allg[gi];
            M mp = gp.m;
            M lockedm = gp.lockedm;
            Print.printf(
                    process,
                    "  G%D: status=%d(%S) m=%d lockedm=%d\n",
                    gp.goid,
                    StatusAccessors.readgstatus(gp),
                    gp.waitreason,
                    mp != null ? mp.id : -1,
                    lockedm != null ? lockedm.id : -1);
        }
        LockFutex.unlock(self, process.allglock);
        LockFutex.unlock(self, sched.lock);
    }
}
