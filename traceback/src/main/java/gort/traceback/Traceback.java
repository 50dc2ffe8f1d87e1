package gort.traceback;

import static gort.runtime.GStatus.Gscan;
import static gort.runtime.GStatus.Gsyscall;

import gort.proc.StatusAccessors;
import gort.proc.Tracebacks;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.StatusObserver;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.Text;

/**
 * The one frame walker and what is built on it: runtime·gentraceback and its users from
 * traceback_x86.c (GOARCH amd64, {@link TracebackX86}) and traceback_arm.c (GOARCH arm, {@link
 * TracebackArm}) at 0a7c7ac80, runtime.c's gotraceback and symtab.c's showframe.
 *
 * <p>Every method takes {@code mp}, C's {@code g->m}: the M doing the walk, whose throwing, curg
 * and caughtsig decide which frames print. A walk with a callback prints nothing and may pass null
 * (stack.c's frame walks run where no M is at hand in gort's unit tests). A walk reads only what
 * the linker put in the text (the pc tables, frame and argument sizes) and the stack words
 * themselves.
 */
public final class Traceback {
    private Traceback() {}

    /** runtime.h TracebackMaxFrames: how many frames a printed traceback shows at most. */
    public static final int TracebackMaxFrames = 100;

    /** C's {@code bool (*callback)(Stkframe*, void*)}: returning false ends the walk. */
    @FunctionalInterface
    public interface Callback {
        boolean frame(Stkframe frame);
    }

    /** This module's side of {@link Tracebacks#tracebackothers}. */
    public static final Tracebacks.Tracer TRACER =
            new Tracebacks.Tracer() {
                @Override
                public int gotraceback(M mp) {
                    return Traceback.gotraceback(mp, null);
                }

                @Override
                public void traceback(M mp, long pc, long sp, long lr, G gp) {
                    Traceback.traceback(mp, pc, sp, lr, gp);
                }

                @Override
                public void printcreatedby(M mp, G gp) {
                    Traceback.printcreatedby(mp, gp);
                }
            };

    /**
     * Walks gp's stack from (pc0, sp0, lr0), or from gp's saved state when pc0 and sp0 are both ~0.
     * The first {@code skip} frames are passed over; of the next ones, at most {@code max} are
     * stored in pcbuf (if given), handed to callback (if given), or, with neither, printed (runtime
     * frames too when printall). Returns the frames visited, or printed when printing. Port of
     * runtime·gentraceback; the arch's own unwinding is in TracebackX86/TracebackArm.
     */
    public static int gentraceback(
            M mp,
            long pc0,
            long sp0,
            long lr0,
            G gp,
            int skip,
            long[] pcbuf,
            int max,
            Callback callback,
            boolean printall) {
        if (callback == null) {
            // A callback walk is its caller's event (copystack, a scan); a print or a pcbuf
            // fill is a traceback of its own.
            StatusObserver obs = gp.process.observer();
            if (obs != null) {
                obs.stack(gp, StatusObserver.StackEvent.TRACEBACK, StatusAccessors.readgstatus(gp));
            }
        }
        Walk walk = new Walk(mp, gp);
        return walk.arm
                ? TracebackArm.gentraceback(
                        walk, pc0, sp0, lr0, skip, pcbuf, max, callback, printall)
                : TracebackX86.gentraceback(walk, pc0, sp0, skip, pcbuf, max, callback, printall);
    }

    /**
     * Prints gp's stack (without runtime frames unless nothing else shows), the elision marker at
     * TracebackMaxFrames, and where gp was created. A goroutine in a system call is printed from
     * where it entered the call. Port of runtime·traceback, with the commit's {@code
     * readgstatus(gp)&~Gscan} test; amd64 ignores lr, arm passes it on.
     */
    public static void traceback(M mp, long pc, long sp, long lr, G gp) {
        boolean arm = gp.process.arch().hasLinkRegister;
        if (!arm) {
            lr = 0;
        }
        if ((StatusAccessors.readgstatus(gp) & ~Gscan) == Gsyscall) {
            pc = gp.syscallpc;
            sp = gp.syscallsp;
            lr = 0;
        }
        int n = gentraceback(mp, pc, sp, lr, gp, 0, null, TracebackMaxFrames, null, false);
        if (n == 0) {
            // traceback_arm.c does not keep the second count; traceback_x86.c does
            int again = gentraceback(mp, pc, sp, lr, gp, 0, null, TracebackMaxFrames, null, true);
            if (!arm) {
                n = again;
            }
        }
        if (n == TracebackMaxFrames) {
            Print.printf(gp.process, "...additional frames elided...\n");
        }
        printcreatedby(mp, gp);
    }

