package gort.stack;

import gort.runtime.arch.Arch;

/**
 * Where the fields that stack.c adjusts sit in the runtime's Defer and SudoG records (runtime.h
 * {@code struct Defer}: argp, fn, link, args; {@code struct SudoG}: elem, waitlink), as byte
 * offsets, or -1 for a record whose fields do not live in simulated memory. The modules that own
 * those records give their layout to {@link Stacks#records}. Until a Defer layout is given, stack.c
 * treats a G with defers as not copyable (it takes the segmented path); until a SudoG layout is, it
 * does not shrink a G that waits on a SudoG. So no pointer into a stack is ever left unadjusted.
 */
public record StackRecords(
        int deferArgp,
        int deferFn,
        int deferLink,
        int deferArgs,
        int sudogElem,
        int sudogWaitlink) {

    /**
     * runtime.h's Defer at 0a7c7ac80 (siz int32, special bool, argp, pc, fn, link, then the
     * arguments), as module panic lays it out in memory; SudoGs unknown (-1): gort's channel code
     * keeps its SudoGs as Java objects.
     */
    public static StackRecords defers(Arch arch) {
        int w = arch.PtrSize;
        return new StackRecords(8, 8 + 2 * w, 8 + 3 * w, 8 + 4 * w, -1, -1);
    }

    /** Whether SudoG fields can be read and adjusted in memory. */
    public boolean knowsSudogs() {
        return sudogElem >= 0 && sudogWaitlink >= 0;
    }
}
