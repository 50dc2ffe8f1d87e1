package gort.runtime.malloc;

import static gort.runtime.malloc.MSpan.MSpanList_Init;
import static gort.runtime.malloc.MSpan.MSpanList_Insert;
import static gort.runtime.malloc.MSpan.MSpanList_InsertBack;
import static gort.runtime.malloc.MSpan.MSpanList_Remove;
import static gort.runtime.malloc.Msize.PageShift;

import gort.runtime.GoProcess;
import gort.runtime.Throw;
import gort.runtime.mem.Memory;
import gort.runtime.os.Lock;

/**
 * mcentral.c at 0a7c7ac80: the central free list of one size class, shared by every MCache. It
 * keeps the class's spans on two lists, {@code nonempty} (a free object left) and {@code empty}
 * (none, or cached by an MCache), gives a whole span to a cache that ran dry, takes it back when
 * the cache lets go, and returns a span to the heap once all its objects are free.
 *
 * <p>gort differs: an MCentral is a Java object of its process's {@link MHeap} (C pads each into a
 * cache line of the heap). Sweeping is mgc0.c's ({@link Malloc#gcHooks}); with nothing collected,
 * every span has this cycle's sweepgen, so the sweep branches are ported but not taken.
 */
public final class MCentral {
    final MHeap heap;
    final GoProcess process;
    public final Lock lock = new Lock();
    public int sizeclass;
    public final MSpan nonempty = new MSpan();
    public final MSpan empty = new MSpan();

    MCentral(MHeap heap) {
        this.heap = heap;
        this.process = heap.process;
    }

    /** Empties c's lists for sizeclass. Port of mcentral.c runtime·MCentral_Init (0a7c7ac80). */
    static void MCentral_Init(MCentral c, int sizeclass) {
        c.sizeclass = sizeclass;
        MSpanList_Init(c.nonempty);
        MSpanList_Init(c.empty);
    }

    /**
     * A span with free objects for an MCache: a swept nonempty one, one that sweeping frees up, or
     * a fresh one; it moves to the empty list while cached. Port of mcentral.c
     * runtime·MCentral_CacheSpan (0a7c7ac80).
     */
    static MSpan MCentral_CacheSpan(MCentral c) {
        Malloc m = c.heap.malloc;
        m.lock(c.lock);
        int sg = c.heap.sweepgen;
        MSpan s = null;
        retry:
        for (; ; ) {
            for (s = c.nonempty.next; s != c.nonempty; s = s.next) {
                if (s.sweepgen.get() == sg - 2 && cas(c, s, sg - 2, sg - 1)) {
                    MSpanList_Remove(s);
                    MSpanList_InsertBack(c.process, c.empty, s);
                    m.unlock(c.lock);
                    m.gcHooks.MSpan_Sweep(s, true);
                    return havespan(c, s);
                }
                if (s.sweepgen.get() == sg - 1) {
                    // being swept by the background sweeper: skip it
                    continue;
                }
                // swept already, and has a free object
                MSpanList_Remove(s);
                MSpanList_InsertBack(c.process, c.empty, s);
                m.unlock(c.lock);
                return havespan(c, s);
            }
            for (s = c.empty.next; s != c.empty; s = s.next) {
                if (s.sweepgen.get() == sg - 2 && cas(c, s, sg - 2, sg - 1)) {
                    // sweeping it may free objects: try it
                    MSpanList_Remove(s);
                    MSpanList_InsertBack(c.process, c.empty, s);
                    m.unlock(c.lock);
                    m.gcHooks.MSpan_Sweep(s, true);
                    if (s.freelist != 0) {
                        return havespan(c, s);
                    }
                    m.lock(c.lock);
                    continue retry;
                }
                if (s.sweepgen.get() == sg - 1) {
                    continue;
                }
                // the rest of the list is swept and full
                break;
            }
            break;
        }
        m.unlock(c.lock);

        s = MCentral_Grow(c);
        if (s == null) {
            return null;
        }
        m.lock(c.lock);
        MSpanList_InsertBack(c.process, c.empty, s);
        m.unlock(c.lock);
        return havespan(c, s);
    }

