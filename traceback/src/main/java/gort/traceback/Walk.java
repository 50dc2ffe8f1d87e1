package gort.traceback;

import gort.runtime.Defer;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Panic;
import gort.runtime.Print;
import gort.runtime.Stktop;
import gort.runtime.Throw;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.FuncData;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Text;
import gort.runtime.mem.Memory;

/**
 * What both arches' gentraceback share for one walk of one G: the machine it reads, the cursors
 * into gp's Defer and Panic lists (to find where a frame that faulted would resume), and the steps
 * the two C files write alike: the argument size, the defer bookkeeping, the printed frame and the
 * leftover-defer check.
 */
final class Walk {
    final M mp;
    final G gp;
    final GoProcess process;
    final Memory mem;
    final Text text;
    final Traceback.State st;
    final boolean arm;

    /** sizeof(uintptr) (= sizeof(uintreg) on both ports). */
    final int w;

    final long noArgs;

    /** The GOTRACEBACK level, read once per walk as C does. */
    final int gotraceback;

    /** The innermost Panic whose deferred call a frame of the rest of the walk may run, or 0. */
    long panic;

    /** The innermost Defer a frame of the rest of the walk may own, or 0. */
    long defer;

    Walk(M mp, G gp) {
        this.mp = mp;
        this.gp = gp;
        this.process = gp.process;
        this.mem = process.memory();
        this.text = process.text();
        this.st = Traceback.State.of(process);
        this.arm = process.arch().hasLinkRegister;
        this.w = process.arch().PtrSize;
        this.noArgs = Defer.NoArgs(w);
        this.gotraceback = mp != null ? Traceback.gotraceback(mp, null) : st.tracebackCache >> 1;

        // Defers with NoArgs belong to no frame, and a Panic without a Defer runs nothing.
        defer = gp.defer;
        panic = gp.panic;
        while (defer != 0 && deferArgp(defer) == noArgs) {
            defer = deferLink(defer);
        }
        while (panic != 0 && panicDefer(panic) == 0) {
            panic = panicLink(panic);
        }
    }

    long deferArgp(long d) {
        return mem.loadp(d + Defer.argp(w));
    }

    long deferPc(long d) {
        return mem.loadp(d + Defer.pc(w));
    }

    long deferLink(long d) {
        return mem.loadp(d + Defer.link(w));
    }

    long panicDefer(long p) {
        return mem.loadp(p + Panic.defer(w));
    }

    long panicLink(long p) {
        return mem.loadp(p + Panic.link(w));
    }

    boolean isLessstack(long pc) {
        return st.lessstack != 0 && pc == st.lessstack;
    }

    /** Whether f is sigpanic, newproc or deferproc, whose callers' sparg the next frame needs. */
    boolean isSigpanic(Func f) {
        return st.sigpanic != 0 && f.entry == st.sigpanic;
    }

    boolean isNewprocOrDeferproc(Func f) {
        return (st.newproc != 0 && f.entry == st.newproc)
                || (st.deferproc != 0 && f.entry == st.deferproc);
    }

    /**
     * The size of f's arguments: from its Func, 0 at the bottom of the stack, from the Stktop when
     * f was called across a segment boundary, else from the caller's pc table at the call. An
     * unknown size prints the C's message and throws for a callback walk; a printing walk carries
     * on with 0.
     */
    long arglen(Func f, Func flr, Stkframe frame, long stk, boolean callback) {
        if (f.args != FuncData.ArgsSizeUnknown) {
            return f.args;
        }
        if (flr == null) {
            return 0;
        }
        if (isLessstack(frame.lr)) {
            return Stktop.argsize(mem, stk);
        }
        int i = text.funcarglen(flr, frame.lr);
        if (i >= 0) {
            return i;
        }
        Print.printf(
                process,
                "runtime: unknown argument frame size for %s called from %p [%s]\n",
                text.funcname(f),
                frame.lr,
                flr != null ? text.funcname(flr) : "?");
        if (callback) {
            Throw.throw_(process, "invalid stack");
        }
        return 0;
    }

