package gort.cmd.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import gort.cmd.types.Type;
import gort.cmd.types.Types;
import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Type descriptors as DataSegment writes them, read back through gort.runtime.type.Type. */
class TypeDescTest {
    static final long DATA = 0x40_0000L;
    static final long BSS = 0x80_0000L;

    static long word(byte[] b, long off, int w) {
        long v = 0;
        for (int i = w - 1; i >= 0; i--) {
            v = v << 8 | (b[(int) off + i] & 0xff);
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPointerTypeHasItsMaskInGcAndItsElemAfterTheType(Arch arch) {
        DataSegment d = new DataSegment(arch, DATA, BSS);
        int at = d.typedesc(new Type.Pointer(Types.INT), "*int");
        byte[] b = d.toByteArray();
        int w = arch.PtrSize;

        assertThat(word(b, at, w)).isEqualTo(w); // size
        assertThat(b[at + (int) gort.runtime.type.Type.kind(arch)] & 0xff)
                .isEqualTo(gort.runtime.type.Type.KindPtr | gort.runtime.type.Type.KindDirectIface);
        assertThat(b[at + (int) gort.runtime.type.Type.gc(arch, 0)] & 0xff).isEqualTo(0x88);
        long str = word(b, at + gort.runtime.type.Type.string(arch), w);
        assertThat(str).isNotZero();
        long elem = word(b, at + gort.runtime.type.Type.elem(arch), w) - DATA;
        assertThat(word(b, elem, w)).isEqualTo(w); // int's size
        assertThat(b[(int) elem + (int) gort.runtime.type.Type.kind(arch)] & 0xff)
                .isEqualTo(gort.runtime.type.Type.KindInt | gort.runtime.type.Type.KindNoPointers);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aLargeTypePointsGc0AtBssSpaceAndGc1AtItsProgram(Arch arch) {
        DataSegment d = new DataSegment(arch, DATA, BSS);
        Type t = new Type.Array(100, new Type.Pointer(Types.INT));
        int at = d.typedesc(t, null);
        byte[] b = d.toByteArray();
        int w = arch.PtrSize;

        assertThat(b[at + (int) gort.runtime.type.Type.kind(arch)] & 0xff)
                .isEqualTo(gort.runtime.type.Type.KindArray | gort.runtime.type.Type.KindGCProg);
        long gc0 = word(b, at + gort.runtime.type.Type.gc(arch, 0), w);
        long gc1 = word(b, at + gort.runtime.type.Type.gc(arch, 1), w);
        assertThat(gc0).isBetween(BSS, BSS + d.bssSize() - 51);
        byte[] prog = d.gcsym().gc(t).program();
        byte[] stored =
                java.util.Arrays.copyOfRange(
                        b, (int) (gc1 - DATA), (int) (gc1 - DATA) + prog.length);
        assertThat(stored).isEqualTo(prog);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theBssProgramCoversEachGlobalWithItsTypesWords(Arch arch) {
        DataSegment d = new DataSegment(arch, DATA, BSS);
        int w = arch.PtrSize;
        d.global("n", w, w, Types.INT);
        d.global("s", 2 * w, w, Types.STRING);
        int[] gc = d.gcprograms();
        byte[] b = d.toByteArray();

        // gcdata: the empty data section; gcbss: S, P, S as one insData
        assertThat(b[gc[0]]).isEqualTo((byte) gort.runtime.type.GcBits.insEnd);
        assertThat(java.util.Arrays.copyOfRange(b, gc[1], gc[1] + 4))
                .containsExactly(
                        gort.runtime.type.GcBits.insData,
                        3,
                        1 | 2 << 2 | 1 << 4,
                        gort.runtime.type.GcBits.insEnd);
    }
}
