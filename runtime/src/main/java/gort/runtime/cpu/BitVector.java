package gort.runtime.cpu;

/**
 * One pointer map (runtime.h {@code struct BitVector}): {@code n} bits, two per word
 * ({@link FuncData#BitsPerPointer}), packed little-end first into 32-bit words as the 2014
 * compiler emits them, so word i's kind is {@code data[i/16] >> (i*2 & 31) & 3} as stack.c and
 * mgc0.c read it. {@code data} is a view into the owning {@link StackMap}'s array starting at
 * {@code off}; it is never written.
 */
public final class BitVector {
    /** Number of bits (two per word). */
    public final int n;
    final int[] data;
    final int off;

    BitVector(int n, int[] data, int off) {
        this.n = n;
        this.data = data;
        this.off = off;
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
