package gort.runtime.type;

import gort.runtime.arch.Arch;
import gort.runtime.mem.Memory;

/**
 * type.h's {@code struct Type} and typekind.h's kinds at 0a7c7ac80, as byte offsets into a type
 * descriptor in simulated memory. The compiler writes descriptors in this layout; malloc, the
 * collector and copystack read them through these offsets, so the two sides cannot drift apart.
 *
 * <p>Layout, PtrSize P, A = P+8 (where alg lands: 2P on amd64, 3P on arm): size uintptr @0; hash
 * uint32 @P; _unused, align, fieldAlign, kind (uint8 each) @P+4..P+7; alg @A; gc[2] @A+P and @A+2P;
 * string @A+3P; x @A+4P; ptrto @A+5P; zero @A+6P. Size A+7P (72 bytes on amd64, 40 on arm).
 * PtrType, SliceType and ChanType continue with their {@code elem} word at {@link #elem}.
 */
public final class Type {
    private Type() {}

    // typekind.h's kind numbers (the low five bits of Type.kind).
    public static final int KindBool = 1;
    public static final int KindInt = 2;
    public static final int KindInt8 = 3;
    public static final int KindInt16 = 4;
    public static final int KindInt32 = 5;
    public static final int KindInt64 = 6;
    public static final int KindUint = 7;
    public static final int KindUint8 = 8;
    public static final int KindUint16 = 9;
    public static final int KindUint32 = 10;
    public static final int KindUint64 = 11;
    public static final int KindUintptr = 12;
    public static final int KindFloat32 = 13;
    public static final int KindFloat64 = 14;
    public static final int KindComplex64 = 15;
    public static final int KindComplex128 = 16;
    public static final int KindArray = 17;
    public static final int KindChan = 18;
    public static final int KindFunc = 19;
    public static final int KindInterface = 20;
    public static final int KindMap = 21;
    public static final int KindPtr = 22;
    public static final int KindSlice = 23;
    public static final int KindString = 24;
    public static final int KindStruct = 25;
    public static final int KindUnsafePointer = 26;

    // typekind.h's flag bits above the kind number.
    public static final int KindDirectIface = 1 << 5;
    public static final int KindGCProg = 1 << 6;
    public static final int KindNoPointers = 1 << 7;
    public static final int KindMask = (1 << 5) - 1;

    /** Offset of Type.size. */
    public static long size(Arch a) {
        return 0;
    }

    /** Offset of Type.hash. */
    public static long hash(Arch a) {
        return a.PtrSize;
    }

    /** Offset of Type.align. */
    public static long align(Arch a) {
        return a.PtrSize + 5;
    }

    /** Offset of Type.fieldAlign. */
    public static long fieldAlign(Arch a) {
        return a.PtrSize + 6;
    }

    /** Offset of Type.kind. */
    public static long kind(Arch a) {
        return a.PtrSize + 7;
    }

    /** Offset of Type.alg. */
    public static long alg(Arch a) {
        return a.PtrSize + 8L;
    }

    /** Offset of Type.gc[i], i = 0 or 1. */
    public static long gc(Arch a, int i) {
        return alg(a) + (1L + i) * a.PtrSize;
    }

    /** Offset of Type.string. */
    public static long string(Arch a) {
        return alg(a) + 3L * a.PtrSize;
    }

    /** Offset of Type.x (UncommonType*). */
    public static long x(Arch a) {
        return alg(a) + 4L * a.PtrSize;
    }

    /** Offset of Type.ptrto. */
    public static long ptrto(Arch a) {
        return alg(a) + 5L * a.PtrSize;
    }

    /** Offset of Type.zero. */
    public static long zero(Arch a) {
        return alg(a) + 6L * a.PtrSize;
    }

    /** sizeof(Type). */
    public static long sizeof(Arch a) {
        return alg(a) + 7L * a.PtrSize;
    }

    /** Offset of PtrType.elem, SliceType.elem and ChanType.elem: the word after the Type. */
    public static long elem(Arch a) {
        return sizeof(a);
    }

    /** typ-&gt;gc[i] of the descriptor at {@code typ}. */
    public static long gcOf(Memory mem, long typ, int i) {
        return mem.loadp(typ + gc(mem.arch(), i));
    }

    /** ((PtrType*)typ)-&gt;elem (likewise SliceType, ChanType) of the descriptor at {@code typ}. */
    public static long elemOf(Memory mem, long typ) {
        return mem.loadp(typ + elem(mem.arch()));
    }

    /** typ-&gt;string of the descriptor at {@code typ}: a String* (0 when the type has none). */
    public static long stringOf(Memory mem, long typ) {
        return mem.loadp(typ + string(mem.arch()));
    }

    /** typ-&gt;size of the descriptor at {@code typ}. */
    public static long sizeOf(Memory mem, long typ) {
        return mem.loadp(typ);
    }

    /** typ-&gt;kind of the descriptor at {@code typ}, flags included. */
    public static int kindOf(Memory mem, long typ) {
        return mem.load8(typ + kind(mem.arch()));
    }
}
