package gort.runtime.cpu;

import static gort.runtime.cpu.FuncData.*;
import static gort.runtime.cpu.Isa.*;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stack maps name exactly the pointer words of a live frame, read the way scanframe reads them. */
class StackMapTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void bitVectorsPackTwoBitsPerWordLowFirst(Arch arch) {
        int[] kinds = new int[20];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = i % 4;
        }
        StackMap m = StackMap.of(kinds, new int[20]);
        BitVector bv = m.stackmapdata(0);
        assertThat(bv.n).isEqualTo(40);
        assertThat(bv.data(0)).isEqualTo(0xe4e4e4e4);
        for (int i = 0; i < kinds.length; i++) {
            assertThat(bv.kind(i)).isEqualTo(i % 4);
        }
        assertThat(m.stackmapdata(1).data(1)).isZero();
    }

    @org.junit.jupiter.api.Test
    void aMapIsPointerFreeOnlyWhenNoWordIsAPointerOrMultiword() {
        int[] scalarsAndDead = new int[40];
        for (int i = 0; i < scalarsAndDead.length; i++) {
            scalarsAndDead[i] = i % 2 == 0 ? BitsScalar : BitsDead;
        }
        int[] lastIsPointer = scalarsAndDead.clone();
        lastIsPointer[39] = BitsPointer;
        int[] multiword = scalarsAndDead.clone();
        multiword[17] = BitsMultiWord;
        multiword[18] = BitsIface;
        StackMap m = StackMap.of(scalarsAndDead, lastIsPointer, multiword, new int[40]);
        assertThat(m.stackmapdata(0).pointerFree()).isTrue();
        assertThat(m.stackmapdata(1).pointerFree()).isFalse();
        assertThat(m.stackmapdata(2).pointerFree()).isFalse();
        assertThat(m.stackmapdata(3).pointerFree()).isTrue();
    }

    /**
     * func f(p *T, n int, s string) with locals {q *T; k int; t string} and an outgoing arg word;
     * at its runtime call the frame holds heap pointers exactly in p, s.ptr, q and t.ptr.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void mapsMarkExactlyThePointerSlotsOfAHandBuiltFrame(Arch arch) {
        Rig rig = new Rig(arch);
        int w = arch.PtrSize;
        int pw = Isa.width(w, false);
        long heap = rig.layout.arenaStart + 2 * Rig.STACK;
        // args: p, n, s.ptr, s.len; locals (words below varp): out, q, k, t.ptr, t.len
        StackMap args = StackMap.of(new int[] {BitsPointer, BitsScalar, BitsPointer, BitsScalar});
        StackMap locals =
                StackMap.of(
                        new int[] {BitsDead, BitsDead, BitsDead, BitsDead, BitsDead},
                        new int[] {BitsDead, BitsPointer, BitsScalar, BitsPointer, BitsScalar});
        FuncBuilder f =
                new FuncBuilder(arch, "main.f")
                        .args(4 * w)
                        .locals(5 * w)
                        .argsMaps(args)
                        .localsMaps(locals)
                        .pos("f.go", 1);
        f.movi(R0, heap + 64)
                .store(SP, f.local(w), R0, pw)
                .movi(R0, 7)
                .store(SP, f.local(2 * w), R0, pw)
                .movi(R0, heap + 128)
                .store(SP, f.local(3 * w), R0, pw)
                .movi(R0, 3)
                .store(SP, f.local(4 * w), R0, pw)
                .movi(R0, 0)
                .store(SP, f.local(0), R0, pw)
                .pcdata(PCDATA_StackMapIndex, 1)
                .line(2)
                .rtcall("runtime.scan")
                .pcdata(PCDATA_StackMapIndex, -1)
                .line(3)
                .ret();
        List<Long> pointers = new ArrayList<>();
        List<Long> scalars = new ArrayList<>();
        Linker ln =
                rig.linker()
                        .add(f)
                        .runtime(
                                "runtime.scan",
                                (cpu, argp) -> {
                                    // scanframe on the caller's frame, from (pc, sp) as
                                    // gentraceback computes it
                                    Text t = cpu.text();
                                    long pc = cpu.pc();
                                    Func fn = t.findfunc(pc);
                                    long fp =
                                            cpu.sp()
                                                    + t.funcspdelta(fn, pc)
                                                    + (arch.hasLinkRegister ? 0 : w);
                                    long varp = arch.hasLinkRegister ? fp : fp - w;
                                    long fargp = fp + (arch.hasLinkRegister ? w : 0);
                                    int idx = t.pcdatavalue(fn, PCDATA_StackMapIndex, pc - 1);
                                    BitVector lv =
                                            t.funcdata(fn, FUNCDATA_LocalsPointerMaps)
                                                    .stackmapdata(idx);
                                    long size = (long) lv.words() * w;
                                    for (int i = 0; i < lv.words(); i++) {
                                        long a = varp - size + (long) i * w;
                                        classify(lv.kind(i), cpu.mem().loadp(a), pointers, scalars);
                                    }
                                    BitVector av =
                                            t.funcdata(fn, FUNCDATA_ArgsPointerMaps)
                                                    .stackmapdata(0);
                                    for (int i = 0; i < av.words(); i++) {
                                        classify(
                                                av.kind(i),
                                                cpu.mem().loadp(fargp + (long) i * w),
                                                pointers,
                                                scalars);
                                    }
                                });
        rig.load(ln.link());
        rig.call("main.f", 0, heap, 5, heap + 256, 11);
        assertThat(pointers).containsExactlyInAnyOrder(heap, heap + 256, heap + 64, heap + 128);
        assertThat(scalars).containsExactlyInAnyOrder(5L, 11L, 7L, 3L);
    }

    private static void classify(int kind, long v, List<Long> pointers, List<Long> scalars) {
        if (kind == BitsPointer) {
            pointers.add(v);
        } else if (kind == BitsScalar) {
            scalars.add(v);
        }
    }
}
