package gort.proc;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.cpu.Cpu;
import gort.runtime.os.Lock;
import gort.runtime.os.LockFutex;
import gort.runtime.os.Note;
import java.util.ArrayList;
import java.util.function.BiConsumer;

/**
 * Timers and time.Sleep, from time.go at 0a7c7ac80 (the commit's runtime already had them in Go;
 * the brief's "time.goc" is their older home): a 4-ary heap of timers ordered by when, run by one
 * goroutine, timerproc, which sleeps until the earliest with gonotetsleepg (a blocking syscall, so
 * its P goes to other work) or parks ("timer goroutine (idle)") when there is none.
 *
 * <p>gort differs: timerproc's loop is an assembled Go function ({@code runtime.timerproc}, {@link
 * RuntimeText}) whose body calls {@link #timerproc1} once per round, because Java code cannot be a
 * goroutine; a timer's f is a Java function of (M, arg). Every clock read is the OS layer's
 * nanotime.
 */
public final class Timers {
    private Timers() {}

    /** time.go timer. */
    static final class Timer {
        int i; // heap index
        long when;
        long period;
        BiConsumer<M, Object> f;
        Object arg;
    }

    /** time.go's timers, per process. */
    static final class State {
        final Lock lock = new Lock();
        G gp;
        boolean created;
        boolean sleeping;
        boolean rescheduling;
        final Note waitnote = new Note();
        final ArrayList<Timer> t = new ArrayList<>();

        State(GoProcess process) {}
    }

    static State timers(GoProcess process) {
        return process.local(State.class, State::new);
    }

    /**
     * time.Sleep(d int64) (RTCALL): parks the G ("sleep") with a timer that readies it after d
     * nanoseconds. Port of time.go timeSleep (0a7c7ac80).
     */
    static void timeSleep(Cpu cpu, long argp) {
        long ns = cpu.mem().load64(argp);
        if (ns <= 0) {
            return;
        }
        M mp = cpu.m();
        GoProcess process = mp.process;
        State timers = timers(process);
        Timer t = new Timer();
        t.when = process.os().nanotime() + ns;
        t.f = Timers::goroutineReady;
        t.arg = cpu.g();
        LockFutex.lock(mp, timers.lock);
        addtimerLocked(mp, t);
        Schedule.goparkunlock(cpu, timers.lock, "sleep");
    }

    /** Port of time.go goroutineReady (0a7c7ac80). */
    static void goroutineReady(M mp, Object arg) {
        Schedule.ready(mp, (G) arg);
    }

    /** Port of time.go addtimer (0a7c7ac80). */
    static void addtimer(M mp, Timer t) {
        State timers = timers(mp.process);
        LockFutex.lock(mp, timers.lock);
        addtimerLocked(mp, t);
        LockFutex.unlock(mp, timers.lock);
    }

    /**
     * Adds t to the heap; wakes timerproc if t is now first; starts timerproc the first time.
     * Timers are locked. Port of time.go addtimerLocked (0a7c7ac80).
     */
    static void addtimerLocked(M mp, Timer t) {
        GoProcess process = mp.process;
        State timers = timers(process);
        // a negative when (an overflowed deadline) would wrap timerproc's delta: clamp it
        if (t.when < 0) {
            t.when = Long.MAX_VALUE;
        }
        t.i = timers.t.size();
        timers.t.add(t);
        siftupTimer(timers, t.i);
        if (t.i == 0) {
            // t is now the earliest timer: timerproc's sleep must end sooner
            if (timers.sleeping) {
                timers.sleeping = false;
                LockFutex.notewakeup(mp, timers.waitnote);
            }
            if (timers.rescheduling) {
                timers.rescheduling = false;
                Schedule.ready(mp, timers.gp);
            }
        }
        if (!timers.created) {
            timers.created = true;
            // go timerproc()
            long fv =
                    process.malloc()
                            .mallocgc(
                                    process.arch().PtrSize,
                                    0,
                                    gort.runtime.malloc.Malloc.FlagNoScan);
            process.memory().storep(fv, Mstart.entry(process, "runtime.timerproc"));
            NewProc.newproc1(mp, fv, 0, 0, 0, 0);
        }
    }

