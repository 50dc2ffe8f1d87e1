package gort.runtime.mem;

import gort.runtime.arch.Arch;
import java.util.Objects;

/**
 * Where a Go process of 2014 keeps things: the addresses of malloc.c's mallocinit reservation at
 * 0a7c7ac80 and of the main thread's OS stack, for each simulated arch, so that pointers look as
 * they did in Go (0xc208000000 on amd64, 0x10300000 on arm).
 *
 * <h2>The heap reservation</h2>
 *
 * <p>mallocinit reserves one range and lays out, from its base p: the span table ({@code spans}),
 * the GC bitmap ({@code bitmap}), then the arena ({@code arena_start}). It maps nothing;
 * MHeap_SysAlloc maps the arena as {@code arena_used} grows, and MHeap_MapSpans and MHeap_MapBits
 * map the parts of the tables that cover it.
 *
 * <ul>
 *   <li>amd64 (64-bit): MaxMem = 128 GB (MHeapMap_Bits 37 - PageShift 13), bitmap 4 bits per word =
 *       8 GB, spans 128 GB / 8 KiB pages * 8 = 128 MiB; p = 0x00c0 &lt;&lt; 32 = 0xc000000000, the
 *       first address SysReserve is asked for. So arena_start = 0xc000000000 + 128 MiB + 8 GB =
 *       0xc208000000, and arena_end = p + p_size = 0xe208002000 (p_size adds one malloc PageSize
 *       for rounding). The whole reservation is one {@link Region} named "heap".
 *   <li>arm (32-bit): there is no giant reservation. The bitmap covers MaxArena32 = 2 GB of arena
 *       (256 MiB), spans 2 GB / 8 KiB * 4 = 1 MiB, and the first arena reservation is 512 MiB. p is
 *       the program's end rounded as malloc.c rounds it: {@code ROUND(end + (1<<18), 1<<20)}. A
 *       linux/arm binary's text starts at 0x10000 + HEADR (5l) and a small Go program of 2014 ends
 *       below 0x1c0000, so gort takes p = 0x200000; then arena_start = 0x200000 + 1 MiB + 256 MiB =
 *       0x10300000 and arena_end = 0x30302000. MHeap_SysAlloc later extends the arena, 256 MiB at a
 *       time, up to arena_start + MaxArena32; gort reserves that whole extent up front (to
 *       0x90300000) so the extension can be mapped in place, which is what SysReserve at arena_end
 *       does when the kernel cooperates.
 * </ul>
 *
 * <h2>Stacks</h2>
 *
 * <p>As in Go at this commit, goroutine stacks are carved from the heap: stackalloc takes them from
 * the stack cache and the stack pool, which take spans from the heap (MHeap_AllocStack), and g0
 * stacks of new Ms come from malg(8192) the same way. So a stack is a contiguous range of the arena
 * that copystack can copy and adjustpointers rewrite, its addresses look as Go's did (0xc2080...),
 * and one allocator serves heap objects and stacks. gort keeps no separate stack region for
 * goroutines. Lazy residency does the rest: a new G's 8 KiB stack costs only the pages its frames
 * and its Stktop touch.
 *
 * <p>The one stack outside the heap is the main thread's OS stack, out of which rt0_go makes m0's
 * g0 stack (rt0_go carves it from the OS thread's stack: 64 KiB on amd64, 8 KiB on arm). It is the
 * Region "os stack", mapped whole (only touched pages become resident), 8 MiB below the top of user
 * space: 0x7ffffffff000 on linux/amd64, 0xbf000000 on linux/arm.
 *
 * <h2>Text</h2>
 *
 * <p>{@link #initText} is where the linker puts the first function: INITTEXT of 6l and 5l for linux
 * ((1&lt;&lt;22) + HEADR and 0x10000 + HEADR, HEADR = ELFRESERVE = 3072). Code is not in {@link
 * Memory}; the PCs are addresses from there up.
 */
public final class Layout {
    /** MaxArena32 in malloc.c: the 2 GB of arena a 32-bit bitmap covers. */
    public static final long MaxArena32 = 2L << 30;

