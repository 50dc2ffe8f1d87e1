package gort.runtime.malloc;

import static gort.runtime.malloc.HeapBits.BitsPointer;
import static gort.runtime.malloc.HeapBits.bitBoundary;
import static gort.runtime.malloc.HeapBits.bitPtrMask;
import static gort.runtime.malloc.HeapBits.gcBits;
import static gort.runtime.malloc.HeapBits.maxGCMask;
import static gort.runtime.malloc.HeapBits.pointersPerByte;
import static gort.runtime.malloc.HeapBits.wordsPerBitmapByte;
import static gort.runtime.malloc.Msize.MaxSmallSize;
import static gort.runtime.malloc.Msize.PageMask;
import static gort.runtime.malloc.Msize.PageShift;
import static gort.runtime.malloc.Msize.PageSize;
import static gort.runtime.malloc.Msize.TinySize;
import static gort.runtime.malloc.Msize.TinySizeClass;

import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.MCache;
import gort.runtime.Print;
import gort.runtime.Throw;
import gort.runtime.mem.Layout;
import gort.runtime.mem.Memory;
import gort.runtime.mem.Region;
import gort.runtime.os.Lock;
import gort.runtime.os.LockFutex;
import gort.runtime.type.Type;

/**
 * malloc.go and malloc.c at 0a7c7ac80 for one process: mallocinit, the allocation entry points
 * (gomallocgc and malloc.c's mallocgc wrapper, newobject, newarray, rawmem, cnew, largeAlloc_m),
 * MHeap_SysAlloc, persistentalloc, mlookup and purgecachedstats, plus mem_linux.c's Sys* calls as
 * the simulated machine provides them. It owns the process's {@link MHeap} and {@link MStats}.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>An object of at most MaxSmallSize bytes comes from the free list of its size class's span in
 * the calling P's {@link MCache}; pointer-free objects under 16 bytes share 16-byte blocks (the
 * tiny allocator); larger objects get their own span from the heap. The heap bitmap is written as
 * gomallocgc writes it: the boundary bit at the object and, unless FlagNoScan, the pointer bits
 * copied from the type's GC mask. All of this is in simulated memory: the arena, the free lists (an
 * object's first word links the next), the bitmap below arena_start and the pages of C's span
 * table; the records around them (MSpan, MCentral, MCache) are Java objects.
 *
 * <h2>Where gort differs</h2>
 *
 * <ul>
 *   <li>{@code g->m->mcache}: {@link #gomcache} is the current M's P's cache. Code without a P (an
 *       M between Ps, process construction, a unit test's thread) uses the heap's own cache {@code
 *       mcache0} (C's mallocinit gives it to m0, procresize then to allp[0]); since gort's Ps have
 *       their own, mcache0 is shared by every P-less caller, under {@code mcache0lock}.
 *   <li>C switches to g0 for refills and large allocations (onM, mcall); gort's runtime code has no
 *       Go frames, so it calls them directly.
 *   <li>Memory profiling (profilealloc) and the race detector are not ported; the collector's
 *       trigger (gogc) and GC programs go through {@link GcHooks}.
 *   <li>SysAlloc (mmap of non-heap memory) serves from a region "sysalloc" reserved on first use,
 *       where persistentalloc's chunks, &amp;zeroObject and notype live (C has the last two in its
 *       bss).
 * </ul>
 */
public final class Malloc {
    /** malloc.h FlagNoScan: the object holds no pointers. */
    public static final int FlagNoScan = 1 << 0;

    /** malloc.h FlagNoZero: the caller does not need the memory zeroed. */
    public static final int FlagNoZero = 1 << 1;

    /** malloc.c MaxArena32. */
    public static final long MaxArena32 = 2L << 30;

    /** malloc.c PersistentAllocChunk and PersistentAllocMaxBlock. */
    static final long PersistentAllocChunk = 256 << 10;

    static final long PersistentAllocMaxBlock = 64 << 10;

    final GoProcess process;
    final Memory mem;
    final Layout layout;
    final int ptrSize;

