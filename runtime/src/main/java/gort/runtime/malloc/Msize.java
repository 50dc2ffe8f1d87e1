package gort.runtime.malloc;

/**
 * msize.c at 0a7c7ac80: malloc's size classes and the tables that map a request to its class. The
 * tables are a pure function of malloc.h's constants (the same for both PtrSizes), so gort computes
 * them once per JVM and never changes them after: they are constants, not process state.
 *
 * <p>A small request of n bytes (n &lt;= MaxSmallSize) is served from class {@code
 * size_to_class8[(n+7)>>3]} when n &lt;= 1024-8, else {@code size_to_class128[(n-1024+127)>>7]};
 * class c's objects are {@code class_to_size[c]} bytes, carved from spans of {@code
 * class_to_allocnpages[c]} pages.
 */
public final class Msize {
    private Msize() {}

    public static final int PageShift = 13;
    public static final long PageSize = 1L << PageShift;
    public static final long PageMask = PageSize - 1;
    public static final int NumSizeClasses = 67;
    public static final int MaxSmallSize = 32 << 10;
    public static final int TinySize = 16;
    public static final int TinySizeClass = 2;

    private static final int[] CLASS_TO_SIZE = new int[NumSizeClasses];
    private static final int[] CLASS_TO_ALLOCNPAGES = new int[NumSizeClasses];
    private static final byte[] SIZE_TO_CLASS8 = new byte[1024 / 8 + 1];
    private static final byte[] SIZE_TO_CLASS128 = new byte[(MaxSmallSize - 1024) / 128 + 1];

    static {
        InitSizes(CLASS_TO_SIZE, CLASS_TO_ALLOCNPAGES, SIZE_TO_CLASS8, SIZE_TO_CLASS128);
    }

    /** runtime·class_to_size[c]. */
    public static int class_to_size(int c) {
        return CLASS_TO_SIZE[c];
    }

    /** runtime·class_to_allocnpages[c]. */
    public static int class_to_allocnpages(int c) {
        return CLASS_TO_ALLOCNPAGES[c];
    }

    /** runtime·size_to_class8[i]. */
    public static int size_to_class8(int i) {
        return SIZE_TO_CLASS8[i];
    }

    /** runtime·size_to_class128[i]. */
    public static int size_to_class128(int i) {
        return SIZE_TO_CLASS128[i];
    }

    /**
     * Fills the four tables: class sizes whose alignment grows with the size, each class with
     * enough pages that at most an eighth of its span is waste, neighbours that fit as many objects
     * in as many pages merged; then the two lookup tables. Port of msize.c runtime·InitSizes
     * (0a7c7ac80). gort differs: it fills the given arrays (the JVM's one copy, see the class
     * comment) rather than globals, and mstats.by_size[].size is filled by {@link MStats}; the
     * disabled self-check and testdefersizes (panic.c's, checked by the panic module) are left out.
     * A failure is an IllegalStateException with C's throw text: it cannot depend on a process.
     */
    static void InitSizes(
            int[] class_to_size,
            int[] class_to_allocnpages,
            byte[] size_to_class8,
            byte[] size_to_class128) {
        class_to_size[0] = 0;
        int sizeclass = 1;
        int align = 8;
        for (int size = align; size <= MaxSmallSize; size += align) {
            if ((size & (size - 1)) == 0) {
                if (size >= 2048) {
                    align = 256;
                } else if (size >= 128) {
                    align = size / 8;
                } else if (size >= 16) {
                    align = 16;
                }
            }
            if ((align & (align - 1)) != 0) {
                throw new IllegalStateException("InitSizes - bug");
            }
            long allocsize = PageSize;
            while (allocsize % size > allocsize / 8) {
                allocsize += PageSize;
            }
            int npages = (int) (allocsize >> PageShift);
            if (sizeclass > 1
                    && npages == class_to_allocnpages[sizeclass - 1]
                    && allocsize / size == allocsize / class_to_size[sizeclass - 1]) {
                class_to_size[sizeclass - 1] = size;
                continue;
            }
            class_to_allocnpages[sizeclass] = npages;
            class_to_size[sizeclass] = size;
            sizeclass++;
        }
        if (sizeclass != NumSizeClasses) {
            throw new IllegalStateException(
                    "sizeclass="
                            + sizeclass
                            + " NumSizeClasses="
                            + NumSizeClasses
                            + "\nInitSizes - bad NumSizeClasses");
        }
        int nextsize = 0;
        for (sizeclass = 1; sizeclass < NumSizeClasses; sizeclass++) {
            for (; nextsize < 1024 && nextsize <= class_to_size[sizeclass]; nextsize += 8) {
                size_to_class8[nextsize / 8] = (byte) sizeclass;
            }
            if (nextsize >= 1024) {
                for (; nextsize <= class_to_size[sizeclass]; nextsize += 128) {
                    size_to_class128[(nextsize - 1024) / 128] = (byte) sizeclass;
                }
            }
        }
    }

    /**
     * The class serving a request of {@code size} bytes. Port of msize.c runtime·SizeToClass
     * (0a7c7ac80); a size above MaxSmallSize is C's throw, here an IllegalArgumentException with
     * its text (no process to end).
     */
    public static int SizeToClass(int size) {
        if (size > MaxSmallSize) {
            throw new IllegalArgumentException("SizeToClass - invalid size");
        }
        if (size > 1024 - 8) {
            return SIZE_TO_CLASS128[(size - 1024 + 127) >> 7];
        }
        return SIZE_TO_CLASS8[(size + 7) >> 3];
    }

    /**
     * The size mallocgc really gives a request of {@code size} bytes: its class's size when small,
     * else whole pages. Port of msize.c runtime·roundupsize (0a7c7ac80).
     */
    public static long roundupsize(long size) {
        if (Long.compareUnsigned(size, MaxSmallSize) < 0) {
            if (size <= 1024 - 8) {
                return CLASS_TO_SIZE[SIZE_TO_CLASS8[(int) ((size + 7) >> 3)]];
            }
            return CLASS_TO_SIZE[SIZE_TO_CLASS128[(int) ((size - 1024 + 127) >> 7)]];
        }
        if (Long.compareUnsigned(size + PageSize, size) < 0) {
            return size;
        }
        return (size + PageSize - 1) & ~PageMask;
    }
}