    private static boolean cas(MCentral c, MSpan s, int old, int nw) {
        c.process.atomic();
        return s.casSweepgen(old, nw);
    }

    /** MCentral_CacheSpan's label havespan: checks s and marks it cached. */
    private static MSpan havespan(MCentral c, MSpan s) {
        long cap = (s.npages << PageShift) / s.elemsize;
        long n = cap - s.ref;
        if (n == 0) {
            Throw.throw_(c.process, "empty span");
        }
        if (s.freelist == 0) {
            Throw.throw_(c.process, "freelist empty");
        }
        s.incache = true;
        return s;
    }

    /**
     * Takes back span s from an MCache; it goes on the nonempty list if it has a free object. Port
     * of mcentral.c runtime·MCentral_UncacheSpan (0a7c7ac80).
     */
    static void MCentral_UncacheSpan(MCentral c, MSpan s) {
        Malloc m = c.heap.malloc;
        m.lock(c.lock);
        s.incache = false;
        if (s.ref == 0) {
            Throw.throw_(c.process, "uncaching full span");
        }
        long cap = (s.npages << PageShift) / s.elemsize;
        long n = cap - s.ref;
        if (n > 0) {
            MSpanList_Remove(s);
            MSpanList_Insert(c.process, c.nonempty, s);
        }
        m.unlock(c.lock);
    }

    /**
     * Gives the n objects linked from start to end back to span s (the sweeper's free); if that
     * frees the whole span, it goes back to the heap and the result is true. With preserve, s stays
     * where it is. Port of mcentral.c runtime·MCentral_FreeSpan (0a7c7ac80).
     */
    public static boolean MCentral_FreeSpan(
            MCentral c, MSpan s, int n, long start, long end, boolean preserve) {
        Malloc m = c.heap.malloc;
        Memory mem = m.mem;
        if (s.incache) {
            Throw.throw_(c.process, "freespan into cached span");
        }
        boolean wasempty = s.freelist == 0;
        mem.storep(end, s.freelist);
        s.freelist = start;
        s.ref -= n;

        if (preserve) {
            if (s.next == null) {
                Throw.throw_(c.process, "can't preserve unlinked span");
            }
            s.sweepgen.set(c.heap.sweepgen);
            return false;
        }

        m.lock(c.lock);
        if (wasempty) {
            MSpanList_Remove(s);
            MSpanList_Insert(c.process, c.nonempty, s);
        }
        s.sweepgen.set(c.heap.sweepgen);
        if (s.ref != 0) {
            m.unlock(c.lock);
            return false;
        }
        // every object of s is free: the span goes back to the heap
        MSpanList_Remove(s);
        s.needzero = 1;
        s.freelist = 0;
        m.unlock(c.lock);
        HeapBits.unmarkspan(m, s.start << PageShift, s.npages << PageShift);
        c.heap.MHeap_Free(s, 0);
        return true;
    }

    /**
     * A new span of the class's page count from the heap, carved into a free list of objects in
     * address order, with its objects' boundary bits set. Port of mcentral.c MCentral_Grow
     * (0a7c7ac80).
     */
    static MSpan MCentral_Grow(MCentral c) {
        Memory mem = c.heap.mem;
        long npages = Msize.class_to_allocnpages(c.sizeclass);
        long size = Msize.class_to_size(c.sizeclass);
        long n = (npages << PageShift) / size;
        MSpan s = c.heap.MHeap_Alloc(npages, c.sizeclass, false, true);
        if (s == null) {
            return null;
        }
        long p = s.start << PageShift;
        s.limit = p + size * n;
        // link the objects from the first to the last; the last one's next is 0
        s.freelist = n > 0 ? p : 0;
        for (long i = 0; i < n; i++) {
            mem.storep(p, i + 1 < n ? p + size : 0);
            p += size;
        }
        HeapBits.markspan(
                c.heap.malloc, s.start << PageShift, size, n, size * n < (s.npages << PageShift));
        return s;
    }
}