    /** runtime·mheap. */
    public final MHeap mheap;

    /** runtime·memstats. */
    public final MStats memstats = new MStats();

    /** The cache of callers without a P (class comment). Guarded by mcache0lock. */
    final MCache mcache0;

    private final Lock mcache0lock = new Lock();

    /** mgc0.c's functions ({@link GcHooks#withoutMgc} until the mgc module sets them). */
    public volatile GcHooks gcHooks;

    /** runtime·debug.gctrace as GODEBUG set it (MHeap_Scavenge prints with it). */
    public volatile int gctrace;

    /** runtime·MemProfileRate (only allocmcache reads it: profiling is not ported). */
    public volatile long MemProfileRate = 512 * 1024;

    /** maxMem: MaxMem on 64-bit, (uintptr)-1 on 32-bit. */
    public final long maxMem;

    /** &amp;zeroObject: where every zero-size allocation points. */
    public long zeroObject;

    /** notype: malloc.c's type for untyped allocations with pointers (unsafe.Pointer's). */
    public long notype;

    private final Lock persistentLock = new Lock();
    private long persistentPos;
    private long persistentEnd;

    private long sysallocNext;
    private long sysallocEnd;
    private int fastrand = 0x49f6428a;

    /** The allocator of {@code process}, initialised as mallocinit does. */
    public Malloc(GoProcess process) {
        this.process = process;
        this.gcHooks = GcHooks.withoutMgc(process);
        this.mem = process.memory();
        this.layout = Layout.of(process.arch());
        this.ptrSize = process.arch().PtrSize;
        this.maxMem = ptrSize == 8 ? 1L << 37 : 0xffffffffL;
        this.mheap = new MHeap(this);
        this.mcache0 = new MCache();
        mallocinit();
    }

    /** sizeof(MSpan) in C: 104 bytes on amd64, 60 on arm. */
    static long sizeofMSpan(int ptr) {
        return ptr == 8 ? 104 : 60;
    }

    /** sizeof(MCache) in C: 1192 bytes on amd64, 596 on arm. */
    static long sizeofMCache(int ptr) {
        return ptr == 8 ? 1192 : 596;
    }

    // ---- locks and g->m ----

    /**
     * runtime·lock for the heap's locks: through the current M (lock_futex.c), or, off every M's
     * thread, by {@link LockFutex#lockOffM}. Also for stack.c's stackpoolmu, for the same callers.
     */
    public void lock(Lock l) {
        M mp = process.currentM();
        if (mp != null) {
            LockFutex.lock(mp, l);
        } else {
            LockFutex.lockOffM(process, l);
        }
    }

    /** runtime·unlock, the counterpart of {@link #lock}. */
    public void unlock(Lock l) {
        M mp = process.currentM();
        if (mp != null) {
            LockFutex.unlock(mp, l);
        } else {
            LockFutex.unlockOffM(process, l);
        }
    }

    /** C's {@code g->m->mcache} (class comment). */
    public MCache gomcache() {
        M mp = process.currentM();
        if (mp != null && mp.p != null) {
            return mp.p.mcache;
        }
        return mcache0;
    }

    int fastrand1() {
        M mp = process.currentM();
        int x = mp != null ? mp.fastrand : fastrand;
        x += x;
        if (x < 0) {
            x ^= 0x88888eef;
        }
        if (mp != null) {
            mp.fastrand = x;
        } else {
            fastrand = x;
        }
        return x;
    }

    // ---- mem_linux.c ----

    /** SysMap: maps [v, v+n) of a reserved range and charges n to stat. */
    void SysMap(long v, long n, boolean reserved, MStats.Stat stat) {
        stat.add(n);
        mem.map(v, n);
    }

    /** SysUnused (madvise DONTNEED): the pages' contents are dropped; they read as zeros. */
    void SysUnused(long v, long n) {
        mem.discard(v, n);
    }

    /** SysUsed: nothing to do on Linux. */
    void SysUsed(long v, long n) {}

