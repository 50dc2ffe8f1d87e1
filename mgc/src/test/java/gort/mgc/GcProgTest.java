package gort.mgc;

import static gort.runtime.cpu.FuncData.BitsDead;
import static gort.runtime.cpu.FuncData.BitsPointer;
import static gort.runtime.cpu.FuncData.BitsScalar;
import static gort.runtime.type.GcBits.insArray;
import static gort.runtime.type.GcBits.insArrayEnd;
import static gort.runtime.type.GcBits.insData;
import static gort.runtime.type.GcBits.insEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.M;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Linker;
import gort.runtime.mem.Memory;
import gort.runtime.type.Type;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The GC program interpreter of mgc0.c on programs written by hand, for both word sizes. */
class GcProgTest {
    static final long PROG = 0x10_0000L; // below the heap and the text on both arches

    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    GoProcess process(Arch arch) {
        GoProcess p =
                GoProcess.builder(new Linker(arch).link()).stderr(out).morestack(cpu -> {}).build();
        p.memory().reserve("progs", PROG, 1 << 16);
        p.memory().map(PROG, 1 << 16);
        return p;
    }

    /** Writes a program's bytes at PROG and returns PROG. */
    static long prog(GoProcess p, int... b) {
        for (int i = 0; i < b.length; i++) {
            p.memory().store8(PROG + i, b[i]);
        }
        return PROG;
    }

    /** The insArray header: the instruction, then len in PtrSize little-endian bytes. */
    static List<Integer> array(Arch arch, long len) {
        List<Integer> l = new ArrayList<>();
        l.add(insArray);
        for (int i = 0; i < arch.PtrSize; i++, len >>= 8) {
            l.add((int) (len & 0xff));
        }
        return l;
    }

