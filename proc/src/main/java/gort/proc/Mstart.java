package gort.proc;

import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.Stack;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.McallFn;
import gort.runtime.mem.Fault;
import gort.runtime.mem.Layout;
import gort.runtime.os.ThreadExit;

/**
 * Starting a process and its Ms: rt0_go (asm_amd64.s/asm_arm.s), mstart, and gort's M scheduler
 * loop. {@link #run} is the process's entry point: it starts m0's thread (each M is a Java platform
 * thread, {@link gort.runtime.os.OsLayer#newosproc}), waits for the process to exit, waits for its
 * Ms to stop, and reports how it ended.
 *
 * <p>On an M's thread, a throw (GoThrow) or a fault ends the process with exit code 2 (panic.c's
 * dopanic and its tracebacks are a later module's); {@link ThreadExit} is the thread's end after
 * the process exited.
 */
public final class Mstart {
    private Mstart() {}

    /** gort: simulated-memory bytes reserved for an M (its address is what %p prints). */
    static final long M_SIZE = 1024;

    /**
     * Runs the process's program: rt0_go on m0's thread, then waits for exit and frees the address
     * space ({@link gort.runtime.mem.Memory#release}). The process must be a full one ({@link
     * GoProcess#builder}) and may run once.
     */
    public static ProgramResult run(GoProcess process) throws InterruptedException {
        M m0 = rt0_go(process);
        int code = process.awaitExit();
        process.os().joinall();
        process.memory().release(); // no M runs any more: the address space goes, as at exit_group
        return new ProgramResult(code, process.fatal());
    }

    /**
     * The bootstrap: makes m0 and its g0 out of the OS stack, then on m0's thread runs schedinit,
     * queues a G for runtime.main (newproc) and calls mstart. Port of asm_amd64.s / asm_arm.s
     * _rt0_go (0a7c7ac80). gort differs: m0 and g0 are allocated (C's are statics); osinit is the
     * OS backend; g0's stack is the top istackSize bytes of the "os stack" region (stackbase at its
     * top); main runs on a thread of its own, not the caller's.
     */
    static M rt0_go(GoProcess process) {
        M m0 = new M(process, process.malloc().mallocgc(M_SIZE, 0, 0));
        G g0 = process.newG(GStatus.Gidle);
        Layout layout = Layout.of(process.arch());
        g0.stack0 = layout.osStackTop - layout.istackSize;
        g0.stackguard = g0.stack0 + Stack.StackGuard;
        g0.stackguard0 = g0.stackguard;
        g0.stackbase = layout.osStackTop;
        m0.g0 = g0;
        g0.m = m0;
        process.m0 = m0;
        process.g0 = g0;
        process.os()
                .newosproc(
                        m0,
                        () ->
                                mthread(
                                        m0,
                                        () -> {
                                            Schedule.schedinit(process, m0);
                                            // the main goroutine, which will run runtime.main
                                            long fv =
                                                    process.malloc()
                                                            .mallocgc(
                                                                    process.arch().PtrSize,
                                                                    0,
                                                                    gort.runtime.malloc.Malloc
                                                                            .FlagNoScan);
                                            process.memory()
                                                    .storep(fv, entry(process, "runtime.main"));
                                            NewProc.newproc1(m0, fv, 0, 0, 0, 0);
                                            mstart(m0);
                                        }));
        return m0;
    }

    static long entry(GoProcess process, String name) {
        Func f = process.text().lookup(name);
        if (f == null) {
            Throw.throw_(process, "runtime: missing function " + name);
        }
        return f.entry;
    }

    /**
     * Starts mp on its thread: records g0's stack top for mcall, makes the M's CPU, runs mstartfn,
     * acquires nextp (except on m0), and enters the scheduler. Port of proc.c runtime·mstart
     * (0a7c7ac80). gort differs: "bad runtime·mstart" cannot happen (the thread starts on g0 by
     * construction); asminit, minit and initsig have no counterpart; schedule returns with the CPU
     * loaded and {@link #schedloop} runs it.
     */
    static void mstart(M mp) {
        GoProcess process = mp.process;
        G g0 = mp.g0;
        g0.sched.sp = g0.stackbase; // gosave(&g->m->g0->sched): the top of g0's stack
        g0.sched.pc = -1; // g0 is never resumed through sched: a use would fault at once
        g0.sched.g = g0;
        g0.stackguard = g0.stackguard0;
        mp.cpu =
                new Cpu(
                        process.text(),
                        process.memory(),
                        mp,
                        cpu -> {
                            if (process.exiting()) {
                                throw new ThreadExit(); // the stop request of GoProcess.exit, not a
                                // stack check
                            }
                            process.morestack().newstack(cpu);
                        });
        mp.cpu.start(g0, -1, g0.sched.sp, 0, 0);
        if (mp.mstartfn != null) {
            mp.mstartfn.run();
        }
        if (mp.helpgc != 0) {
            mp.helpgc = 0;
            Schedule.stopm(mp);
        } else if (mp != process.m0) {
            Schedule.acquirep(mp, mp.nextp);
            mp.nextp = null;
        }
        Schedule.schedule(mp);
        schedloop(mp);
    }

    /**
     * gort's M loop, where asm's mcall lands: runs the CPU on the current G until it asks for
     * mcall(fn), then runs fn(gp) here, on the M's Java stack (g0's part), which ends in schedule
     * or gogo having loaded the CPU again. A HALT in Go code is fatal. Before running a G that
     * parked inside a runtime function, it runs that function's continuation ({@link G#resume}),
     * which may park again.
     */
    static void schedloop(M mp) {
        Cpu cpu = mp.cpu;
        for (; ; ) {
            G gp = cpu.g();
            gort.runtime.cpu.RuntimeFunc resume = gp.resume;
            if (resume != null && gp != mp.g0) {
                gp.resume = null;
                if (cpu.callRuntime(resume)) {
                    if (mp.process.exiting()) {
                        throw new ThreadExit();
                    }
                    cpu.mcallFn().fn(cpu.mcallG());
                }
                continue;
            }
            Cpu.Stop stop;
            try {
                stop = cpu.run();
            } catch (Fault f) {
                // the signal handler's part: a fault in Go code may become a panic (sigpanic)
                if (!mp.process.exiting() && mp.process.panics().sighandler(cpu, f)) {
                    continue;
                }
                throw f;
            }
            if (mp.process.exiting()) {
                throw new ThreadExit();
            }
            if (stop == Cpu.Stop.HALT) {
                Throw.throw_(mp.process, "runtime: HALT in Go code");
            }
            McallFn fn = cpu.mcallFn();
            fn.fn(cpu.mcallG());
        }
    }

    /** The top of an M's thread: ends the process on a fatal error, stops on ThreadExit. */
    static void mthread(M mp, Runnable body) {
        GoProcess process = mp.process;
        process.bindThread(mp);
        try {
            body.run();
        } catch (ThreadExit e) {
            // the process exited
        } catch (GoThrow e) {
            process.die(e);
        } catch (Fault e) {
            if (!process.exiting()) {
                Print.printf(process, "unexpected fault address %p\n", e.addr());
                Print.printf(process, "fatal error: fault\n");
            }
            process.die(e);
        } catch (RuntimeException | Error e) {
            // A bug in gort itself: say so in the runtime's words rather than end silently.
            if (!process.exiting()) {
                Print.printf(process, "fatal error: gort internal error: %s\n", e.toString());
            }
            process.die(e);
        }
    }
}