    /**
     * SysReserve at v: the heap's reservation is made whole when the process's memory is (see
     * {@link Layout}), so a range inside it is granted where asked; anything else is refused (0).
     */
    long SysReserve(long v, long n) {
        Region r = mem.regionAt(v);
        if (r != null && r.name().equals("heap") && v + n <= r.end()) {
            return v;
        }
        return 0;
    }

    /**
     * SysAlloc: n fresh bytes of non-heap memory (mmap anywhere), or 0 when there is no room, from
     * the region "sysalloc" reserved on first use above every other region but the OS stack.
     */
    synchronized long SysAlloc(long n, MStats.Stat stat) {
        if (sysallocEnd == 0) {
            long base = ptrSize == 8 ? 0x7f0000000000L : 0xa0000000L;
            long size = ptrSize == 8 ? 1L << 36 : 0x10000000L;
            mem.reserve("sysalloc", base, size);
            sysallocNext = base;
            sysallocEnd = base + size;
        }
        n = MHeap.round(n, Memory.PhysPageSize);
        if (n > sysallocEnd - sysallocNext) {
            return 0;
        }
        long p = sysallocNext;
        sysallocNext += n;
        mem.map(p, n);
        stat.add(n);
        return p;
    }

    /** SysFree: unmaps [v, v+n) and takes n off stat. */
    void SysFree(long v, long n, MStats.Stat stat) {
        stat.add(-n);
        mem.unmap(v, MHeap.round(n, Memory.PhysPageSize));
    }

    // ---- malloc.c ----

    /**
     * Lays out the heap over the reservation (spans, bitmap, arena as {@link Layout} computes it),
     * sets up the heap, and makes notype. Port of malloc.c runtime·mallocinit (0a7c7ac80). gort
     * differs: the reservation is the process's memory's region "heap"; m0's cache is mcache0 (the
     * class comment), notype is written by hand (C takes gc_notype_ptr's eface type).
     */
    private void mallocinit() {
        if (Msize.class_to_size(TinySizeClass) != TinySize) {
            Throw.throw_(process, "bad TinySizeClass");
        }
        long p = layout.heapReserve;
        long p1 = (p + PageSize - 1) & ~PageMask;
        mheap.spans = p1;
        mheap.bitmap = layout.bitmapStart;
        mheap.arena_start = layout.arenaStart;
        mheap.arena_used = mheap.arena_start;
        mheap.arena_end = layout.arenaEnd;
        mheap.arena_reserved = true;
        if ((mheap.arena_start & (PageSize - 1)) != 0) {
            Throw.throw_(process, "misrounded allocation in mallocinit");
        }
        mheap.MHeap_Init();

        zeroObject = persistentalloc(1, 0, n -> memstats.other_sys += n);
        notype = persistentalloc(Type.sizeof(process.arch()), 0, n -> memstats.other_sys += n);
        mem.storep(notype + Type.size(process.arch()), ptrSize);
        mem.store8(notype + Type.align(process.arch()), ptrSize);
        mem.store8(notype + Type.fieldAlign(process.arch()), ptrSize);
        mem.store8(notype + Type.kind(process.arch()), Type.KindUnsafePointer);
        // the embedded mask of one pointer word, repeated (odd word count): BitsPointer twice
        mem.store8(
                notype + Type.gc(process.arch(), 0),
                (BitsPointer << 2) | ((BitsPointer << 2) << gcBits));
    }

