package gort.runtime;

/**
 * malloc.h {@code struct MCache} at 0a7c7ac80: the per-P cache that mallocgc allocates from without
 * a lock. {@code alloc[c]} is the span of size class c being carved (mcache.c's emptymspan until
 * the first refill), {@code tiny}/{@code tinysize} the tiny allocator's current 16-byte block, the
 * {@code local_*} counters statistics not yet flushed into mstats (purgecachedstats); then the
 * per-order free lists of small stacks ({@code stackcache}), which stack.c uses without a lock, and
 * the free SudoGs ({@code sudogcache}). mcache.c's functions are {@code
 * gort.runtime.malloc.MCaches}.
 *
 * <p>In 2014 {@code m->mcache} is the mcache of the P the M holds (acquirep sets it, releasep
 * clears it), so each P owns one; gort keeps it on {@link P#mcache} and stack.c reads {@code
 * m->mcache} as {@code mp.p == null ? null : mp.p.mcache}. Used only by the thread that holds the
 * P.
 */
public final class MCache {
    /** Heap bytes to allocate before the next memory-profile sample. */
    public int next_sample;

    /** Bytes allocated from this cache since the heap last took the count (mheap_alloc). */
    public long local_cachealloc;

    /** The tiny allocator's next free byte (an address) and the bytes left after it. */
    public long tiny;

    public long tinysize;

    /** The span each size class allocates from. */
    public final gort.runtime.malloc.MSpan[] alloc =
            new gort.runtime.malloc.MSpan[gort.runtime.malloc.Msize.NumSizeClasses];

    /** The collector's work buffer (mgc0.c's, opaque here). */
    public Object gcworkbuf;

    public long local_nlookup;
    public long local_largefree;
    public long local_nlargefree;
    public final long[] local_nsmallfree = new long[gort.runtime.malloc.Msize.NumSizeClasses];

    /** malloc.h StackFreeList: a list of free stacks linked through their first word (MLink). */
    public static final class StackFreeList {
        /** The first free stack (an MLink address), or 0. */
        public long list;

        /** Total bytes of the stacks on the list. */
        public long size;
    }

    public final StackFreeList[] stackcache = new StackFreeList[Stack.NumStackOrders];

    /**
     * malloc.h MCache.sudogcache: the P's free SudoGs (proc.go acquireSudog, releaseSudog), linked
     * through their next field. The SudoG type is proc's channel code's, so the head is held as an
     * Object here.
     */
    public Object sudogcache;

    public MCache() {
        java.util.Arrays.fill(alloc, gort.runtime.malloc.MSpan.emptymspan);
        for (int i = 0; i < stackcache.length; i++) {
            stackcache[i] = new StackFreeList();
        }
    }
}
