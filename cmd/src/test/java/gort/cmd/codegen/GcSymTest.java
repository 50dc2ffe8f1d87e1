package gort.cmd.codegen;

import static gort.runtime.cpu.FuncData.BitsDead;
import static gort.runtime.cpu.FuncData.BitsPointer;
import static gort.runtime.type.GcBits.insArray;
import static gort.runtime.type.GcBits.insArrayEnd;
import static gort.runtime.type.GcBits.insData;
import static gort.runtime.type.GcBits.insEnd;
import static org.assertj.core.api.Assertions.assertThat;

import gort.cmd.syntax.Pos;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.cmd.types.Types;
import gort.runtime.arch.Arch;
import java.io.ByteArrayOutputStream;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * reflect.c's gc words of gort's types: the embedded four-bit masks of small types (each word's
 * kind in the upper half of its nibble, odd word counts repeated, holes read as scalars) and the
 * programs of large ones.
 */
class GcSymTest {
    static GcSym gc(Arch arch) {
        return new GcSym(new TypeSizes(arch));
    }

    static Type.Struct struct(Type... fields) {
        Type.Struct st = new Type.Struct();
        for (int i = 0; i < fields.length; i++) {
            st.fields.add(new Obj.Var("f" + i, Pos.NONE, null, fields[i], Obj.VarKind.FIELD));
        }
        return st;
    }

    static final Type PINT = new Type.Pointer(Types.INT);

    /** The expected mask: the given bytes, then zeros up to 2*PtrSize. */
    static byte[] mask(Arch arch, int... b) {
        byte[] m = new byte[2 * arch.PtrSize];
        for (int i = 0; i < b.length; i++) {
            m[i] = (byte) b[i];
        }
        return m;
    }

