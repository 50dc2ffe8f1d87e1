package gort.runtime.malloc;

import static gort.runtime.malloc.HeapBits.BitsDead;
import static gort.runtime.malloc.HeapBits.BitsPointer;
import static gort.runtime.malloc.HeapBits.BitsScalar;
import static gort.runtime.malloc.HeapBits.bitBoundary;
import static gort.runtime.malloc.Malloc.FlagNoScan;
import static gort.runtime.malloc.Malloc.FlagNoZero;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.arch.Arch;
import gort.runtime.type.Type;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** malloc.go gomallocgc: the tiny, small and large paths, the bitmap, memstats, out of memory. */
class MallocgcTest {
    static final int P = BitsPointer << 2;
    static final int S = BitsScalar << 2;

    ByteArrayOutputStream out = new ByteArrayOutputStream();

    Malloc heap(Arch arch) {
        GoProcess p = Heaps.process(arch, out);
        return p.malloc();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void zeroSizeAllocationsShareZeroObject(Arch arch) {
        Malloc m = heap(arch);
        assertThat(m.mallocgc(0, 0, 0)).isEqualTo(m.zeroObject).isNotZero();
        assertThat(m.mallocgc(0, 0, FlagNoScan)).isEqualTo(m.zeroObject);
        assertThat(m.mheap.MHeap_LookupMaybe(m.zeroObject)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void tinyPointerFreeObjectsShareSixteenByteBlocksAligned(Arch arch) {
        Malloc m = heap(arch);
        long a = m.mallocgc(1, 0, FlagNoScan);
        long b = m.mallocgc(2, 0, FlagNoScan); // aligned to 2
        long c = m.mallocgc(4, 0, FlagNoScan); // aligned to 4
        long d = m.mallocgc(8, 0, FlagNoScan); // aligned to 8: the block's last 8 bytes
        assertThat(a % 16).isZero();
        assertThat(b).isEqualTo(a + 2);
        assertThat(c).isEqualTo(a + 4);
        assertThat(d).isEqualTo(a + 8);
        // the block is full: the next tiny object starts a new one, which the cache keeps
        long e = m.mallocgc(8, 0, FlagNoScan);
        long f = m.mallocgc(3, 0, FlagNoScan);
        assertThat(e).isEqualTo(a + 16);
        assertThat(f).isEqualTo(a + 24);
        // only the two blocks were counted: 2 * 16 bytes
        assertThat(m.gomcache().local_cachealloc).isEqualTo(32);
        assertThat(m.gomcache().alloc[Msize.TinySizeClass].ref).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void smallObjectsComeFromTheirClassInAddressOrderAndAreZeroed(Arch arch) {
        Malloc m = heap(arch);
        long a = m.mallocgc(100, 0, FlagNoScan);
        long b = m.mallocgc(100, 0, FlagNoScan);
        assertThat(b - a).isEqualTo(112);
        MSpan s = m.mheap.MHeap_LookupMaybe(a);
        assertThat(s.sizeclass).isEqualTo(Msize.SizeToClass(100));
        assertThat(s.elemsize).isEqualTo(112);
        assertThat(s.incache).isTrue();
        assertThat(s.ref).isEqualTo(2);
        // a span of 8 KiB holds 73 objects of 112 bytes; the 74th needs a refill
        Set<Long> seen = new HashSet<>();
        for (int i = 2; i < 73; i++) {
            assertThat(seen.add(m.mallocgc(100, 0, FlagNoScan))).isTrue();
        }
        assertThat(s.freelist).isZero();
        long next = m.mallocgc(100, 0, FlagNoScan);
        assertThat(m.mheap.MHeap_LookupMaybe(next)).isNotSameAs(s);
        assertThat(m.mem.loadp(a)).isZero(); // the MLink word was cleared
        long[] base = new long[2];
        assertThat(m.mlookup(a + 50, base)).isEqualTo(1);
        assertThat(base).containsExactly(a, 112);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void reusedDirtyMemoryIsZeroedUnlessFlagNoZero(Arch arch) {
        Malloc m = heap(arch);
        long a = m.mallocgc(64, 0, FlagNoScan);
        MSpan s = m.mheap.MHeap_LookupMaybe(a);
        // hand a back by hand as the sweeper would (s is cached: release it first)
        m.mem.storep(a + 16, 0x55);
        m.mem.storep(a + 8, 0x77);
        MCaches.MCache_ReleaseAll(m, m.gomcache());
        m.mem.storep(a, 0);
        assertThat(MCentral.MCentral_FreeSpan(m.mheap.central[s.sizeclass], s, 1, a, a, false))
                .isTrue();
        long b = m.mallocgc(64, 0, FlagNoScan);
        assertThat(b).isEqualTo(a);
        assertThat(m.mem.loadp(b + 8)).isZero();
        assertThat(m.mem.loadp(b + 16)).isZero();
        long c = m.mallocgc(64, 0, FlagNoScan);
        m.mem.storep(c + 8, 0x99);
        long d = m.mallocgc(64, 0, FlagNoScan | FlagNoZero);
        assertThat(d).isEqualTo(c + 64);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aSpanWhoseObjectsAllComeBackReturnsToTheHeap(Arch arch) {
        Malloc m = heap(arch);
        long a = m.mallocgc(2048, 0, FlagNoScan);
        long b = m.mallocgc(2048, 0, FlagNoScan);
        MSpan s = m.mheap.MHeap_LookupMaybe(a);
        MCaches.MCache_ReleaseAll(m, m.gomcache());
        assertThat(s.incache).isFalse();
        MCentral c = m.mheap.central[s.sizeclass];
        assertThat(c.nonempty.next).isSameAs(s);
        m.mem.storep(a, b);
        assertThat(MCentral.MCentral_FreeSpan(c, s, 1, b, b, false)).isFalse();
        assertThat(MCentral.MCentral_FreeSpan(c, s, 1, a, a, false)).isTrue();
        assertThat(s.state).isEqualTo(MSpan.MSpanFree);
        assertThat(m.mheap.MHeap_LookupMaybe(a)).isNull();
        assertThat(HeapBits.bitsOf(m, a)).isZero(); // unmarkspan cleared the boundary bits
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void largeObjectsGetASpanOfTheirOwn(Arch arch) {
        Malloc m = heap(arch);
        long a = m.mallocgc(40000, 0, FlagNoScan);
        MSpan s = m.mheap.MHeap_LookupMaybe(a);
        assertThat(a).isEqualTo(s.base());
        assertThat(s.sizeclass).isZero();
        assertThat(s.npages).isEqualTo(5);
        assertThat(s.limit).isEqualTo(a + 40000);
        assertThat(m.mheap.MHeap_LookupMaybe(a + 40000)).isNull();
        assertThat(m.memstats.heap_alloc).isEqualTo(5 * Msize.PageSize);
        assertThat(m.memstats.heap_objects).isEqualTo(1);
        assertThat(HeapBits.bitsOf(m, a) & bitBoundary).isEqualTo(bitBoundary);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void markspanGivesEveryTwoWordObjectOfASpanABoundaryAndNothingElse(Arch arch) {
        Malloc m = heap(arch);
        int w = arch.PtrSize;
        // not FlagNoScan: on arm two words are 8 bytes, which the tiny allocator would take
        long a = m.mallocgc(2L * w, 0, FlagNoZero);
        MSpan s = m.mheap.MHeap_LookupMaybe(a);
        assertThat(s.elemsize).isEqualTo(2L * w);
        long n = (s.npages << Msize.PageShift) / (2L * w);
        for (long i = 1; i < n; i++) { // object 0 is a's, whose words gomallocgc marked
            long obj = s.base() + i * 2 * w;
            assertThat(HeapBits.bitsOf(m, obj)).as("object %d", i).isEqualTo(bitBoundary);
            assertThat(HeapBits.bitsOf(m, obj + w)).as("object %d's second word", i).isZero();
        }
        // the word after the span is no one's
        assertThat(HeapBits.bitsOf(m, s.base() + n * 2 * w)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void noScanObjectsKeepOnlyTheirBoundaryBits(Arch arch) {
        Malloc m = heap(arch);
        int w = arch.PtrSize;
        long a = m.mallocgc(48, 0, FlagNoScan);
        assertThat(HeapBits.bitsOf(m, a)).isEqualTo(bitBoundary | BitsDead << 2);
        assertThat(HeapBits.bitsOf(m, a + w)).isEqualTo(w == 8 ? 0 : 0);
        assertThat(HeapBits.bitsOf(m, a + 48)).isEqualTo(bitBoundary);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void untypedAllocationsWithPointersAreAllPointers(Arch arch) {
        Malloc m = heap(arch);
        int w = arch.PtrSize;
        long one = m.mallocgc(w, 0, 0);
        assertThat(HeapBits.bitsOf(m, one)).isEqualTo(bitBoundary | P);
        long a = m.mallocgc(4L * w, 0, 0);
        for (int i = 0; i < 4; i++) {
            assertThat(HeapBits.bitsOf(m, a + (long) i * w))
                    .as("word %d", i)
                    .isEqualTo((i == 0 ? bitBoundary : 0) | P);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void typedObjectsGetTheirMaskAndADeadWordAfterThem(Arch arch) {
        Malloc m = heap(arch);
        int w = arch.PtrSize;
        // struct { p *T; n int; q *T; r int } : pointer, scalar, pointer, scalar
        long t = Heaps.type(m, 4L * w, Type.KindStruct, P | S << 4, P | S << 4);
        long size = Msize.roundupsize(4L * w);
        long a = m.mallocgc(4L * w, t, 0);
        assertThat(HeapBits.bitsOf(m, a)).isEqualTo(bitBoundary | P);
        assertThat(HeapBits.bitsOf(m, a + w)).isEqualTo(S);
        assertThat(HeapBits.bitsOf(m, a + 2L * w)).isEqualTo(P);
        assertThat(HeapBits.bitsOf(m, a + 3L * w)).isEqualTo(S);
        if (size > 4L * w) {
            assertThat(HeapBits.bitsOf(m, a + 4L * w)).isEqualTo(BitsDead << 2);
        }
        // a two-word object takes the mask byte whole
        long t2 = Heaps.type(m, 2L * w, Type.KindStruct, S | P << 4);
        long b = m.mallocgc(2L * w, t2, 0);
        assertThat(HeapBits.bitsOf(m, b)).isEqualTo(bitBoundary | S);
        assertThat(HeapBits.bitsOf(m, b + w)).isEqualTo(P);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anOddWordTypeRepeatsItsMaskOverAnArray(Arch arch) {
        Malloc m = heap(arch);
        int w = arch.PtrSize;
        // [3]struct{p *T}: the one-word mask is stored repeated (2 words)
        long t = Heaps.type(m, w, Type.KindPtr, P | P << 4);
        long a = m.mallocgc(3L * w, t, 0);
        assertThat(HeapBits.bitsOf(m, a)).isEqualTo(bitBoundary | P);
        assertThat(HeapBits.bitsOf(m, a + w)).isEqualTo(P);
        assertThat(HeapBits.bitsOf(m, a + 2L * w)).isEqualTo(P);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aGcProgramWithoutMgcIsAClearThrow(Arch arch) {
        Malloc m = heap(arch);
        long t = Heaps.type(m, 1000L * arch.PtrSize, Type.KindArray | Type.KindGCProg);
        m.mem.storep(t + Type.gc(arch, 1), 0x1234);
        assertThatThrownBy(() -> m.mallocgc(1000L * arch.PtrSize, t, 0))
                .isInstanceOf(GoThrow.class)
                .hasMessageContaining("KindGCProg")
                .hasMessageContaining("not wired");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void moreThanTheArenaIsOutOfMemoryWithCsText(Arch arch) {
        Malloc m = heap(arch);
        long huge = arch.PtrSize == 8 ? 200L << 30 : 3L << 30;
        assertThatThrownBy(() -> m.mallocgc(huge, 0, FlagNoScan))
                .isInstanceOf(GoThrow.class)
                .hasMessage("out of memory");
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .startsWith(
                        "runtime: out of memory: cannot allocate "
                                + Msize.roundupsize(huge)
                                + "-byte block (0 in use)\n")
                .endsWith("fatal error: out of memory\n");
    }

    @org.junit.jupiter.api.Test
    void armGrowsItsArenaPastTheFirstReservationUpToMaxArena32() {
        Malloc m = heap(Arch.arm);
        long end0 = m.mheap.arena_end;
        long a = m.mallocgc(700L << 20, 0, FlagNoScan);
        assertThat(m.mheap.arena_end).isGreaterThan(end0);
        assertThat(a).isGreaterThanOrEqualTo(m.mheap.arena_start);
        assertThat(m.mheap.arena_used - m.mheap.arena_start).isLessThanOrEqualTo(Malloc.MaxArena32);
        assertThat(m.memstats.heap_sys).isGreaterThanOrEqualTo(700L << 20);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void readMemStatsCountsLiveObjectsFromTheSpans(Arch arch) {
        Malloc m = heap(arch);
        long before = m.ReadMemStats().nmalloc;
        for (int i = 0; i < 10; i++) {
            m.mallocgc(64, 0, FlagNoScan);
        }
        m.mallocgc(100_000, 0, FlagNoScan);
        MStats st = m.ReadMemStats();
        assertThat(st.nmalloc - before).isEqualTo(11);
        assertThat(st.by_size_nmalloc[Msize.SizeToClass(64)]).isEqualTo(10);
        assertThat(st.heap_alloc).isEqualTo(st.alloc);
        assertThat(st.alloc).isGreaterThanOrEqualTo(10 * 64 + 100_000);
        assertThat(st.heap_objects).isEqualTo(st.nmalloc);
        assertThat(st.sys)
                .isEqualTo(
                        st.heap_sys
                                + st.stacks_sys
                                + st.mspan_sys
                                + st.mcache_sys
                                + st.gc_sys
                                + st.other_sys
                                + st.buckhash_sys);
        assertThat(st.mspan_inuse).isPositive();
        assertThat(st.gc_sys).isPositive();
        assertThat(st.by_size_size[1]).isEqualTo(8);
    }
}
