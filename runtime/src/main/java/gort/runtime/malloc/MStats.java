package gort.runtime.malloc;

import static gort.runtime.malloc.Msize.NumSizeClasses;

import gort.runtime.MCache;
import gort.runtime.P;

/**
 * malloc.h {@code struct MStats} at 0a7c7ac80 ({@code runtime·memstats}), the data behind
 * runtime.ReadMemStats (mem.go's MemStats has the same fields in the same order, BySize cut to 61
 * classes), and mgc0.c's updatememstats with the parts it needs (cachestats, flushallmcaches).
 *
 * <p>The counters are plain longs read as C's uint64. Who updates what is C's: MHeap_SysAlloc and
 * SysMap charge heap_sys; mheap_alloc and mheap_free heap_alloc, heap_objects (large objects);
 * MHeap_AllocSpanLocked and MHeap_FreeSpanLocked heap_inuse and heap_idle; scavengelist
 * heap_released; MHeap_AllocStack and MHeap_FreeStack stacks_inuse; FixAlloc the *_sys of its
 * records; MHeap_MapBits gc_sys; MHeap_MapSpans and RecordSpan other_sys. mallocgc's small
 * allocations reach heap_alloc through the cache's local_cachealloc.
 */
public final class MStats {
    /** A uint64* stat argument of the C: where an amount is charged. */
    @FunctionalInterface
    public interface Stat {
        void add(long n);
    }

    public long alloc;
    public long total_alloc;
    public long sys;
    public long nlookup;
    public long nmalloc;
    public long nfree;

    public long heap_alloc;
    public long heap_sys;
    public long heap_idle;
    public long heap_inuse;
    public long heap_released;
    public long heap_objects;

    public long stacks_inuse;
    public long stacks_sys;
    public long mspan_inuse;
    public long mspan_sys;
    public long mcache_inuse;
    public long mcache_sys;
    public long buckhash_sys;
    public long gc_sys;
    public long other_sys;

    public long next_gc;
    public long last_gc;
    public long pause_total_ns;
    public final long[] pause_ns = new long[256];
    public int numgc;
    public boolean enablegc;
    public boolean debuggc;

    /** by_size[c]: size, nmalloc, nfree of class c. */
    public final int[] by_size_size = new int[NumSizeClasses];

    public final long[] by_size_nmalloc = new long[NumSizeClasses];
    public final long[] by_size_nfree = new long[NumSizeClasses];

    MStats() {
        // InitSizes' last step: by_size[i].size = class_to_size[i]
        for (int i = 0; i < NumSizeClasses; i++) {
            by_size_size[i] = Msize.class_to_size(i);
        }
    }

    /** A copy (what ReadMemStats's memmove gives). */
    public MStats copy() {
        MStats s = new MStats();
        s.alloc = alloc;
        s.total_alloc = total_alloc;
        s.sys = sys;
        s.nlookup = nlookup;
        s.nmalloc = nmalloc;
        s.nfree = nfree;
        s.heap_alloc = heap_alloc;
        s.heap_sys = heap_sys;
        s.heap_idle = heap_idle;
        s.heap_inuse = heap_inuse;
        s.heap_released = heap_released;
        s.heap_objects = heap_objects;
        s.stacks_inuse = stacks_inuse;
        s.stacks_sys = stacks_sys;
        s.mspan_inuse = mspan_inuse;
        s.mspan_sys = mspan_sys;
        s.mcache_inuse = mcache_inuse;
        s.mcache_sys = mcache_sys;
        s.buckhash_sys = buckhash_sys;
        s.gc_sys = gc_sys;
        s.other_sys = other_sys;
        s.next_gc = next_gc;
        s.last_gc = last_gc;
        s.pause_total_ns = pause_total_ns;
        System.arraycopy(pause_ns, 0, s.pause_ns, 0, pause_ns.length);
        s.numgc = numgc;
        s.enablegc = enablegc;
        s.debuggc = debuggc;
        System.arraycopy(by_size_nmalloc, 0, s.by_size_nmalloc, 0, NumSizeClasses);
        System.arraycopy(by_size_nfree, 0, s.by_size_nfree, 0, NumSizeClasses);
        return s;
    }

