package gort.runtime.malloc;

import static gort.runtime.malloc.MSpan.KindSpecialFinalizer;
import static gort.runtime.malloc.MSpan.KindSpecialProfile;
import static gort.runtime.malloc.MSpan.MSpanDead;
import static gort.runtime.malloc.MSpan.MSpanFree;
import static gort.runtime.malloc.MSpan.MSpanInUse;
import static gort.runtime.malloc.MSpan.MSpanList_Init;
import static gort.runtime.malloc.MSpan.MSpanList_Insert;
import static gort.runtime.malloc.MSpan.MSpanList_InsertBack;
import static gort.runtime.malloc.MSpan.MSpanList_IsEmpty;
import static gort.runtime.malloc.MSpan.MSpanList_Remove;
import static gort.runtime.malloc.MSpan.MSpanStack;
import static gort.runtime.malloc.MSpan.MSpan_Init;
import static gort.runtime.malloc.Msize.NumSizeClasses;
import static gort.runtime.malloc.Msize.PageShift;

import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.MCache;
import gort.runtime.Print;
import gort.runtime.Throw;
import gort.runtime.malloc.MSpan.Special;
import gort.runtime.malloc.MSpan.SpecialFinalizer;
import gort.runtime.malloc.MSpan.SpecialProfile;
import gort.runtime.mem.Memory;
import gort.runtime.os.Lock;
import java.util.ArrayList;

/**
 * mheap.c at 0a7c7ac80: the page heap of one process ({@code runtime·mheap}). It hands out spans of
 * whole pages to MCentral (small objects), to large objects and to stack.c, keeps free spans on
 * lists by page count (free[1..MaxMHeapList-1], freelarge beyond), coalesces a freed span with free
 * neighbours found through the span table, grows the arena through MHeap_SysAlloc, and returns
 * long-unused free pages to the OS (scavenge). Specials (finalizers, profile records) hang off
 * spans.
 *
 * <p>gort differs: MSpans are Java objects, so {@code h->spans} (page → span) is a Java table, made
 * in chunks on first use (amd64's arena has 16M pages); the simulated pages C's table would occupy
 * are still mapped by MHeap_MapSpans, so {@code spans_mapped} means what it means in C. The heap's
 * lock is a runtime Lock taken through {@link Malloc#lock}. C runs mheap_alloc and mheap_free on g0
 * (an mcall from a user G); gort's runtime code has no Go frames, so it calls them directly, and
 * the "not on M stack" throws cannot happen. {@code g->m->mcache} is {@link Malloc#gomcache}.
 */
public final class MHeap {
    /** malloc.h MaxMHeapList: spans shorter than this many pages have a list each. */
    public static final int MaxMHeapList = 1 << (20 - PageShift);

    /** malloc.h HeapAllocChunk: the heap grows by at least this much. */
    public static final long HeapAllocChunk = 1 << 20;

    /** How many span-table entries a chunk of the Java table holds. */
    private static final int SPANS_CHUNK_SHIFT = 14;

    final Malloc malloc;
    final GoProcess process;
    final Memory mem;

    public final Lock lock = new Lock();
    final MSpan[] free = new MSpan[MaxMHeapList];
    final MSpan freelarge = new MSpan();
    final MSpan[] busy = new MSpan[MaxMHeapList];
    final MSpan busylarge = new MSpan();

    /** All spans ever made (h->allspans, nspan of them). Guarded by lock. */
    final ArrayList<MSpan> allspans = new ArrayList<>();

    int nspan;
    int nspancap;

    public volatile int sweepgen;
    public volatile boolean sweepdone;

    private MSpan[][] spansDir;

    /** runtime·mheap.spans: the simulated address of C's table. */
    public long spans;

    public long spans_mapped;
    public long bitmap;
    public long bitmap_mapped;
    public long arena_start;
    public long arena_used;
    public long arena_end;
    public boolean arena_reserved;

