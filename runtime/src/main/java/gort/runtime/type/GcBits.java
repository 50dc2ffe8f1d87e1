package gort.runtime.type;

/**
 * mgc0.h's GC type information at 0a7c7ac80: the instructions of a GC program, the heap bitmap's
 * four bits per word, and the mask sizes. The two-bit kinds themselves (BitsDead ... BitsEface) are
 * the stack maps' and live in {@link gort.runtime.cpu.FuncData}.
 *
 * <p>A GC program is a byte string: {@code insData n} followed by n two-bit kinds packed four to a
 * byte (low bits first); {@code insArray len} (len in PtrSize little-endian bytes) followed by a
 * program body and {@code insArrayEnd}; and a final {@code insEnd}. Masks embedded in a Type's gc
 * words, the heap bitmap and the unrolled masks of gc[0] use four bits per word, the kind in the
 * upper two; the data and bss masks use two.
 */
public final class GcBits {
    private GcBits() {}

    public static final int gcBits = 4;
    public static final int wordsPerBitmapByte = 8 / gcBits;

    public static final int insData = 1;
    public static final int insArray = 2;
    public static final int insArrayEnd = 3;
    public static final int insEnd = 4;

    /** Bytes of the largest mask the runtime keeps unrolled in a type's gc[0] space. */
    public static final int MaxGCMask = 64;

    // The low two bits of a heap word's four.
    public static final int bitBoundary = 1;
    public static final int bitMarked = 2;
    public static final int bitMask = bitBoundary | bitMarked;
    public static final int bitPtrMask = 3 << 2;
}
