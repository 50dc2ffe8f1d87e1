package gort.proc;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.PStatus;
import gort.runtime.Sched;
import gort.runtime.Stack;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.os.LockFutex;

/**
 * Stopping and starting the world, from proc.c at 0a7c7ac80: stoptheworld, starttheworld,
 * freezetheworld, and runtime.GOMAXPROCS (gomaxprocsfunc), which changes the number of Ps with the
 * world stopped; who stops the world holds runtime·worldsema ({@link Sema}).
 */
public final class World {
    private World() {}

    /** proc.c's static newprocs and mgc0.c's runtime·worldsema, per process. */
    static final class State {
        int newprocs;

        /**
         * The address of runtime·worldsema, a uint32 in simulated memory, initially 1: holding it
         * grants the right to stop the world ({@link Sema#semacquire}).
         */
        final long worldsema;

        State(GoProcess process) {
            worldsema = process.malloc().mallocgc(4, 0, gort.runtime.malloc.Malloc.FlagNoScan);
            process.memory().atomicstore(worldsema, 1);
        }
    }

    static State state(GoProcess process) {
        return process.local(State.class, State::new);
    }

    /** The address of the process's runtime·worldsema. */
    public static long worldsema(GoProcess process) {
        return state(process).worldsema;
    }

    /**
     * Stops every P but the caller's: sets gcwaiting, preempts running Gs, takes idle Ps and Ps in
     * syscalls, and waits for the rest to stop themselves. Port of proc.c runtime·stoptheworld
     * (0a7c7ac80); mp is C's g->m and gp C's g.
     */
    public static void stoptheworld(M mp, G gp) {
        GoProcess process = mp.process;
        Sched sched = process.sched;
        // An M waiting for a lock this M holds could never stop: refuse.
        if (mp.locks > 0) {
            Throw.throw_(process, "stoptheworld: holding locks");
        }
        if (gp == mp.g0) {
            Throw.throw_(process, "stoptheworld: on g0");
        }
        LockFutex.lock(mp, sched.lock);
        sched.stopwait = process.gomaxprocs;
        sched.gcwaiting.set(1);
        Sysmon.preemptall(mp);
        // stop current P
        mp.p.status = PStatus.Pgcstop; // Pgcstop is only diagnostic.
        sched.stopwait--;
        // Ps whose Ms are in system calls are taken at once
        for (int i = 0; i < process.gomaxprocs; i++) {
            P p = process.allp[i];
            int s = (int) P.STATUS.getVolatile(p);
            if (s == PStatus.Psyscall && P.STATUS.compareAndSet(p, s, PStatus.Pgcstop)) {
                sched.stopwait--;
            }
        }
        // stop idle P's
        P p;
        while ((p = RunQueues.pidleget(process)) != null) {
            p.status = PStatus.Pgcstop;
            sched.stopwait--;
        }
        boolean wait = sched.stopwait > 0;
        LockFutex.unlock(mp, sched.lock);

        // the Ps still running stop themselves at their next preemption check
        if (wait) {
            for (; ; ) {
                // a preemption request can be lost to a race: repeat it every 100us
                if (LockFutex.notetsleep(mp, sched.stopnote, 100 * 1000)) {
                    LockFutex.noteclear(sched.stopnote);
                    break;
                }
                Sysmon.preemptall(mp);
            }
        }
        if (sched.stopwait != 0) {
            Throw.throw_(process, "stoptheworld: not stopped");
        }
        for (int i = 0; i < process.gomaxprocs; i++) {
            p = process.allp[i];
            if (p.status != PStatus.Pgcstop) {
                Throw.throw_(process, "stoptheworld: not stopped");
            }
        }
    }

