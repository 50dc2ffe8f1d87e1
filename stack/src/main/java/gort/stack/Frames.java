package gort.stack;

import gort.runtime.G;
import gort.runtime.Print;
import gort.runtime.Throw;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.FuncData;
import gort.runtime.cpu.Text;
import gort.runtime.mem.Memory;

/**
 * The frame walk stack.c needs: runtime.h {@code struct Stkframe} and the callback form of
 * traceback_x86.c / traceback_arm.c {@code runtime·gentraceback}, started from the G's saved
 * state (pc0 = sp0 = ~0), with skip 0, no pcbuf and no printing.
 *
 * <p>This is a seam: the traceback module (later) ports gentraceback whole, printing included,
 * and stack.c's callers should then call it. What is here follows C for what the callback sees:
 * fp, varp, argp and arglen per arch, the unwinding at lessstack into the next segment through
 * its Stktop, topofstack, and the throws {@code unknown pc} and {@code unknown caller pc}. Left
 * out until Defer and Panic records exist: the continpc correction after sigpanic (continpc is
 * always pc) and the leftover-defer check.
 */
final class Frames {
    private Frames() {}

    /** runtime.h {@code struct Stkframe}. */
    static final class Stkframe {
        Func fn;
        long pc;
        long continpc;
        long lr;
        long sp;
        long fp;
        long varp;
        long argp;
        long arglen;
    }

    /** C's {@code bool (*callback)(Stkframe*, void*)}: false stops the walk. */
    @FunctionalInterface
    interface Callback {
        boolean frame(Stkframe frame);
    }

    /** proc.c runtime·topofstack: the functions that begin a stack, whose caller is not a frame. */
    static boolean topofstack(Stacks s, Func f) {
        // by entry, as C compares with the functions' addresses (an absent one's entry is 0)
        long e = f.entry;
        return e == s.goexitPc || e == s.lessstackPc || e == s.mstartPc || e == s.mcallPc
                || e == s.morestackPc || e == s.rt0goPc;
    }

    /**
     * Calls {@code callback} on up to {@code max} frames of gp from its saved state outwards;
     * returns how many frames it visited. Port of the callback path of runtime·gentraceback
     * (traceback_x86.c and traceback_arm.c, 0a7c7ac80); see the class comment for what is left
     * out.
     */
    static int gentraceback(Stacks s, G gp, int max, Callback callback) {
        Memory mem = s.mem;
        Text text = s.text;
        boolean arm = mem.arch().hasLinkRegister;
        int w = mem.arch().PtrSize;
        long pc0;
        long sp0;
        long lr0;
        if (gp.syscallstack != 0) {
            pc0 = gp.syscallpc;
            sp0 = gp.syscallsp;
            lr0 = 0;
        } else {
            pc0 = gp.sched.pc;
            sp0 = gp.sched.sp;
            lr0 = arm ? gp.sched.lr : 0;
        }
        Stkframe frame = new Stkframe();
        frame.pc = pc0;
        frame.sp = sp0;
        frame.lr = lr0;

        // If the PC is zero, it's likely a nil function call: start in the caller's frame.
        if (frame.pc == 0) {
            if (arm) {
                frame.pc = frame.lr;
                frame.lr = 0;
            } else {
                frame.pc = mem.loadp(frame.sp);
                frame.sp += w;
            }
        }

        Func f = text.findfunc(frame.pc);
        if (f == null) {
            Print.printf(s.process, "runtime: unknown pc %p\n", frame.pc);
            Throw.throw_(s.process, "unknown pc");
        }
        frame.fn = f;

        int n = 0;
        long stk = gp.stackbase;
        while (n < max) {
            if (s.lessstackPc != 0 && frame.pc == s.lessstackPc) {
                // Hit top of stack segment.  Unwind to next segment.
                frame.pc = Stktop.gobufPc(mem, stk);
                frame.sp = Stktop.gobufSp(mem, stk);
                frame.lr = 0;
                frame.fp = 0;
                frame.fn = null;
                stk = Stktop.stackbase(mem, stk);
                f = text.findfunc(frame.pc);
                if (f == null) {
                    Print.printf(s.process, "runtime: unknown pc %p after stack split\n", frame.pc);
                    Throw.throw_(s.process, "unknown pc");
                }
                frame.fn = f;
                continue;
            }
            f = frame.fn;

            // Derive frame pointer and link register.
            if (frame.fp == 0) {
                frame.fp = frame.sp + text.funcspdelta(f, frame.pc);
                if (!arm) {
                    frame.fp += w; // caller PC
                }
            }
            Func flr;
            if (topofstack(s, f)) {
                frame.lr = 0;
                flr = null;
            } else {
                if (arm) {
                    if ((n == 0 && Long.compareUnsigned(frame.sp, frame.fp) < 0) || frame.lr == 0) {
                        frame.lr = mem.loadp(frame.sp);
                    }
                } else if (frame.lr == 0) {
                    frame.lr = mem.loadp(frame.fp - w);
                }
                flr = text.findfunc(frame.lr);
                if (flr == null) {
                    Print.printf(s.process, "runtime: unexpected return pc for %s called from %p\n",
                            f.name, frame.lr);
                    Throw.throw_(s.process, "unknown caller pc");
                }
            }

            frame.varp = arm ? frame.fp : frame.fp - w;

            // Derive size of arguments.
            frame.argp = arm ? frame.fp + w : frame.fp;
            if (f.args != FuncData.ArgsSizeUnknown) {
                frame.arglen = f.args;
            } else if (flr == null) {
                frame.arglen = 0;
            } else if (s.lessstackPc != 0 && frame.lr == s.lessstackPc) {
                frame.arglen = Stktop.argsize(mem, stk);
            } else {
                int i = text.funcarglen(flr, frame.lr);
                if (i >= 0) {
                    frame.arglen = i;
                } else {
                    Print.printf(s.process, "runtime: unknown argument frame size for %s called from %p [%s]\n",
                            f.name, frame.lr, flr.name);
                    Throw.throw_(s.process, "invalid stack");
                }
            }

            frame.continpc = frame.pc;

            if (!callback.frame(frame)) {
                return n;
            }
            n++;

            // Do not unwind past the bottom of the stack.
            if (flr == null) {
                break;
            }

            // Unwind to next frame.
            frame.fn = flr;
            frame.pc = frame.lr;
            frame.lr = 0;
            frame.sp = frame.fp;
            frame.fp = 0;
        }
        return n;
    }
}
