package gort.runtime.malloc;

import gort.runtime.Throw;
import gort.runtime.mem.Memory;

/**
 * The heap bitmap at 0a7c7ac80 and the three mgc0.c functions the allocator calls on it:
 * runtime·markspan, runtime·unmarkspan and runtime·MHeap_MapBits. They sit here, below the mgc
 * module, because mcentral.c and malloc.c call them and the module graph must stay acyclic (the
 * README's porting map says so).
 *
 * <h2>Format</h2>
 *
 * <p>The bitmap grows down from arena_start: heap word w (counted from arena_start) has gcBits = 4
 * bits in the byte at {@code arena_start - w/2 - 1}, at shift {@code (w%2)*4}. Of the four,
 * bitBoundary (1) says an object starts at w, bitMarked (2) is the collector's, and the two bits
 * above them ({@code bitPtrMask}) hold the word's type: BitsDead (0, no more pointers in the
 * object), BitsScalar (1), BitsPointer (2), BitsMultiWord (3).
 */
public final class HeapBits {
    private HeapBits() {}

    public static final int gcBits = 4;
    public static final int wordsPerBitmapByte = 8 / gcBits;
    public static final int bitsPerPointer = 2;
    public static final int bitsMask = (1 << bitsPerPointer) - 1;
    public static final int pointersPerByte = 8 / bitsPerPointer;
    public static final int bitPtrMask = bitsMask << 2;
    public static final int maxGCMask = 64;
    public static final int BitsDead = 0;
    public static final int BitsScalar = 1;
    public static final int BitsPointer = 2;
    public static final int BitsMultiWord = 3;
    public static final int bitBoundary = 1;
    public static final int bitMarked = 2;
    public static final int bitMask = bitBoundary | bitMarked;

    /** mgc0.c's bitmapChunk: the bitmap is mapped in steps of this many bytes. */
    static final int bitmapChunk = 8192;

    /** The four bits of heap address p, shifted down (bitBoundary in bit 0). */
    public static int bitsOf(Malloc m, long p) {
        long off = (p - m.mheap.arena_start) / m.ptrSize;
        int b = m.mem.load8(m.mheap.arena_start - off / wordsPerBitmapByte - 1);
        return (b >>> ((off % wordsPerBitmapByte) * gcBits)) & 0xf;
    }

    /**
     * Marks the span at v as n objects of the given size: a boundary (with BitsDead) at each, and
     * one past the last if leftover. Port of mgc0.c runtime·markspan (0a7c7ac80).
     */
    static void markspan(Malloc m, long v, long size, long n, boolean leftover) {
        MHeap h = m.mheap;
        Memory mem = m.mem;
        int ptr = m.ptrSize;
        if (Long.compareUnsigned(v + size * n, h.arena_used) > 0
                || Long.compareUnsigned(v, h.arena_start) < 0) {
            Throw.throw_(m.process, "markspan: bad pointer");
        }
        long off = (v - h.arena_start) / ptr;
        long b = h.arena_start - off / wordsPerBitmapByte - 1;
        if ((off % wordsPerBitmapByte) != 0) {
            Throw.throw_(m.process, "markspan: unaligned length");
        }
        if (size == ptr) {
            // one-word objects: every nibble is bitBoundary|BitsDead, written a word at a time
            if (0x11 != ((bitBoundary + BitsDead) << gcBits) + (bitBoundary + BitsDead)) {
                Throw.throw_(m.process, "markspan: bad bits");
            }
            if ((n % ((long) wordsPerBitmapByte * ptr)) != 0) {
                Throw.throw_(m.process, "markspan: unaligned length");
            }
            b = b - n / wordsPerBitmapByte + 1;
            if ((b % ptr) != 0) {
                Throw.throw_(m.process, "markspan: unaligned pointer");
            }
            for (long i = 0; i != n; i += (long) wordsPerBitmapByte * ptr, b += ptr) {
                mem.storep(b, 0x1111111111111111L);
            }
            return;
        }
        if (leftover) {
            n++;
        }
        long step = size / ((long) ptr * wordsPerBitmapByte);
        long i = 0;
        if (step == 1) {
            // two-word objects own consecutive bitmap bytes (going down): gort stores eight at a
            // time where C stores one, the same bytes in the same places
            for (; n - i >= 8; i += 8, b -= 8) {
                mem.store64(b - 7, 0x0101010101010101L * (bitBoundary | (BitsDead << 2)));
            }
        }
        for (; i != n; i++, b -= step) {
            mem.store8(b, bitBoundary | (BitsDead << 2));
        }
    }

    /**
     * Clears the bitmap of the n bytes at v (a span going back to the heap). Port of mgc0.c
     * runtime·unmarkspan (0a7c7ac80), whose first throws say markspan.
     */
    static void unmarkspan(Malloc m, long v, long n) {
        MHeap h = m.mheap;
        int ptr = m.ptrSize;
        if (Long.compareUnsigned(v + n, h.arena_used) > 0
                || Long.compareUnsigned(v, h.arena_start) < 0) {
            Throw.throw_(m.process, "markspan: bad pointer");
        }
        long off = (v - h.arena_start) / ptr;
        if ((off % ((long) ptr * wordsPerBitmapByte)) != 0) {
            Throw.throw_(m.process, "markspan: unaligned pointer");
        }
        long b = h.arena_start - off / wordsPerBitmapByte - 1;
        n /= ptr;
        if (n % ((long) ptr * wordsPerBitmapByte) != 0) {
            Throw.throw_(m.process, "unmarkspan: unaligned length");
        }
        n /= wordsPerBitmapByte;
        m.mem.memclr(b - n + 1, n);
    }

    /**
     * Maps the bitmap bytes that cover the arena in use, in bitmapChunk steps. Port of mgc0.c
     * runtime·MHeap_MapBits (0a7c7ac80).
     */
    static void MHeap_MapBits(Malloc m) {
        MHeap h = m.mheap;
        long n = (h.arena_used - h.arena_start) / ((long) m.ptrSize * wordsPerBitmapByte);
        n = MHeap.round(n, bitmapChunk);
        n = MHeap.round(n, Memory.PhysPageSize);
        if (h.bitmap_mapped >= n) {
            return;
        }
        m.SysMap(
                h.arena_start - n,
                n - h.bitmap_mapped,
                h.arena_reserved,
                v -> m.memstats.gc_sys += v);
        h.bitmap_mapped = n;
    }
}