    /**
     * Restarts the world: resizes to newprocs if GOMAXPROCS asked, clears gcwaiting, wakes or
     * starts an M for every P with work, and wakes sysmon. Port of proc.c runtime·starttheworld
     * (0a7c7ac80). gort differs: no extra GC helper M is started (needaddgcproc is mgc's).
     */
    public static void starttheworld(M mp) {
        GoProcess process = mp.process;
        Sched sched = process.sched;
        State st = state(process);
        mp.locks++; // no preemption while this code holds Ps in hand
        G gp = Netpoll.netpoll(process, false); // non-blocking
        Schedule.injectglist(mp, gp);
        LockFutex.lock(mp, sched.lock);
        if (st.newprocs != 0) {
            Schedule.procresize(process, mp, st.newprocs);
            st.newprocs = 0;
        } else {
            Schedule.procresize(process, mp, process.gomaxprocs);
        }
        sched.gcwaiting.set(0);

        P p1 = null;
        P p;
        while ((p = RunQueues.pidleget(process)) != null) {
            // procresize puts the Ps with work first; from the first without, none has any.
            if (p.runqhead == p.runqtail) {
                RunQueues.pidleput(process, p);
                break;
            }
            p.m = RunQueues.mget(process);
            p.link = p1;
            p1 = p;
        }
        if (sched.sysmonwait.get() != 0) {
            sched.sysmonwait.set(0);
            LockFutex.notewakeup(mp, sched.sysmonnote);
        }
        LockFutex.unlock(mp, sched.lock);

        while (p1 != null) {
            p = p1;
            p1 = p1.link;
            if (p.m != null) {
                M m1 = p.m;
                p.m = null;
                if (m1.nextp != null) {
                    Throw.throw_(process, "starttheworld: inconsistent mp->nextp");
                }
                m1.nextp = p;
                LockFutex.notewakeup(mp, m1.park);
            } else {
                // Start M to run P.
                Ms.newm(mp, null, p);
            }
        }
        mp.locks--;
        G g = mp.curg;
        if (mp.locks == 0
                && g != null
                && g.preempt) { // restore a preemption request newstack cleared
            g.stackguard0 = Stack.StackPreempt(process.arch());
        }
    }

    /**
     * Best-effort stop for a crash, callable many times and without locks. Port of proc.c
     * runtime·freezetheworld (0a7c7ac80).
     */
    public static void freezetheworld(M mp) {
        GoProcess process = mp.process;
        if (process.gomaxprocs == 1) {
            return;
        }
        // A race can undo either request, so both are made a few times.
        for (int i = 0; i < 5; i++) {
            // schedulers that see these start nothing new
            process.sched.stopwait = 0x7fffffff;
            process.sched.gcwaiting.set(1);
            // and the running goroutines are asked to stop
            if (!Sysmon.preemptall(mp)) {
                break; // nothing is running
            }
            process.os().usleep(1000);
        }
        // once more after a pause, for requests that raced
        process.os().usleep(1000);
        Sysmon.preemptall(mp);
        process.os().usleep(1000);
    }

    /**
     * runtime.GOMAXPROCS(n int) int (RTCALL): returns the old value and, when n &gt; 0 differs,
     * resizes with the world stopped. Port of proc.c runtime·gomaxprocsfunc (0a7c7ac80).
     */
    static void GOMAXPROCS(Cpu cpu, long argp) {
        int w = cpu.arch().PtrSize;
        int n = (int) cpu.mem().loadp(argp);
        gomaxprocsfunc(cpu, n, (c, argp2, ret) -> c.mem().storep(argp2 + w, ret));
    }

    /** What follows a runtime function that may park: its result, given to its Go caller. */
    @FunctionalInterface
    interface IntResult {
        void ret(Cpu cpu, long argp, int ret);
    }

    /**
     * Port of proc.c runtime·gomaxprocsfunc (0a7c7ac80). gort differs: semacquire may park the G,
     * so the rest of the function, and the return of the old value to {@code then}, is a
     * continuation run on whatever M the G runs on once it holds worldsema.
     */
    static void gomaxprocsfunc(Cpu cpu, int n, IntResult then) {
        M mp = cpu.m();
        GoProcess process = mp.process;
        if (n > GoProcess.MaxGomaxprocs) {
            n = GoProcess.MaxGomaxprocs;
        }
        LockFutex.lock(mp, process.sched.lock);
        int ret = process.gomaxprocs;
        if (n <= 0 || n == ret) {
            LockFutex.unlock(mp, process.sched.lock);
            then.ret(cpu, Chan.argp(cpu), ret);
            return;
        }
        LockFutex.unlock(mp, process.sched.lock);

        final int newprocs = n;
        Sema.semacquire(
                cpu,
                worldsema(process),
                false,
                (c, argp) -> {
                    M m = c.m();
                    m.gcing = 1;
                    stoptheworld(m, c.g());
                    state(process).newprocs = newprocs;
                    m.gcing = 0;
                    Sema.semrelease(m, worldsema(process));
                    starttheworld(m);
                    then.ret(c, argp, ret);
                });
    }
}