    public final MCentral[] central = new MCentral[NumSizeClasses];

    final FixAlloc<MSpan> spanalloc = new FixAlloc<>();
    final FixAlloc<MCache> cachealloc = new FixAlloc<>();
    final FixAlloc<SpecialFinalizer> specialfinalizeralloc = new FixAlloc<>();
    final FixAlloc<SpecialProfile> specialprofilealloc = new FixAlloc<>();
    final Lock speciallock = new Lock();

    public long largefree;
    public long nlargefree;
    public final long[] nsmallfree = new long[NumSizeClasses];

    MHeap(Malloc malloc) {
        this.malloc = malloc;
        this.process = malloc.process;
        this.mem = malloc.mem;
    }

    // ---- the span table ----

    /** h->spans[p]. */
    MSpan spans(long p) {
        MSpan[] c = spansDir[(int) (p >>> SPANS_CHUNK_SHIFT)];
        return c == null ? null : c[(int) (p & ((1 << SPANS_CHUNK_SHIFT) - 1))];
    }

    /** h->spans[p] = s. */
    void setSpans(long p, MSpan s) {
        int d = (int) (p >>> SPANS_CHUNK_SHIFT);
        MSpan[] c = spansDir[d];
        if (c == null) {
            c = spansDir[d] = new MSpan[1 << SPANS_CHUNK_SHIFT];
        }
        c[(int) (p & ((1 << SPANS_CHUNK_SHIFT) - 1))] = s;
    }

    private long spanSize() {
        return process.arch().PtrSize;
    }

    /**
     * Appends a span the first time FixAlloc makes it, growing allspans as C does (64 KiB, then by
     * half) and charging the table to other_sys. Port of mheap.c RecordSpan (0a7c7ac80).
     */
    static void RecordSpan(Object vh, MSpan s) {
        MHeap h = (MHeap) vh;
        if (h.nspan >= h.nspancap) {
            long ptr = h.spanSize();
            int cap = (int) (64 * 1024 / ptr);
            if (cap < h.nspancap * 3 / 2) {
                cap = h.nspancap * 3 / 2;
            }
            MStats st = h.malloc.memstats;
            st.other_sys += cap * ptr;
            if (h.nspancap > 0) {
                st.other_sys -= h.nspancap * ptr;
            }
            h.nspancap = cap;
        }
        h.allspans.add(s);
        h.nspan++;
    }

    /**
     * Sets up the allocators of the heap's records, the empty span lists and the centrals. Port of
     * mheap.c runtime·MHeap_Init (0a7c7ac80); the records' C sizes are {@link Malloc}'s.
     */
    void MHeap_Init() {
        MStats st = malloc.memstats;
        int ptr = process.arch().PtrSize;
        FixAlloc.FixAlloc_Init(
                spanalloc,
                Malloc.sizeofMSpan(ptr),
                MSpan::new,
                MHeap::RecordSpan,
                this,
                n -> st.mspan_sys += n);
        FixAlloc.FixAlloc_Init(
                cachealloc,
                Malloc.sizeofMCache(ptr),
                MCache::new,
                null,
                null,
                n -> st.mcache_sys += n);
        FixAlloc.FixAlloc_Init(
                specialfinalizeralloc,
                ptr == 8 ? 48 : 24,
                SpecialFinalizer::new,
                null,
                null,
                n -> st.other_sys += n);
        FixAlloc.FixAlloc_Init(
                specialprofilealloc,
                ptr == 8 ? 24 : 12,
                SpecialProfile::new,
                null,
                null,
                n -> st.other_sys += n);
        for (int i = 0; i < free.length; i++) {
            free[i] = new MSpan();
            busy[i] = new MSpan();
            MSpanList_Init(free[i]);
            MSpanList_Init(busy[i]);
        }
        MSpanList_Init(freelarge);
        MSpanList_Init(busylarge);
        for (int i = 0; i < central.length; i++) {
            central[i] = new MCentral(this);
            MCentral.MCentral_Init(central[i], i);
        }
        long pages = (malloc.layout.heapReserveEnd - arena_start) >>> PageShift;
        spansDir = new MSpan[(int) ((pages >>> SPANS_CHUNK_SHIFT) + 1)][];
    }

