package gort.stack;

/**
 * Where the fields that stack.c adjusts sit in the runtime's Defer and SudoG records
 * (runtime.h {@code struct Defer}: argp, fn, link, args; {@code struct SudoG}: elem, waitlink),
 * as byte offsets. The modules that own those records (panic for Defer, the channel code for
 * SudoG) give their layout to {@link Stacks#records}; until one does, stack.c treats a G with
 * defers as not copyable (it takes the segmented path) and does not shrink a G that waits on a
 * SudoG, so no pointer into a stack is ever left unadjusted.
 */
public record StackRecords(int deferArgp, int deferFn, int deferLink, int deferArgs,
        int sudogElem, int sudogWaitlink) {
}
