package gort.runtime.cpu;

import gort.runtime.GoProcess;
import gort.runtime.Gobuf;
import gort.runtime.Print;
import gort.runtime.Throw;
import gort.runtime.mem.Memory;

/**
 * The arch-specific Gobuf helpers of sys_x86.c and sys_arm.c that newstack and newproc use: {@link
 * #gostartcall} and {@link #rewindmorestack}.
 */
public final class Sys {
    private Sys() {}

    /**
     * Makes {@code gobuf} look like a state saved by gosave right at the entry of {@code fn},
     * called with context {@code ctxt}: on amd64 pushes gobuf->pc onto gobuf->sp's stack as the
     * return pc; on arm moves it to gobuf->lr, which must be 0. Port of sys_x86.c / sys_arm.c
     * gostartcall (0a7c7ac80).
     */
    public static void gostartcall(GoProcess process, Memory mem, Gobuf gobuf, long fn, long ctxt) {
        if (mem.arch().hasLinkRegister) {
            if (gobuf.lr != 0) {
                Throw.throw_(process, "invalid use of gostartcall");
            }
            gobuf.lr = gobuf.pc;
        } else {
            long sp = gobuf.sp - 8;
            mem.store64(sp, gobuf.pc);
            gobuf.sp = sp;
        }
        gobuf.pc = fn;
        gobuf.ctxt = ctxt;
    }

    /**
     * Rewinds the state morestack saved back to the beginning of the function. Port of sys_x86.c /
     * sys_arm.c rewindmorestack (0a7c7ac80). gort differs: asm leaves gobuf->pc at the linker's
     * "JMP start" after the morestack call, which this function decodes; gort's morestack already
     * saves the pc of the STACKCHECK, which is where that jump leads, so the pc stays. Anything
     * else is the C function's misuse.
     */
    public static void rewindmorestack(GoProcess process, Text text, Gobuf gobuf) {
        if (text.opAt(gobuf.pc) == Isa.STACKCHECK) {
            return;
        }
        Print.printf(process, "runtime: pc=%p %x\n", gobuf.pc, (long) text.opAt(gobuf.pc));
        Throw.throw_(process, "runtime: misuse of rewindmorestack");
    }
}
