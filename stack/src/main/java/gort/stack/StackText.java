package gort.stack;

import gort.runtime.StackAllocator;
import gort.runtime.Throw;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;

/**
 * stack.c's part of a linked program: the function {@code runtime.lessstack}, whose entry is the
 * return pc newstack plants under a new segment's first frame, and the RTCALLs {@code
 * runtime.lessstack} (its body) and {@code debug.SetMaxStack}.
 *
 * <p>runtime.lessstack is NOSPLIT and consists of one RTCALL: when a function returns off a segment
 * the CPU simply returns to that pc (amd64 pops it, arm loads it from the saved LR), so the CPU
 * needs nothing new. On arm the RTCALL gives it a 4-byte frame (liblink saves LR in any function
 * that calls); that store lands below the returned frame, on the segment being freed.
 */
public final class StackText {
    private StackText() {}

    /** The text symbol of lessstack. */
    public static final String LESSSTACK = "runtime.lessstack";

    /** Adds lessstack and stack.c's RTCALLs to {@code l}. */
    public static Linker link(Linker l, Arch arch) {
        FuncBuilder lessstack =
                new FuncBuilder(arch, LESSSTACK)
                        .nosplit(true)
                        .pos("asm.s", 1)
                        .rtcall(LESSSTACK)
                        .halt();
        return l.add(lessstack)
                .runtime(LESSSTACK, NewStack::lessstack)
                .runtime("debug.SetMaxStack", StackText::setMaxStack);
    }

    /**
     * debug.SetMaxStack(bytes int) int: sets runtime·maxstacksize and returns the old value. Port
     * of rdebug.go setMaxStack (0a7c7ac80), which runtime/debug's SetMaxStack calls.
     */
    static void setMaxStack(Cpu cpu, long argp) {
        var process = cpu.m().process;
        int w = cpu.arch().PtrSize;
        long in = cpu.mem().loadp(argp);
        long out = process.maxstacksize;
        process.maxstacksize = cpu.arch().uintptr(in);
        cpu.mem().storep(argp + w, out);
    }

    /** The process's stack.c state; a process built without it cannot grow stacks. */
    static Stacks stacks(Cpu cpu) {
        StackAllocator a = cpu.m().process.stacks();
        if (!(a instanceof Stacks s)) {
            Throw.throw_(cpu.m().process, "gort: the process has no stack module (stack.c)");
            return null;
        }
        return s;
    }
}
