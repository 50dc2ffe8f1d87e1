package gort.proc;

import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscan;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.Text;
import gort.runtime.os.LockFutex;

/**
 * proc.c's part of printing stacks: which functions start a stack (topofstack) and the traceback of
 * every other goroutine after a crash (tracebackothers). The frame walker itself is the traceback
 * module's, above proc; it reaches proc's code through {@link Tracer}, which the caller of
 * tracebackothers passes in (C links the two files directly).
 */
public final class Tracebacks {
    private Tracebacks() {}

    /**
     * What tracebackothers needs from traceback_x86.c / traceback_arm.c and runtime.c. mp is C's
     * g->m throughout.
     */
    public interface Tracer {
        /** runtime·gotraceback(nil): the GOTRACEBACK level. */
        int gotraceback(M mp);

        /** runtime·traceback(pc, sp, lr, gp); pc = sp = ~0 means gp's saved state. */
        void traceback(M mp, long pc, long sp, long lr, G gp);

        /** runtime·printcreatedby(gp). */
        void printcreatedby(M mp, G gp);
    }

    /** The entries of the functions that begin a stack; 0 for those the text lacks. */
    private record Tops(
            long goexit, long mstart, long mcall, long morestack, long lessstack, long rt0go) {
        static Tops of(GoProcess process) {
            Text t = process.text();
            return new Tops(
                    entry(t, "runtime.goexit"),
                    entry(t, "runtime.mstart"),
                    entry(t, "runtime.mcall"),
                    entry(t, "runtime.morestack"),
                    entry(t, "runtime.lessstack"),
                    entry(t, "runtime.rt0_go"));
        }

        private static long entry(Text t, String name) {
            Func f = t.lookup(name);
            return f == null ? 0 : f.entry;
        }
    }

    /**
     * Whether f is one of the functions a stack begins with, so that a walk stops there rather than
     * look for a caller. Port of proc.c runtime·topofstack (0a7c7ac80); gort's text has
     * runtime.goexit and runtime.lessstack, the others (mstart, mcall, morestack, rt0_go) are Java
     * and never appear in a stack, so their entries are 0 and match nothing.
     */
    public static boolean topofstack(GoProcess process, Func f) {
        Tops t = process.local(Tops.class, Tops::of);
        long e = f.entry;
        return e != 0
                && (e == t.goexit
                        || e == t.mstart
                        || e == t.mcall
                        || e == t.morestack
                        || e == t.lessstack
                        || e == t.rt0go);
    }

    /**
     * After the crash of {@code me}: the header and stack of mp's current goroutine (unless it is
     * me), then of every other goroutine that is not dead, system goroutines only at level 2. A
     * goroutine that runs on another thread has no stack to show. Port of proc.c
     * runtime·tracebackothers (0a7c7ac80), with the commit's readgstatus reads that mask the scan
     * bit before comparing with Grunning.
     */
    public static void tracebackothers(M mp, G me, Tracer tracer) {
        GoProcess process = mp.process;
        int traceback = tracer.gotraceback(mp);

        G gp = mp.curg;
        if (gp != null && gp != me) {
            Print.printf(process, "\n");
            Schedule.goroutineheader(process, gp);
            tracer.traceback(mp, ~0L, ~0L, 0, gp);
        }

        LockFutex.lock(mp, process.allglock);
        for (int i = 0; i < process.allglen; i++) {
            gp = process.allg[i];
            if (gp == me || gp == mp.curg || StatusAccessors.readgstatus(gp) == Gdead) {
                continue;
            }
            if (gp.issystem && traceback < 2) {
                continue;
            }
            Print.printf(process, "\n");
            Schedule.goroutineheader(process, gp);
            int status = StatusAccessors.readgstatus(gp);
            if ((status & ~Gscan) == Grunning) {
                Print.printf(process, "\tgoroutine running on other thread; stack unavailable\n");
                tracer.printcreatedby(mp, gp);
            } else {
                tracer.traceback(mp, ~0L, ~0L, 0, gp);
            }
        }
        LockFutex.unlock(mp, process.allglock);
    }
}
