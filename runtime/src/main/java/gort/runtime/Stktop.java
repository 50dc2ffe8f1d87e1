package gort.runtime;

import gort.runtime.mem.Memory;

/**
 * runtime.h {@code struct Stktop}, the record at the top of every stack segment ({@code
 * g->stackbase} points at it), read and written in simulated memory as C does: the fields in C's
 * order at the arch's sizes (uintptr and pointers PtrSize, argsize and panicwrap uint32, panic one
 * byte). Gobuf's g is stored as the G's address.
 *
 * <p>gort differs in size only: {@code sizeof(Stktop)} is {@link Stack#StackTop} (88 bytes) on both
 * arches, because malg and gfput (proc) place stackbase StackTop bytes below the top; C's amd64
 * record is 88 bytes too, its arm record 48 bytes with StackTop still reserved.
 */
public final class Stktop {
    private Stktop() {}

    /** sizeof(Stktop) in gort. */
    public static final int SIZE = Stack.StackTop;

    // offsets in PtrSize words, except where noted
    public static long stackguard(Memory m, long top) {
        return m.loadp(top);
    }

    public static long stackbase(Memory m, long top) {
        return m.loadp(top + w(m));
    }

    public static long gobufSp(Memory m, long top) {
        return m.loadp(top + 2 * w(m));
    }

    public static long gobufPc(Memory m, long top) {
        return m.loadp(top + 3 * w(m));
    }

    /** gobuf.g as an address. */
    public static long gobufG(Memory m, long top) {
        return m.loadp(top + 4 * w(m));
    }

    public static long gobufCtxt(Memory m, long top) {
        return m.loadp(top + 5 * w(m));
    }

    public static long gobufRet(Memory m, long top) {
        return m.loadp(top + 6 * w(m));
    }

    public static long gobufLr(Memory m, long top) {
        return m.loadp(top + 7 * w(m));
    }

    public static int argsize(Memory m, long top) {
        return m.load32(top + 8 * w(m));
    }

    public static int panicwrap(Memory m, long top) {
        return m.load32(top + 8 * w(m) + 4);
    }

    public static long argp(Memory m, long top) {
        return m.loadp(top + 8 * w(m) + 8);
    }

    public static boolean panic(Memory m, long top) {
        return m.load8(top + 9 * w(m) + 8) != 0;
    }

    public static void setStackguard(Memory m, long top, long v) {
        m.storep(top, v);
    }

    public static void setStackbase(Memory m, long top, long v) {
        m.storep(top + w(m), v);
    }

    /** Stores gobuf {sp, pc, g (its address), ctxt, ret, lr}. */
    public static void setGobuf(
            Memory m, long top, long sp, long pc, long g, long ctxt, long ret, long lr) {
        int w = w(m);
        m.storep(top + 2 * w, sp);
        m.storep(top + 3 * w, pc);
        m.storep(top + 4 * w, g);
        m.storep(top + 5 * w, ctxt);
        m.storep(top + 6 * w, ret);
        m.storep(top + 7 * w, lr);
    }

    public static void setArgsize(Memory m, long top, int v) {
        m.store32(top + 8 * w(m), v);
    }

    public static void setPanicwrap(Memory m, long top, int v) {
        m.store32(top + 8 * w(m) + 4, v);
    }

    public static void setArgp(Memory m, long top, long v) {
        m.storep(top + 8 * w(m) + 8, v);
    }

    public static void setPanic(Memory m, long top, boolean v) {
        m.store8(top + 9 * w(m) + 8, v ? 1 : 0);
    }

    private static int w(Memory m) {
        return m.arch().PtrSize;
    }
}