    /**
     * Maps n more bytes of arena, extending the reservation within MaxArena32 on 32-bit, or returns
     * 0. Port of malloc.c runtime·MHeap_SysAlloc (0a7c7ac80).
     */
    long MHeap_SysAlloc(MHeap h, long n) {
        if (Long.compareUnsigned(n, h.arena_end - h.arena_used) > 0) {
            // try to reserve the next part of the arena
            long p_size = MHeap.round(n + PageSize, 256 << 20);
            long new_end = h.arena_end + p_size;
            if (Long.compareUnsigned(new_end, h.arena_start + MaxArena32) <= 0) {
                long p = SysReserve(h.arena_end, p_size);
                if (p == h.arena_end) {
                    h.arena_end = new_end;
                    h.arena_reserved = true;
                } else if (p != 0
                        && Long.compareUnsigned(p + p_size, h.arena_start + MaxArena32) <= 0) {
                    h.arena_end = p + p_size;
                    h.arena_used = p + (-p & (PageSize - 1));
                    h.arena_reserved = true;
                }
            }
        }
        if (Long.compareUnsigned(n, h.arena_end - h.arena_used) <= 0) {
            long p = h.arena_used;
            SysMap(p, n, h.arena_reserved, v -> memstats.heap_sys += v);
            h.arena_used += n;
            HeapBits.MHeap_MapBits(this);
            h.MHeap_MapSpans();
            if ((p & (PageSize - 1)) != 0) {
                Throw.throw_(process, "misrounded allocation in MHeap_SysAlloc");
            }
            return p;
        }

        // the reservation is used up: take memory wherever the OS puts it
        if (Long.compareUnsigned(h.arena_end - h.arena_start, MaxArena32) >= 0) {
            return 0;
        }
        long p_size = MHeap.round(n, PageSize) + PageSize;
        long p = SysAlloc(p_size, v -> memstats.heap_sys += v);
        if (p == 0) {
            return 0;
        }
        if (Long.compareUnsigned(p, h.arena_start) < 0
                || Long.compareUnsigned(p + p_size - h.arena_start, MaxArena32) >= 0) {
            Print.printf(
                    process,
                    "runtime: memory allocated by OS (%p) not in usable range [%p,%p)\n",
                    p,
                    h.arena_start,
                    h.arena_start + MaxArena32);
            SysFree(p, p_size, v -> memstats.heap_sys += v);
            return 0;
        }
        long p_end = p + p_size;
        p += -p & (PageSize - 1);
        if (Long.compareUnsigned(p + n, h.arena_used) > 0) {
            h.arena_used = p + n;
            if (Long.compareUnsigned(p_end, h.arena_end) > 0) {
                h.arena_end = p_end;
            }
            HeapBits.MHeap_MapBits(this);
            h.MHeap_MapSpans();
        }
        if ((p & (PageSize - 1)) != 0) {
            Throw.throw_(process, "misrounded allocation in MHeap_SysAlloc");
        }
        return p;
    }

    /**
     * size bytes of never-freed runtime memory outside the heap, carved from 256 KiB chunks. Port
     * of malloc.c runtime·persistentalloc (0a7c7ac80).
     */
    public long persistentalloc(long size, long align, MStats.Stat stat) {
        if (align != 0) {
            if ((align & (align - 1)) != 0) {
                Throw.throw_(process, "persistentalloc: align is not a power of 2");
            }
            if (align > PageSize) {
                Throw.throw_(process, "persistentalloc: align is too large");
            }
        } else {
            align = 8;
        }
        if (size >= PersistentAllocMaxBlock) {
            return SysAlloc(size, stat);
        }
        lock(persistentLock);
        persistentPos = (persistentPos + align - 1) & -align;
        if (persistentPos + size > persistentEnd) {
            persistentPos = SysAlloc(PersistentAllocChunk, n -> memstats.other_sys += n);
            if (persistentPos == 0) {
                unlock(persistentLock);
                Throw.throw_(process, "runtime: cannot allocate memory");
            }
            persistentEnd = persistentPos + PersistentAllocChunk;
        }
        long p = persistentPos;
        persistentPos += size;
        unlock(persistentLock);
        stat.add(size);
        memstats.other_sys -= size;
        return p;
    }

