package gort.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** msize.c's size classes as InitSizes chooses them, and roundupsize. */
class SizeClassesTest {

    @Test
    void initSizesMakesGo13sSixtySevenClasses() {
        int[] c = SizeClasses.initSizes();
        assertThat(c).hasSize(67);
        assertThat(c[0]).isZero();
        assertThat(c).startsWith(0, 8, 16, 32, 48, 64, 80, 96, 112, 128, 144);
        assertThat(c[66]).isEqualTo(32 << 10);
        for (int i = 2; i < c.length; i++) {
            assertThat(c[i]).as("class %d", i).isGreaterThan(c[i - 1]);
        }
    }

    @Test
    void roundupsizeGivesTheSmallestClassOrWholePages() {
        assertThat(SizeClasses.roundupsize(1)).isEqualTo(8);
        assertThat(SizeClasses.roundupsize(8)).isEqualTo(8);
        assertThat(SizeClasses.roundupsize(9)).isEqualTo(16);
        assertThat(SizeClasses.roundupsize(17)).isEqualTo(32);
        assertThat(SizeClasses.roundupsize(1025)).isEqualTo(1152);
        assertThat(SizeClasses.roundupsize(32 << 10)).isEqualTo(32 << 10);
        assertThat(SizeClasses.roundupsize((32 << 10) + 1)).isEqualTo(40 << 10);
    }
}