    /**
     * Maps the part of the span table that covers the arena in use. Port of mheap.c
     * runtime·MHeap_MapSpans (0a7c7ac80).
     */
    void MHeap_MapSpans() {
        long n = arena_used;
        n -= arena_start;
        n = n / Msize.PageSize * spanSize();
        n = round(n, Memory.PhysPageSize);
        if (spans_mapped >= n) {
            return;
        }
        malloc.SysMap(
                spans + spans_mapped,
                n - spans_mapped,
                arena_reserved,
                v -> malloc.memstats.other_sys += v);
        spans_mapped = n;
    }

    static long round(long x, long n) {
        return (x + n - 1) & -n;
    }

    /**
     * Sweeps spans of list not yet swept this cycle until npages pages are reclaimed; h's lock is
     * held and dropped around each sweep. Port of mheap.c MHeap_ReclaimList (0a7c7ac80); the sweep
     * is mgc0.c's, reached through {@link Malloc#gcHooks}.
     */
    private long MHeap_ReclaimList(MSpan list, long npages) {
        long n = 0;
        int sg = sweepgen;
        retry:
        for (; ; ) {
            for (MSpan s = list.next; s != list; s = s.next) {
                if (s.sweepgen.get() == sg - 2 && casSweepgen(s, sg - 2, sg - 1)) {
                    MSpanList_Remove(s);
                    MSpanList_InsertBack(process, list, s);
                    malloc.unlock(lock);
                    n += malloc.gcHooks.MSpan_Sweep(s, false) ? 1 : 0;
                    malloc.lock(lock);
                    if (n >= npages) {
                        return n;
                    }
                    continue retry;
                }
                if (s.sweepgen.get() == sg - 1) {
                    continue;
                }
                break;
            }
            return n;
        }
    }

    private boolean casSweepgen(MSpan s, int old, int nw) {
        process.atomic();
        return s.casSweepgen(old, nw);
    }

    /**
     * Frees up npage or more pages by sweeping before the heap grows: busy spans of the right
     * length first, then smaller ones, then anything sweepone finds. Port of mheap.c MHeap_Reclaim
     * (0a7c7ac80).
     */
    private void MHeap_Reclaim(long npage) {
        for (long n = npage; n < busy.length; n++) {
            if (MHeap_ReclaimList(busy[(int) n], npage) != 0) {
                return;
            }
        }
        if (MHeap_ReclaimList(busylarge, npage) != 0) {
            return;
        }
        long reclaimed = 0;
        for (int n = 0; n < npage && n < busy.length; n++) {
            reclaimed += MHeap_ReclaimList(busy[n], npage - reclaimed);
            if (reclaimed >= npage) {
                return;
            }
        }
        malloc.unlock(lock);
        for (; ; ) {
            long n = malloc.gcHooks.sweepone(this);
            if (n == -1) {
                break;
            }
            reclaimed += n;
            if (reclaimed >= npage) {
                break;
            }
        }
        malloc.lock(lock);
    }

