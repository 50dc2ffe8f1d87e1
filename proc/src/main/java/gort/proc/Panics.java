package gort.proc;

import gort.runtime.GoProcess;
import gort.runtime.Print;
import gort.runtime.cpu.Cpu;
import gort.runtime.os.ThreadExit;

/**
 * The seam through which proc raises Go panics (channels' "send on closed channel" ...) until
 * panic.c's module exists: that module installs its own {@link Hook} per process with
 * {@link #install}; without one, gort prints the panic's first line as Go's printpanics does and
 * exits with Go's code 2, as {@link RuntimeText#panicindex} does (no recovery, no traceback).
 */
public final class Panics {
    private Panics() {}

    /**
     * What panic.c provides. Each method either ends the process or redirects the CPU into the
     * panic (gogo) and returns; its caller then returns at once, as C's code after a panic
     * call is never reached.
     */
    public interface Hook {
        /**
         * runtime·panicstring(s) (panic.c): panics with the runtime error s (a runtime.Error
         * whose Error() is "runtime error: " + s).
         */
        void panicstring(Cpu cpu, String s);

        /** panic(s) with the Go string s as the value (chan.go's panic("...")). */
        void panicvalue(Cpu cpu, String s);
    }

    /** The hook used when none is installed. */
    static final Hook DEFAULT = new Hook() {
        @Override
        public void panicstring(Cpu cpu, String s) {
            die(cpu, "runtime error: " + s);
        }

        @Override
        public void panicvalue(Cpu cpu, String s) {
            die(cpu, s);
        }

        private void die(Cpu cpu, String text) {
            GoProcess process = cpu.m().process;
            Print.printf(process, "panic: %s\n", text);
            process.exit(2);
            throw new ThreadExit();
        }
    };

    /** The installed hook's holder, one per process. */
    static final class Slot {
        volatile Hook hook = DEFAULT;

        Slot(GoProcess p) {
        }
    }

    /** Installs the panic module's hook for {@code process}. */
    public static void install(GoProcess process, Hook hook) {
        process.local(Slot.class, Slot::new).hook = java.util.Objects.requireNonNull(hook);
    }

    static Hook hook(GoProcess process) {
        return process.local(Slot.class, Slot::new).hook;
    }

    /** Raises runtime·panicstring(s); the caller returns at once. */
    static void panicstring(Cpu cpu, String s) {
        hook(cpu.m().process).panicstring(cpu, s);
    }

    /** Raises panic(s) for a Go string s; the caller returns at once. */
    static void panicvalue(Cpu cpu, String s) {
        hook(cpu.m().process).panicvalue(cpu, s);
    }
}
