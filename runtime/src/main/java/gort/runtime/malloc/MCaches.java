package gort.runtime.malloc;

import static gort.runtime.malloc.Msize.NumSizeClasses;
import static gort.runtime.malloc.Msize.PageShift;

import gort.runtime.M;
import gort.runtime.MCache;
import gort.runtime.Print;
import gort.runtime.Throw;

/**
 * mcache.c at 0a7c7ac80: making and freeing a per-P {@link MCache} and moving spans between it and
 * the centrals (MCache_Refill when a class's span runs dry, MCache_ReleaseAll when the cache is
 * flushed). Runs on the thread that owns the cache.
 */
public final class MCaches {
    private MCaches() {}

    /**
     * A new cache from the heap's cachealloc, every class on emptymspan, its first profiling sample
     * drawn. Port of mcache.c runtime·allocmcache (0a7c7ac80); MemProfileRate is {@link
     * Malloc#MemProfileRate}, fastrand1 a draw from the process's generator.
     */
    public static MCache allocmcache(Malloc m) {
        m.lock(m.mheap.lock);
        MCache c = FixAlloc.FixAlloc_Alloc(m.process, m.mheap.cachealloc);
        m.unlock(m.mheap.lock);
        clear(c);
        long rate = m.MemProfileRate;
        if (rate > 0x3fffffff) {
            rate = 0x3fffffff;
        }
        if (rate != 0) {
            c.next_sample = (int) Integer.remainderUnsigned(m.fastrand1(), (int) (2 * rate));
        }
        return c;
    }

    /** memclr((byte*)c, sizeof(*c)) then every class on emptymspan. */
    private static void clear(MCache c) {
        c.next_sample = 0;
        c.local_cachealloc = 0;
        c.tiny = 0;
        c.tinysize = 0;
        java.util.Arrays.fill(c.alloc, MSpan.emptymspan);
        c.gcworkbuf = null;
        c.local_nlookup = 0;
        c.local_largefree = 0;
        c.local_nlargefree = 0;
        java.util.Arrays.fill(c.local_nsmallfree, 0);
        for (MCache.StackFreeList l : c.stackcache) {
            l.list = 0;
            l.size = 0;
        }
        c.sudogcache = null;
    }

    /**
     * Gives back c's spans and stacks, folds its counters into the heap and frees it. Port of
     * mcache.c freemcache (0a7c7ac80; runtime·freemcache's mcall is a direct call in gort);
     * gcworkbuffree is mgc0.c's and has nothing to free without a collector.
     */
    public static void freemcache(Malloc m, MCache c) {
        MCache_ReleaseAll(m, c);
        if (m.process.stacks() != null) {
            m.process.stacks().stackcache_clear(c);
        }
        m.lock(m.mheap.lock);
        m.purgecachedstats(c);
        FixAlloc.FixAlloc_Free(m.mheap.cachealloc, c);
        m.unlock(m.mheap.lock);
    }

    /**
     * Replaces c's exhausted span of sizeclass with one from the central that has free objects.
     * Port of mcache.c runtime·MCache_Refill (0a7c7ac80).
     */
    public static MSpan MCache_Refill(Malloc m, MCache c, int sizeclass) {
        M mp = m.process.currentM();
        if (mp != null) {
            mp.locks++;
        }
        MSpan s = c.alloc[sizeclass];
        if (s.freelist != 0) {
            Throw.throw_(m.process, "refill on a nonempty span");
        }
        if (s != MSpan.emptymspan) {
            s.incache = false;
        }
        s = MCentral.MCentral_CacheSpan(m.mheap.central[sizeclass]);
        if (s == null) {
            Throw.throw_(m.process, "out of memory");
        }
        if (s.freelist == 0) {
            Print.printf(m.process, "%d %d\n", s.ref, (int) ((s.npages << PageShift) / s.elemsize));
            Throw.throw_(m.process, "empty span");
        }
        c.alloc[sizeclass] = s;
        if (mp != null) {
            mp.locks--;
        }
        return s;
    }

    /**
     * Hands every span c holds back to its central. Port of mcache.c runtime·MCache_ReleaseAll
     * (0a7c7ac80).
     */
    public static void MCache_ReleaseAll(Malloc m, MCache c) {
        for (int i = 0; i < NumSizeClasses; i++) {
            MSpan s = c.alloc[i];
            if (s != MSpan.emptymspan) {
                MCentral.MCentral_UncacheSpan(m.mheap.central[i], s);
                c.alloc[i] = MSpan.emptymspan;
            }
        }
    }
}
