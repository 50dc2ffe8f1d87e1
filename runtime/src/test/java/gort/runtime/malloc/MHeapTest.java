package gort.runtime.malloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.arch.Arch;
import gort.runtime.mem.Layout;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mheap.c: span allocation, splitting, freeing with coalescing, lookup, scavenging. */
class MHeapTest {
    ByteArrayOutputStream out;
    GoProcess process;
    Malloc m;
    MHeap h;

    @BeforeEach
    void setUp() {
        out = new ByteArrayOutputStream();
        process = Heaps.process(Arch.amd64, out);
        m = process.malloc();
        h = m.mheap;
    }

    @Test
    void mallocinitLaysTheHeapOverTheReservation() {
        Layout l = Layout.of(Arch.amd64);
        assertThat(h.arena_start).isEqualTo(0xc208000000L).isEqualTo(l.arenaStart);
        assertThat(h.spans).isEqualTo(l.spansStart);
        assertThat(h.bitmap).isEqualTo(l.bitmapStart);
        assertThat(h.arena_end).isEqualTo(l.arenaEnd);
    }

    @Test
    void theFirstStackSpanGrowsTheHeapByAChunkAndLeavesTheRestFree() {
        long used0 = h.arena_used;
        MSpan s = h.MHeap_AllocStack(4);
        assertThat(s.state).isEqualTo(MSpan.MSpanStack);
        assertThat(s.npages).isEqualTo(4);
        assertThat(h.arena_used - used0).isEqualTo(MHeap.HeapAllocChunk);
        // the remaining 124 pages of the 1 MiB chunk are one free span on free[124]
        assertThat(h.nfree(124)).isEqualTo(1);
        assertThat(m.memstats.heap_sys).isEqualTo(MHeap.HeapAllocChunk);
        assertThat(m.memstats.heap_inuse).isEqualTo(4 * Msize.PageSize);
        assertThat(m.memstats.heap_idle).isEqualTo(124 * Msize.PageSize);
        assertThat(m.memstats.stacks_inuse).isEqualTo(4 * Msize.PageSize);
        assertThat(h.MHeap_Lookup(s.base())).isSameAs(s);
        assertThat(h.MHeap_Lookup(s.base() + 4 * Msize.PageSize - 1)).isSameAs(s);
    }

    @Test
    void freeingCoalescesWithBothFreeNeighbours() {
        MSpan a = h.MHeap_AllocStack(2);
        MSpan b = h.MHeap_AllocStack(3);
        MSpan c = h.MHeap_AllocStack(1);
        assertThat(b.start).isEqualTo(a.start + 2);
        assertThat(c.start).isEqualTo(b.start + 3);
        h.MHeap_FreeStack(a);
        h.MHeap_FreeStack(c);
        assertThat(h.nfree(2)).isEqualTo(1);
        h.MHeap_FreeStack(b);
        // a, b, c and the rest of the chunk are one span again, of all 128 pages
        assertThat(h.nfree(2)).isZero();
        assertThat(h.nfree(1)).isZero();
        MSpan whole = h.MHeap_Lookup(a.base());
        assertThat(whole.state).isEqualTo(MSpan.MSpanFree);
        assertThat(whole.start).isEqualTo(a.start);
        assertThat(whole.npages).isEqualTo(128);
        assertThat(m.memstats.heap_inuse).isZero();
        assertThat(m.memstats.heap_idle).isEqualTo(MHeap.HeapAllocChunk);
        assertThat(m.memstats.stacks_inuse).isZero();
        // the merged-away records went back to spanalloc and are reused first
        MSpan d = h.MHeap_AllocStack(1);
        assertThat(d.start).isEqualTo(a.start);
    }

    @Test
    void aFreeStackSpanNeedsZeroingBeforeItServesObjects() {
        MSpan a = h.MHeap_AllocStack(1);
        m.mem.store64(a.base() + 64, 0x1234);
        h.MHeap_FreeStack(a);
        MSpan s = h.MHeap_Alloc(1, 0, true, true);
        assertThat(s.start).isEqualTo(a.start);
        assertThat(m.mem.load64(a.base() + 64)).isZero();
        assertThat(s.needzero).isZero();
    }