    /** malloc.h PageSize: the heap's page (8 KiB), not the hardware's. */
    public static final long MallocPageSize = 8192;

    /** ELFRESERVE in ld/elf.h: the ELF header space before the first function. */
    public static final long ELFRESERVE = 3072;

    private static final Layout AMD64 = compute(Arch.amd64);
    private static final Layout ARM = compute(Arch.arm);

    /** The arch laid out. */
    public final Arch arch;

    /** Base of the heap reservation (mallocinit's p): spans come first. */
    public final long heapReserve;

    /** runtime·mheap.spans. */
    public final long spansStart;

    /** runtime·mheap.bitmap: the GC bitmap grows down from arena_start. */
    public final long bitmapStart;

    /** runtime·mheap.arena_start: the first heap (and stack) address. */
    public final long arenaStart;

    /** runtime·mheap.arena_end after mallocinit: p + p_size. */
    public final long arenaEnd;

    /**
     * How far the heap reservation reaches: arena_end on amd64, arena_start + MaxArena32 on arm.
     */
    public final long heapReserveEnd;

    /** The top (highest address + 1) of the main thread's OS stack. */
    public final long osStackTop;

    /** Size of the OS stack region, 8 MiB (ulimit -s). */
    public final long osStackSize;

    /** The size of the g0 stack rt0_go makes out of the OS stack. */
    public final long istackSize;

    /** Address of the first function of the text segment. */
    public final long initText;

    private Layout(
            Arch arch,
            long heapReserve,
            long spansSize,
            long bitmapSize,
            long arenaSize,
            long heapReserveEnd,
            long osStackTop,
            long istackSize,
            long initText) {
        this.arch = arch;
        this.heapReserve = heapReserve;
        this.spansStart = heapReserve;
        this.bitmapStart = heapReserve + spansSize;
        this.arenaStart = heapReserve + spansSize + bitmapSize;
        this.arenaEnd = heapReserve + spansSize + bitmapSize + arenaSize + MallocPageSize;
        this.heapReserveEnd = heapReserveEnd;
        this.osStackTop = osStackTop;
        this.osStackSize = 8L << 20;
        this.istackSize = istackSize;
        this.initText = initText;
    }

    private static Layout compute(Arch arch) {
        if (arch.PtrSize == 8) {
            long arena = 1L << 37; // MaxMem
            long bitmap = arena / (8 * 8 / 4);
            long spans = arena / MallocPageSize * 8;
            long p = 0x00c0L << 32;
            long end = p + spans + bitmap + arena + MallocPageSize;
            return new Layout(
                    arch,
                    p,
                    spans,
                    bitmap,
                    arena,
                    end,
                    0x7ffffffff000L,
                    64 << 10,
                    (1L << 22) + ELFRESERVE);
        }
        long bitmap = MaxArena32 / (4 * 8 / 4);
        long spans = MaxArena32 / MallocPageSize * 4;
        long p = 0x200000L;
        long arenaStart = p + spans + bitmap;
        return new Layout(
                arch,
                p,
                spans,
                bitmap,
                512L << 20,
                arenaStart + MaxArena32,
                0xbf000000L,
                8 << 10,
                0x10000L + ELFRESERVE);
    }

    /** Go's layout for {@code arch}. */
    public static Layout of(Arch arch) {
        return Objects.requireNonNull(arch, "arch") == Arch.amd64 ? AMD64 : ARM;
    }

    /**
     * A new address space with this layout: the region "heap" reserved (the heap maps the parts it
     * uses, as MHeap_SysAlloc does) and the region "os stack" reserved and mapped. The heap is
     * reserved first, so the hot path finds it first.
     */
    public Memory newMemory() {
        Memory mem = Memory.create(arch);
        mem.reserve("heap", heapReserve, heapReserveEnd - heapReserve);
        mem.reserve("os stack", osStackTop - osStackSize, osStackSize);
        mem.map(osStackTop - osStackSize, osStackSize);
        return mem;
    }
}
