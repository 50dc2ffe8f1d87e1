package gort.runtime.type;

/**
 * mgc0.h's GC program instructions at 0a7c7ac80. The heap bitmap's four bits per word and the mask
 * sizes are malloc.go's, in {@link gort.runtime.malloc.HeapBits}. The two-bit kinds themselves
 * (BitsDead ... BitsEface) are the stack maps' and live in {@link gort.runtime.cpu.FuncData}.
 *
 * <p>A GC program is a byte string: {@code insData n} followed by n two-bit kinds packed four to a
 * byte (low bits first); {@code insArray len} (len in PtrSize little-endian bytes) followed by a
 * program body and {@code insArrayEnd}; and a final {@code insEnd}. Masks embedded in a Type's gc
 * words, the heap bitmap and the unrolled masks of gc[0] use four bits per word, the kind in the
 * upper two; the data and bss masks use two.
 */
public final class GcBits {
    private GcBits() {}

    public static final int insData = 1;
    public static final int insArray = 2;
    public static final int insArrayEnd = 3;
    public static final int insEnd = 4;
}
