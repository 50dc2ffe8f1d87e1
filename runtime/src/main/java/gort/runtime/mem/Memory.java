package gort.runtime.mem;

import gort.runtime.arch.Arch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated process's address space: byte-addressed, little-endian, with addresses that are the
 * process's pointers (held in a {@code long} as the arch's uintptr, zero-extended on arm).
 *
 * <h2>Implementation overview</h2>
 *
 * <p>The space is a few {@link Region reserved regions} (SysReserve) at fixed addresses. Inside a
 * region, ranges of 4096-byte pages ({@link #PhysPageSize}) are {@link #map mapped} (SysMap),
 * {@link #unmap unmapped} (SysFree, SysFault) and {@link #discard discarded} (SysUnused, madvise
 * DONTNEED). {@link Layout#newMemory} reserves Go's layout of 2014: the heap reservation, out of
 * which the heap and every goroutine stack are carved, and the main thread's OS stack.
 *
 * <p>Pages become resident on their first write, as with a kernel's demand paging. gort stores a
 * page's bytes in blocks of 256 bytes ({@code BlockSize}), each its own array made on the first
 * write into it: a mapped block that was never written is the shared, never-written {@code ZERO}
 * array, so reading it costs nothing and yields zeros. A parked goroutine therefore costs the JVM
 * only the blocks of its stack it touched (its top frames, a few hundred bytes), while {@link
 * #residentBytes()} and {@link #isResident} count whole pages, what a kernel would hold. {@link
 * #memclr} and {@link #memmove} of zeros onto a block that is not resident leave it so, which a
 * real kernel would not do (it would fault the page in); nothing can tell except {@link
 * #residentBytes()}.
 *
 * <p>An access outside every mapped page throws {@link Fault}. The nil page (addresses below 4096)
 * can never be reserved, so a nil dereference always faults, with its address.
 *
 * <p>Page-table entries, one per block, move only along these transitions:
 *
 * <pre>
 *   null  -> ZERO   map                   (SysMap; also over a mapped page: mmap MAP_FIXED zeroes)
 *   ZERO  -> block  first write           (compareAndSet; the loser of a race uses the winner's block)
 *   block -> ZERO   discard, map          (contents dropped; reads see zeros again)
 *   ZERO  -> null   unmap
 *   block -> null   unmap                 (contents dropped)
 * </pre>
 *
 * A page is resident while at least one of its blocks is; residentBytes counts those pages.
 *
 * <h2>Memory ordering</h2>
 *
 * <p>Ms are Java threads, so several threads access one Memory at once.
 *
 * <ul>
 *   <li>Plain loads and stores ({@code load8..64}, {@code store8..64}, {@code loadp}, {@code
 *       storep}, the bulk operations) are plain Java array accesses and race exactly as plain
 *       memory accesses race on hardware: no ordering; an aligned access is single-copy atomic (the
 *       byte-array view guarantees it for aligned plain get/set on 64-bit hosts), a misaligned one
 *       may tear, and one that straddles a block is done byte by byte. A simulated program
 *       synchronizes, as Go's runtime does, with the atomics below (or with Java locks in the OS
 *       layer), which order the plain accesses around them. As with a C compiler, a loop that spins
 *       on plain loads may be compiled to never see the change; spin with {@link #atomicload}, as
 *       Go's runtime does.
 *   <li>The hot path reads the region array (copy-on-write) and the page table with plain reads. A
 *       plain read may see a stale value only if nothing orders it after the change: a missing
 *       region, a stale null or a stale ZERO for a write sends it to the slow path, which re-reads
 *       regions and entries with volatile reads and installs pages with compareAndSet, so no write
 *       is lost and no access faults for want of a fresh look; a stale ZERO for a read yields
 *       zeros, which is a value the racing read may see. An access racing with unmap or discard of
 *       its page may reach the dropped page, as a real access may race with munmap; its effect is
 *       lost.
 *   <li>The atomics ({@link #cas}, {@link #xadd}, {@link #atomicload}, {@link #atomicstore}, the
 *       64-bit and pointer forms) are for runtime·cas and friends on words in simulated memory
 *       (locks, notes, counters, status words). Go's atomics are sequentially consistent (LOCK
 *       CMPXCHG, XCHG for stores on amd64; LDREX/STREX with DMB on arm), so these are volatile
 *       VarHandle operations, not merely acquire/release: runtime code of the time relies on
 *       store-then-load orders (a Dekker pattern between an M going idle and a waker). They find
 *       their page with volatile reads, so an atomic load of a word on a page another thread has
 *       just made resident sees that thread's atomic store.
 *   <li>Where a VarHandle cannot do the atomic, it runs under a lock of a small striped table (57
 *       monitors keyed by the address's 8-byte word, atomic_arm.c's locktab): for a 64-bit atomic
 *       on a word that is only 4-aligned, which {@link Arch#arm} allows (Int64Align 4), as
 *       atomic_arm.c does for all its 64-bit atomics; and for every atomic on JDK 22 and later,
 *       which no longer offer atomic access modes on byte-array views (see {@link
 *       #lockFreeAtomics()}). Each locked word is then a linearizable register, and linearizability
 *       composes, so the atomics stay sequentially consistent; the monitors order the plain
 *       accesses around them as volatile accesses would. A word is always handled one way in a
 *       given Memory, since the way depends only on its alignment.
 *   <li>Otherwise a 32-bit atomic needs a 4-aligned address and a 64-bit one an 8-aligned address;
 *       a misaligned atomic faults with {@link Fault.Cause#MISALIGNED} (SIGBUS).
 * </ul>
 *
 * <h2>Speed</h2>
 *
 * <p>A load or store is the CPU's inner loop. The fast path is: a loop over the regions (the heap
 * region first), two array loads for the directory and the page-table entry, and one plain
 * VarHandle view access (plain get/set on byte-array views are supported by every JDK). There is no
 * hashing and no allocation per access. Everything else (faults, accesses straddling a block, first
 * writes, atomics' volatile lookups) is in separate methods so that the fast paths stay small
 * enough to inline. Measured on a loaded 2-core amd64 host (MemorySpeedCheck): about 130 million
 * 64-bit load+store pairs per second in the first region, 100 million in the second, against 1.5
 * billion on a plain long[].
 *
 * <p>No mutable static state: the statics are the VarHandles, constants and the never-written
 * {@code ZERO} page, shared by every process in the JVM.
 */
public final class Memory {
    /** log2 of the simulated hardware page size. */
    public static final int PhysPageShift = 12;

    /**
     * The page size of residency and mapping (arch_*.h PhysPageSize; malloc's PageSize is 8192).
     */
    public static final int PhysPageSize = 1 << PhysPageShift;

    /** The largest region: 1 TiB, so that a directory stays small (256 Ki entries at most). */
    public static final long MaxRegionSize = 1L << 40;

    static final int PAGE_MASK = PhysPageSize - 1;

    /**
     * log2 of a block, the unit in which gort stores a page's bytes: a resident page is backed by a
     * byte array per block written, so a page of which a goroutine touched only the top few hundred
     * bytes (a parked goroutine's 8 KiB stack) costs the JVM one block, not 4 KiB. Residency
     * ({@link #residentBytes}, {@link #isResident}) still counts whole pages.
     */
    public static final int BlockShift = 8;

    public static final int BlockSize = 1 << BlockShift;
    public static final int BLOCK_MASK = BlockSize - 1;

    /**
     * A directory entry covers 4 MiB of addresses: a chunk of page-table entries, one per block.
     */
    public static final int CHUNK_SHIFT = 22;

    public static final long CHUNK_BYTES = 1L << CHUNK_SHIFT;
    static final int CHUNK_PAGES = 1 << (CHUNK_SHIFT - PhysPageShift);
    static final int CHUNK_BLOCKS = 1 << (CHUNK_SHIFT - BlockShift);

    /**
     * The page-table entry of every mapped block that was never written. It is never written: every
     * store path compares its block with ZERO first.
     */
    static final byte[] ZERO = new byte[BlockSize];

    private final Arch arch;
    private final boolean ptr64;
    private final boolean lockedUnaligned64;

    /** Atomics through byte-array-view VarHandles; false: through {@code locktab}. */
    private final boolean viewAtomics;

    /** Reserved regions in reservation order; replaced, never mutated, under this's monitor. */
    private volatile Region[] regions = new Region[0];

    /**
     * The same array for the hot path, read plainly: a thread that does not see a new region yet
     * takes the slow path, which reads {@link #regions}. (A volatile read here cost about 15% of a
     * load+store pair on an amd64 host: C2 may not reuse what it loaded before it.)
     */
    private Region[] fastRegions = regions;

    private final AtomicLong residentPages = new AtomicLong();

    /**
     * Locks for the atomics that cannot use a VarHandle: 64-bit ones on 4-aligned words (arm), and
     * all of them on a JVM without atomic byte-array views (JDK 22 and later).
     */
    private final Object[] locktab;

    private Memory(Arch arch, boolean viewAtomics) {
        this.arch = Objects.requireNonNull(arch, "arch");
        this.ptr64 = arch.PtrSize == 8;
        this.lockedUnaligned64 = arch.Int64Align < 8;
        this.viewAtomics = viewAtomics;
        this.locktab = new Object[57];
        for (int i = 0; i < locktab.length; i++) {
            locktab[i] = new Object();
        }
    }

    /** An empty address space for {@code arch}: nothing reserved, every access faults. */
    public static Memory create(Arch arch) {
        return new Memory(arch, VIEW_ATOMICS);
    }

    /** Like {@link #create} but with every atomic on the lock table, as on JDK 22+; for tests. */
    static Memory createWithLockedAtomics(Arch arch) {
        return new Memory(arch, false);
    }

    /** The simulated arch, which sets the pointer size and the alignment of 64-bit atomics. */
    public Arch arch() {
        return arch;
    }

    // ---- regions and mappings ----

    /**
     * Reserves {@code [base, base+size)} under {@code name} (SysReserve at a fixed address). The
     * range is not accessible until mapped. Both must be multiples of PhysPageSize, the range may
     * not include the nil page, overlap a reservation, or exceed the arch's addresses (4 GiB on
     * arm) or {@link #MaxRegionSize}.
     */
    public synchronized Region reserve(String name, long base, long size) {
        Objects.requireNonNull(name, "name");
        if ((base & PAGE_MASK) != 0 || (size & PAGE_MASK) != 0 || size <= 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "reserve %s: base 0x%x and size 0x%x must be positive multiples of %d",
                            name, base, size, PhysPageSize));
        }
        if (Long.compareUnsigned(base, PhysPageSize) < 0) {
            throw new IllegalArgumentException(
                    String.format("reserve %s: base 0x%x lies in the nil page", name, base));
        }
        if (size > MaxRegionSize) {
            throw new IllegalArgumentException(
                    String.format("reserve %s: size 0x%x exceeds 0x%x", name, size, MaxRegionSize));
        }
        long last = base + size - 1;
        if (Long.compareUnsigned(last, base) < 0
                || Long.compareUnsigned(last, arch.maxUintptr()) > 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "reserve %s: [0x%x, +0x%x) exceeds %s's address space",
                            name, base, size, arch));
        }
        for (Region r : regions) {
            if (Long.compareUnsigned(base, r.end()) < 0
                    && Long.compareUnsigned(r.base, base + size) < 0) {
                throw new IllegalArgumentException(
                        String.format(
                                "reserve %s: [0x%x, 0x%x) overlaps %s",
                                name, base, base + size, r));
            }
        }
        Region r = new Region(name, base, size);
        Region[] grown = Arrays.copyOf(regions, regions.length + 1);
        grown[grown.length - 1] = r;
        regions = grown;
        fastRegions = grown;
        return r;
    }

    /** The reserved regions, in reservation order. */
    public List<Region> regions() {
        return List.of(regions);
    }

    /** The region containing {@code addr}, or null. */
    public Region regionAt(long addr) {
        for (Region r : regions) {
            if (r.contains(addr)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Maps {@code [addr, addr+n)} (SysMap): its pages read as zeros and become resident when
     * written. Like mmap with MAP_FIXED, mapping a page that is already mapped zeroes it. The range
     * must be page-aligned and lie inside one region.
     */
    public void map(long addr, long n) {
        Region r = rangeRegion("map", addr, n);
        synchronized (r) {
            long off = addr - r.base;
            long end = off + n;
            while (off < end) {
                int d = (int) (off >>> CHUNK_SHIFT);
                long stop = Math.min(end, (long) (d + 1) << CHUNK_SHIFT);
                byte[][] chunk = r.dir[d];
                if (chunk == null) {
                    // A new chunk is filled before it is published: no entry of it can be raced.
                    chunk = new byte[CHUNK_BLOCKS][];
                    Arrays.fill(
                            chunk,
                            blockIndex(off),
                            blockIndex(off) + (int) ((stop - off) >>> BlockShift),
                            ZERO);
                    r.resident[d] = new int[CHUNK_PAGES];
                    DIR.setRelease(r.dir, d, chunk);
                } else {
                    for (long o = off; o < stop; o += BlockSize) {
                        int i = blockIndex(o);
                        byte[] p = chunk[i];
                        if (p == null) {
                            // Only map, under r's monitor, moves an entry from null. A plain store
                            // is enough, as for a new chunk's entries: an access that the program
                            // does not order after this map races with it, as with mmap.
                            chunk[i] = ZERO;
                        } else if (p != ZERO) {
                            drop(r, o, (byte[]) PTE.getAndSet(chunk, i, ZERO));
                        }
                    }
                }
                off = stop;
            }
        }
    }

    /**
     * Unmaps {@code [addr, addr+n)} (SysFree; also SysFault, which keeps the range reserved but
     * inaccessible): its pages are dropped and every later access faults until it is mapped again.
     * Unmapping what is not mapped does nothing, as munmap.
     */
    public void unmap(long addr, long n) {
        Region r = rangeRegion("unmap", addr, n);
        synchronized (r) {
            for (long off = addr - r.base, end = off + n; off < end; off += BlockSize) {
                byte[][] chunk = r.dir[(int) (off >>> CHUNK_SHIFT)];
                if (chunk != null) {
                    drop(r, off, (byte[]) PTE.getAndSet(chunk, blockIndex(off), (byte[]) null));
                }
            }
        }
    }

    /**
     * Drops the resident pages of {@code [addr, addr+n)} but keeps them mapped (SysUnused, madvise
     * MADV_DONTNEED): they read as zeros until written again. Pages not mapped are skipped.
     */
    public void discard(long addr, long n) {
        Region r = rangeRegion("discard", addr, n);
        synchronized (r) {
            for (long off = addr - r.base, end = off + n; off < end; off += BlockSize) {
                byte[][] chunk = r.dir[(int) (off >>> CHUNK_SHIFT)];
                if (chunk == null) {
                    continue;
                }
                int i = blockIndex(off);
                for (; ; ) {
                    byte[] p = (byte[]) PTE.getVolatile(chunk, i);
                    if (p == null || p == ZERO) {
                        break;
                    }
                    if (PTE.compareAndSet(chunk, i, p, ZERO)) {
                        drop(r, off, p);
                        break;
                    }
                }
            }
        }
    }

    /**
     * Drops the whole address space once the process has ended, as the kernel frees an exited
     * process's memory: every region is forgotten and every later access faults. gort: the page
     * tables are cleared too, so that in a JVM that runs many processes (tests, benchmarks) an
     * ended process's tables, once old, do not keep its young blocks alive through the next young
     * collections.
     */
    public void release() {
        Region[] rs;
        synchronized (this) {
            rs = regions;
            regions = new Region[0];
            fastRegions = regions;
        }
        for (Region r : rs) {
            synchronized (r) {
                for (int d = 0; d < r.dir.length; d++) {
                    byte[][] chunk = r.dir[d];
                    if (chunk != null) {
                        Arrays.fill(chunk, null);
                        DIR.setRelease(r.dir, d, (byte[][]) null);
                    }
                }
            }
        }
        residentPages.set(0);
    }

    /** Bytes of resident pages: pages written since they were last mapped or discarded. */
    public long residentBytes() {
        return residentPages.get() * PhysPageSize;
    }

    /** Whether the page holding {@code addr} is mapped. */
    public boolean isMapped(long addr) {
        return entry(addr) != null;
    }

    /** Whether the page holding {@code addr} is resident, i.e. has been written. */
    public boolean isResident(long addr) {
        for (Region r : regions) {
            long off = addr - r.base;
            if (Long.compareUnsigned(off, r.size) < 0) {
                if (DIR.getVolatile(r.dir, (int) (off >>> CHUNK_SHIFT)) == null) {
                    return false;
                }
                int[] counts = r.resident[(int) (off >>> CHUNK_SHIFT)];
                return (int) COUNT.getVolatile(counts, pageIndex(off)) > 0;
            }
        }
        return false;
    }

    private Region rangeRegion(String op, long addr, long n) {
        if ((addr & PAGE_MASK) != 0 || (n & PAGE_MASK) != 0 || n <= 0) {
            throw new IllegalArgumentException(
                    String.format("%s: 0x%x, 0x%x is not a page-aligned range", op, addr, n));
        }
        Region r = regionAt(addr);
        if (r == null || Long.compareUnsigned(n, r.end() - addr) > 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s: [0x%x, 0x%x) is not inside one reserved region",
                            op, addr, addr + n));
        }
        return r;
    }

    /**
     * Accounts for the block at region offset {@code off} leaving residency ({@code old} was its
     * entry).
     */
    private void drop(Region r, long off, byte[] old) {
        if (old != null && old != ZERO) {
            counted(r, off, -1);
        }
    }

    /**
     * Adds {@code delta} to the count of resident blocks of the page at region offset {@code off};
     * the page is resident while its count is positive. A drop may overtake the count of the write
     * that made its block resident, so a count may briefly go to -1; only the steps between 0 and 1
     * change {@link #residentPages}, so the total is exact whenever no change is in flight.
     */
    private void counted(Region r, long off, int delta) {
        int[] counts = r.resident[(int) (off >>> CHUNK_SHIFT)];
        int old = (int) COUNT.getAndAdd(counts, pageIndex(off), delta);
        if (delta > 0 && old == 0) {
            residentPages.incrementAndGet();
        } else if (delta < 0 && old == 1) {
            residentPages.decrementAndGet();
        }
    }

    private static int pageIndex(long off) {
        return (int) (off >>> PhysPageShift) & (CHUNK_PAGES - 1);
    }

    private static int blockIndex(long off) {
        return (int) (off >>> BlockShift) & (CHUNK_BLOCKS - 1);
    }

    // ---- block lookup ----

    /**
     * The hot path's page-table entry for {@code a}, read plainly: null when unmapped (or a mapping
     * not yet visible to this thread), ZERO when not resident, else the block.
     */
    private byte[] pte(long a) {
        for (Region r : fastRegions) {
            long off = a - r.base;
            if (Long.compareUnsigned(off, r.size) < 0) {
                byte[][] chunk = r.dir[(int) (off >>> CHUNK_SHIFT)];
                return chunk == null
                        ? null
                        : chunk[(int) (off >>> BlockShift) & (CHUNK_BLOCKS - 1)];
            }
        }
        return null;
    }

    /**
     * The entry for {@code a} read with volatile semantics (the truth) for slow paths and atomics.
     */
    private byte[] entry(long a) {
        for (Region r : regions) {
            long off = a - r.base;
            if (Long.compareUnsigned(off, r.size) < 0) {
                byte[][] chunk = (byte[][]) DIR.getVolatile(r.dir, (int) (off >>> CHUNK_SHIFT));
                return chunk == null ? null : (byte[]) PTE.getVolatile(chunk, blockIndex(off));
            }
        }
        return null;
    }

    /** The block to read {@code a} from (ZERO when not resident); faults when unmapped. */
    private byte[] readPage(long a) {
        byte[] p = pte(a);
        if (p == null) {
            p = entry(a);
            if (p == null) {
                throw new Fault(a, false, Fault.Cause.UNMAPPED);
            }
        }
        return p;
    }

    /** The block to write {@code a} to, made resident if it was not; faults when unmapped. */
    private byte[] writePage(long a) {
        byte[] p = pte(a);
        return p != null && p != ZERO ? p : makeResident(a);
    }

    private byte[] makeResident(long a) {
        for (Region r : regions) {
            long off = a - r.base;
            if (Long.compareUnsigned(off, r.size) < 0) {
                byte[][] chunk = (byte[][]) DIR.getVolatile(r.dir, (int) (off >>> CHUNK_SHIFT));
                if (chunk == null) {
                    break;
                }
                int i = blockIndex(off);
                byte[] fresh = null;
                for (; ; ) {
                    byte[] p = (byte[]) PTE.getVolatile(chunk, i);
                    if (p == null) {
                        throw new Fault(a, true, Fault.Cause.UNMAPPED);
                    }
                    if (p != ZERO) {
                        return p;
                    }
                    if (fresh == null) {
                        fresh = new byte[BlockSize];
                    }
                    if (PTE.compareAndSet(chunk, i, ZERO, fresh)) {
                        counted(r, off, 1);
                        return fresh;
                    }
                }
            }
        }
        throw new Fault(a, true, Fault.Cause.UNMAPPED);
    }

    /** The block after the one holding {@code a}. */
    private static long nextBlock(long a) {
        return (a | BLOCK_MASK) + 1;
    }

    /**
     * The page-table chunk covering {@code a}: entry {@code (a - start) >>> BlockShift} of {@code
     * entries} is a's block. The CPU keeps the last one to refill its TLB without walking the
     * regions; a chunk array stays the same while its range is mapped, and its entries are read as
     * {@link #pte} reads them.
     */
    public record Chunk(long start, byte[][] entries) {}

    /** The chunk covering {@code a}, or null when nothing of its 4 MiB is mapped. */
    public Chunk chunkAt(long a) {
        for (Region r : regions) {
            long off = a - r.base;
            if (Long.compareUnsigned(off, r.size) < 0) {
                int d = (int) (off >>> CHUNK_SHIFT);
                byte[][] chunk = (byte[][]) DIR.getVolatile(r.dir, d);
                return chunk == null ? null : new Chunk(r.base + ((long) d << CHUNK_SHIFT), chunk);
            }
        }
        return null;
    }

    /** Whether a chunk entry is a resident block (not unmapped, not the shared zero block). */
    public static boolean isResident(byte[] entry) {
        return entry != null && entry != ZERO;
    }

    /**
     * Whether a chunk entry is the shared zero block: mapped, never written since mapped or
     * discarded.
     */
    public static boolean isZeroBlock(byte[] entry) {
        return entry == ZERO;
    }

    // ---- loads ----

    /** The byte at {@code a}, zero-extended. */
    public int load8(long a) {
        byte[] p = pte(a);
        if (p == null) {
            p = readPage(a);
        }
        return p[((int) a & BLOCK_MASK)] & 0xff;
    }

    /** The 16-bit little-endian value at {@code a}, zero-extended. */
    public int load16(long a) {
        int o = (int) a & BLOCK_MASK;
        if (o <= BlockSize - 2) {
            byte[] p = pte(a);
            if (p != null) {
                return (short) LE16.get(p, o) & 0xffff;
            }
        }
        return (int) loadSlow(a, 2);
    }

    /** The 32-bit little-endian value at {@code a}. */
    public int load32(long a) {
        int o = (int) a & BLOCK_MASK;
        if (o <= BlockSize - 4) {
            byte[] p = pte(a);
            if (p != null) {
                return (int) LE32.get(p, o);
            }
        }
        return (int) loadSlow(a, 4);
    }

    /** The 64-bit little-endian value at {@code a}. */
    public long load64(long a) {
        int o = (int) a & BLOCK_MASK;
        if (o <= BlockSize - 8) {
            byte[] p = pte(a);
            if (p != null) {
                return (long) LE64.get(p, o);
            }
        }
        return loadSlow(a, 8);
    }

    /** The pointer (uintptr) at {@code a}: 8 bytes on amd64, 4 zero-extended bytes on arm. */
    public long loadp(long a) {
        return ptr64 ? load64(a) : load32(a) & 0xffffffffL;
    }

    /** An n-byte load off the fast path: unresolved in-page, or straddling two blocks. */
    private long loadSlow(long a, int n) {
        int o = (int) a & BLOCK_MASK;
        byte[] p1 = readPage(a);
        if (o <= BlockSize - n) {
            return loadBytes(p1, o, n);
        }
        byte[] p2 = readPage(nextBlock(a));
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            int oi = o + i;
            byte b = oi < BlockSize ? p1[oi] : p2[oi - BlockSize];
            v = v << 8 | (b & 0xff);
        }
        return v;
    }

    private static long loadBytes(byte[] p, int i, int n) {
        switch (n) {
            case 2:
                return (short) LE16.get(p, i) & 0xffff;
            case 4:
                return (int) LE32.get(p, i);
            default:
                return (long) LE64.get(p, i);
        }
    }

    // ---- stores ----

    /** Stores the low 8 bits of {@code v} at {@code a}. */
    public void store8(long a, int v) {
        byte[] p = pte(a);
        if (p == null || p == ZERO) {
            p = makeResident(a);
        }
        p[((int) a & BLOCK_MASK)] = (byte) v;
    }

    /** Stores the low 16 bits of {@code v} at {@code a}, little-endian. */
    public void store16(long a, int v) {
        int o = (int) a & BLOCK_MASK;
        if (o <= BlockSize - 2) {
            byte[] p = pte(a);
            if (p != null && p != ZERO) {
                LE16.set(p, o, (short) v);
                return;
            }
        }
        storeSlow(a, v, 2);
    }

    /** Stores {@code v} at {@code a}, little-endian. */
    public void store32(long a, int v) {
        int o = (int) a & BLOCK_MASK;
        if (o <= BlockSize - 4) {
            byte[] p = pte(a);
            if (p != null && p != ZERO) {
                LE32.set(p, o, v);
                return;
            }
        }
        storeSlow(a, v, 4);
    }

    /** Stores {@code v} at {@code a}, little-endian. */
    public void store64(long a, long v) {
        int o = (int) a & BLOCK_MASK;
        if (o <= BlockSize - 8) {
            byte[] p = pte(a);
            if (p != null && p != ZERO) {
                LE64.set(p, o, v);
                return;
            }
        }
        storeSlow(a, v, 8);
    }

    /** Stores the pointer (uintptr) {@code v} at {@code a}: 8 bytes on amd64, its low 4 on arm. */
    public void storep(long a, long v) {
        if (ptr64) {
            store64(a, v);
        } else {
            store32(a, (int) v);
        }
    }

    /** An n-byte store off the fast path. A store that would fault writes nothing. */
    private void storeSlow(long a, long v, int n) {
        int o = (int) a & BLOCK_MASK;
        if (o <= BlockSize - n) {
            byte[] p = makeResident(a);
            switch (n) {
                case 2:
                    LE16.set(p, o, (short) v);
                    break;
                case 4:
                    LE32.set(p, o, (int) v);
                    break;
                default:
                    LE64.set(p, o, v);
                    break;
            }
            return;
        }
        long next = nextBlock(a);
        if (entry(a) == null) {
            throw new Fault(a, true, Fault.Cause.UNMAPPED);
        }
        if (entry(next) == null) {
            throw new Fault(next, true, Fault.Cause.UNMAPPED);
        }
        byte[] p1 = makeResident(a);
        byte[] p2 = makeResident(next);
        for (int i = 0; i < n; i++, v >>>= 8) {
            int oi = o + i;
            if (oi < BlockSize) {
                p1[oi] = (byte) v;
            } else {
                p2[oi - BlockSize] = (byte) v;
            }
        }
    }

    // ---- bulk ----

    /**
     * Copies {@code len} bytes of {@code src} from {@code off} to simulated memory at {@code dst}.
     */
    public void copyIn(long dst, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        while (len > 0) {
            int o = (int) dst & BLOCK_MASK;
            int k = Math.min(len, BlockSize - o);
            System.arraycopy(src, off, writePage(dst), o, k);
            dst += k;
            off += k;
            len -= k;
        }
    }

    /**
     * Copies {@code len} bytes of simulated memory at {@code src} into {@code dst} from {@code
     * off}.
     */
    public void copyOut(long src, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        while (len > 0) {
            int o = (int) src & BLOCK_MASK;
            int k = Math.min(len, BlockSize - o);
            System.arraycopy(readPage(src), o, dst, off, k);
            src += k;
            off += k;
            len -= k;
        }
    }

    /** The {@code n} bytes at {@code a}, as a new array. */
    public byte[] read(long a, int n) {
        byte[] b = new byte[n];
        copyOut(a, b, 0, n);
        return b;
    }

    /**
     * Copies {@code n} bytes from {@code src} to {@code dst}; the ranges may overlap
     * (runtime·memmove). It copies in block-bounded pieces, upward when {@code dst} is not inside
     * {@code (src, src+n)} and downward otherwise, so an overlapping copy never reads a byte it has
     * already overwritten. A fault ends the copy where it happened, the pieces before it done.
     */
    public void memmove(long dst, long src, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("memmove: negative length " + n);
        }
        if (Long.compareUnsigned(dst - src, n) >= 0) {
            while (n > 0) {
                int so = (int) src & BLOCK_MASK;
                int d0 = (int) dst & BLOCK_MASK;
                int k = (int) Math.min(n, BlockSize - Math.max(so, d0));
                movePiece(dst, d0, src, so, k);
                src += k;
                dst += k;
                n -= k;
            }
        } else {
            long send = src + n;
            long dend = dst + n;
            while (n > 0) {
                int sr = ((int) (send - 1) & BLOCK_MASK) + 1;
                int dr = ((int) (dend - 1) & BLOCK_MASK) + 1;
                int k = (int) Math.min(n, Math.min(sr, dr));
                send -= k;
                dend -= k;
                movePiece(dend, dr - k, send, sr - k, k);
                n -= k;
            }
        }
    }

    private void movePiece(long dst, int dOff, long src, int sOff, int k) {
        byte[] sp = readPage(src);
        byte[] dp;
        if (sp == ZERO) {
            dp = pte(dst);
            if (dp == null) {
                dp = entry(dst);
                if (dp == null) {
                    throw new Fault(dst, true, Fault.Cause.UNMAPPED);
                }
            }
            if (dp == ZERO) {
                return; // zeros onto zeros: the block stays non-resident
            }
        } else {
            dp = writePage(dst);
        }
        System.arraycopy(sp, sOff, dp, dOff, k);
    }

    /**
     * Moves {@code n} bytes from {@code src} to {@code dst} when the source dies with the move, as
     * copystack's old stack does (it is freed right after). Where both ranges hold a whole block at
     * the same offset, the two page-table entries change places, as mremap moves pages rather than
     * bytes; the rest is copied as by {@link #memmove}. Afterwards {@code dst} holds what {@code
     * src} held and {@code src} holds unspecified bytes (what {@code dst} held). Overlapping or
     * differently aligned ranges are simply copied. Residency follows the blocks.
     */
    public void transfer(long dst, long src, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("transfer: negative length " + n);
        }
        if (((dst ^ src) & BLOCK_MASK) != 0
                || Long.compareUnsigned(dst - src, n) < 0
                || Long.compareUnsigned(src - dst, n) < 0) {
            memmove(dst, src, n);
            return;
        }
        long head = Math.min(n, -src & BLOCK_MASK);
        memmove(dst, src, head);
        dst += head;
        src += head;
        n -= head;
        while (n >= BlockSize) {
            // the blocks up to the next chunk boundary of either range share their chunks
            Region rd = regionAt(dst);
            Region rs = regionAt(src);
            long od = rd == null ? 0 : dst - rd.base;
            long os = rs == null ? 0 : src - rs.base;
            byte[][] cd =
                    rd == null
                            ? null
                            : (byte[][]) DIR.getVolatile(rd.dir, (int) (od >>> CHUNK_SHIFT));
            byte[][] cs =
                    rs == null
                            ? null
                            : (byte[][]) DIR.getVolatile(rs.dir, (int) (os >>> CHUNK_SHIFT));
            long run =
                    Math.min(
                                    n,
                                    Math.min(
                                            CHUNK_BYTES - (od & (CHUNK_BYTES - 1)),
                                            CHUNK_BYTES - (os & (CHUNK_BYTES - 1))))
                            & ~(long) BLOCK_MASK;
            for (long k = 0; k < run; k += BlockSize) {
                if (cd == null || cs == null || !swapBlocks(rd, cd, od + k, rs, cs, os + k)) {
                    memmove(dst + k, src + k, BlockSize); // copies, or faults where memmove would
                }
            }
            dst += run;
            src += run;
            n -= run;
        }
        memmove(dst, src, n);
    }

    /**
     * Exchanges the page-table entries of the blocks at region offsets {@code od} of {@code rd} (in
     * chunk {@code cd}) and {@code os} of {@code rs} (in {@code cs}); false, having changed
     * nothing, when either is unmapped or an entry changed under it.
     */
    private boolean swapBlocks(Region rd, byte[][] cd, long od, Region rs, byte[][] cs, long os) {
        int id = blockIndex(od);
        int is = blockIndex(os);
        byte[] q = cd[id];
        byte[] p = cs[is];
        if (p == null || q == null) {
            return false;
        }
        if (p == q) {
            return true; // zeros onto zeros
        }
        if (!PTE.compareAndSet(cd, id, q, p)) {
            return false;
        }
        if (!PTE.compareAndSet(cs, is, p, q)) {
            PTE.compareAndSet(cd, id, p, q);
            return false;
        }
        if (p != ZERO && q == ZERO) {
            counted(rd, od, 1);
            counted(rs, os, -1);
        } else if (p == ZERO && q != ZERO) {
            counted(rd, od, -1);
            counted(rs, os, 1);
        }
        return true;
    }

    /** Sets {@code n} bytes at {@code a} to zero (runtime·memclr); blocks not resident stay so. */
    public void memclr(long a, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("memclr: negative length " + n);
        }
        while (n > 0) {
            int o = (int) a & BLOCK_MASK;
            int k = (int) Math.min(n, BlockSize - o);
            byte[] p = pte(a);
            if (p == null) {
                p = entry(a);
                if (p == null) {
                    throw new Fault(a, true, Fault.Cause.UNMAPPED);
                }
            }
            if (p != ZERO) {
                // a copy from the never-written zero page: the JIT's arraycopy stub stores wide
                // words, where Arrays.fill on a byte[] may be compiled to a loop of byte stores
                System.arraycopy(ZERO, 0, p, o, k);
            }
            a += k;
            n -= k;
        }
    }

    // ---- atomics (runtime·cas, xadd, xchg, atomicload, atomicstore and their 64-bit and p forms)
    // ----

    /** runtime·cas: if the 32-bit word at {@code a} is {@code old}, sets it to {@code nw}. */
    public boolean cas(long a, int old, int nw) {
        if (locked(a, 4, true)) {
            synchronized (lock(a)) {
                if (load32(a) != old) {
                    return false;
                }
                store32(a, nw);
                return true;
            }
        }
        return LE32.compareAndSet(atomicWritePage(a), (int) a & BLOCK_MASK, old, nw);
    }

    /** runtime·xadd: adds {@code delta} to the 32-bit word at {@code a}; returns the new value. */
    public int xadd(long a, int delta) {
        if (locked(a, 4, true)) {
            synchronized (lock(a)) {
                int v = load32(a) + delta;
                store32(a, v);
                return v;
            }
        }
        return (int) LE32.getAndAdd(atomicWritePage(a), (int) a & BLOCK_MASK, delta) + delta;
    }

    /** runtime·xchg: sets the 32-bit word at {@code a} to {@code v}; returns the old value. */
    public int xchg(long a, int v) {
        if (locked(a, 4, true)) {
            synchronized (lock(a)) {
                int old = load32(a);
                store32(a, v);
                return old;
            }
        }
        return (int) LE32.getAndSet(atomicWritePage(a), (int) a & BLOCK_MASK, v);
    }

    /** runtime·atomicload: the 32-bit word at {@code a}, read sequentially consistently. */
    public int atomicload(long a) {
        if (locked(a, 4, false)) {
            synchronized (lock(a)) {
                return load32(a);
            }
        }
        return (int) LE32.getVolatile(atomicReadPage(a), (int) a & BLOCK_MASK);
    }

    /** runtime·atomicstore: sets the 32-bit word at {@code a}, sequentially consistently. */
    public void atomicstore(long a, int v) {
        if (locked(a, 4, true)) {
            synchronized (lock(a)) {
                store32(a, v);
            }
            return;
        }
        LE32.setVolatile(atomicWritePage(a), (int) a & BLOCK_MASK, v);
    }

    /** runtime·cas64. */
    public boolean cas64(long a, long old, long nw) {
        if (locked(a, 8, true)) {
            synchronized (lock(a)) {
                if (load64(a) != old) {
                    return false;
                }
                store64(a, nw);
                return true;
            }
        }
        return LE64.compareAndSet(atomicWritePage(a), (int) a & BLOCK_MASK, old, nw);
    }

    /** runtime·xadd64: returns the new value. */
    public long xadd64(long a, long delta) {
        if (locked(a, 8, true)) {
            synchronized (lock(a)) {
                long v = load64(a) + delta;
                store64(a, v);
                return v;
            }
        }
        return (long) LE64.getAndAdd(atomicWritePage(a), (int) a & BLOCK_MASK, delta) + delta;
    }

    /** runtime·xchg64: returns the old value. */
    public long xchg64(long a, long v) {
        if (locked(a, 8, true)) {
            synchronized (lock(a)) {
                long old = load64(a);
                store64(a, v);
                return old;
            }
        }
        return (long) LE64.getAndSet(atomicWritePage(a), (int) a & BLOCK_MASK, v);
    }

    /** runtime·atomicload64. */
    public long atomicload64(long a) {
        if (locked(a, 8, false)) {
            synchronized (lock(a)) {
                return load64(a);
            }
        }
        return (long) LE64.getVolatile(atomicReadPage(a), (int) a & BLOCK_MASK);
    }

    /** runtime·atomicstore64. */
    public void atomicstore64(long a, long v) {
        if (locked(a, 8, true)) {
            synchronized (lock(a)) {
                store64(a, v);
            }
            return;
        }
        LE64.setVolatile(atomicWritePage(a), (int) a & BLOCK_MASK, v);
    }

    /** runtime·casp: cas on a pointer-sized word. */
    public boolean casp(long a, long old, long nw) {
        return ptr64 ? cas64(a, old, nw) : cas(a, (int) old, (int) nw);
    }

    /** runtime·atomicloadp, zero-extended on arm. */
    public long atomicloadp(long a) {
        return ptr64 ? atomicload64(a) : atomicload(a) & 0xffffffffL;
    }

    /** runtime·atomicstorep. */
    public void atomicstorep(long a, long v) {
        if (ptr64) {
            atomicstore64(a, v);
        } else {
            atomicstore(a, (int) v);
        }
    }

    /** runtime·xchgp: returns the old pointer, zero-extended on arm. */
    public long xchgp(long a, long v) {
        return ptr64 ? xchg64(a, v) : xchg(a, (int) v) & 0xffffffffL;
    }

    /** Whether this Memory does its atomics with VarHandles (true) or with its lock table. */
    public boolean lockFreeAtomics() {
        return viewAtomics;
    }

    /**
     * Whether the atomic of {@code size} bytes at {@code a} takes a lock from {@code locktab}:
     * always when the JVM has no atomic byte-array views, and for a 64-bit atomic on a word that is
     * only 4-aligned where the arch allows it (arm). Faults when {@code a} is misaligned.
     */
    private boolean locked(long a, int size, boolean write) {
        if ((a & (size - 1)) == 0) {
            return !viewAtomics;
        }
        if (size == 8 && lockedUnaligned64 && (a & 3) == 0) {
            return true;
        }
        throw new Fault(a, write, Fault.Cause.MISALIGNED);
    }

    /**
     * atomic_arm.c's LOCK(addr): the lock of the 8-byte word holding {@code a}, so that a 32-bit
     * and a 64-bit atomic on the same word exclude each other.
     */
    private Object lock(long a) {
        return locktab[(int) ((a >>> 3) % locktab.length)];
    }

    /** The block of an atomic read-modify-write or store, made resident; looked up volatilely. */
    private byte[] atomicWritePage(long a) {
        byte[] p = entry(a);
        return p != null && p != ZERO ? p : makeResident(a);
    }

    /** The block of an atomic load, looked up volatilely; faults when unmapped. */
    private byte[] atomicReadPage(long a) {
        byte[] p = entry(a);
        if (p == null) {
            throw new Fault(a, false, Fault.Cause.UNMAPPED);
        }
        return p;
    }

    // ---- VarHandle mechanics ----

    /**
     * Little-endian views of a block (byte[]) as shorts, ints and longs; the CPU's TLB uses them
     * too.
     */
    public static final VarHandle LE16 =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    public static final VarHandle LE32 =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE64 =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Resident-block counts: elements of a region's per-chunk count array. */
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(int[].class);

    /** Page-table entries: elements of a chunk. */
    private static final VarHandle PTE = MethodHandles.arrayElementVarHandle(byte[][].class);

    /** Directory entries: elements of a region's directory. */
    private static final VarHandle DIR = MethodHandles.arrayElementVarHandle(byte[][][].class);

    /** The JVM's answer for {@link #probeViewAtomics()}, asked once. */
    private static final boolean VIEW_ATOMICS = probeViewAtomics();

    /**
     * Whether this JVM supports atomic access modes on byte-array views. JDK 17 to 21 do (at
     * indexes whose address is aligned; the data of a byte[] starts 8-aligned there). JDK 22 made
     * them throw UnsupportedOperationException (JDK-8318966: the alignment of a heap array's
     * elements is not guaranteed), so on JDK 22 and later every atomic takes the lock table.
     */
    private static boolean probeViewAtomics() {
        try {
            byte[] b = new byte[16];
            return LE64.compareAndSet(b, 8, 0L, 1L)
                    && LE32.compareAndSet(b, 0, 0, 1)
                    && (long) LE64.getAndAdd(b, 8, 1L) == 1L;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return false;
        }
    }
}
