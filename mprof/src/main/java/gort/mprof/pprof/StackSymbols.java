package gort.mprof.pprof;

import gort.runtime.cpu.Func;
import gort.runtime.cpu.Text;

/**
 * The symbol lookups a profile writer does on a return pc, over the process's own text (gort's pcs
 * are in no ELF file, so profiles name their functions themselves). Each mirrors what
 * runtime.FuncForPC(pc).FileLine(tracepc) gives a Go program of 2014.
 */
public final class StackSymbols {
    private final Text text;

    public StackSymbols(Text text) {
        this.text = text;
    }

    public Text text() {
        return text;
    }

    /** The function holding pc, or null. */
    public Func func(long pc) {
        return text.findfunc(pc);
    }

    /**
     * The pc whose line is reported for a return pc: the call instruction (pc minus one on amd64,
     * minus four on arm), not before the function's entry, and not after runtime.panic, whose
     * caller's pc is where the fault was. pprof.go's printStackRecord backs up every frame but the
     * first; gort backs up the first too, because in gort it is a return pc as well: the runtime
     * function a goroutine is parked in (gopark, chanrecv ...) is Java and has no frame, so the
     * first frame is the Go function that called it.
     */
    public long tracepc(long pc, Func f, boolean wasPanic) {
        if (pc > f.entry && !wasPanic) {
            return pc - text.arch.PCQuantum;
        }
        return pc;
    }

    public String file(Func f, long tracepc) {
        return text.funcfile(f, tracepc);
    }

    public int line(Func f, long tracepc) {
        return text.funcline(f, tracepc);
    }

    public String name(Func f) {
        return text.funcname(f);
    }
}
