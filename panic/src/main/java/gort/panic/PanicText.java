package gort.panic;

import static gort.runtime.cpu.FuncBuilder.FP;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.SP;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Linker;

/**
 * panic.c's part of a linked program: the functions of the text that Go code calls or that a panic
 * runs in, and the RTCALL functions of defer, panic and recover.
 *
 * <h2>Text</h2>
 *
 * <ul>
 *   <li>{@code runtime.panic(e interface{})}: Go 1.3's runtime·panic, called by {@code panic(e)}.
 *       Its frame holds an outgoing area of {@link #MAXARGS} bytes (where each deferred call's
 *       arguments are copied and the call made, in place of newstackcall's new stack segment), then
 *       its Panic record and the dabort Defer, as C keeps them in its frame. Body: RTCALL
 *       runtime.panic·start, then a loop of RTCALL runtime.panic·next (which leaves the deferred
 *       FuncVal in R0, or ends the process), CALLCLOSURE R0, RTCALL runtime.panic·done.
 *   <li>{@code runtime.sigpanic()}: what a memory fault in Go code calls (the signal handler pushes
 *       the call); RTCALL runtime.sigpanic leaves the run-time error in its outgoing area, then
 *       CALL runtime.panic.
 *   <li>{@code runtime.panicerr()}: the same for run-time errors raised by RTCALL functions
 *       (panicindex, panicslice, panicdivide, makeslice ...): runtime·panicstring's call of
 *       runtime·panic, whose frame the RTCALL function cannot make itself.
 * </ul>
 *
 * <h2>RTCALL</h2>
 *
 * <pre>
 *   runtime.deferproc   siz int32 (word), fn *FuncVal, then siz bytes of arguments; R0 = 0,
 *                       or 1 when resumed by a recovery
 *   runtime.deferreturn -  (jmpdefer to the next deferred call of this frame, if any)
 *   runtime.recover     argp uintptr (the caller's FP), ret interface{}
 *   runtime.panicdottype have *Type, want *Type, iface *Type (a failed x.(T))
 *   runtime.Goexit      -  (runs the deferred calls through runtime.rundefer, then proc's
 *                       Goexit; replaces the one proc registers)
 * </pre>
 */
public final class PanicText {
    private PanicText() {}

    /**
     * The largest argument size of a deferred call: the outgoing area of runtime.panic's frame.
     * gort differs: Go's newstackcall gives every deferred call a segment of its own size.
     */
    public static final int MAXARGS = 1024;

    /** Adds panic.c's text and RTCALL functions to {@code l}. */
    public static Linker link(Linker l, Arch arch) {
        int w = arch.PtrSize;
        Records rec = Records.of(arch);
        int pOff = MAXARGS;
        int locals = MAXARGS + rec.panicSize() + rec.deferSize(w);
        FuncBuilder panic =
                new FuncBuilder(arch, "runtime.panic")
                        .args(2 * w)
                        .locals(locals)
                        .pos("panic.c", 211);
        Label loop = panic.newLabel();
        // p.arg = e: the incoming interface{} into the Panic record in the frame
        panic.load(R0, FP, 0, Isa.width(w, false))
                .store(SP, panic.local(pOff), R0, Isa.width(w, false))
                .load(R0, FP, w, Isa.width(w, false))
                .store(SP, panic.local(pOff + w), R0, Isa.width(w, false))
                .rtcall("runtime.panic·start")
                .bind(loop)
                .line(228)
                .rtcall("runtime.panic·next")
                .line(244)
                .callclosure(R0)
                .line(247)
                .rtcall("runtime.panic·done")
                .jmp(loop);
        FuncBuilder sigpanic =
                new FuncBuilder(arch, "runtime.sigpanic")
                        .locals(2 * w)
                        .pos("os_linux.c", 216)
                        .rtcall("runtime.sigpanic")
                        .call("runtime.panic")
                        .halt();
        FuncBuilder panicerr =
                new FuncBuilder(arch, "runtime.panicerr")
                        .locals(2 * w)
                        .pos("panic.c", 545)
                        .rtcall("runtime.panicerr")
                        .call("runtime.panic")
                        .halt();
        FuncBuilder rundefer =
                new FuncBuilder(arch, "runtime.rundefer").locals(MAXARGS).pos("panic.c", 176);
        Label again = rundefer.newLabel();
        rundefer.bind(again).rtcall("runtime.rundefer·next").callclosure(R0).jmp(again);
        return l.add(panic)
                .add(sigpanic)
                .add(panicerr)
                .add(rundefer)
                .runtime("runtime.Goexit", Panics::Goexit)
                .runtime("runtime.rundefer·next", Panics::rundeferNext)
                .runtime("runtime.panic·start", Panics::panicStart)
                .runtime("runtime.panic·next", Panics::panicNext)
                .runtime("runtime.panic·done", Panics::panicDone)
                .runtime("runtime.sigpanic", Panics::sigpanic)
                .runtime("runtime.panicerr", Panics::panicerr)
                .runtime("runtime.deferproc", Panics::deferproc)
                .runtime("runtime.deferreturn", Panics::deferreturn)
                .runtime("runtime.recover", Panics::recover)
                .runtime("runtime.panicdottype", Panics::panicdottype);
    }
}