    /**
     * Finds the object holding v: returns 1 and its base, size and span in {@code out} (base, size;
     * any may be left unused), or 0 when v is in no object. Port of malloc.c runtime·mlookup
     * (0a7c7ac80); C's out-parameters are the array {@code out} = {base, size}, and the span is the
     * result of {@link #mlookupSpan}.
     */
    public int mlookup(long v, long[] out) {
        MCache c = gomcache();
        c.local_nlookup++;
        if (ptrSize == 4 && c.local_nlookup >= (1 << 30)) {
            lock(mheap.lock);
            purgecachedstats(c);
            unlock(mheap.lock);
        }
        MSpan s = mheap.MHeap_LookupMaybe(v);
        if (s == null) {
            if (out != null) {
                out[0] = 0;
                out[1] = 0;
            }
            return 0;
        }
        long p = s.start << PageShift;
        if (s.sizeclass == 0) {
            if (out != null) {
                out[0] = p;
                out[1] = s.npages << PageShift;
            }
            return 1;
        }
        long n = s.elemsize;
        if (out != null) {
            long i = (v - p) / n;
            out[0] = p + i * n;
            out[1] = n;
        }
        return 1;
    }

    /** mlookup's {@code *sp}: the span of v, or null. */
    public MSpan mlookupSpan(long v) {
        return mheap.MHeap_LookupMaybe(v);
    }

    /**
     * Folds c's local counters into the heap and mstats; the heap's lock is held. Port of malloc.c
     * runtime·purgecachedstats (0a7c7ac80).
     */
    void purgecachedstats(MCache c) {
        MHeap h = mheap;
        memstats.heap_alloc += c.local_cachealloc;
        c.local_cachealloc = 0;
        memstats.nlookup += c.local_nlookup;
        c.local_nlookup = 0;
        h.largefree += c.local_largefree;
        c.local_largefree = 0;
        h.nlargefree += c.local_nlargefree;
        c.local_nlargefree = 0;
        for (int i = 0; i < c.local_nsmallfree.length; i++) {
            h.nsmallfree[i] += c.local_nsmallfree[i];
            c.local_nsmallfree[i] = 0;
        }
    }

    /**
     * Allocates an object of size bytes of type typ (0: none) with flags; an untyped object that
     * may hold pointers gets notype, whose mask says every word is a pointer. Port of malloc.c
     * runtime·mallocgc (0a7c7ac80), the entry point of the runtime's C (and of gort's Java) code.
     */
    public long mallocgc(long size, long typ, int flags) {
        if ((flags & FlagNoScan) == 0 && typ == 0) {
            typ = notype;
        }
        return gomallocgc(size, typ, flags);
    }

    /**
     * Allocates size bytes: zero-size requests share &amp;zeroObject, small ones come from the
     * cache (tiny blocks for pointer-free objects under 16 bytes), large ones from their own span;
     * then the heap bitmap gets the object's pointer bits from typ unless FlagNoScan. Port of
     * malloc.go gomallocgc (0a7c7ac80); typ must be a type descriptor unless FlagNoScan is set (as
     * in Go: {@link #mallocgc} supplies notype).
     */
    public long gomallocgc(long size, long typ, int flags) {
        if (size == 0) {
            return zeroObject;
        }
        MCache c = gomcache();
        if (c != mcache0) {
            return mallocgc1(c, size, typ, flags);
        }
        lock(mcache0lock);
        try {
            return mallocgc1(c, size, typ, flags);
        } finally {
            unlock(mcache0lock);
        }
    }

