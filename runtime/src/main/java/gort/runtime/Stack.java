package gort.runtime;

import gort.runtime.arch.Arch;

/**
 * The stack layout constants of stack.h at 0a7c7ac80, under their C names and values, with the
 * stack constants that malloc.h and stack.c define beside them. gort simulates linux, so the
 * Windows and Plan 9 values of StackSystem do not apply. The values are the same on amd64 and arm
 * except {@link #StackPreempt(Arch)}, which is a uintptr and so has the arch's width.
 *
 * <p>How the compiler uses them (after stack.h): g->stackguard0 lies StackGuard bytes past the
 * lowest stack address. A function whose frame is at most StackSmall compares SP with the guard; a
 * frame up to StackBig compares SP - (frame - StackSmall); a larger frame uses a comparison that
 * cannot wrap around (docs/machine.md has liblink's exact table). The bottom StackGuard -
 * StackSmall (= StackLimit) bytes are for chains of NOSPLIT functions, which the linker checks.
 *
 * <p>Later Go changed these (StackGuard 512 on 09-06, StackMin 2048 on 09-17, StackFork in go1.4);
 * gort keeps the commit's values.
 */
public final class Stack {
    private Stack() {}

    // ---- stack.h ----

    /** Extra bytes below the guard for OS needs (signal handling on the stack); 0 on linux. */
    public static final int StackSystem = 0;

    /** Stack allocated beyond the splitting frame's need when a stack grows by a new segment. */
    public static final int StackExtra = 2048;

    /** The smallest stack: a new goroutine's stack size (malg(StackMin) in newproc1). */
    public static final int StackMin = 8192;

    /** StackSystem rounded up to a multiple of StackMin. */
    public static final int StackSystemRounded = StackSystem + (-StackSystem & (StackMin - 1));

    /** Size of the smallest stack allocation, order 0 of the stack cache. */
    public static final int FixedStack = StackMin + StackSystemRounded;

    /** Frames larger than this use the prologue's wraparound-safe comparison. */
    public static final int StackBig = 4096;

    /** Distance of g->stackguard0 above the stack's lowest address. */
    public static final int StackGuard = 256 + StackSystem;

    /** How far below the guard SP may go after a check, saving an instruction for tiny frames. */
    public static final int StackSmall = 128;

    /** Bytes a chain of NOSPLIT functions may use below the guard (= 128). */
    public static final int StackLimit = StackGuard - StackSystem - StackSmall;

    /** Assumed upper bound of the Stktop block at the top of each stack (checked in malg). */
    public static final int StackTop = 88;

    /**
     * The C value of StackPreempt before its conversion to uintptr: stack.h defines it as {@code
     * ((uint64)-1314)}, and storing it into the uintptr g->stackguard0 truncates it on 32-bit
     * ports.
     */
    public static final long StackPreemptValue = -1314L;

    /** StackPreempt on 64-bit ports (amd64). */
    public static final long StackPreempt64 = 0xfffffffffffffadeL;

    /** StackPreempt on 32-bit ports (arm), "0xfffffade in hex" as stack.h says. */
    public static final long StackPreempt32 = 0xfffffadeL;

    /**
     * The value a preemption request puts in g->stackguard0: above every real SP, so the next
     * prologue check takes the morestack path. (uintptr)((uint64)-1314) for {@code arch}, i.e.
     * {@link #StackPreempt64} or {@link #StackPreempt32}.
     */
    public static long StackPreempt(Arch arch) {
        return arch.uintptr(StackPreemptValue);
    }

    // ---- malloc.h ----

    /** Per-P, per-order stack cache size (malloc.h). */
    public static final int StackCacheSize = 32 * 1024;

    /** Number of cached stack orders: FixedStack, 2x and 4x it (malloc.h). */
    public static final int NumStackOrders = 3;

    // ---- stack.c ----

    /** Logging level of stack.c: 0 none, 1 per stack, 2 per frame, 3 per word updated, 4 read. */
    public static final int StackDebug = 0;

    /** 1: every stack is its own mapping from the OS, bypassing the stack pool (stack.c). */
    public static final int StackFromSystem = 0;

    /** 1: old stacks are mapped no-access to detect use after free (stack.c). */
    public static final int StackFaultOnFree = 0;

    /** 1: small stacks come from the per-P stack cache and the global stack pool (stack.c). */
    public static final int StackCache = 1;
}
