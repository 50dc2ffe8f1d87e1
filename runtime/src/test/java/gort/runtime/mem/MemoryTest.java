package gort.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.arch.Arch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Memory's regions, residency, layout of values, bulk operations and faults. */
class MemoryTest {
    static final long BASE = 0x100000;
    static final long PAGE = Memory.PhysPageSize;

    /** A space with 16 pages reserved at BASE, the first 8 mapped. */
    private static Memory space(Arch arch) {
        Memory m = Memory.create(arch);
        m.reserve("test", BASE, 16 * PAGE);
        m.map(BASE, 8 * PAGE);
        return m;
    }

    private final Memory mem = space(Arch.amd64);

    // ---- residency ----

    @Test
    void mappedPagesReadAsZerosWithoutBecomingResident() {
        for (long a = BASE; a < BASE + 8 * PAGE; a += 8) {
            assertThat(mem.load64(a)).isZero();
        }
        assertThat(mem.load8(BASE + 5)).isZero();
        assertThat(mem.load16(BASE + PAGE - 1)).isZero();
        assertThat(mem.read(BASE, (int) (8 * PAGE))).containsOnly(0);
        assertThat(mem.residentBytes()).isZero();
    }

    @Test
    void oneWriteMakesExactlyItsPageResident() {
        mem.store8(BASE + 3 * PAGE + 17, 1);
        assertThat(mem.residentBytes()).isEqualTo(PAGE);
        assertThat(mem.isResident(BASE + 3 * PAGE)).isTrue();
        assertThat(mem.isResident(BASE + 2 * PAGE)).isFalse();
        assertThat(mem.isResident(BASE + 4 * PAGE)).isFalse();
        mem.store64(BASE + 3 * PAGE + 64, 7);
        assertThat(mem.residentBytes()).isEqualTo(PAGE);
    }

    @Test
    void aStoreOfZeroStillMakesThePageResidentAsHardwareWould() {
        mem.store32(BASE, 0);
        assertThat(mem.residentBytes()).isEqualTo(PAGE);
    }

    @Test
    void clearingOrCopyingZerosOntoUntouchedPagesLeavesThemNonResident() {
        mem.memclr(BASE, 4 * PAGE);
        mem.memmove(BASE + 4 * PAGE, BASE, 4 * PAGE);
        assertThat(mem.residentBytes()).isZero();
    }

    @Test
    void unmapDropsResidentPagesAndLaterAccessesFault() {
        mem.store64(BASE, 1);
        mem.store64(BASE + PAGE, 2);
        mem.store64(BASE + 5 * PAGE, 3);
        assertThat(mem.residentBytes()).isEqualTo(3 * PAGE);

        mem.unmap(BASE, 2 * PAGE);

        assertThat(mem.residentBytes()).isEqualTo(PAGE);
        assertThat(mem.isMapped(BASE)).isFalse();
        assertThatThrownBy(() -> mem.load64(BASE)).isInstanceOf(Fault.class);
        assertThat(mem.load64(BASE + 5 * PAGE)).isEqualTo(3);
    }

    @Test
    void discardDropsPagesButKeepsThemMappedAndZero() {
        mem.store64(BASE + 8, 42);
        mem.discard(BASE, 8 * PAGE);
        assertThat(mem.residentBytes()).isZero();
        assertThat(mem.load64(BASE + 8)).isZero();
        mem.store64(BASE + 8, 43);
        assertThat(mem.load64(BASE + 8)).isEqualTo(43);
        assertThat(mem.residentBytes()).isEqualTo(PAGE);
    }

    @Test
    void remappingAMappedPageZeroesItAsMmapFixedDoes() {
        mem.store64(BASE, -1);
        mem.map(BASE, PAGE);
        assertThat(mem.load64(BASE)).isZero();
        assertThat(mem.residentBytes()).isZero();
    }

    @Test
    void aStackThatUsedOnePageCostsOnePage() {
        Memory m = Layout.of(Arch.amd64).newMemory();
        long stack = Layout.of(Arch.amd64).arenaStart;
        m.map(stack, 1000 * 8192);
        for (int g = 0; g < 1000; g++) {
            long hi = stack + (g + 1) * 8192L;
            m.memclr(hi - 88, 88); // stackalloc clears the Stktop
            m.store64(hi - 88 - 8, g); // the goroutine's first frame
        }
        assertThat(m.residentBytes()).isEqualTo(1000 * PAGE);
    }

