package gort.proc;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gsyscall;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.PStatus;
import gort.runtime.Sched;
import gort.runtime.Stack;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.RuntimeFunc;
import gort.runtime.mem.Memory;
import gort.runtime.os.LockFutex;
import gort.runtime.os.Note;

/**
 * System calls from the scheduler's side, from proc.c at 0a7c7ac80: entersyscall,
 * entersyscallblock, exitsyscall with its fast path (exitsyscallfast) and slow path (exitsyscall0
 * on g0), entersyscallblock_m (its g0 form), and the gort stand-ins that use them: {@code
 * syscall.Close}, lock_futex.c's notetsleepg and notetsleepg_m, and stubs.go's gonotetsleepg.
 *
 * <p>gort differs: C's entersyscall is called by Go code (syscall.Syscall) and saves its caller's
 * pc and sp; here the syscall is a Java runtime function (RTCALL), so "the caller" is the Go code
 * at the RTCALL, whose state the CPU holds ({@link Cpu#pc()}, {@link Cpu#sp()}). The code C runs
 * after exitsyscall's mcall returns is the {@code after} continuation ({@link
 * gort.runtime.G#resume}).
 */
public final class Syscalls {
    private Syscalls() {}

    /** Port of proc.c save (0a7c7ac80): g->sched = the RTCALL's caller, resumable. */
    static void save(Cpu cpu, G gp) {
        gp.sched.pc = cpu.pc();
        gp.sched.sp = cpu.sp();
        gp.sched.lr = 0;
        gp.sched.ret = 0;
        gp.sched.ctxt = 0;
        gp.sched.g = gp;
    }