    /**
     * Takes a span of npage pages for size class sizeclass (0: a large object) under h's lock,
     * after reclaiming swept pages, and flushes the cache's allocation count into heap_alloc. Port
     * of mheap.c mheap_alloc (0a7c7ac80).
     */
    private MSpan mheap_alloc(long npage, int sizeclass, boolean large) {
        malloc.lock(lock);
        if (!sweepdone) {
            MHeap_Reclaim(npage);
        }
        MCache c = malloc.gomcache();
        malloc.memstats.heap_alloc += c.local_cachealloc;
        c.local_cachealloc = 0;

        MSpan s = MHeap_AllocSpanLocked(npage);
        if (s != null) {
            s.sweepgen.set(sweepgen);
            s.state = MSpanInUse;
            s.freelist = 0;
            s.ref = 0;
            s.sizeclass = sizeclass;
            s.elemsize = sizeclass == 0 ? s.npages << PageShift : Msize.class_to_size(sizeclass);
            if (large) {
                malloc.memstats.heap_objects++;
                malloc.memstats.heap_alloc += npage << PageShift;
                if (s.npages < free.length) {
                    MSpanList_InsertBack(process, busy[(int) s.npages], s);
                } else {
                    MSpanList_InsertBack(process, busylarge, s);
                }
            }
        }
        malloc.unlock(lock);
        return s;
    }

    /**
     * A span of npage pages in use, zeroed if needzero and its pages may hold old data. Port of
     * mheap.c runtime·MHeap_Alloc (0a7c7ac80); gort calls mheap_alloc directly (class comment).
     */
    public MSpan MHeap_Alloc(long npage, int sizeclass, boolean large, boolean needzero) {
        MSpan s = mheap_alloc(npage, sizeclass, large);
        if (s != null) {
            if (needzero && s.needzero != 0) {
                mem.memclr(s.start << PageShift, s.npages << PageShift);
            }
            s.needzero = 0;
        }
        return s;
    }

    /**
     * A span of npage pages for stack.c, in state MSpanStack, counted in stacks_inuse. Port of
     * mheap.c runtime·MHeap_AllocStack (0a7c7ac80); no g0 check (class comment).
     */
    public MSpan MHeap_AllocStack(long npage) {
        malloc.lock(lock);
        MSpan s = MHeap_AllocSpanLocked(npage);
        if (s != null) {
            s.state = MSpanStack;
            s.freelist = 0;
            s.ref = 0;
            malloc.memstats.stacks_inuse += s.npages << PageShift;
        }
        malloc.unlock(lock);
        return s;
    }

    /**
     * Takes the smallest free span of at least npage pages (growing the heap if none), splits off
     * the rest as a new free span, and points the span table at it. h's lock is held. Port of
     * mheap.c MHeap_AllocSpanLocked (0a7c7ac80), whose throws still say MHeap_AllocLocked.
     */
    private MSpan MHeap_AllocSpanLocked(long npage) {
        MSpan s = null;
        for (long n = npage; n < free.length; n++) {
            if (!MSpanList_IsEmpty(free[(int) n])) {
                s = free[(int) n].next;
                break;
            }
        }
        if (s == null) {
            if ((s = MHeap_AllocLarge(npage)) == null) {
                if (!MHeap_Grow(npage)) {
                    return null;
                }
                if ((s = MHeap_AllocLarge(npage)) == null) {
                    return null;
                }
            }
        }
        // HaveSpan
        if (s.state != MSpanFree) {
            Throw.throw_(process, "MHeap_AllocLocked - MSpan not free");
        }
        if (s.npages < npage) {
            Throw.throw_(process, "MHeap_AllocLocked - bad npages");
        }
        MSpanList_Remove(s);
        if (s.next != null || s.prev != null) {
            Throw.throw_(process, "still in list");
        }
        if (s.npreleased > 0) {
            malloc.SysUsed(s.start << PageShift, s.npages << PageShift);
            malloc.memstats.heap_released -= s.npreleased << PageShift;
            s.npreleased = 0;
        }

        if (s.npages > npage) {
            // the rest of s becomes a free span of its own
            MSpan t = FixAlloc.FixAlloc_Alloc(process, spanalloc);
            MSpan_Init(t, s.start + npage, s.npages - npage);
            s.npages = npage;
            long p = t.start;
            p -= arena_start >>> PageShift;
            if (p > 0) {
                setSpans(p - 1, s);
            }
            setSpans(p, t);
            setSpans(p + t.npages - 1, t);
            t.needzero = s.needzero;
            s.state = MSpanStack; // keeps t from merging back into s
            t.state = MSpanStack;
            MHeap_FreeSpanLocked(t, false, false);
            t.unusedsince = s.unusedsince;
            s.state = MSpanFree;
        }
        s.unusedsince = 0;

        long p = s.start;
        p -= arena_start >>> PageShift;
        for (long n = 0; n < npage; n++) {
            setSpans(p + n, s);
        }
        malloc.memstats.heap_inuse += npage << PageShift;
        malloc.memstats.heap_idle -= npage << PageShift;

        if (s.next != null || s.prev != null) {
            Throw.throw_(process, "still in list");
        }
        return s;
    }

