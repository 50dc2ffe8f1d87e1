package gort.runtime.cpu;

/**
 * One pointer map (runtime.h {@code struct BitVector}): {@code n} bits, two per word ({@link
 * FuncData#BitsPerPointer}), packed little-end first into 32-bit words as the 2014 compiler emits
 * them, so word i's kind is {@code data[i/16] >> (i*2 & 31) & 3} as stack.c and mgc0.c read it.
 * {@code data} is a view into the owning {@link StackMap}'s array starting at {@code off}; it is
 * never written.
 */
public final class BitVector {
    /** Number of bits (two per word). */
    public final int n;

    final int[] data;
    final int off;

    /** No word is BitsPointer or BitsMultiWord (the kinds with the high bit set). */
    private final boolean pointerFree;

    BitVector(int n, int[] data, int off) {
        this.n = n;
        this.data = data;
        this.off = off;
        boolean free = true;
        for (int i = 0; i < words(); i++) {
            free &= (kind(i) & FuncData.BitsPointer) == 0;
        }
        this.pointerFree = free;
    }

    /**
     * Whether no word is a pointer or the start of a multiword value: a stack walk that only moves
     * pointers has nothing to do in this map (most frames of a deep recursion).
     */
    public boolean pointerFree() {
        return pointerFree;
    }

    /** The 32-bit word {@code i} of the bitmap ({@code bv->data[i]} in C). */
    public int data(int i) {
        if (i < 0 || i >= (n + 31) / 32) {
            throw new IndexOutOfBoundsException("bitvector word " + i + " of " + (n + 31) / 32);
        }
        return data[off + i];
    }

    /** Number of words the map describes, {@code n / BitsPerPointer}. */
    public int words() {
        return n / FuncData.BitsPerPointer;
    }

    /** The two-bit kind of word {@code i} (BitsDead, BitsScalar, BitsPointer, BitsMultiWord). */
    public int kind(int i) {
        return data(i / (32 / FuncData.BitsPerPointer)) >>> (i * FuncData.BitsPerPointer & 31)
                & FuncData.BitsMask;
    }
}
