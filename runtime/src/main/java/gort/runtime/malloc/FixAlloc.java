package gort.runtime.malloc;

import gort.runtime.GoProcess;
import gort.runtime.Print;
import gort.runtime.Throw;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * mfixalloc.c at 0a7c7ac80: a free-list allocator of fixed-size runtime records (MSpans, MCaches,
 * specials) carved from persistentalloc chunks.
 *
 * <p>gort differs: the records are Java objects, so a chunk is only accounted, not carved. The
 * accounting is C's: a new chunk of FixAllocChunk bytes is charged to {@code stat} when fewer than
 * {@code size} bytes are left in the current one, {@code inuse} counts the records handed out, and
 * a freed record is reused before a new one is made. {@code first} runs on each record the first
 * time it is returned, as C's hook (RecordSpan for spans). Callers hold the lock C's callers hold.
 */
public final class FixAlloc<T> {
    /** malloc.h FixAllocChunk. */
    public static final int FixAllocChunk = 16 << 10;

    long size;
    private Supplier<T> make;
    private BiConsumer<Object, T> first;
    private Object arg;
    private final ArrayDeque<T> list = new ArrayDeque<>();
    private long nchunk;

    /** In-use bytes now. */
    long inuse;

    private MStats.Stat stat;

    /**
     * Sets f up for records of {@code size} bytes (C's sizeof) made by {@code make}. Port of
     * mfixalloc.c runtime·FixAlloc_Init (0a7c7ac80).
     */
    static <T> void FixAlloc_Init(
            FixAlloc<T> f,
            long size,
            Supplier<T> make,
            BiConsumer<Object, T> first,
            Object arg,
            MStats.Stat stat) {
        f.size = size;
        f.make = make;
        f.first = first;
        f.arg = arg;
        f.list.clear();
        f.nchunk = 0;
        f.inuse = 0;
        f.stat = stat;
    }

    /** A record: a freed one if any, else a new one. Port of mfixalloc.c runtime·FixAlloc_Alloc. */
    static <T> T FixAlloc_Alloc(GoProcess process, FixAlloc<T> f) {
        if (f.size == 0) {
            Print.printf(process, "runtime: use of FixAlloc_Alloc before FixAlloc_Init\n");
            Throw.throw_(process, "runtime: internal error");
        }
        T v = f.list.poll();
        if (v != null) {
            f.inuse += f.size;
            return v;
        }
        if (f.nchunk < f.size) {
            // persistentalloc(FixAllocChunk, 0, f->stat), accounted only
            f.stat.add(FixAllocChunk);
            f.nchunk = FixAllocChunk;
        }
        v = f.make.get();
        if (f.first != null) {
            f.first.accept(f.arg, v);
        }
        f.nchunk -= f.size;
        f.inuse += f.size;
        return v;
    }

    /** Puts p on f's free list. Port of mfixalloc.c runtime·FixAlloc_Free (0a7c7ac80). */
    static <T> void FixAlloc_Free(FixAlloc<T> f, T p) {
        f.inuse -= f.size;
        f.list.push(p);
    }

    /** Bytes of records in use. */
    public long inuse() {
        return inuse;
    }
}