    @Test
    void writesToSeveralBlocksOfOnePageMakeThatOnePageResident() {
        for (long o = 0; o < PAGE; o += Memory.BlockSize) {
            mem.store8(BASE + 2 * PAGE + o, 1);
        }
        assertThat(mem.residentBytes()).isEqualTo(PAGE);
        mem.discard(BASE + 2 * PAGE, PAGE);
        assertThat(mem.residentBytes()).isZero();
        assertThat(mem.isResident(BASE + 2 * PAGE)).isFalse();
        mem.store8(BASE + 3 * PAGE - 1, 1); // the page's last block only
        assertThat(mem.isResident(BASE + 2 * PAGE)).isTrue();
        assertThat(mem.residentBytes()).isEqualTo(PAGE);
    }

    @Test
    void aPageStaysResidentUntilItsLastWrittenBlockIsDropped() {
        mem.store64(BASE, 1);
        mem.store64(BASE + PAGE - 8, 2);
        mem.map(BASE, PAGE);
        assertThat(mem.residentBytes()).isZero();
        assertThat(mem.load64(BASE + PAGE - 8)).isZero();
        mem.store64(BASE + PAGE - 8, 3);
        mem.unmap(BASE + PAGE, PAGE); // a neighbour: this page is unaffected
        assertThat(mem.residentBytes()).isEqualTo(PAGE);
        assertThat(mem.load64(BASE + PAGE - 8)).isEqualTo(3);
    }

    @Test
    void mappingAcrossAChunkBoundaryMapsBothSides() {
        Memory m = Memory.create(Arch.amd64);
        long base = Memory.CHUNK_BYTES; // a region of two chunks, mapped across their boundary
        m.reserve("two chunks", base, 2 * Memory.CHUNK_BYTES);
        long from = base + Memory.CHUNK_BYTES - 2 * PAGE;
        m.map(from, 4 * PAGE);
        m.store64(from, 1);
        m.store64(from + 4 * PAGE - 8, 2);
        assertThat(m.load64(from)).isEqualTo(1);
        assertThat(m.load64(from + 4 * PAGE - 8)).isEqualTo(2);
        assertThat(m.residentBytes()).isEqualTo(2 * PAGE);
        assertThatThrownBy(() -> m.load64(from - 8)).isInstanceOf(Fault.class);
        assertThatThrownBy(() -> m.load64(from + 4 * PAGE)).isInstanceOf(Fault.class);
        m.map(from + 4 * PAGE, PAGE); // an existing chunk, entries still unmapped
        assertThat(m.load64(from + 4 * PAGE)).isZero();
    }

    // ---- layout of values ----

    @Test
    void valuesAreLittleEndian() {
        mem.store64(BASE, 0x0102030405060708L);
        assertThat(mem.read(BASE, 8)).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(mem.load32(BASE)).isEqualTo(0x05060708);
        assertThat(mem.load32(BASE + 4)).isEqualTo(0x01020304);
        assertThat(mem.load16(BASE + 1)).isEqualTo(0x0607);
        assertThat(mem.load8(BASE + 7)).isEqualTo(1);

        mem.store16(BASE + 16, 0xbeef);
        mem.store32(BASE + 20, 0xcafebabe);
        assertThat(mem.read(BASE + 16, 8))
                .containsExactly(0xef, 0xbe, 0, 0, 0xbe, 0xba, 0xfe, 0xca);
    }

    @Test
    void narrowLoadsZeroExtendAndNarrowStoresTruncate() {
        mem.store8(BASE, 0x1ff);
        mem.store16(BASE + 2, 0x1fffe);
        assertThat(mem.load8(BASE)).isEqualTo(0xff);
        assertThat(mem.load16(BASE + 2)).isEqualTo(0xfffe);
        assertThat(mem.load8(BASE + 1)).isZero();
    }

    @Test
    void pointersAre8BytesOnAmd64() {
        mem.store64(BASE + 8, -1);
        mem.storep(BASE, 0xc208001234L);
        assertThat(mem.loadp(BASE)).isEqualTo(0xc208001234L);
        assertThat(mem.load64(BASE)).isEqualTo(0xc208001234L);
        assertThat(mem.load64(BASE + 8)).isEqualTo(-1);
    }

    @Test
    void pointersAre4BytesOnArmAndLoadZeroExtended() {
        Memory m = space(Arch.arm);
        m.store64(BASE, -1);
        m.storep(BASE, 0xfffffadeL);
        assertThat(m.loadp(BASE)).isEqualTo(0xfffffadeL);
        assertThat(m.load32(BASE + 4)).isEqualTo(-1);
        m.storep(BASE + 8, 0x10300010L);
        assertThat(m.load64(BASE + 8)).isEqualTo(0x10300010L);
    }

