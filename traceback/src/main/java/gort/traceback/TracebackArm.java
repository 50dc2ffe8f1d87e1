package gort.traceback;

import gort.proc.Tracebacks;
import gort.runtime.G;
import gort.runtime.Print;
import gort.runtime.Stktop;
import gort.runtime.Throw;
import gort.runtime.cpu.Func;

/**
 * gentraceback for GOARCH arm, where BL leaves the return pc in LR and a function with a frame
 * saves LR at 0(SP): fp is sp plus the sp delta, the caller's pc is the saved word (or LR itself in
 * a leaf's first frame), the locals end at fp and the arguments start one word above it. Port of
 * traceback_arm.c runtime·gentraceback (0a7c7ac80).
 */
final class TracebackArm {
    private TracebackArm() {}

    static int gentraceback(
            Walk k,
            long pc0,
            long sp0,
            long lr0,
            int skip,
            long[] pcbuf,
            int max,
            Traceback.Callback callback,
            boolean printall) {
        G gp = k.gp;
        if (pc0 == ~0L && sp0 == ~0L) { // the G's saved state
            if (gp.syscallstack != 0) {
                pc0 = gp.syscallpc;
                sp0 = gp.syscallsp;
                lr0 = 0;
            } else {
                pc0 = gp.sched.pc;
                sp0 = gp.sched.sp;
                lr0 = gp.sched.lr;
            }
        }
        int nprint = 0;
        Stkframe frame = new Stkframe();
        frame.pc = pc0;
        frame.lr = lr0;
        frame.sp = sp0;
        boolean waspanic = false;
        boolean wasnewproc = false;
        boolean printing = pcbuf == null && callback == null;

        // A pc of 0 comes from calling a nil func: LR still holds the caller's return pc.
        if (frame.pc == 0) {
            frame.pc = frame.lr;
            frame.lr = 0;
        }

        Func f = k.text.findfunc(frame.pc);
        if (f == null) {
            if (callback != null) {
                Print.printf(k.process, "runtime: unknown pc %p\n", frame.pc);
                Throw.throw_(k.process, "unknown pc");
            }
            return 0;
        }
        frame.fn = f;

        int n = 0;
        long stk = gp.stackbase;
        while (n < max) {
            if (k.isLessstack(frame.pc)) {
                // Into the older segment, at the state its Stktop saved.
                frame.pc = Stktop.gobufPc(k.mem, stk);
                frame.sp = Stktop.gobufSp(k.mem, stk);
                frame.lr = 0;
                frame.fp = 0;
                if (printing && Traceback.showframe(k.mp, null, gp)) {
                    Print.printf(k.process, "----- stack segment boundary -----\n");
                }
                stk = Stktop.stackbase(k.mem, stk);
                f = k.text.findfunc(frame.pc);
                if (f == null) {
                    Print.printf(k.process, "runtime: unknown pc %p after stack split\n", frame.pc);
                    if (callback != null) {
                        Throw.throw_(k.process, "unknown pc");
                    }
                    break; // gort: C would go on with no function and crash
                }
                frame.fn = f;
                continue;
            }
            f = frame.fn;

            if (frame.fp == 0) {
                frame.fp = frame.sp + k.text.funcspdelta(f, frame.pc);
            }
            Func flr;
            if (Tracebacks.topofstack(k.process, f)) {
                frame.lr = 0;
                flr = null;
            } else if (k.st.jmpdefer != 0 && f.entry == k.st.jmpdefer) {
                // jmpdefer has already let go of its frame: nothing above it can be found.
                if (callback != null) {
                    Throw.throw_(
                            k.process, "traceback_arm: found jmpdefer when tracing with callback");
                }
                frame.lr = 0;
                flr = null;
            } else {
                // The innermost frame may not have saved LR yet (sp == fp: LR is live); any
                // other frame's caller pc is the word at its sp.
                if ((n == 0 && Long.compareUnsigned(frame.sp, frame.fp) < 0) || frame.lr == 0) {
                    frame.lr = k.mem.loadp(frame.sp);
                }
                flr = k.text.findfunc(frame.lr);
                if (flr == null && callback != null) {
                    Print.printf(
                            k.process,
                            "runtime: unexpected return pc for %s called from %p\n",
                            k.text.funcname(f),
                            frame.lr);
                    Throw.throw_(k.process, "unknown caller pc");
                }
            }

            frame.varp = frame.fp;

            if (callback != null || printing) {
                frame.argp = frame.fp + k.w;
                frame.arglen = k.arglen(f, flr, frame, stk, callback != null);
            }

            // deferproc's record of this frame's argument pointer: one word above sp (the
            // saved LR), three more past newproc's or deferproc's own arguments; a frameless
            // function can own no Defer.
            long sparg = 0;
            if (frame.fp != frame.sp) {
                sparg = frame.sp + k.w;
                if (wasnewproc) {
                    sparg += 3L * k.w;
                }
            }
            k.continpc(frame, sparg, waspanic);

            if (skip > 0) {
                skip--;
            } else {
                if (pcbuf != null) {
                    pcbuf[n] = frame.pc;
                }
                if (callback != null && !callback.frame(frame)) {
                    return n;
                }
                if (printing && (printall || Traceback.showframe(k.mp, f, gp))) {
                    // A return pc points after the BL; its line is the instruction's.
                    long tracepc = frame.pc;
                    if (k.atReturn(frame, n) && frame.pc > f.entry && !waspanic) {
                        tracepc -= k.w;
                    }
                    k.printframe(f, frame, tracepc);
                    nprint++;
                }
                n++;
            }

            waspanic = k.isSigpanic(f);
            wasnewproc = k.isNewprocOrDeferproc(f);

            if (flr == null) {
                break; // the bottom of the stack, or a caller no function contains
            }

            frame.pc = frame.lr;
            frame.fn = flr;
            frame.lr = 0;
            frame.sp = frame.fp;
            frame.fp = 0;

            if (waspanic) {
                // The signal handler pushed the faulting frame's LR before faking the call
                // of sigpanic: take that word back, as the pc itself when the fault was at
                // no function (a nil call), or as LR when the faulting function is a leaf.
                long x = k.mem.loadp(frame.sp);
                frame.sp += 4;
                frame.fn = f = k.text.findfunc(frame.pc);
                if (f == null) {
                    frame.pc = x;
                    frame.fn = k.text.findfunc(x);
                    if (frame.fn == null) {
                        break; // gort: C would go on with no function and crash
                    }
                } else if (f.frame == 0) {
                    frame.lr = x;
                }
            }
        }

        if (printing) {
            n = nprint;
        }
        if (callback != null && n < max && k.defer != 0) {
            k.leftover();
        }
        return n;
    }
}