    /** The best free span of freelarge for npage pages. Port of mheap.c MHeap_AllocLarge. */
    private MSpan MHeap_AllocLarge(long npage) {
        return BestFit(freelarge, npage, null);
    }

    /**
     * The smallest span of list with at least npage pages, the lowest address among equals. Port of
     * mheap.c BestFit (0a7c7ac80).
     */
    static MSpan BestFit(MSpan list, long npage, MSpan best) {
        for (MSpan s = list.next; s != list; s = s.next) {
            if (s.npages < npage) {
                continue;
            }
            if (best == null
                    || s.npages < best.npages
                    || (s.npages == best.npages && s.start < best.start)) {
                best = s;
            }
        }
        return best;
    }

    /**
     * Adds at least npage pages (64 KiB multiples, HeapAllocChunk at least) to the heap as one free
     * span; prints the out-of-memory line and returns false when the arena cannot grow. h's lock is
     * held. Port of mheap.c MHeap_Grow (0a7c7ac80).
     */
    private boolean MHeap_Grow(long npage) {
        npage = round(npage, (64 << 10) / Msize.PageSize);
        long ask = npage << PageShift;
        if (ask < HeapAllocChunk) {
            ask = HeapAllocChunk;
        }
        long v = malloc.MHeap_SysAlloc(this, ask);
        if (v == 0) {
            if (ask > (npage << PageShift)) {
                ask = npage << PageShift;
                v = malloc.MHeap_SysAlloc(this, ask);
            }
            if (v == 0) {
                Print.printf(
                        process,
                        "runtime: out of memory: cannot allocate %D-byte block (%D in use)\n",
                        ask,
                        malloc.memstats.heap_sys);
                return false;
            }
        }
        MSpan s = FixAlloc.FixAlloc_Alloc(process, spanalloc);
        MSpan_Init(s, v >>> PageShift, ask >>> PageShift);
        long p = s.start;
        p -= arena_start >>> PageShift;
        setSpans(p, s);
        setSpans(p + s.npages - 1, s);
        s.sweepgen.set(sweepgen);
        s.state = MSpanInUse;
        MHeap_FreeSpanLocked(s, false, true);
        return true;
    }

    /**
     * The span holding heap address v, which must be in the arena. Port of mheap.c
     * runtime·MHeap_Lookup (0a7c7ac80). gort differs: an address outside the arena in use gives
     * null (C reads whatever lies at that index), so callers reach their own throws.
     */
    public MSpan MHeap_Lookup(long v) {
        if (Long.compareUnsigned(v, arena_start) < 0 || Long.compareUnsigned(v, arena_used) >= 0) {
            return null;
        }
        long p = v;
        p -= arena_start;
        return spans(p >>> PageShift);
    }

    /**
     * The in-use span holding v, or null when v is not inside one's objects. Port of mheap.c
     * runtime·MHeap_LookupMaybe (0a7c7ac80).
     */
    public MSpan MHeap_LookupMaybe(long v) {
        if (Long.compareUnsigned(v, arena_start) < 0 || Long.compareUnsigned(v, arena_used) >= 0) {
            return null;
        }
        long p = v >>> PageShift;
        long q = p;
        q -= arena_start >>> PageShift;
        MSpan s = spans(q);
        if (s == null
                || p < s.start
                || Long.compareUnsigned(v, s.limit) >= 0
                || s.state != MSpanInUse) {
            return null;
        }
        return s;
    }