    static byte[] bytes(int... b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int x : b) {
            o.write(x);
        }
        return o.toByteArray();
    }

    /** insArray len in PtrSize little-endian bytes. */
    static int[] array(Arch arch, int len) {
        int[] a = new int[1 + arch.PtrSize];
        a[0] = insArray;
        a[1] = len & 0xff;
        a[2] = len >> 8 & 0xff;
        return a;
    }

    static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void scalarsHaveNoPointersAndAZeroMask(Arch arch) {
        GcSym g = gc(arch);
        for (Type t : new Type[] {Types.INT, Types.BOOL, Types.UINT8, Types.INT64}) {
            GcSym.Gc gc = g.gc(t);
            assertThat(GcSym.haspointers(t)).isFalse();
            assertThat(gc.prog()).isFalse();
            assertThat(gc.mask()).isEqualTo(mask(arch));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPointerIsOneWordRepeatedToFillTheByte(Arch arch) {
        assertThat(gc(arch).gc(PINT).mask()).isEqualTo(mask(arch, 0x88));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aStringIsAPointerThenAScalar(Arch arch) {
        assertThat(gc(arch).gc(Types.STRING).mask()).isEqualTo(mask(arch, 0x48));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aSliceIsPointerScalarScalarListedTwice(Arch arch) {
        assertThat(gc(arch).gc(new Type.Slice(Types.BYTE)).mask())
                .isEqualTo(mask(arch, 0x48, 0x84, 0x44));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anInterfaceIsMultiWordThenEface(Arch arch) {
        assertThat(gc(arch).gc(new Type.Interface(false)).mask()).isEqualTo(mask(arch, 0xcc));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aStructListsItsFieldsWords(Arch arch) {
        Type scalarPtr = struct(Types.INT, PINT, Types.INT, PINT, Types.INT, PINT);
        assertThat(gc(arch).gc(scalarPtr).mask()).isEqualTo(mask(arch, 0x84, 0x84, 0x84));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aSmallArrayOfPointersUsesTheMask(Arch arch) {
        GcSym.Gc gc = gc(arch).gc(new Type.Array(3, PINT));
        assertThat(gc.prog()).isFalse();
        assertThat(gc.mask()).isEqualTo(mask(arch, 0x88, 0x88, 0x88));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aLargeArrayOfPointersIsAnArrayProgramWithUnrollSpace(Arch arch) {
        GcSym.Gc gc = gc(arch).gc(new Type.Array(100, PINT));
        assertThat(gc.prog()).isTrue();
        assertThat(gc.gc0size()).isEqualTo(100 * 4 / 8 + 1);
        assertThat(gc.program())
                .isEqualTo(
                        bytes(
                                concat(
                                        array(arch, 100),
                                        new int[] {insData, 1, BitsPointer, insArrayEnd, insEnd})));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aHugeTypeGetsNoUnrollSpace(Arch arch) {
        GcSym.Gc gc = gc(arch).gc(new Type.Array(1000, PINT));
        assertThat(gc.prog()).isTrue();
        assertThat(gc.gc0size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aLargeScalarArrayInAStructIsOneScalarRepeated(Arch arch) {
        GcSym.Gc gc = gc(arch).gc(struct(PINT, new Type.Array(64, Types.INT)));
        assertThat(gc.prog()).isTrue();
        assertThat(gc.program())
                .isEqualTo(
                        bytes(
                                concat(
                                        new int[] {insData, 1, BitsPointer},
                                        array(arch, 64),
                                        new int[] {insData, 1, 1, insArrayEnd, insEnd})));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aLargeArrayOfStructsRepeatsTheElementsProgram(Arch arch) {
        GcSym.Gc gc = gc(arch).gc(new Type.Array(40, struct(PINT, Types.INT)));
        assertThat(gc.program())
                .isEqualTo(
                        bytes(
                                concat(
                                        array(arch, 40),
                                        new int[] {
                                            insData, 2, BitsPointer | 1 << 2, insArrayEnd, insEnd
                                        })));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void noPointersNeverNeedsAProgram(Arch arch) {
        assertThat(gc(arch).usegcprog(new Type.Array(1000, Types.INT))).isFalse();
    }

    @Test
    void pointerShapedTypesAreDirectIfaceAndOthersAreNot() {
        assertThat(GcSym.isdirectiface(PINT)).isTrue();
        assertThat(GcSym.isdirectiface(new Type.Array(1, PINT))).isTrue();
        assertThat(GcSym.isdirectiface(struct(PINT))).isTrue();
        assertThat(GcSym.isdirectiface(new Type.Array(2, PINT))).isFalse();
        assertThat(GcSym.isdirectiface(struct(PINT, PINT))).isFalse();
        assertThat(GcSym.isdirectiface(Types.INT)).isFalse();
        assertThat(GcSym.isdirectiface(Types.STRING)).isFalse();
    }

    @Test
    void theStackFormLeavesAStringsLengthDead() {
        GcSym g = gc(Arch.amd64);
        BitSet bv = new BitSet();
        g.twobitwalktype1(Types.STRING, new long[] {0}, bv);
        int w0 = (bv.get(0) ? 1 : 0) | (bv.get(1) ? 2 : 0);
        int w1 = (bv.get(2) ? 1 : 0) | (bv.get(3) ? 2 : 0);
        assertThat(new int[] {w0, w1}).containsExactly(BitsPointer, BitsDead);
    }

    @Test
    void bigStructOnArmIsAProgramAndOnAmd64AMask() {
        Type big =
                struct(
                        PINT,
                        Types.UINT8,
                        new Type.Array(17, Types.UINT8),
                        new Type.Slice(Types.UINT8),
                        Types.INT,
                        Types.UINT16,
                        Types.UINT64,
                        Types.STRING);
        // 12 words on amd64 fit 6 bytes; 15 on arm, repeated, need 15 bytes of the 8 there are
        assertThat(gc(Arch.amd64).usegcprog(big)).isFalse();
        assertThat(gc(Arch.amd64).gc(big).mask())
                .isEqualTo(mask(Arch.amd64, 0x48, 0x44, 0x48, 0x44, 0x44, 0x48));
        assertThat(gc(Arch.arm).usegcprog(big)).isTrue();
    }
}