    /**
     * "created by f" and the file:line of gp's go statement, unless gp is the main goroutine or f
     * is not to be shown. Port of runtime·printcreatedby (both arches alike; the line is looked up
     * one PCQuantum back, inside the call).
     */
    public static void printcreatedby(M mp, G gp) {
        GoProcess process = gp.process;
        Text text = process.text();
        long pc = gp.gopc;
        Func f;
        if (pc != 0 && (f = text.findfunc(pc)) != null && showframe(mp, f, gp) && gp.goid != 1) {
            Print.printf(process, "created by %s\n", text.funcname(f));
            long tracepc = pc;
            if (pc > f.entry) {
                tracepc -= process.arch().PCQuantum;
            }
            int line = text.funcline(f, tracepc);
            Print.printf(process, "\t%S:%d", text.funcfile(f, tracepc), line);
            if (pc > f.entry) {
                Print.printf(process, " +%p", pc - f.entry);
            }
            Print.printf(process, "\n");
        }
    }

    /**
     * The pcs of the Go code that made the RTCALL now running on cpu, innermost first, after
     * skipping {@code skip} frames; returns how many it stored (at most m). Port of
     * runtime·callers. gort differs: C starts at the frame of callers' C caller; the Java runtime
     * function has no frame, so the walk starts at the Go function whose RTCALL it is.
     */
    public static int callers(Cpu cpu, int skip, long[] pcbuf, int m) {
        return gentraceback(
                cpu.m(), cpu.pc(), cpu.sp(), cpu.lr(), cpu.g(), skip, pcbuf, m, null, false);
    }

    /** The pcs of gp's stack from its saved state, as callers. Port of runtime·gcallers. */
    public static int gcallers(M mp, G gp, int skip, long[] pcbuf, int m) {
        return gentraceback(mp, ~0L, ~0L, 0, gp, skip, pcbuf, m, null, false);
    }

    /**
     * Whether a printed traceback of gp shows f's frame: always for the crashing goroutine of a
     * throw and for runtime.panic; else at level 2, or when f is outside package runtime. {@code f
     * == null} asks about a stack segment boundary. Port of symtab.c runtime·showframe (0a7c7ac80),
     * whose level is read once per process.
     */
    public static boolean showframe(M mp, Func f, G gp) {
        if (mp.throwing > 0 && gp != null && (gp == mp.curg || gp == mp.caughtsig)) {
            return true;
        }
        State st = State.of(gp != null ? gp.process : mp.process);
        int traceback = st.showframeLevel;
        if (traceback < 0) {
            traceback = gotraceback(mp, null);
            st.showframeLevel = traceback;
        }
        String name = f != null ? f.name : "";
        if (name.equals("runtime.panic")) {
            return true; // issue 5832: where a panic began stays visible mid-stack
        }
        return traceback > 1 || f != null && name.contains(".") && !name.startsWith("runtime.");
    }

    /**
     * The GOTRACEBACK level (0 none, 1 without runtime frames, 2 with them), mp's own level when it
     * has one; crash[0], if asked, says whether GOTRACEBACK=crash. Port of runtime.c
     * runtime·gotraceback, with traceback_cache parsed as runtime·parsedebugvars does.
     */
    public static int gotraceback(M mp, boolean[] crash) {
        if (crash != null) {
            crash[0] = false;
        }
        if (mp != null && mp.traceback != 0) {
            return mp.traceback;
        }
        int cache = State.of(mp.process).tracebackCache;
        if (crash != null) {
            crash[0] = (cache & 1) != 0;
        }
        return cache >> 1;
    }

    /** A process's traceback state: what C keeps in runtime.c's and symtab.c's statics. */
    static final class State {
        /** traceback_cache: level << 1 | crash. */
        final int tracebackCache;

        /** showframe's static copy of the level, -1 until its first use. */
        volatile int showframeLevel = -1;

        final long lessstack;
        final long sigpanic;
        final long newproc;
        final long deferproc;
        final long jmpdefer;

        private State(GoProcess process) {
            String p = process.getenv("GOTRACEBACK");
            if (p == null) {
                tracebackCache = 1 << 1;
            } else if (p.equals("crash")) {
                tracebackCache = (2 << 1) | 1;
            } else {
                tracebackCache = atoi(p) << 1;
            }
            Text t = process.text();
            lessstack = entry(t, "runtime.lessstack");
            sigpanic = entry(t, "runtime.sigpanic");
            newproc = entry(t, "runtime.newproc");
            deferproc = entry(t, "runtime.deferproc");
            jmpdefer = entry(t, "runtime.jmpdefer");
        }

        static State of(GoProcess process) {
            return process.local(State.class, State::new);
        }

        private static long entry(Text t, String name) {
            Func f = t.lookup(name);
            return f == null ? 0 : f.entry;
        }

        /** runtime·atoi: the value of the leading decimal digits (0 if none). */
        private static int atoi(String s) {
            int n = 0;
            for (int i = 0; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                n = n * 10 + s.charAt(i) - '0';
            }
            return n;
        }
    }
}
