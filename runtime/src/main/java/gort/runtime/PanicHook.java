package gort.runtime;

import gort.runtime.cpu.Cpu;
import gort.runtime.mem.Fault;

/**
 * How the runtime's Java functions raise Go's run-time panics: the seam between the runtime
 * functions below panic.c (proc's index and slice checks, makeslice, the M loop's memory faults)
 * and the module that ports panic.c. A process without the panic module gets {@link #NONE}'s
 * behaviour (the panic's first line and exit code 2, unrecoverable).
 */
public interface PanicHook {
    /**
     * Panics with the runtime error {@code s} (panic.c runtime·panicstring) in the Go code whose
     * RTCALL is running on {@code cpu}. Returns when the CPU has been redirected into the panic.
     */
    void panicstring(Cpu cpu, String s);

    /**
     * A memory fault in Go code on {@code cpu} (the signal handler's part of a SIGSEGV): true when
     * the CPU has been redirected to a call of runtime·sigpanic, false to let the fault end the
     * process.
     */
    boolean sighandler(Cpu cpu, Fault f);

    /**
     * panic.c runtime·throw: the fatal end of a process whose runtime found its own state
     * impossible. The default prints {@code fatal error: s} and raises a {@link GoThrow}, which the
     * M's thread turns into exit code 2 (or which reaches a unit test's caller); the panic module
     * goes through startpanic and dopanic as C does. Never returns normally.
     */
    default void throw_(GoProcess process, String s) {
        Print.printf(process, "fatal error: %s\n", s);
        throw new GoThrow(s);
    }

    /** No panic module: print "panic: runtime error: s" and exit 2; faults stay fatal. */
    PanicHook NONE =
            new PanicHook() {
                @Override
                public void panicstring(Cpu cpu, String s) {
                    GoProcess process = cpu.m().process;
                    Print.printf(process, "panic: runtime error: %s\n", s);
                    process.exit(2);
                    throw new gort.runtime.os.ThreadExit();
                }

                @Override
                public boolean sighandler(Cpu cpu, Fault f) {
                    return false;
                }
            };
}