    /**
     * Frees span s under h's lock, first flushing the cache's allocation count; acct says whether
     * it held a large object counted in heap_alloc. Port of mheap.c mheap_free (0a7c7ac80).
     */
    private void mheap_free(MSpan s, int acct) {
        malloc.lock(lock);
        MCache c = malloc.gomcache();
        malloc.memstats.heap_alloc += c.local_cachealloc;
        c.local_cachealloc = 0;
        if (acct != 0) {
            malloc.memstats.heap_alloc -= s.npages << PageShift;
            malloc.memstats.heap_objects--;
        }
        MHeap_FreeSpanLocked(s, true, true);
        malloc.unlock(lock);
    }

    /**
     * Returns in-use span s to the heap. Port of mheap.c runtime·MHeap_Free (0a7c7ac80); gort calls
     * mheap_free directly (class comment).
     */
    public void MHeap_Free(MSpan s, int acct) {
        mheap_free(s, acct);
    }

    /**
     * Returns stack span s to the heap; its pages must be zeroed before reuse. Port of mheap.c
     * runtime·MHeap_FreeStack (0a7c7ac80); no g0 check (class comment).
     */
    public void MHeap_FreeStack(MSpan s) {
        s.needzero = 1;
        malloc.lock(lock);
        malloc.memstats.stacks_inuse -= s.npages << PageShift;
        MHeap_FreeSpanLocked(s, true, true);
        malloc.unlock(lock);
    }

    /**
     * Makes s free and merges it with free neighbours (found through the span table), then puts it
     * on the free list of its length. h's lock is held. Port of mheap.c MHeap_FreeSpanLocked
     * (0a7c7ac80).
     */
    void MHeap_FreeSpanLocked(MSpan s, boolean acctinuse, boolean acctidle) {
        switch (s.state) {
            case MSpanStack:
                if (s.ref != 0) {
                    Throw.throw_(process, "MHeap_FreeSpanLocked - invalid stack free");
                }
                break;
            case MSpanInUse:
                if (s.ref != 0 || s.sweepgen.get() != sweepgen) {
                    Print.printf(
                            process,
                            "MHeap_FreeSpanLocked - span %p ptr %p ref %d sweepgen %d/%d\n",
                            MSpan.id(s),
                            s.start << PageShift,
                            s.ref,
                            s.sweepgen.get(),
                            sweepgen);
                    Throw.throw_(process, "MHeap_FreeSpanLocked - invalid free");
                }
                break;
            default:
                Throw.throw_(process, "MHeap_FreeSpanLocked - invalid span state");
                break;
        }
        MStats st = malloc.memstats;
        if (acctinuse) {
            st.heap_inuse -= s.npages << PageShift;
        }
        if (acctidle) {
            st.heap_idle += s.npages << PageShift;
        }
        s.state = MSpanFree;
        MSpanList_Remove(s);
        s.unusedsince = process.os().nanotime();
        s.npreleased = 0;

        long p = s.start;
        p -= arena_start >>> PageShift;
        MSpan t;
        if (p > 0 && (t = spans(p - 1)) != null && t.state != MSpanInUse && t.state != MSpanStack) {
            s.start = t.start;
            s.npages += t.npages;
            s.npreleased = t.npreleased;
            s.needzero |= t.needzero;
            p -= t.npages;
            setSpans(p, s);
            MSpanList_Remove(t);
            t.state = MSpanDead;
            FixAlloc.FixAlloc_Free(spanalloc, t);
        }
        if ((p + s.npages) * spanSize() < spans_mapped
                && (t = spans(p + s.npages)) != null
                && t.state != MSpanInUse
                && t.state != MSpanStack) {
            s.npages += t.npages;
            s.npreleased += t.npreleased;
            s.needzero |= t.needzero;
            setSpans(p + s.npages - 1, s);
            MSpanList_Remove(t);
            t.state = MSpanDead;
            FixAlloc.FixAlloc_Free(spanalloc, t);
        }
        if (s.npages < free.length) {
            MSpanList_Insert(process, free[(int) s.npages], s);
        } else {
            MSpanList_Insert(process, freelarge, s);
        }
    }

