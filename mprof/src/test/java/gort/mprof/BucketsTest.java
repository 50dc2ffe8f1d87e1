package gort.mprof;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.GoProcess;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Linker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** mprof.goc's stkbucket and SetBlockProfileRate. */
class BucketsTest {
    private static GoProcess process(Arch arch) {
        return GoProcess.builder(new Linker(arch).link()).morestack(c -> {}).build();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aStackAndSizeGetOneBucketPerProfileKind(Arch arch) {
        Buckets t = Buckets.of(process(arch));
        long[] stk = {0x400c30, 0x400c40, 0};
        Buckets.Bucket b = t.stkbucket(Buckets.BProf, 0, stk, 2, true);
        assertThat(t.stkbucket(Buckets.BProf, 0, new long[] {0x400c30, 0x400c40}, 2, false))
                .isSameAs(b);
        assertThat(t.stkbucket(Buckets.BProf, 0, stk, 1, false)).isNull();
        assertThat(t.stkbucket(Buckets.BProf, 16, stk, 2, false)).isNull();
        Buckets.Bucket m = t.stkbucket(Buckets.MProf, 0, stk, 2, true);
        assertThat(m).isNotSameAs(b);
        assertThat(t.mbuckets).isSameAs(m);
        assertThat(t.bbuckets).isSameAs(b);
        assertThat(b.stk).containsExactly(0x400c30, 0x400c40);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theHashIsTheCsInTheArchsUintptr(Arch arch) {
        Buckets t = Buckets.of(process(arch));
        long pc = 0x400c30;
        // by hand: h = pc; h += h<<10; h ^= h>>6; then the size 0 round; then the finish
        long mask = arch.PtrSize == 8 ? -1L : 0xffffffffL;
        long h = pc & mask;
        h = (h + (h << 10)) & mask;
        h ^= h >>> 6;
        h = (h + (h << 10)) & mask;
        h ^= h >>> 6;
        h = (h + (h << 3)) & mask;
        h ^= h >>> 11;
        assertThat(t.stkbucket(Buckets.BProf, 0, new long[] {pc}, 1, true).hash).isEqualTo(h);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void setBlockProfileRateTurnsNanosecondsIntoTicksAndOffForZeroOrLess(Arch arch) {
        GoProcess p = process(arch);
        BlockProfile.SetBlockProfileRate(p, 1000);
        assertThat(p.blockprofilerate.get()).isEqualTo(1000);
        BlockProfile.SetBlockProfileRate(p, 1);
        assertThat(p.blockprofilerate.get()).isEqualTo(1);
        BlockProfile.SetBlockProfileRate(p, -5);
        assertThat(p.blockprofilerate.get()).isZero();
        BlockProfile.SetBlockProfileRate(p, 0);
        assertThat(p.blockprofilerate.get()).isZero();
    }
}
