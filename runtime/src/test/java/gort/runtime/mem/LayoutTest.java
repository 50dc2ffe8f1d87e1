package gort.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.arch.Arch;
import org.junit.jupiter.api.Test;

/**
 * The addresses follow malloc.c's mallocinit at 0a7c7ac80 (p = 0x00c0 << 32 on 64-bit; spans, then
 * bitmap, then arena) and the linkers' INITTEXT for linux (6l: (1<<22)+HEADR, 5l: 0x10000+HEADR,
 * HEADR = ELFRESERVE = 3072).
 */
class LayoutTest {
    @Test
    void amd64ArenaStartsAt0xc208000000AsGoPointersOf2014Show() {
        Layout l = Layout.of(Arch.amd64);
        assertThat(l.heapReserve).isEqualTo(0xc000000000L);
        assertThat(l.spansStart).isEqualTo(0xc000000000L);
        assertThat(l.bitmapStart).isEqualTo(0xc008000000L);
        assertThat(l.arenaStart).isEqualTo(0xc208000000L);
        assertThat(l.arenaEnd).isEqualTo(0xe208002000L);
        assertThat(l.heapReserveEnd).isEqualTo(l.arenaEnd);
        assertThat(l.initText).isEqualTo(0x400c00L);
        assertThat(l.istackSize).isEqualTo(64 * 1024);
    }

    @Test
    void armArenaFollowsTheBinaryAndReachesMaxArena32() {
        Layout l = Layout.of(Arch.arm);
        assertThat(l.heapReserve).isEqualTo(0x200000L);
        assertThat(l.bitmapStart).isEqualTo(0x300000L);
        assertThat(l.arenaStart).isEqualTo(0x10300000L);
        assertThat(l.arenaEnd).isEqualTo(0x30302000L);
        assertThat(l.heapReserveEnd).isEqualTo(0x90300000L);
        assertThat(l.initText).isEqualTo(0x10c00L);
        assertThat(l.istackSize).isEqualTo(8 * 1024);
    }

    @Test
    void aNewMemoryHasTheHeapReservedButUnmappedAndTheOsStackMapped() {
        for (Arch arch : Arch.values()) {
            Layout l = Layout.of(arch);
            Memory m = l.newMemory();
            assertThat(m.arch()).isEqualTo(arch);
            assertThat(m.regions()).extracting(Region::name).containsExactly("heap", "os stack");
            assertThatThrownBy(() -> m.load64(l.arenaStart)).isInstanceOf(Fault.class);
            m.map(l.arenaStart, 1 << 20);
            m.storep(l.arenaStart, l.arenaStart);
            assertThat(m.loadp(l.arenaStart)).isEqualTo(l.arenaStart);
            long sp = l.osStackTop - 64;
            m.storep(sp, 42);
            assertThat(m.loadp(sp)).isEqualTo(42);
            assertThatThrownBy(() -> m.load8(l.osStackTop)).isInstanceOf(Fault.class);
            assertThat(m.residentBytes()).isEqualTo(2 * Memory.PhysPageSize);
        }
    }
}