    // ---- across pages ----

    @ParameterizedTest
    @EnumSource(Arch.class)
    void accessesThatStraddleAPageBoundaryWork(Arch arch) {
        Memory m = space(arch);
        for (int back = 1; back < 8; back++) {
            long a = BASE + 2 * PAGE - back;
            m.store64(a, 0x1122334455667788L);
            assertThat(m.load64(a)).isEqualTo(0x1122334455667788L);
            assertThat(m.load8(a)).isEqualTo(0x88);
            assertThat(m.load8(a + 7)).isEqualTo(0x11);
        }
        m.store32(BASE + PAGE - 2, 0xa1b2c3d4);
        assertThat(m.load32(BASE + PAGE - 2)).isEqualTo(0xa1b2c3d4);
        assertThat(m.load16(BASE + PAGE - 1)).isEqualTo(0xb2c3);
        m.store16(BASE + 3 * PAGE - 1, 0x1234);
        assertThat(m.load16(BASE + 3 * PAGE - 1)).isEqualTo(0x1234);
        assertThat(m.load8(BASE + 3 * PAGE)).isEqualTo(0x12);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void accessesThatStraddleABlockBoundaryInsideAPageWork(Arch arch) {
        Memory m = space(arch);
        long boundary = BASE + PAGE + Memory.BlockSize;
        for (int back = 1; back < 8; back++) {
            long a = boundary - back;
            m.store64(a, 0x0102030405060708L + back);
            assertThat(m.load64(a)).isEqualTo(0x0102030405060708L + back);
        }
        m.store32(boundary - 2, 0xcafef00d);
        assertThat(m.load16(boundary)).isEqualTo(0xcafe);
        assertThat(m.load16(boundary - 2)).isEqualTo(0xf00d);
        byte[] data = pattern(3 * Memory.BlockSize + 5, 7);
        m.copyIn(boundary - 3, data, 0, data.length);
        assertThat(m.read(boundary - 3, data.length)).isEqualTo(data);
        assertThat(m.residentBytes()).isEqualTo(PAGE);
    }

    @Test
    void copyInAndOutCrossPages() {
        byte[] data = pattern(3 * (int) PAGE + 123, 1);
        mem.copyIn(BASE + 100, data, 0, data.length);
        byte[] back = new byte[data.length + 2];
        mem.copyOut(BASE + 100, back, 1, data.length);
        assertThat(java.util.Arrays.copyOfRange(back, 1, data.length + 1)).isEqualTo(data);
        assertThat(mem.load8(BASE + 99)).isZero();
        assertThat(mem.load8(BASE + 100 + data.length)).isZero();
    }

    @Test
    void memmoveUpwardOverlappingAcrossPagesCopiesTheOriginalBytes() {
        checkMemmove(BASE + 1000, BASE + 1000 + 3000, 9000); // dst above src, overlapping
    }

    @Test
    void memmoveDownwardOverlappingAcrossPagesCopiesTheOriginalBytes() {
        checkMemmove(BASE + 4000, BASE + 1001, 9000); // dst below src, overlapping
    }

    @Test
    void memmoveByOneByteInBothDirections() {
        checkMemmove(BASE + PAGE - 3, BASE + PAGE - 2, 2 * (int) PAGE);
        checkMemmove(BASE + PAGE - 2, BASE + PAGE - 3, 2 * (int) PAGE);
    }

    @Test
    void memmoveOfDisjointRangesAndOfNothing() {
        checkMemmove(BASE, BASE + 5 * PAGE + 7, 6000);
        checkMemmove(BASE + 5 * PAGE + 7, BASE, 6000);
        mem.memmove(BASE, BASE + 8, 0);
        mem.memmove(0, 8, 0); // nothing to move, nothing to fault
    }

    @Test
    void memmoveOfZerosOntoResidentBytesClearsThem() {
        mem.store64(BASE + 4 * PAGE, -1);
        mem.memmove(BASE + 4 * PAGE, BASE + 6 * PAGE, 8);
        assertThat(mem.load64(BASE + 4 * PAGE)).isZero();
    }

    private void checkMemmove(long src, long dst, int n) {
        mem.memclr(BASE, 8 * PAGE);
        byte[] data = pattern(n, (int) (src ^ dst));
        mem.copyIn(src, data, 0, n);
        mem.memmove(dst, src, n);
        assertThat(mem.read(dst, n)).isEqualTo(data);
    }

    @Test
    void aChunkShowsItsBlocksResidencyAndNothingOutsideTheMapping() {
        assertThat(mem.chunkAt(BASE - 1)).isNull(); // outside every region
        mem.store64(BASE + 2 * PAGE + 8, 5);
        Memory.Chunk c = mem.chunkAt(BASE + 2 * PAGE);
        assertThat(c.start()).isLessThanOrEqualTo(BASE);
        byte[] written = c.entries()[(int) ((BASE + 2 * PAGE - c.start()) >>> Memory.BlockShift)];
        assertThat(Memory.isResident(written)).isTrue();
        assertThat((long) Memory.LE64.get(written, 8)).isEqualTo(5);
        assertThat(Memory.isResident(c.entries()[(int) ((BASE - c.start()) >>> Memory.BlockShift)]))
                .isFalse();
        assertThat(c.entries()[(int) ((BASE + 9 * PAGE - c.start()) >>> Memory.BlockShift)])
                .isNull(); // reserved, unmapped
    }

    // ---- transfer (copystack's move of a dying stack) ----

    @Test
    void transferMovesTheBytesWithTheirBlocksAndLeavesTheSurroundingsAlone() {
        long src = BASE + 100; // same offset within a block as dst: whole blocks change places
        long dst = BASE + 4 * PAGE + 100;
        int n = 2 * (int) PAGE + 300;
        byte[] data = pattern(n, 5);
        mem.copyIn(src, data, 0, n);
        mem.store8(src - 1, 0x11);
        mem.store8(dst - 1, 0x22);
        mem.store8(dst + n, 0x33);
        mem.transfer(dst, src, n);
        assertThat(mem.read(dst, n)).isEqualTo(data);
        assertThat(mem.load8(src - 1)).isEqualTo(0x11);
        assertThat(mem.load8(dst - 1)).isEqualTo(0x22);
        assertThat(mem.load8(dst + n)).isEqualTo(0x33);
    }

    @Test
    void transferOntoUntouchedPagesMovesResidencyWithTheBlocks() {
        byte[] data = pattern(2 * (int) PAGE, 9);
        mem.copyIn(BASE, data, 0, data.length);
        assertThat(mem.residentBytes()).isEqualTo(2 * PAGE);
        mem.transfer(BASE + 4 * PAGE, BASE, 2 * PAGE);
        assertThat(mem.read(BASE + 4 * PAGE, data.length)).isEqualTo(data);
        assertThat(mem.isResident(BASE + 4 * PAGE)).isTrue();
        assertThat(mem.isResident(BASE + 5 * PAGE)).isTrue();
        assertThat(mem.isResident(BASE)).isFalse(); // the source took the destination's zero blocks
        assertThat(mem.residentBytes()).isEqualTo(2 * PAGE);
    }

    @Test
    void transferOfMisalignedOrOverlappingRangesCopiesLikeMemmove() {
        long src = BASE + 7;
        long dst = BASE + 3 * PAGE + 300; // another offset within a block
        byte[] data = pattern(5000, 3);
        mem.copyIn(src, data, 0, data.length);
        mem.transfer(dst, src, data.length);
        assertThat(mem.read(dst, data.length)).isEqualTo(data);
        assertThat(mem.read(src, data.length)).isEqualTo(data); // copied, so the source is intact
        mem.transfer(dst + 256, dst, data.length); // overlapping, same block offset
        assertThat(mem.read(dst + 256, data.length)).isEqualTo(data);
    }

    @Test
    void transferIntoUnmappedMemoryFaultsAtTheFirstUnmappedByte() {
        mem.store64(BASE + 7 * PAGE, 1);
        assertThatThrownBy(() -> mem.transfer(BASE + 8 * PAGE - 256, BASE + 6 * PAGE - 256, 512))
                .isInstanceOf(Fault.class)
                .satisfies(e -> assertThat(((Fault) e).addr()).isEqualTo(BASE + 8 * PAGE));
    }

    @Test
    void memclrClearsExactlyItsRange() {
        byte[] ones = new byte[3 * (int) PAGE];
        java.util.Arrays.fill(ones, (byte) 1);
        mem.copyIn(BASE, ones, 0, ones.length);
        mem.memclr(BASE + 10, 2 * PAGE + 5);
        assertThat(mem.load8(BASE + 9)).isEqualTo(1);
        assertThat(mem.read(BASE + 10, 2 * (int) PAGE + 5)).containsOnly(0);
        assertThat(mem.load8(BASE + 2 * PAGE + 15)).isEqualTo(1);
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed + (i >> 8));
        }
        return b;
    }

    // ---- faults ----

    @Test
    void nilDereferencesFaultWithTheirAddress() {
        Memory m = Layout.of(Arch.amd64).newMemory();
        assertFault(() -> m.load64(0), 0, false);
        assertFault(() -> m.store32(8, 1), 8, true);
        assertFault(() -> m.load8(0xfff), 0xfff, false);
        Fault f = catchFault(() -> m.loadp(24));
        assertThat(f.isNilPage()).isTrue();
        assertThat(f.faultCause()).isEqualTo(Fault.Cause.UNMAPPED);
    }

    @Test
    void theNilPageCannotBeReserved() {
        assertThatThrownBy(() -> Memory.create(Arch.amd64).reserve("nil", 0, PAGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nil page");
    }

    @Test
    void accessesOutsideEveryMappingFaultWithTheirAddress() {
        assertFault(
                () -> mem.load64(BASE + 8 * PAGE), BASE + 8 * PAGE, false); // reserved, unmapped
        assertFault(
                () -> mem.store64(BASE + 16 * PAGE, 1), BASE + 16 * PAGE, true); // past the region
        assertFault(() -> mem.load32(0xc208000000L), 0xc208000000L, false); // nowhere
        assertFault(() -> mem.store8(-8, 1), -8, true);
        Fault f = catchFault(() -> mem.load8(BASE + 9 * PAGE + 5));
        assertThat(f.isNilPage()).isFalse();
        assertThat(f).hasMessage("unmapped read at 0x109005");
    }

    @Test
    void anAccessRunningIntoAnUnmappedPageFaultsAtThatPageAndWritesNothing() {
        long last = BASE + 8 * PAGE;
        assertFault(() -> mem.load64(last - 4), last, false);
        assertFault(() -> mem.store64(last - 4, -1), last, true);
        assertThat(mem.load32(last - 4)).isZero();
        assertFault(() -> mem.copyOut(last - 10, new byte[20], 0, 20), last, false);
        assertFault(() -> mem.memclr(last - 10, 20), last, true);
        assertFault(() -> mem.memmove(last - 10, BASE, 20), last, true);
    }

    private static void assertFault(Runnable access, long addr, boolean write) {
        Fault f = catchFault(access);
        assertThat(f.addr()).as("fault address").isEqualTo(addr);
        assertThat(f.isWrite()).as("write").isEqualTo(write);
    }

    private static Fault catchFault(Runnable access) {
        try {
            access.run();
        } catch (Fault f) {
            return f;
        }
        throw new AssertionError("no fault");
    }

    @Test
    void atomicsAreLockFreeWhereTheJdkHasAtomicByteArrayViews() {
        assertThat(mem.lockFreeAtomics()).isEqualTo(Runtime.version().feature() < 22);
    }

    // ---- regions ----

    @Test
    void reservationsMayNotOverlapOrBeMisaligned() {
        Consumer<Runnable> rejected =
                r -> assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
        rejected.accept(() -> mem.reserve("overlap", BASE + 15 * PAGE, 2 * PAGE));
        rejected.accept(() -> mem.reserve("below", BASE - PAGE, 2 * PAGE));
        rejected.accept(() -> mem.reserve("odd", BASE + 100 * PAGE + 1, PAGE));
        rejected.accept(() -> mem.reserve("empty", BASE + 100 * PAGE, 0));
        rejected.accept(() -> mem.reserve("wrap", -PAGE, 2 * PAGE));
        rejected.accept(() -> mem.map(BASE + 15 * PAGE, 2 * PAGE)); // leaves its region
        rejected.accept(() -> mem.map(BASE + 1, PAGE));
        rejected.accept(() -> space(Arch.arm).reserve("high", 0xffff0000L, 0x20000));
        assertThat(mem.reserve("next", BASE + 16 * PAGE, PAGE).name()).isEqualTo("next");
        assertThat(mem.regionAt(BASE + 16 * PAGE).name()).isEqualTo("next");
        assertThat(mem.regions()).extracting(Region::name).containsExactly("test", "next");
    }

    @Test
    void adjacentRegionsAreSeparateAndBothAccessible() {
        mem.reserve("next", BASE + 16 * PAGE, 2 * PAGE);
        mem.map(BASE + 16 * PAGE, 2 * PAGE);
        mem.map(BASE + 8 * PAGE, 8 * PAGE);
        long a = BASE + 16 * PAGE - 4;
        mem.store64(a, 0x0102030405060708L);
        assertThat(mem.load64(a)).isEqualTo(0x0102030405060708L);
        assertThat(mem.load32(BASE + 16 * PAGE)).isEqualTo(0x01020304);
    }
}
