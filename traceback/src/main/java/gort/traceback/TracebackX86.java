package gort.traceback;

import gort.proc.Tracebacks;
import gort.runtime.G;
import gort.runtime.Print;
import gort.runtime.Stktop;
import gort.runtime.Throw;
import gort.runtime.cpu.Func;

/**
 * gentraceback for GOARCH amd64, where CALL pushes the return pc: a frame's fp is its sp plus the
 * sp delta at pc plus that pushed word, the return pc sits just below fp, locals below it and the
 * arguments at fp. Port of traceback_x86.c runtime·gentraceback (0a7c7ac80), without the Windows
 * exception-handler unwinding (gort runs as linux).
 */
final class TracebackX86 {
    private TracebackX86() {}

    static int gentraceback(
            Walk k,
            long pc0,
            long sp0,
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
            } else {
                pc0 = gp.sched.pc;
                sp0 = gp.sched.sp;
            }
        }
        int nprint = 0;
        Stkframe frame = new Stkframe();
        frame.pc = pc0;
        frame.sp = sp0;
        boolean waspanic = false;
        boolean wasnewproc = false;
        boolean printing = pcbuf == null && callback == null;

        // A pc of 0 comes from calling a nil func: the CALL pushed its return pc, so the
        // caller's frame is the real first one.
        if (frame.pc == 0) {
            frame.pc = k.mem.loadp(frame.sp);
            frame.sp += k.w;
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
                // The segment's first frame returns into lessstack: carry on in the older
                // segment, at the state its Stktop saved.
                frame.pc = Stktop.gobufPc(k.mem, stk);
                frame.sp = Stktop.gobufSp(k.mem, stk);
                frame.lr = 0;
                frame.fp = 0;
                frame.fn = null;
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
                frame.fp = frame.sp + k.text.funcspdelta(f, frame.pc) + k.w; // + the pushed pc
            }
            Func flr;
            if (Tracebacks.topofstack(k.process, f)) {
                frame.lr = 0;
                flr = null;
            } else {
                if (frame.lr == 0) {
                    frame.lr = k.mem.loadp(frame.fp - k.w);
                }
                flr = k.text.findfunc(frame.lr);
                if (flr == null) {
                    Print.printf(
                            k.process,
                            "runtime: unexpected return pc for %s called from %p\n",
                            k.text.funcname(f),
                            frame.lr);
                    if (callback != null) {
                        Throw.throw_(k.process, "unknown caller pc");
                    }
                }
            }

            frame.varp = frame.fp - k.w;

            if (callback != null || printing) {
                frame.argp = frame.fp;
                frame.arglen = k.arglen(f, flr, frame, stk, callback != null);
            }

            // Where deferproc recorded this frame's argument pointer: its sp, or two words
            // higher when the frame called newproc or deferproc (their own arguments).
            long sparg = frame.sp;
            if (wasnewproc) {
                sparg += 2L * k.w;
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
                    // A return pc points after the CALL; its line is the byte before.
                    long tracepc = frame.pc;
                    if (k.atReturn(frame, n) && frame.pc > f.entry && !waspanic) {
                        tracepc--;
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

            frame.fn = flr;
            frame.pc = frame.lr;
            frame.lr = 0;
            frame.sp = frame.fp;
            frame.fp = 0;
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