    /**
     * Releases to the OS the pages of spans of list unused for longer than limit ns; returns the
     * bytes released. Port of mheap.c scavengelist (0a7c7ac80).
     */
    private long scavengelist(MSpan list, long now, long limit) {
        if (MSpanList_IsEmpty(list)) {
            return 0;
        }
        long sumreleased = 0;
        for (MSpan s = list.next; s != list; s = s.next) {
            if (Long.compareUnsigned(now - s.unusedsince, limit) > 0 && s.npreleased != s.npages) {
                long released = (s.npages - s.npreleased) << PageShift;
                malloc.memstats.heap_released += released;
                sumreleased += released;
                s.npreleased = s.npages;
                malloc.SysUnused(s.start << PageShift, s.npages << PageShift);
            }
        }
        return sumreleased;
    }

    /**
     * Scavenges every free list, then with gctrace prints the scvg lines. Port of mheap.c
     * runtime·MHeap_Scavenge (0a7c7ac80); {@code k} is the scavenger's round (-1 when forced).
     */
    public void MHeap_Scavenge(int k, long now, long limit) {
        malloc.lock(lock);
        long sumreleased = 0;
        for (MSpan list : free) {
            sumreleased += scavengelist(list, now, limit);
        }
        sumreleased += scavengelist(freelarge, now, limit);
        malloc.unlock(lock);

        if (malloc.gctrace > 0) {
            MStats st = malloc.memstats;
            if (sumreleased > 0) {
                Print.printf(process, "scvg%d: %D MB released\n", k, sumreleased >>> 20);
            }
            Print.printf(
                    process,
                    "scvg%d: inuse: %D, idle: %D, sys: %D, released: %D, consumed: %D (MB)\n",
                    k,
                    st.heap_inuse >>> 20,
                    st.heap_idle >>> 20,
                    st.heap_sys >>> 20,
                    st.heap_released >>> 20,
                    (st.heap_sys - st.heap_released) >>> 20);
        }
    }

    // ---- specials ----

    /**
     * Links s into the specials of p's span, sorted by offset and kind; false if p already has one
     * of that kind. Port of mheap.c addspecial (0a7c7ac80); MSpan_EnsureSwept is mgc0.c's.
     */
    private boolean addspecial(long p, Special s) {
        MSpan span = MHeap_LookupMaybe(p);
        if (span == null) {
            Throw.throw_(process, "addspecial on invalid pointer");
        }
        M mp = process.currentM();
        if (mp != null) {
            mp.locks++;
        }
        try {
            malloc.gcHooks.MSpan_EnsureSwept(span);
            int offset = (int) (p - (span.start << PageShift));
            int kind = s.kind;
            malloc.lock(span.specialLock);
            Special prev = null;
            Special x = span.specials;
            for (; x != null; prev = x, x = x.next) {
                if (offset == x.offset && kind == x.kind) {
                    malloc.unlock(span.specialLock);
                    return false;
                }
                if (offset < x.offset || (offset == x.offset && kind < x.kind)) {
                    break;
                }
            }
            s.offset = offset;
            s.next = x;
            if (prev == null) {
                span.specials = s;
            } else {
                prev.next = s;
            }
            malloc.unlock(span.specialLock);
            return true;
        } finally {
            if (mp != null) {
                mp.locks--;
            }
        }
    }

