package gort.runtime.cpu;

import java.util.Arrays;

/**
 * The stack maps of one function's arguments or locals (malloc.h {@code struct StackMap}): {@code
 * n} bit vectors of {@code nbit} bits each, one per call site, indexed by the PCDATA_StackMapIndex
 * value there. As in the 2014 runtime, {@code n < 0} means "no bitmaps; the locals are {@code -n}
 * bytes, scan them conservatively" (stack.c and mgc0.c check it). Immutable.
 */
public final class StackMap {
    /** Number of bitmaps, or minus the locals' size when there are none. */
    public final int n;

    /** Bits in each bitmap. */
    public final int nbit;

    private final int[] data;

    /** The bitmaps as BitVectors, made once (stack walks ask for them at every frame). */
    private final BitVector[] vectors;

    private StackMap(int n, int nbit, int[] data) {
        this.n = n;
        this.nbit = nbit;
        this.data = data;
        int per = (nbit + 31) / 32;
        this.vectors = new BitVector[Math.max(n, 0)];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = new BitVector(nbit, data, i * per);
        }
    }

    /**
     * A stack map whose bitmap {@code v} gives, for each word, its kind ({@code kinds[v][word]},
     * each one of BitsDead..BitsMultiWord). All bitmaps cover the same number of words.
     */
    public static StackMap of(int[]... kinds) {
        int words = kinds.length == 0 ? 0 : kinds[0].length;
        int nbit = words * FuncData.BitsPerPointer;
        int per = (nbit + 31) / 32;
        int[] data = new int[kinds.length * per];
        for (int v = 0; v < kinds.length; v++) {
            if (kinds[v].length != words) {
                throw new IllegalArgumentException(
                        "bitmap "
                                + v
                                + " has "
                                + kinds[v].length
                                + " words, bitmap 0 has "
                                + words);
            }
            for (int i = 0; i < words; i++) {
                int k = kinds[v][i];
                if ((k & ~FuncData.BitsMask) != 0) {
                    throw new IllegalArgumentException("word kind " + k);
                }
                data[v * per + i / 16] |= k << (i * FuncData.BitsPerPointer & 31);
            }
        }
        return new StackMap(kinds.length, nbit, data);
    }

    /** The "no bitmaps" form: the locals are {@code size} bytes, to be scanned conservatively. */
    public static StackMap conservative(int size) {
        return new StackMap(-size, 0, new int[0]);
    }

    /**
     * Bitmap {@code n} of this map. Port of mgc0.c stackmapdata (0a7c7ac80), which throws {@code
     * stackmapdata: index out of range} for a bad index; gort raises IndexOutOfBoundsException with
     * that message (the caller, in a process, turns it into a throw).
     */
    public BitVector stackmapdata(int n) {
        if (n < 0 || n >= this.n) {
            throw new IndexOutOfBoundsException("stackmapdata: index out of range");
        }
        return vectors[n];
    }

    @Override
    public String toString() {
        return "StackMap(n=" + n + ", nbit=" + nbit + ", data=" + Arrays.toString(data) + ")";
    }
}