    /** Removes t from the heap; false if it was not there. Port of time.go deltimer (0a7c7ac80). */
    static boolean deltimer(M mp, Timer t) {
        State timers = timers(mp.process);
        LockFutex.lock(mp, timers.lock);
        int i = t.i;
        int last = timers.t.size() - 1;
        if (i < 0 || i > last || timers.t.get(i) != t) {
            LockFutex.unlock(mp, timers.lock);
            return false;
        }
        if (i != last) {
            timers.t.set(i, timers.t.get(last));
            timers.t.get(i).i = i;
        }
        timers.t.remove(last);
        if (i != last) {
            siftupTimer(timers, i);
            siftdownTimer(timers, i);
        }
        LockFutex.unlock(mp, timers.lock);
        return true;
    }

    /**
     * One round of timerproc's outer loop (RTCALL runtime.timerproc1, called in a loop by the
     * assembled runtime.timerproc): runs every timer that is due, then parks when none is left or
     * sleeps in gonotetsleepg until the next one. Port of time.go timerproc (0a7c7ac80).
     */
    static void timerproc1(Cpu cpu, long argp) {
        M mp = cpu.m();
        GoProcess process = mp.process;
        State timers = timers(process);
        timers.gp = cpu.g();
        timers.gp.issystem = true;
        LockFutex.lock(mp, timers.lock);
        timers.sleeping = false;
        long now = process.os().nanotime();
        long delta;
        for (; ; ) {
            if (timers.t.isEmpty()) {
                delta = -1;
                break;
            }
            Timer t = timers.t.get(0);
            delta = t.when - now;
            if (delta > 0) {
                break;
            }
            if (t.period > 0) {
                // a periodic timer stays, due again one period later
                t.when += t.period * (1 + -delta / t.period);
                siftdownTimer(timers, 0);
            } else {
                // remove from heap
                int last = timers.t.size() - 1;
                if (last > 0) {
                    timers.t.set(0, timers.t.get(last));
                    timers.t.get(0).i = 0;
                }
                timers.t.remove(last);
                if (last > 0) {
                    siftdownTimer(timers, 0);
                }
                t.i = -1; // mark as removed
            }
            BiConsumer<M, Object> f = t.f;
            Object arg = t.arg;
            LockFutex.unlock(mp, timers.lock);
            f.accept(mp, arg);
            LockFutex.lock(mp, timers.lock);
        }
        if (delta < 0) {
            // nothing is pending: park until addtimer wakes us
            timers.rescheduling = true;
            Schedule.goparkunlock(cpu, timers.lock, "timer goroutine (idle)");
            return;
        }
        // sleep until the earliest timer is due (or an earlier one arrives)
        timers.sleeping = true;
        LockFutex.noteclear(timers.waitnote);
        LockFutex.unlock(mp, timers.lock);
        Syscalls.gonotetsleepg(cpu, timers.waitnote, delta);
    }

    /** Moves timer i up the 4-ary heap. Port of time.go siftupTimer (0a7c7ac80). */
    static void siftupTimer(State timers, int i) {
        ArrayList<Timer> t = timers.t;
        long when = t.get(i).when;
        Timer tmp = t.get(i);
        while (i > 0) {
            int p = (i - 1) / 4; // parent
            if (when >= t.get(p).when) {
                break;
            }
            t.set(i, t.get(p));
            t.get(i).i = i;
            t.set(p, tmp);
            t.get(p).i = p;
            i = p;
        }
    }

    /** Moves timer i down the 4-ary heap. Port of time.go siftdownTimer (0a7c7ac80). */
    static void siftdownTimer(State timers, int i) {
        ArrayList<Timer> t = timers.t;
        int n = t.size();
        long when = t.get(i).when;
        Timer tmp = t.get(i);
        for (; ; ) {
            int c = i * 4 + 1; // left child
            int c3 = c + 2; // mid child
            if (c >= n) {
                break;
            }
            long w = t.get(c).when;
            if (c + 1 < n && t.get(c + 1).when < w) {
                w = t.get(c + 1).when;
                c++;
            }
            if (c3 < n) {
                long w3 = t.get(c3).when;
                if (c3 + 1 < n && t.get(c3 + 1).when < w3) {
                    w3 = t.get(c3 + 1).when;
                    c3++;
                }
                if (w3 < w) {
                    w = w3;
                    c = c3;
                }
            }
            if (w >= when) {
                break;
            }
            t.set(i, t.get(c));
            t.get(i).i = i;
            t.set(c, tmp);
            t.get(c).i = c;
            i = c;
        }
    }
}