    /**
     * The running G enters a system call: Grunning to Gsyscall, its P to Psyscall (sysmon may
     * retake it), stackguard0 = StackPreempt. Port of proc.c ·entersyscall (0a7c7ac80).
     */
    static void entersyscall(Cpu cpu) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess process = mp.process;
        Sched sched = process.sched;
        // Disable preemption: g->sched is inconsistent while in Gsyscall; keep GC from seeing it.
        mp.locks++;
        // The stack stays readable while the G is away: the collector and tracebacks start
        // from the saved pc and sp.
        save(cpu, gp);
        gp.syscallsp = gp.sched.sp;
        gp.syscallpc = gp.sched.pc;
        gp.syscallstack = gp.stackbase;
        gp.syscallguard = gp.stackguard;
        StatusAccessors.casgstatus(gp, Grunning, Gsyscall);
        if (Long.compareUnsigned(gp.syscallsp, gp.syscallguard - Stack.StackGuard) < 0
                || Long.compareUnsigned(gp.syscallstack, gp.syscallsp) < 0) {
            Throw.throw_(process, "entersyscall");
        }
        if (sched.sysmonwait.get() != 0) {
            LockFutex.lock(mp, sched.lock);
            if (sched.sysmonwait.get() != 0) {
                sched.sysmonwait.set(0);
                LockFutex.notewakeup(mp, sched.sysmonnote);
            }
            LockFutex.unlock(mp, sched.lock);
            save(cpu, gp);
        }
        mp.p.m = null;
        process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        P.STATUS.setVolatile(mp.p, PStatus.Psyscall);
        if (sched.gcwaiting.get() != 0) {
            LockFutex.lock(mp, sched.lock);
            if (sched.stopwait > 0
                    && P.STATUS.compareAndSet(mp.p, PStatus.Psyscall, PStatus.Pgcstop)) {
                if (--sched.stopwait == 0) {
                    LockFutex.notewakeup(mp, sched.stopnote);
                }
            }
            LockFutex.unlock(mp, sched.lock);
            save(cpu, gp);
        }
        // No stack splits in Gsyscall (they would corrupt g->sched): the first check fails.
        gp.stackguard0 = Stack.StackPreempt(process.arch());
        mp.locks--;
    }

    /**
     * entersyscall for a call known to block: hands the P off at once. Port of proc.c
     * ·entersyscallblock (0a7c7ac80).
     */
    static void entersyscallblock(Cpu cpu) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess process = mp.process;
        mp.locks++; // see comment in entersyscall
        // The stack stays readable while the G is away: the collector and tracebacks start
        // from the saved pc and sp.
        save(cpu, gp);
        gp.syscallsp = gp.sched.sp;
        gp.syscallpc = gp.sched.pc;
        gp.syscallstack = gp.stackbase;
        gp.syscallguard = gp.stackguard;
        StatusAccessors.casgstatus(gp, Grunning, Gsyscall);
        if (Long.compareUnsigned(gp.syscallsp, gp.syscallguard - Stack.StackGuard) < 0
                || Long.compareUnsigned(gp.syscallstack, gp.syscallsp) < 0) {
            Throw.throw_(process, "entersyscallblock");
        }
        P p = Schedule.releasep(mp);
        Ms.handoffp(mp, p);
        // Save again: the blocking call's traceback must start from here.
        save(cpu, gp);
        gp.stackguard0 = Stack.StackPreempt(process.arch()); // see comment in entersyscall
        mp.locks--;
    }

    /**
     * entersyscallblock for a G that already switched to g0 (mcall saved its state in g->sched):
     * marks it Gsyscall and hands its P off. Port of proc.c runtime·entersyscallblock_m
     * (0a7c7ac80); its caller is lock_futex.c notetsleepg_m.
     */
    static void entersyscallblock_m(M mp) {
        G gp = mp.curg;
        // g->sched already holds the G's pc and sp (mcall saved them).
        // On g0 now: until exitsyscall the G's stack is frozen for others to read.
        gp.stackguard0 = Stack.StackPreempt(mp.process.arch());
        gp.sched.ret = 0;
        gp.sched.ctxt = 0;
        gp.syscallsp = gp.sched.sp;
        gp.syscallpc = gp.sched.pc;
        gp.syscallstack = gp.stackbase;
        gp.syscallguard = gp.stackguard;
        StatusAccessors.casgstatus(gp, Grunning, Gsyscall);
        if (Long.compareUnsigned(gp.syscallsp, gp.syscallguard - Stack.StackGuard) < 0
                || Long.compareUnsigned(gp.syscallstack, gp.syscallsp) < 0) {
            Throw.throw_(mp.process, "entersyscall_m");
        }
        Ms.handoffp(mp, Schedule.releasep(mp));
    }

    /**
     * The G leaves its system call: on a P at once when it can get one (fast path), else as
     * Grunnable through the scheduler (mcall(exitsyscall0)), after which {@code after} runs on the
     * G. Returns true when it stayed on this M (and has run {@code after}); false when it ended in
     * mcall. Port of proc.c runtime·exitsyscall (0a7c7ac80); gort's {@code after} is C's code after
     * the mcall plus the caller's remaining work, which must not touch the P after a false return.
     */
    static boolean exitsyscall(Cpu cpu, RuntimeFunc after) {
        M mp = cpu.m();
        G gp = cpu.g();
        mp.locks++; // see comment in entersyscall
        gp.waitsince = 0;
        if (exitsyscallfast(mp)) {
            // The P is still ours: go straight back to Go code.
            mp.p.syscalltick++;
            // The status change goes through casgstatus, which waits out a scan in progress.
            StatusAccessors.casgstatus(gp, Gsyscall, Grunning);
            // The collector is not running (we are), so the syscall marks can go.
            gp.syscallstack = 0;
            gp.syscallsp = 0;
            mp.locks--;
            if (gp.preempt) {
                // newstack may have dropped a pending preemption; ask again
                gp.stackguard0 = Stack.StackPreempt(mp.process.arch());
            } else {
                // otherwise restore the real stackguard, spoiled in entersyscall
                gp.stackguard0 = gp.stackguard;
            }
            if (after != null) {
                after.call(cpu, Chan.argp(cpu));
            }
            return true;
        }
        mp.locks--;
        // Call the scheduler; what follows the mcall in C runs when the G is scheduled again.
        gp.resume =
                (c, argp) -> {
                    // Only now is it sure that no collector runs: drop the syscall marks.
                    gp.syscallstack = 0;
                    gp.syscallsp = 0;
                    c.m().p.syscalltick++;
                    if (after != null) {
                        after.call(c, argp);
                    }
                };
        cpu.mcall(Syscalls::exitsyscall0);
        return false;
    }

    /**
     * Tries to get a P for the G leaving its syscall: its old P if still Psyscall, else an idle
     * one. Port of proc.c exitsyscallfast (0a7c7ac80).
     */
    static boolean exitsyscallfast(M mp) {
        GoProcess process = mp.process;
        Sched sched = process.sched;
        // A frozen world (freezetheworld) has stopwait set and no P for us to take.
        if (sched.stopwait != 0) {
            mp.p = null;
            return false;
        }
        // First choice: the P this M gave up on entry, if nobody retook it.
        process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        if (mp.p != null
                && (int) P.STATUS.getVolatile(mp.p) == PStatus.Psyscall
                && P.STATUS.compareAndSet(mp.p, PStatus.Psyscall, PStatus.Prunning)) {
            // got it back
            mp.p.m = mp;
            return true;
        }
        // Else any idle P.
        mp.p = null;
        if (sched.pidle != null) {
            LockFutex.lock(mp, sched.lock);
            P p = RunQueues.pidleget(process);
            if (p != null && sched.sysmonwait.get() != 0) {
                sched.sysmonwait.set(0);
                LockFutex.notewakeup(mp, sched.sysmonnote);
            }
            LockFutex.unlock(mp, sched.lock);
            if (p != null) {
                Schedule.acquirep(mp, p);
                return true;
            }
        }
        return false;
    }

    /**
     * exitsyscall's slow path on g0: the G becomes Grunnable and runs on an idle P if there is one,
     * else waits in the global queue (or for its locked M). Port of proc.c exitsyscall0
     * (0a7c7ac80).
     */
    static void exitsyscall0(G gp) {
        M mp = gp.m;
        GoProcess process = mp.process;
        Sched sched = process.sched;
        StatusAccessors.casgstatus(gp, Gsyscall, Grunnable);
        Schedule.dropg(mp);
        LockFutex.lock(mp, sched.lock);
        P p = RunQueues.pidleget(process);
        if (p == null) {
            RunQueues.globrunqput(process, gp);
        } else if (sched.sysmonwait.get() != 0) {
            sched.sysmonwait.set(0);
            LockFutex.notewakeup(mp, sched.sysmonnote);
        }
        LockFutex.unlock(mp, sched.lock);
        if (p != null) {
            Schedule.acquirep(mp, p);
            Schedule.execute(mp, gp); // Never returns.
            return;
        }
        if (mp.lockedg != null) {
            // gp is locked to this M: sleep until some M hands gp back to us.
            Ms.stoplockedm(mp);
            Schedule.execute(mp, gp); // Never returns.
            return;
        }
        Schedule.stopm(mp);
        Schedule.schedule(mp); // Never returns.
    }

    /** EBADF on Linux. */
    static final int EBADF = 9;

    /**
     * syscall.Close(fd int) (err error) (RTCALL): a system call that closes nothing. gort's
     * processes have no open files, so every descriptor is bad: err is syscall.Errno(EBADF), the
     * interface {itab, data} with the Errno in the data word (Go 1.3 keeps a word-sized scalar in
     * the interface itself) and the itab a per-process placeholder, since gort has no itab for
     * (error, syscall.Errno) yet. It goes through entersyscall and exitsyscall as syscall.Syscall
     * does, yielding the thread in between as a real call would, so that sysmon can retake the P.
     */
    static void Close(Cpu cpu, long argp) {
        GoProcess process = cpu.m().process;
        int w = cpu.arch().PtrSize;
        Memory mem = cpu.mem();
        entersyscall(cpu);
        process.os().osyield();
        mem.storep(argp + w, errnoItab(process));
        mem.storep(argp + 2L * w, EBADF);
        exitsyscall(cpu, null);
    }

    /** The placeholder itab of syscall.Errno's error values, one per process. */
    static long errnoItab(GoProcess process) {
        return process.local(
                        ErrnoItab.class,
                        p -> new ErrnoItab(p.malloc().mallocgc(4L * p.arch().PtrSize, 0, 0)))
                .addr;
    }

    /** The address of the placeholder itab. */
    record ErrnoItab(long addr) {}

    /**
     * Sleeps on n for at most ns (forever if negative) from a G, in a blocking syscall so that the
     * P goes to other work; true if woken. Port of lock_futex.c runtime·notetsleepg (0a7c7ac80).
     * gort differs: when exitsyscall must go through the scheduler, the result is passed to {@code
     * then} when the G runs again; {@code then} always receives it. At the commit only
     * cpuprof.goc's getprofile calls it (timerproc uses {@link #gonotetsleepg}); gort has no CPU
     * profiler, so only proc's tests do.
     */
    static void notetsleepg(
            Cpu cpu, Note n, long ns, java.util.function.BiConsumer<Cpu, Boolean> then) {
        M mp = cpu.m();
        if (cpu.g() == mp.g0) {
            Throw.throw_(mp.process, "notetsleepg on g0");
        }
        entersyscallblock(cpu);
        boolean res = LockFutex.notetsleep(mp, n, ns);
        exitsyscall(cpu, (c, argp) -> then.accept(c, res));
    }

    /**
     * Sleeps on n for at most t ns (forever if negative) from a G, as a blocking syscall done on
     * g0: the note and the time go in m->ptrarg/m->scalararg, mcall(notetsleepg_m) sleeps, and back
     * on the G exitsyscall runs. Port of stubs.go gonotetsleepg (0a7c7ac80), which timerproc uses.
     * gort differs: acquirem/releasem pin nothing (Java runtime code cannot be preempted), and the
     * exitsyscall after the mcall is the G's {@link G#resume}.
     */
    static void gonotetsleepg(Cpu cpu, Note n, long t) {
        M mp = cpu.m();
        mp.ptrarg[0] = n;
        mp.scalararg[0] = t & 0xffffffffL; // low 32 bits
        mp.scalararg[1] = t >> 32; // high 32 bits
        cpu.g().resume = (c, argp) -> exitsyscall(c, null);
        cpu.mcall(gp -> notetsleepg_m(gp.m));
    }

    /**
     * gonotetsleepg's part on g0: enters the blocking syscall (entersyscallblock_m), sleeps on the
     * note from m->ptrarg[0] for the time in m->scalararg[0..1], then resumes the G, which calls
     * exitsyscall itself. Port of lock_futex.c runtime·notetsleepg_m (0a7c7ac80).
     */
    static void notetsleepg_m(M mp) {
        Note n = (Note) mp.ptrarg[0];
        mp.ptrarg[0] = null;
        long ns = mp.scalararg[0] + (mp.scalararg[1] << 32);
        entersyscallblock_m(mp);
        LockFutex.notetsleep(mp, n, ns);
        // the caller calls exitsyscall on the G's stack
        mp.cpu.gogo(mp.curg.sched);
    }
}