    @Test
    void largeSpansAreAccountedAndGoBackThroughMHeapFree() {
        MSpan s = h.MHeap_Alloc(200, 0, true, true);
        assertThat(s.npages).isEqualTo(200);
        assertThat(s.elemsize).isEqualTo(200 * Msize.PageSize);
        assertThat(m.memstats.heap_objects).isEqualTo(1);
        assertThat(m.memstats.heap_alloc).isEqualTo(200 * Msize.PageSize);
        s.limit = s.base() + s.elemsize;
        assertThat(h.MHeap_LookupMaybe(s.base() + 100)).isSameAs(s);
        h.MHeap_Free(s, 1);
        assertThat(m.memstats.heap_objects).isZero();
        assertThat(m.memstats.heap_alloc).isZero();
        assertThat(h.MHeap_LookupMaybe(s.base() + 100)).isNull();
    }

    @Test
    void lookupOfANonHeapAddressFindsNothing() {
        assertThat(h.MHeap_Lookup(0x1000)).isNull();
        assertThat(h.MHeap_LookupMaybe(0x1000)).isNull();
        assertThat(h.MHeap_LookupMaybe(h.arena_used + 8)).isNull();
    }

    @Test
    void freeingASpanTwiceThrowsAsC() {
        MSpan a = h.MHeap_AllocStack(1);
        h.MHeap_FreeStack(a);
        assertThatThrownBy(() -> h.MHeap_FreeStack(a))
                .isInstanceOf(GoThrow.class)
                .hasMessage("MHeap_FreeSpanLocked - invalid span state");
    }

    @Test
    void anInUseSpanWithObjectsOutCannotBeFreed() {
        MSpan s = h.MHeap_Alloc(1, 3, false, true);
        s.ref = 2;
        assertThatThrownBy(() -> h.MHeap_Free(s, 0))
                .isInstanceOf(GoThrow.class)
                .hasMessage("MHeap_FreeSpanLocked - invalid free");
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .contains("MHeap_FreeSpanLocked - span ")
                .contains(" ref 2 sweepgen 0/0\n");
    }

    @Test
    void scavengeReleasesOnlySpansUnusedLongerThanTheLimit() {
        MSpan a = h.MHeap_AllocStack(8);
        m.mem.store64(a.base(), 7);
        assertThat(m.mem.isResident(a.base())).isTrue();
        h.MHeap_FreeStack(a);
        long now = process.os().nanotime();
        // everything was freed just now: a 5-minute limit releases nothing
        h.MHeap_Scavenge(0, now, 5L * 60 * 1_000_000_000L);
        assertThat(m.memstats.heap_released).isZero();
        // forced (debug.FreeOSMemory's limit 0, now = ~0): the whole free chunk goes
        h.MHeap_Scavenge(-1, -1L, 0);
        assertThat(m.memstats.heap_released).isEqualTo(MHeap.HeapAllocChunk);
        assertThat(m.mem.isResident(a.base())).isFalse();
        // reusing released pages takes the whole span off heap_released, the split-off rest
        // included (C's accounting: the rest starts with npreleased 0)
        MSpan b = h.MHeap_AllocStack(8);
        assertThat(m.memstats.heap_released).isZero();
        assertThat(b.npreleased).isZero();
    }

    @Test
    void scavengeWithGctracePrintsTheScvgLines() {
        h.MHeap_FreeStack(h.MHeap_AllocStack(1));
        m.gctrace = 1;
        h.MHeap_Scavenge(-1, -1L, 0);
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo(
                        "scvg-1: 1 MB released\n"
                                + "scvg-1: inuse: 0, idle: 1, sys: 1, released: 1, consumed: 0"
                                + " (MB)\n");
    }

    @Test
    void specialsAreKeptSortedAndUniquePerKind() {
        MSpan s = h.MHeap_Alloc(1, 5, false, true);
        s.limit = s.base() + Msize.PageSize;
        long p = s.base() + 128;
        assertThat(h.addfinalizer(p, 0x100, 0, 0, 0)).isTrue();
        assertThat(h.addfinalizer(p, 0x200, 0, 0, 0)).isFalse();
        assertThat(h.addfinalizer(s.base(), 0x300, 0, 0, 0)).isTrue();
        assertThat(s.specials.offset).isZero();
        assertThat(s.specials.next.offset).isEqualTo(128);
        assertThat(h.finalizerOf(p).fn).isEqualTo(0x100);
        h.removefinalizer(p);
        assertThat(h.finalizerOf(p)).isNull();
        assertThatThrownBy(() -> h.addfinalizer(0x1000, 1, 0, 0, 0))
                .isInstanceOf(GoThrow.class)
                .hasMessage("addspecial on invalid pointer");
    }
}
