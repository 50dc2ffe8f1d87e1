package gort.runtime.mem;

/**
 * A reserved range of addresses, SysReserve's result: nothing in it is accessible until {@link
 * Memory#map mapped}. It owns the page table for its range.
 *
 * <p>The page table has two levels so that a large reservation (the 136 GB heap reservation of
 * amd64) costs only what is mapped: a directory entry per 4 MiB of addresses, made when part of
 * that range is first mapped, points to a chunk of page-table entries, one per block of {@link
 * Memory#BlockSize} bytes (a page is several blocks). An entry is one of
 *
 * <pre>
 *   null            unmapped: every access faults
 *   Memory.ZERO     mapped, not resident: reads see zeros, the first write makes a block
 *   a byte[]        mapped and resident: the block's contents
 * </pre>
 *
 * Beside each chunk, {@link #resident} counts the resident blocks of each of its pages. Directory
 * entries are written only by {@link Memory#map} (under the region's monitor) and cleared only by
 * {@link Memory#release} when the process has ended; page-table entries change as {@link Memory}
 * describes.
 *
 * <p>A Region is immutable apart from its tables, so a reference to one may be cached freely.
 */
public final class Region {
    private final String name;
    final long base;
    final long size;

    /** dir[off >>> CHUNK_SHIFT][(off >>> BlockShift) & (CHUNK_BLOCKS - 1)] is off's entry. */
    final byte[][][] dir;

    /**
     * resident[off >>> CHUNK_SHIFT][(off >>> PhysPageShift) & (CHUNK_PAGES - 1)] counts the
     * resident blocks of off's page; made with its chunk, before the chunk is published.
     */
    final int[][] resident;

    Region(String name, long base, long size) {
        this.name = name;
        this.base = base;
        this.size = size;
        this.dir = new byte[(int) ((size + Memory.CHUNK_BYTES - 1) >>> Memory.CHUNK_SHIFT)][][];
        this.resident = new int[dir.length][];
    }

    /** The name the reservation was made under, e.g. "heap". */
    public String name() {
        return name;
    }

    /** The lowest address of the range. */
    public long base() {
        return base;
    }

    /** Its length in bytes, a multiple of {@link Memory#PhysPageSize}. */
    public long size() {
        return size;
    }

    /** The first address above the range. */
    public long end() {
        return base + size;
    }

    /** Whether {@code addr} lies in the range (mapped or not). */
    public boolean contains(long addr) {
        return Long.compareUnsigned(addr - base, size) < 0;
    }

    @Override
    public String toString() {
        return name + " [0x" + Long.toHexString(base) + ", 0x" + Long.toHexString(end()) + ")";
    }
}
