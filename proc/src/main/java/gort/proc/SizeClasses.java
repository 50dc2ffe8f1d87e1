package gort.proc;

/**
 * malloc's size classes, as msize.c computes them at startup: the sizes a small allocation is
 * rounded up to. gort needs them before the heap is ported because growslice's resulting capacity
 * depends on them (a []byte grown to 1 element gets capacity 8).
 */
public final class SizeClasses {
    private SizeClasses() {}

    /** malloc.h's PageShift, PageSize, MaxSmallSize and NumSizeClasses (0a7c7ac80). */
    static final int PageShift = 13;

    static final long PageSize = 1L << PageShift;
    static final int MaxSmallSize = 32 << 10;
    static final int NumSizeClasses = 67;

    /** class_to_size: immutable once computed (a constant table, not process state). */
    private static final int[] CLASS_TO_SIZE = initSizes();

    /**
     * Chooses the class sizes: alignments grow with the size, each class's span is enough pages
     * that at most 1/8 is wasted, and neighbouring sizes that fit the same count in the same pages
     * merge. Port of msize.c runtime·InitSizes (0a7c7ac80), its first part (the size_to_class
     * lookup tables are replaced by a search in {@link #roundupsize}).
     */
    static int[] initSizes() {
        int[] classToSize = new int[NumSizeClasses];
        long[] classToAllocnpages = new long[NumSizeClasses];
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
            long allocsize = PageSize;
            while (allocsize % size > allocsize / 8) {
                allocsize += PageSize;
            }
            long npages = allocsize >> PageShift;
            if (sizeclass > 1
                    && npages == classToAllocnpages[sizeclass - 1]
                    && allocsize / size == allocsize / classToSize[sizeclass - 1]) {
                classToSize[sizeclass - 1] = size;
                continue;
            }
            classToAllocnpages[sizeclass] = npages;
            classToSize[sizeclass] = size;
            sizeclass++;
        }
        if (sizeclass != NumSizeClasses) {
            throw new IllegalStateException("InitSizes - bad NumSizeClasses");
        }
        return classToSize;
    }

    /**
     * The size malloc really gives a request of {@code size} bytes: its class's size when small,
     * else whole pages. Port of msize.c runtime·roundupsize (0a7c7ac80).
     */
    public static long roundupsize(long size) {
        if (size < MaxSmallSize) {
            for (int c = 1; c < NumSizeClasses; c++) {
                if (CLASS_TO_SIZE[c] >= size) {
                    return CLASS_TO_SIZE[c];
                }
            }
        }
        if (size + PageSize < size) {
            return size;
        }
        return (size + PageSize - 1) & -PageSize;
    }
}