    /**
     * Unlinks and returns p's special of the given kind, or null. Port of mheap.c removespecial
     * (0a7c7ac80).
     */
    private Special removespecial(long p, int kind) {
        MSpan span = MHeap_LookupMaybe(p);
        if (span == null) {
            Throw.throw_(process, "removespecial on invalid pointer");
        }
        M mp = process.currentM();
        if (mp != null) {
            mp.locks++;
        }
        try {
            malloc.gcHooks.MSpan_EnsureSwept(span);
            int offset = (int) (p - (span.start << PageShift));
            malloc.lock(span.specialLock);
            Special prev = null;
            for (Special s = span.specials; s != null; prev = s, s = s.next) {
                if (offset == s.offset && kind == s.kind) {
                    if (prev == null) {
                        span.specials = s.next;
                    } else {
                        prev.next = s.next;
                    }
                    malloc.unlock(span.specialLock);
                    return s;
                }
            }
            malloc.unlock(span.specialLock);
            return null;
        } finally {
            if (mp != null) {
                mp.locks--;
            }
        }
    }

    /**
     * Attaches finalizer f (a FuncVal address) to the object at p; false if it has one. Port of
     * mheap.c runtime·addfinalizer (0a7c7ac80).
     */
    public boolean addfinalizer(long p, long f, long nret, long fint, long ot) {
        malloc.lock(speciallock);
        SpecialFinalizer s = FixAlloc.FixAlloc_Alloc(process, specialfinalizeralloc);
        malloc.unlock(speciallock);
        s.kind = KindSpecialFinalizer;
        s.fn = f;
        s.nret = nret;
        s.fint = fint;
        s.ot = ot;
        if (addspecial(p, s)) {
            return true;
        }
        malloc.lock(speciallock);
        FixAlloc.FixAlloc_Free(specialfinalizeralloc, s);
        malloc.unlock(speciallock);
        return false;
    }

    /** Drops p's finalizer, if any. Port of mheap.c runtime·removefinalizer (0a7c7ac80). */
    public void removefinalizer(long p) {
        Special s = removespecial(p, KindSpecialFinalizer);
        if (s == null) {
            return;
        }
        malloc.lock(speciallock);
        FixAlloc.FixAlloc_Free(specialfinalizeralloc, (SpecialFinalizer) s);
        malloc.unlock(speciallock);
    }

    /**
     * Attaches profile bucket b to the object at p. Port of mheap.c runtime·setprofilebucket
     * (0a7c7ac80).
     */
    public void setprofilebucket(long p, Object b) {
        malloc.lock(speciallock);
        SpecialProfile s = FixAlloc.FixAlloc_Alloc(process, specialprofilealloc);
        malloc.unlock(speciallock);
        s.kind = KindSpecialProfile;
        s.b = b;
        if (!addspecial(p, s)) {
            Throw.throw_(process, "setprofilebucket: profile already set");
        }
    }

    /** The finalizer record of the object at p (for tests and the collector), or null. */
    public SpecialFinalizer finalizerOf(long p) {
        MSpan span = MHeap_LookupMaybe(p);
        if (span == null) {
            return null;
        }
        int offset = (int) (p - (span.start << PageShift));
        for (Special s = span.specials; s != null; s = s.next) {
            if (s.offset == offset && s.kind == KindSpecialFinalizer) {
                return (SpecialFinalizer) s;
            }
        }
        return null;
    }

    /** Free spans of n pages (n &lt; MaxMHeapList) or of freelarge (n = 0), for tests. */
    public int nfree(int n) {
        MSpan list = n == 0 ? freelarge : free[n];
        int k = 0;
        for (MSpan s = list.next; s != list; s = s.next) {
            k++;
        }
        return k;
    }

    /** Every span ever made, in order (C's allspans[0..nspan)). Guarded by lock. */
    public java.util.List<MSpan> allspans() {
        return allspans;
    }
}
