package gort.stack;

import static gort.runtime.Stack.FixedStack;
import static gort.runtime.Stack.StackCacheSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.M;
import gort.runtime.MCache;
import gort.runtime.P;
import gort.runtime.Stktop;
import gort.runtime.arch.Arch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** stackalloc and stackfree with the per-P stack cache, the pool and dedicated spans. */
class StackCacheTest {
    ByteArrayOutputStream out;
    GoProcess process;
    Stacks stacks;
    M mp;
    MCache c;
    G gp;

    @BeforeEach
    void setUp() {
        Arch arch = Arch.amd64;
        out = new ByteArrayOutputStream();
        process =
                StackPrograms.process(
                        StackPrograms.link(
                                arch,
                                StackPrograms.main(arch, 1, true),
                                StackPrograms.rec(arch, true)),
                        out,
                        null,
                        true);
        stacks = (Stacks) process.stacks();
        mp = new M(process, 0x1000);
        mp.p = new P();
        c = mp.p.mcache;
        gp = process.newG(GStatus.Gidle);
    }

    @Test
    void aFirstSmallStackRefillsTheCacheWithHalfItsCapacityAndTakesOne() {
        long v = stacks.stackalloc(mp, gp, FixedStack);
        // refill took StackCacheSize/2 bytes of order-0 stacks; one is handed out
        assertThat(c.stackcache[0].size).isEqualTo(StackCacheSize / 2 - FixedStack);
        assertThat(c.stackcache[0].list).isNotZero();
        assertThat(v % FixedStack).isZero();
        assertThat(gp.stacksize).isEqualTo(FixedStack);
        assertThat(stacks.spansInUse()).isEqualTo(1);
    }

    @Test
    void aFreedStackGoesBackToTheCacheAndIsReusedFirst() {
        long v = stacks.stackalloc(mp, gp, FixedStack);
        stacks.stackfree(mp, gp, v, FixedStack);
        assertThat(c.stackcache[0].size).isEqualTo(StackCacheSize / 2);
        assertThat(c.stackcache[0].list).isEqualTo(v);
        assertThat(gp.stacksize).isZero();
        assertThat(stacks.stackalloc(mp, gp, FixedStack)).isEqualTo(v);
    }

    @Test
    void ordersOneAndTwoHaveTheirOwnLists() {
        long v1 = stacks.stackalloc(mp, gp, 2 * FixedStack);
        long v2 = stacks.stackalloc(mp, gp, 4 * FixedStack);
        assertThat(c.stackcache[0].size).isZero();
        assertThat(c.stackcache[1].size).isEqualTo(StackCacheSize / 2 - 2 * FixedStack);
        // order 2 stacks (32 KiB) are StackCacheSize: not cached, a span of their own
        assertThat(c.stackcache[2].size).isZero();
        // pool spans and dedicated spans come from the heap page-aligned (not size-aligned)
        assertThat(v1 % gort.runtime.malloc.Msize.PageSize).isZero();
        assertThat(v2 % gort.runtime.malloc.Msize.PageSize).isZero();
        assertThat(gp.stacksize).isEqualTo(6 * FixedStack);
    }

    @Test
    void aFullCacheReleasesHalfToThePoolBeforeTakingMore() {
        int n = StackCacheSize / FixedStack + 2; // more stacks than one cache holds
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = stacks.stackalloc(mp, gp, FixedStack);
        }
        Set<Long> distinct = new HashSet<>();
        for (long x : v) {
            distinct.add(x);
        }
        assertThat(distinct).hasSize(n);
        for (int i = 0; i < n; i++) {
            stacks.stackfree(mp, gp, v[i], FixedStack);
            assertThat(c.stackcache[0].size).isLessThanOrEqualTo((long) StackCacheSize);
        }
        assertThat(c.stackcache[0].size)
                .isBetween((long) StackCacheSize / 2, (long) StackCacheSize);
        assertThat(gp.stacksize).isZero();
    }

    @Test
    void stackcacheClearReturnsEverySpanToTheHeap() {
        long a = stacks.stackalloc(mp, gp, FixedStack);
        long b = stacks.stackalloc(mp, gp, 2 * FixedStack);
        stacks.stackfree(mp, gp, a, FixedStack);
        stacks.stackfree(mp, gp, b, 2 * FixedStack);
        assertThat(stacks.spansInUse()).isEqualTo(2);
        stacks.stackcache_clear(c);
        assertThat(c.stackcache[0].list).isZero();
        assertThat(c.stackcache[1].size).isZero();
        assertThat(stacks.spansInUse()).isZero();
    }

    @Test
    void withoutAnMcacheSmallStacksComeFromThePoolDirectly() {
        long v = stacks.stackalloc(null, gp, FixedStack);
        assertThat(c.stackcache[0].size).isZero();
        assertThat(stacks.spansInUse()).isEqualTo(1);
        stacks.stackfree(null, gp, v, FixedStack);
        assertThat(stacks.spansInUse()).isZero(); // the span's only stack came back
    }

    @Test
    void bigStacksGetADedicatedSpanFreedWhole() {
        long n = 1 << 20;
        long v = stacks.stackalloc(mp, gp, n);
        assertThat(v % gort.runtime.malloc.Msize.PageSize).isZero();
        assertThat(stacks.spansInUse()).isEqualTo(1);
        process.memory().store64(v, 7); // the stack is mapped memory
        stacks.stackfree(mp, gp, v, n);
        assertThat(stacks.spansInUse()).isZero();
        assertThat(stacks.stackalloc(mp, gp, n)).as("the freed span is reused").isEqualTo(v);
    }

    @Test
    void theStktopIsClearedOnAllocation() {
        long v = stacks.stackalloc(mp, gp, FixedStack);
        long top = v + FixedStack - Stktop.SIZE;
        process.memory().store64(top, -1);
        stacks.stackfree(mp, gp, v, FixedStack);
        assertThat(stacks.stackalloc(mp, gp, FixedStack)).isEqualTo(v);
        assertThat(process.memory().load64(top)).isZero();
    }

    @Test
    void aSizeThatIsNotAPowerOfTwoThrows() {
        assertThatThrownBy(() -> stacks.stackalloc(mp, gp, 3 * 4096))
                .isInstanceOf(GoThrow.class)
                .hasMessage("stack size not a power of 2");
        assertThatThrownBy(() -> stacks.stackfree(mp, gp, 0x1000, 3 * 4096))
                .isInstanceOf(GoThrow.class)
                .hasMessage("stack not a power of 2");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "fatal error: stack size not a power of 2\nfatal error: stack not a power of 2\n");
    }

    @Test
    void freeingABigStackOutsideTheHeapIsStackfreesThrow() {
        long bogus = 0x10000000L; // below the arena: the heap has no span for it
        assertThatThrownBy(() -> stacks.stackfree(mp, gp, bogus, 1 << 20))
                .isInstanceOf(GoThrow.class)
                .hasMessage("bad span state");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("0x0 0x10000000\nfatal error: bad span state\n");
    }
}
