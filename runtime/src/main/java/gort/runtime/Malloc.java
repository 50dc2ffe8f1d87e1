package gort.runtime;

import gort.runtime.mem.Layout;
import gort.runtime.mem.Memory;

/**
 * gort's stand-in for malloc.c's runtime·mallocgc, until the heap is ported: a bump allocator over
 * the heap arena that maps the arena as it grows (MHeap_SysAlloc's part). It serves the runtime's
 * own objects that live in simulated memory (G addresses, FuncVals, stacks through {@link
 * StackAllocator}), so they do not collide with one another or with the heap proper.
 *
 * <p>It never frees, rounds every size up to 8 bytes (16 at and above 16 bytes, as the size classes
 * do), and zeroes nothing beyond what fresh mapped pages already are. Thread-safe.
 */
public final class Malloc {
    /** How much arena to map at a time: 64 KiB, a multiple of every page size. */
    static final long CHUNK = 64 << 10;

    private final Memory mem;
    private long next;
    private long mapped;

    public Malloc(Memory mem) {
        this.mem = mem;
        this.next = Layout.of(mem.arch()).arenaStart;
        this.mapped = next;
    }

    /**
     * Returns {@code size} bytes of zeroed arena, aligned to {@code align} (a power of two, at
     * least 8). Stand-in for malloc.c runtime·mallocgc (0a7c7ac80) with no type and no GC.
     */
    public synchronized long mallocgc(long size, long align) {
        if (size <= 0 || align < 8 || (align & (align - 1)) != 0) {
            throw new IllegalArgumentException("mallocgc(" + size + ", " + align + ")");
        }
        long a = (next + align - 1) & -align;
        long end = a + ((size + 7) & -8L);
        if (end > mapped) {
            long to = (end + CHUNK - 1) & -CHUNK;
            mem.map(mapped, to - mapped);
            mapped = to;
        }
        next = end;
        return a;
    }

    /** {@link #mallocgc(long, long)} with the alignment malloc gives a block of that size. */
    public long mallocgc(long size) {
        return mallocgc(size, size >= 16 ? 16 : 8);
    }
}