    private long mallocgc1(MCache c, long size, long typ, int flags) {
        long size0 = size;
        MSpan s;
        long x;
        if (Long.compareUnsigned(size, MaxSmallSize) <= 0) {
            if ((flags & FlagNoScan) != 0 && size < TinySize) {
                // combine with earlier tiny pointer-free objects in one 16-byte block
                long tinysize = c.tinysize;
                if (size <= tinysize) {
                    long tiny = c.tiny;
                    if ((size & 7) == 0) {
                        tiny = (tiny + 7) & ~7L;
                    } else if ((size & 3) == 0) {
                        tiny = (tiny + 3) & ~3L;
                    } else if ((size & 1) == 0) {
                        tiny = (tiny + 1) & ~1L;
                    }
                    long size1 = size + (tiny - c.tiny);
                    if (size1 <= tinysize) {
                        x = tiny;
                        c.tiny = x + size;
                        c.tinysize -= size1;
                        return x;
                    }
                }
                s = c.alloc[TinySizeClass];
                long v = s.freelist;
                if (v == 0) {
                    MCaches.MCache_Refill(this, c, TinySizeClass);
                    s = c.alloc[TinySizeClass];
                    v = s.freelist;
                }
                s.freelist = mem.loadp(v);
                s.ref++;
                x = v;
                mem.store64(x, 0);
                mem.store64(x + 8, 0);
                // keep whichever block has more room left
                if (TinySize - size > tinysize) {
                    c.tiny = x + size;
                    c.tinysize = TinySize - size;
                }
                size = TinySize;
            } else {
                int sizeclass;
                if (size <= 1024 - 8) {
                    sizeclass = Msize.size_to_class8((int) ((size + 7) >> 3));
                } else {
                    sizeclass = Msize.size_to_class128((int) ((size - 1024 + 127) >> 7));
                }
                size = Msize.class_to_size(sizeclass);
                s = c.alloc[sizeclass];
                long v = s.freelist;
                if (v == 0) {
                    MCaches.MCache_Refill(this, c, sizeclass);
                    s = c.alloc[sizeclass];
                    v = s.freelist;
                }
                s.freelist = mem.loadp(v);
                s.ref++;
                x = v;
                if ((flags & FlagNoZero) == 0) {
                    mem.storep(v, 0);
                    if (size > 2L * ptrSize && mem.loadp(x + ptrSize) != 0) {
                        mem.memclr(v, size);
                    }
                }
            }
            c.local_cachealloc += size;
        } else {
            s = largeAlloc_m(size, flags);
            x = s.start << PageShift;
            size = s.elemsize;
        }

        if ((flags & FlagNoScan) == 0) {
            markallocated(x, size, size0, typ);
        }

        if (Long.compareUnsigned(memstats.heap_alloc, memstats.next_gc) >= 0) {
            gcHooks.gogc(0);
        }
        return x;
    }

    /**
     * gomallocgc's block between its allocation and the label marked: the object's pointer bits
     * from typ's GC mask (embedded, or unrolled from a GC program) into the bitmap.
     */
    private void markallocated(long x, long size, long size0, long typ) {
        long arena_start = mheap.arena_start;
        long off = (x - arena_start) / ptrSize;
        long xbits = arena_start - off / wordsPerBitmapByte - 1;
        int shift = (int) ((off % wordsPerBitmapByte) * gcBits);

        if (size == ptrSize) {
            // a one-word object with pointers is a pointer
            mem.store8(xbits, mem.load8(xbits) | ((BitsPointer << 2) << shift));
            return;
        }
        long typsize = Type.sizeOf(mem, typ);
        long ptrmask;
        if ((Type.kindOf(mem, typ) & Type.KindGCProg) != 0) {
            long nptr = (typsize + ptrSize - 1) / ptrSize;
            long masksize = nptr;
            if (masksize % 2 != 0) {
                masksize *= 2;
            }
            masksize = masksize * pointersPerByte / 8;
            masksize++;
            long gc1 = mem.loadp(typ + Type.gc(process.arch(), 1));
            if (masksize > maxGCMask && gc1 != 0) {
                // too big to keep unrolled: run the program straight into the bitmap
                gcHooks.unrollgcproginplace_m(x, typ, size, size0);
                return;
            }
            ptrmask = mem.loadp(typ + Type.gc(process.arch(), 0));
            process.atomic();
            if ((mem.atomicloadp(ptrmask) & 0xff) == 0) {
                gcHooks.unrollgcprog_m(typ);
            }
            ptrmask++;
        } else {
            ptrmask = typ + Type.gc(process.arch(), 0);
        }
        if (size == 2L * ptrSize) {
            mem.store8(xbits, mem.load8(ptrmask) | bitBoundary);
            return;
        }
        long te = typsize / ptrSize;
        if (te % 2 == 0) {
            te /= 2;
        }
        long ti = 0;
        for (long i = 0; Long.compareUnsigned(i, size0) < 0; i += 2L * ptrSize) {
            int v = mem.load8(ptrmask + ti);
            ti++;
            if (ti == te) {
                ti = 0;
            }
            if (i == 0) {
                v |= bitBoundary;
            }
            if (i + ptrSize == size0) {
                v &= ~(bitPtrMask << 4);
            }
            mem.store8(xbits, v);
            xbits--;
        }
        if (size0 % (2L * ptrSize) == 0 && size0 < size) {
            // the word after the object's last says no more pointers
            mem.store8(xbits, HeapBits.BitsDead << 2);
        }
    }

