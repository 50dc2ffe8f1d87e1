package gort.runtime.malloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** msize.c's tables: the commit's class sizes, and the lookups agree with them. */
class MsizeTest {
    /**
     * class_to_size as msize.c's InitSizes computes it at 0a7c7ac80, worked by hand from its rule
     * (alignment 8, 16, size/8, then 256 from 2048; at most 1/8 of a span wasted; neighbours with
     * the same pages and count merged). Above 6144 it differs from the table of later Go releases
     * (6528, 6784, 9728, ... come from Go 1.6's mksizeclasses, whose rule is different).
     */
    static final int[] GO_CLASS_TO_SIZE = {
        0, 8, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
        352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1664,
        2048, 2304, 2560, 2816, 3072, 3328, 4096, 4608, 5376, 6144, 6400, 6656, 6912, 8192, 8448,
        8704, 9472, 10496, 12288, 13568, 14080, 16384, 16640, 17664, 20480, 21248, 24576, 24832,
        28416, 32768
    };

    @Test
    void classSizesAreGo14s() {
        int[] got = new int[Msize.NumSizeClasses];
        for (int c = 0; c < got.length; c++) {
            got[c] = Msize.class_to_size(c);
        }
        assertThat(got).containsExactly(GO_CLASS_TO_SIZE);
    }

    @Test
    void eachClassHasTheFewestPagesThatWasteAtMostAnEighth() {
        for (int c = 1; c < Msize.NumSizeClasses; c++) {
            long size = Msize.class_to_size(c);
            long bytes = Msize.class_to_allocnpages(c) * Msize.PageSize;
            assertThat(bytes % size).as("class %d", c).isLessThanOrEqualTo(bytes / 8);
            // the page count is the first that satisfies the rule for some size merged into c
            assertThat(Msize.class_to_allocnpages(c)).isBetween(1, 10);
        }
        assertThat(Msize.class_to_allocnpages(1)).isEqualTo(1);
        assertThat(Msize.class_to_allocnpages(Msize.NumSizeClasses - 1)).isEqualTo(4);
    }

    @Test
    void sizeToClassGivesTheSmallestClassThatFits() {
        for (int n = 1; n <= Msize.MaxSmallSize; n++) {
            int c = Msize.SizeToClass(n);
            assertThat(Msize.class_to_size(c)).as("size %d", n).isGreaterThanOrEqualTo(n);
            assertThat(Msize.class_to_size(c - 1)).as("size %d", n).isLessThan(n);
        }
        assertThatThrownBy(() -> Msize.SizeToClass(Msize.MaxSmallSize + 1))
                .hasMessage("SizeToClass - invalid size");
    }

    @Test
    void roundupsizeRoundsSmallToTheClassAndLargeToPages() {
        assertThat(Msize.roundupsize(0)).isEqualTo(8); // size_to_class8[0] is class 1
        assertThat(Msize.roundupsize(1)).isEqualTo(8);
        assertThat(Msize.roundupsize(9)).isEqualTo(16);
        assertThat(Msize.roundupsize(17)).isEqualTo(32);
        assertThat(Msize.roundupsize(1025)).isEqualTo(1152);
        assertThat(Msize.roundupsize(32 << 10)).isEqualTo(32 << 10);
        assertThat(Msize.roundupsize((32 << 10) + 1)).isEqualTo(40 << 10);
        assertThat(Msize.roundupsize(-1L)).isEqualTo(-1L);
    }

    @Test
    void initSizesIsTheSameComputationForEitherPtrSize() {
        int[] cs = new int[Msize.NumSizeClasses];
        int[] np = new int[Msize.NumSizeClasses];
        byte[] s8 = new byte[1024 / 8 + 1];
        byte[] s128 = new byte[(Msize.MaxSmallSize - 1024) / 128 + 1];
        Msize.InitSizes(cs, np, s8, s128);
        assertThat(cs).containsExactly(GO_CLASS_TO_SIZE);
        for (int i = 0; i < s8.length; i++) {
            assertThat(s8[i]).isEqualTo((byte) Msize.size_to_class8(i));
        }
        for (int i = 0; i < s128.length; i++) {
            assertThat(s128[i]).isEqualTo((byte) Msize.size_to_class128(i));
        }
    }
}