    /**
     * Folds every P's cache counters into the heap and mstats. Port of mgc0.c cachestats
     * (0a7c7ac80); gort also folds the no-P cache ({@link Malloc#gomcache}).
     */
    static void cachestats(Malloc m) {
        for (P p : m.process.allp) {
            if (p == null) {
                break;
            }
            MCache c = p.mcache;
            if (c == null) {
                continue;
            }
            m.purgecachedstats(c);
        }
        m.purgecachedstats(m.mcache0);
    }

    /**
     * Returns every P's cached spans to their centrals and its cached stacks to the stack pool.
     * Port of mgc0.c flushallmcaches (0a7c7ac80); gort also flushes the no-P cache.
     */
    static void flushallmcaches(Malloc m) {
        for (P p : m.process.allp) {
            if (p == null) {
                break;
            }
            MCache c = p.mcache;
            if (c == null) {
                continue;
            }
            MCaches.MCache_ReleaseAll(m, c);
            if (m.process.stacks() != null) {
                m.process.stacks().stackcache_clear(c);
            }
        }
        MCaches.MCache_ReleaseAll(m, m.mcache0);
    }

    /**
     * Recomputes the derived statistics: sys, the *_inuse of the records, and alloc, nmalloc, nfree
     * and by_size from the spans in use after flushing the caches. Port of mgc0.c
     * runtime·updatememstats (0a7c7ac80) without the GCStats argument (the collector's). The world
     * must be stopped (ReadMemStats's caller stops it).
     */
    public static void updatememstats(Malloc m) {
        MStats st = m.memstats;
        MHeap h = m.mheap;
        st.mcache_inuse = h.cachealloc.inuse;
        st.mspan_inuse = h.spanalloc.inuse;
        st.sys =
                st.heap_sys
                        + st.stacks_sys
                        + st.mspan_sys
                        + st.mcache_sys
                        + st.buckhash_sys
                        + st.gc_sys
                        + st.other_sys;
        st.alloc = 0;
        st.total_alloc = 0;
        st.nmalloc = 0;
        st.nfree = 0;
        for (int i = 0; i < NumSizeClasses; i++) {
            st.by_size_nmalloc[i] = 0;
            st.by_size_nfree[i] = 0;
        }
        flushallmcaches(m);
        cachestats(m);

        m.lock(h.lock);
        for (int i = 0; i < h.nspan; i++) {
            MSpan s = h.allspans.get(i);
            if (s.state != MSpan.MSpanInUse) {
                continue;
            }
            if (s.sizeclass == 0) {
                st.nmalloc++;
                st.alloc += s.elemsize;
            } else {
                st.nmalloc += s.ref;
                st.by_size_nmalloc[s.sizeclass] += s.ref;
                st.alloc += s.ref * s.elemsize;
            }
        }
        m.unlock(h.lock);

        long smallfree = 0;
        st.nfree = h.nlargefree;
        for (int i = 0; i < NumSizeClasses; i++) {
            st.nfree += h.nsmallfree[i];
            st.by_size_nfree[i] = h.nsmallfree[i];
            st.by_size_nmalloc[i] += h.nsmallfree[i];
            smallfree += h.nsmallfree[i] * Msize.class_to_size(i);
        }
        st.nmalloc += st.nfree;

        st.total_alloc = st.alloc + h.largefree + smallfree;
        st.heap_alloc = st.alloc;
        st.heap_objects = st.nmalloc - st.nfree;
    }

    /**
     * runtime.ReadMemStats's data: updatememstats, then a copy with the stack bytes moved out of
     * the heap numbers. Port of mgc0.c runtime·ReadMemStats (0a7c7ac80) without its bracket:
     * semacquire(worldsema), stoptheworld before and semrelease, starttheworld after are proc's,
     * and the caller (the Go-callable wrapper) must do them.
     */
    public static MStats ReadMemStats(Malloc m) {
        updatememstats(m);
        MStats stats = m.memstats.copy();
        stats.stacks_sys = stats.stacks_inuse;
        stats.heap_inuse -= stats.stacks_inuse;
        stats.heap_sys -= stats.stacks_inuse;
        return stats;
    }
}