    static int[] bytes(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The two-bit kinds of the first n words of a dense mask. */
    static int[] dense(byte[] mask, int n) {
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            k[i] = (mask[i / 4] >> (i % 4 * 2)) & 3;
        }
        return k;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void insDataUnrollsItsKindsTwoBitsPerWordIntoADenseMask(Arch arch) {
        GoProcess p = process(arch);
        // scalar, pointer, scalar
        long prog = prog(p, insData, 3, BitsScalar | BitsPointer << 2 | BitsScalar << 4, insEnd);
        byte[] mask = new byte[2];
        long[] pos = {0};
        long end = GcProg.unrollgcprog1(p, GcProg.Mask.of(mask), prog, pos, false, false);

        assertThat(pos[0]).isEqualTo(6);
        assertThat(end).isEqualTo(prog + 3);
        assertThat(dense(mask, 3)).containsExactly(BitsScalar, BitsPointer, BitsScalar);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void sparseUnrollingPutsEachKindInTheUpperHalfOfItsNibble(Arch arch) {
        GoProcess p = process(arch);
        long prog = prog(p, insData, 2, BitsPointer | BitsScalar << 2, insEnd);
        byte[] mask = new byte[1];
        long[] pos = {0};
        GcProg.unrollgcprog1(p, GcProg.Mask.of(mask), prog, pos, false, true);

        assertThat(pos[0]).isEqualTo(8);
        assertThat(mask[0] & 0xff).isEqualTo(BitsPointer << 2 | BitsScalar << 6);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void nestedArraysRepeatTheirBodies(Arch arch) {
        GoProcess p = process(arch);
        // [2]struct{ p *T; s [3]int } as a program: insArray 2 { P, insArray 3 { S } }
        List<Integer> l = new ArrayList<>(array(arch, 2));
        l.addAll(List.of(insData, 1, BitsPointer));
        l.addAll(array(arch, 3));
        l.addAll(List.of(insData, 1, BitsScalar, insArrayEnd, insArrayEnd, insEnd));
        long prog = prog(p, bytes(l));
        byte[] mask = new byte[2];
        long[] pos = {0};
        long end = GcProg.unrollgcprog1(p, GcProg.Mask.of(mask), prog, pos, false, false);

        assertThat(p.memory().load8(end)).isEqualTo(insEnd);
        assertThat(pos[0]).isEqualTo(16);
        assertThat(dense(mask, 8))
                .containsExactly(
                        BitsPointer,
                        BitsScalar,
                        BitsScalar,
                        BitsScalar,
                        BitsPointer,
                        BitsScalar,
                        BitsScalar,
                        BitsScalar);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anArrayThatEndsWithInsEndThrows(Arch arch) {
        GoProcess p = process(arch);
        List<Integer> l = new ArrayList<>(array(arch, 1));
        l.addAll(List.of(insData, 1, BitsPointer, insEnd));
        long prog = prog(p, bytes(l));

        assertThatThrownBy(
                        () ->
                                GcProg.unrollgcprog1(
                                        p,
                                        GcProg.Mask.of(new byte[1]),
                                        prog,
                                        new long[1],
                                        false,
                                        false))
                .isInstanceOf(GoThrow.class)
                .hasMessage("unrollgcprog: array does not end with insArrayEnd");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anUnknownInstructionThrows(Arch arch) {
        GoProcess p = process(arch);
        long prog = prog(p, 9);

        assertThatThrownBy(
                        () ->
                                GcProg.unrollgcprog1(
                                        p,
                                        GcProg.Mask.of(new byte[1]),
                                        prog,
                                        new long[1],
                                        false,
                                        false))
                .isInstanceOf(GoThrow.class)
                .hasMessage("unrollgcprog: unknown instruction");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void unrollglobgcprogBuildsTheSectionMask(Arch arch) {
        GoProcess p = process(arch);
        long prog = prog(p, insData, 2, BitsPointer | BitsScalar << 2, insEnd);
        GcProg.BitVector bv = GcProg.unrollglobgcprog(p, prog, 2L * arch.PtrSize);

        assertThat(bv.n()).isEqualTo(8);
        assertThat(dense(bv.data(), 2)).containsExactly(BitsPointer, BitsScalar);
        assertThat(bv.data()[1] & 0xff).isEqualTo(0xa1); // the guard byte survives
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void unrollglobgcprogRejectsAProgramOfTheWrongSize(Arch arch) {
        GoProcess p = process(arch);
        long prog = prog(p, insData, 2, BitsPointer | BitsScalar << 2, insEnd);

        assertThatThrownBy(() -> GcProg.unrollglobgcprog(p, prog, 3L * arch.PtrSize))
                .isInstanceOf(GoThrow.class)
                .hasMessage("unrollglobgcprog: bad program size");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("unrollglobgcprog: bad program size, got 4, expect 6\n");
    }

    /** A type descriptor with KindGCProg at t: size, gc[0] (space) and gc[1] (the program). */
    static long gcprogType(GoProcess p, long t, long size, long gc0, long prog) {
        Memory mem = p.memory();
        Arch a = mem.arch();
        mem.storep(t, size);
        mem.store8(t + Type.kind(a), Type.KindStruct | Type.KindGCProg);
        mem.storep(t + Type.gc(a, 0), gc0);
        mem.storep(t + Type.gc(a, 1), prog);
        return t;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void unrollgcprogMUnrollsAnOddSizedTypeTwiceAfterItsFlagAndSetsTheFlag(Arch arch) {
        GoProcess p = process(arch);
        Memory mem = p.memory();
        int w = arch.PtrSize;
        long prog = prog(p, insData, 3, BitsPointer | BitsScalar << 2 | BitsPointer << 4, insEnd);
        long gc0 = PROG + 0x100;
        long t = gcprogType(p, PROG + 0x200, 3L * w, gc0, prog);
        M mp = new M(p, 0);
        mp.ptrarg[0] = t;
        GcProg.unrollgcprog_m(p, mp);

        assertThat(mp.ptrarg[0]).isNull();
        assertThat(mem.load8(gc0)).isEqualTo(1);
        // six words of four bits from byte 1: P S | P P | S P
        assertThat(mem.load8(gc0 + 1)).isEqualTo(BitsPointer << 2 | BitsScalar << 6);
        assertThat(mem.load8(gc0 + 2)).isEqualTo(BitsPointer << 2 | BitsPointer << 6);
        assertThat(mem.load8(gc0 + 3)).isEqualTo(BitsScalar << 2 | BitsPointer << 6);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void unrollgcproginplaceMWritesTheHeapBitmapBelowArenaStart(Arch arch) {
        GoProcess p = process(arch);
        Memory mem = p.memory();
        int w = arch.PtrSize;
        long arena = Mgc.state(p).arena_start;
        mem.map(arena - Memory.PhysPageSize, 2L * Memory.PhysPageSize);
        long prog = prog(p, insData, 3, BitsPointer | BitsScalar << 2 | BitsPointer << 4, insEnd);
        long t = gcprogType(p, PROG + 0x200, 3L * w, 0, prog);
        long v = arena; // the first object of the arena: bitmap byte arena-1, then arena-2
        M mp = new M(p, 0);
        mp.ptrarg[0] = v;
        mp.ptrarg[1] = t;
        mp.scalararg[0] = 4L * w; // its size class holds four words
        mp.scalararg[1] = 3L * w;
        GcProg.unrollgcproginplace_m(p, mp);

        // word 0: P and the boundary bit; word 1: S; word 2: P; word 3: BitsDead
        assertThat(mem.load8(arena - 1)).isEqualTo(BitsPointer << 2 | 1 | BitsScalar << 6);
        assertThat(mem.load8(arena - 2)).isEqualTo(BitsPointer << 2 | BitsDead << 6);
        assertThat(mp.ptrarg[0]).isNull();
        assertThat(mp.ptrarg[1]).isNull();
    }
}