    /**
     * A span of its own for a large object of size bytes, with a boundary bit at its start. Port of
     * malloc.c runtime·largeAlloc_m (0a7c7ac80); gort returns the span instead of passing it in
     * g->m->ptrarg[0].
     */
    MSpan largeAlloc_m(long size, int flag) {
        if (Long.compareUnsigned(size + PageSize, size) < 0) {
            Throw.throw_(process, "out of memory");
        }
        long npages = size >>> PageShift;
        if ((size & PageMask) != 0) {
            npages++;
        }
        MSpan s = mheap.MHeap_Alloc(npages, 0, true, (flag & FlagNoZero) == 0);
        if (s == null) {
            Throw.throw_(process, "out of memory");
        }
        s.limit = (s.start << PageShift) + size;
        long v = s.start << PageShift;
        HeapBits.markspan(this, v, 0, 0, true);
        return s;
    }

    /**
     * new(typ): a zeroed object of typ, FlagNoScan when it holds no pointers. Port of malloc.go
     * newobject (0a7c7ac80).
     */
    public long newobject(long typ) {
        int flags = 0;
        if ((Type.kindOf(mem, typ) & Type.KindNoPointers) != 0) {
            flags |= FlagNoScan;
        }
        return gomallocgc(Type.sizeOf(mem, typ), typ, flags);
    }

    /**
     * An array of n elements of typ. Port of malloc.go newarray (0a7c7ac80), whose size check
     * panics: here through the process's panic hook when a Go call is running, else a throw.
     */
    public long newarray(long typ, long n) {
        int flags = 0;
        if ((Type.kindOf(mem, typ) & Type.KindNoPointers) != 0) {
            flags |= FlagNoScan;
        }
        long tsize = Type.sizeOf(mem, typ);
        if (n < 0
                || (tsize > 0 && Long.compareUnsigned(n, Long.divideUnsigned(maxMem, tsize)) > 0)) {
            Throw.throw_(process, "runtime: allocation size out of range");
        }
        return gomallocgc(tsize * n, typ, flags);
    }

    /** Memory that is neither scanned nor zeroed. Port of malloc.go rawmem (0a7c7ac80). */
    public long rawmem(long size) {
        return gomallocgc(size, 0, FlagNoScan | FlagNoZero);
    }

    /**
     * The runtime's C new(typ). Port of malloc.c runtime·cnew (0a7c7ac80), through cnew's check.
     */
    public long cnew(long typ) {
        return cnew(typ, 1);
    }

    /** An array of n typ for the runtime's C. Port of malloc.c runtime·cnewarray (0a7c7ac80). */
    public long cnewarray(long typ, long n) {
        return cnew(typ, n);
    }

    private long cnew(long typ, long n) {
        long tsize = Type.sizeOf(mem, typ);
        if (n < 0
                || (tsize > 0 && Long.compareUnsigned(n, Long.divideUnsigned(maxMem, tsize)) > 0)) {
            Throw.throw_(process, "runtime: allocation size out of range");
        }
        return mallocgc(
                tsize * n,
                typ,
                (Type.kindOf(mem, typ) & Type.KindNoPointers) != 0 ? FlagNoScan : 0);
    }

    /** The size mallocgc gives a request. Port of malloc.go goroundupsize (0a7c7ac80). */
    public static long goroundupsize(long size) {
        return Msize.roundupsize(size);
    }

    /** runtime.ReadMemStats's data; see {@link MStats#ReadMemStats}. */
    public MStats ReadMemStats() {
        return MStats.ReadMemStats(this);
    }

    /** The process this allocator serves. */
    public GoProcess process() {
        return process;
    }
}