    /**
     * Sets frame.continpc: the frame's own pc, unless the callee was sigpanic. A frame that faulted
     * resumes only through a deferred call it owns (sparg is its argument pointer as deferproc
     * recorded it): the pending panic's Defer or the next Defer; otherwise nothing will run it
     * again (0). Then drops the Panics and Defers this frame owns.
     */
    void continpc(Stkframe frame, long sparg, boolean waspanic) {
        frame.continpc = frame.pc;
        if (waspanic) {
            if (panic != 0 && deferArgp(panicDefer(panic)) == sparg) {
                frame.continpc = deferPc(panicDefer(panic));
            } else if (defer != 0 && deferArgp(defer) == sparg) {
                frame.continpc = deferPc(defer);
            } else {
                frame.continpc = 0;
            }
        }
        while (panic != 0) {
            long d = panicDefer(panic);
            if (d != 0 && deferArgp(d) != sparg && deferArgp(d) != noArgs) {
                break;
            }
            panic = panicLink(panic);
        }
        while (defer != 0 && (deferArgp(defer) == sparg || deferArgp(defer) == noArgs)) {
            defer = deferLink(defer);
        }
    }

    /**
     * Whether frame.pc is a return address, so that its line is looked up inside the call: true for
     * every frame but the innermost, as in C, and (gort) for an innermost frame stopped right after
     * an RTCALL. gort's runtime functions are Java and leave no frame, so a goroutine parked in one
     * shows its Go caller first, at the RTCALL's return pc; C would show the runtime's frames first
     * and reach that caller with n &gt; 0.
     */
    boolean atReturn(Stkframe frame, int n) {
        return n > 0 || text.opAt(frame.pc - Isa.INSN_BYTES) == Isa.RTCALL;
    }

    /**
     * Prints one frame: "f(args)" with at most ten argument words, then the file:line of tracepc,
     * the offset of pc in f, and at level 2 (or in a throwing goroutine) fp and sp.
     */
    void printframe(Func f, Stkframe frame, long tracepc) {
        Print.printf(process, "%s(", text.funcname(f));
        long nargs = frame.arglen / w;
        for (int i = 0; i < nargs; i++) {
            if (i >= 10) {
                Print.prints(process, ", ...");
                break;
            }
            if (i != 0) {
                Print.prints(process, ", ");
            }
            Print.printhex(process, mem.loadp(frame.argp + (long) i * w));
        }
        Print.prints(process, ")\n");
        int line = text.funcline(f, tracepc);
        Print.printf(process, "\t%S:%d", text.funcfile(f, tracepc), line);
        if (frame.pc > f.entry) {
            Print.printf(process, " +%p", frame.pc - f.entry);
        }
        if (mp != null && mp.throwing > 0 && gp == mp.curg || gotraceback >= 2) {
            Print.printf(process, " fp=%p sp=%p", frame.fp, frame.sp);
        }
        Print.printf(process, "\n");
    }

    /**
     * After a callback walk that reached the bottom of the stack: a Defer no frame owned means the
     * walk and the defer records disagree, which copystack could not survive. Prints every record
     * and throws.
     */
    void leftover() {
        if (defer != 0) {
            Print.printf(
                    process,
                    "runtime: g%D: leftover defer argp=%p pc=%p\n",
                    gp.goid,
                    deferArgp(defer),
                    deferPc(defer));
        }
        if (panic != 0) {
            Print.printf(
                    process,
                    "runtime: g%D: leftover panic argp=%p pc=%p\n",
                    gp.goid,
                    deferArgp(panicDefer(panic)),
                    deferPc(panicDefer(panic)));
        }
        for (long d = gp.defer; d != 0; d = deferLink(d)) {
            Print.printf(process, "\tdefer %p argp=%p pc=%p\n", d, deferArgp(d), deferPc(d));
        }
        for (long p = gp.panic; p != 0; p = panicLink(p)) {
            long d = panicDefer(p);
            Print.printf(process, "\tpanic %p defer %p", p, d);
            if (d != 0) {
                Print.printf(process, " argp=%p pc=%p", deferArgp(d), deferPc(d));
            }
            Print.printf(process, "\n");
        }
        Throw.throw_(process, "traceback has leftover defers or panics");
    }
}
