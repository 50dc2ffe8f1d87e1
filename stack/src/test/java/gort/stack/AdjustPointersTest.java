package gort.stack;

import static gort.runtime.cpu.FuncData.BitsDead;
import static gort.runtime.cpu.FuncData.BitsEface;
import static gort.runtime.cpu.FuncData.BitsMultiWord;
import static gort.runtime.cpu.FuncData.BitsPointer;
import static gort.runtime.cpu.FuncData.BitsScalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.BitVector;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.StackMap;
import gort.runtime.mem.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * adjustpointers on hand-built frames: words described by a two-bit map, an "old stack" range and a
 * delta. Pointers into the old stack move by delta; pointers elsewhere, scalars and dead words
 * stay; junk in a pointer slot throws.
 */
class AdjustPointersTest {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Stacks stacks(Arch arch) {
        GoProcess p =
                StackPrograms.process(
                        StackPrograms.link(
                                arch,
                                StackPrograms.main(arch, 1, true),
                                StackPrograms.rec(arch, true)),
                        out,
                        null,
                        true);
        return (Stacks) p.stacks();
    }

    /** A frame of words at a fresh 8 KiB block; returns its address. */
    private static long frame(Stacks s, long... words) {
        long base = s.process.malloc().mallocgc(8192, 0, 0);
        int w = s.mem.arch().PtrSize;
        for (int i = 0; i < words.length; i++) {
            s.mem.storep(base + (long) i * w, words[i]);
        }
        return base;
    }

    private static long word(Stacks s, long base, int i) {
        return s.mem.loadp(base + (long) i * s.mem.arch().PtrSize);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void pointersIntoTheOldStackMoveByDeltaAndNothingElseChanges(Arch arch) {
        Stacks s = stacks(arch);
        CopyStack.AdjustInfo adj = new CopyStack.AdjustInfo();
        adj.oldstk = 0x10000000L;
        adj.oldbase = 0x10002000L;
        adj.delta = 0x4000;
        long heap = 0x20000000L;
        long f =
                frame(
                        s,
                        adj.oldstk + 0x10, // 0 ptr into old stack: moves
                        heap, // 1 ptr elsewhere: stays
                        adj.oldstk + 0x20, // 2 scalar that looks like a stack address: stays
                        adj.oldstk + 0x30, // 3 dead: stays
                        0, // 4 nil pointer: stays
                        adj.oldbase - 1, // 5 last byte of the old stack: moves
                        adj.oldbase, // 6 one past the end: stays
                        adj.oldstk); // 7 the first byte: moves
        BitVector bv =
                StackMap.of(
                                new int[] {
                                    BitsPointer,
                                    BitsPointer,
                                    BitsScalar,
                                    BitsDead,
                                    BitsPointer,
                                    BitsPointer,
                                    BitsPointer,
                                    BitsPointer
                                })
                        .stackmapdata(0);
        Func fn = s.text.lookup("main.rec");

        CopyStack.adjustpointers(s, null, f, bv, adj, fn);

        assertThat(word(s, f, 0)).isEqualTo(adj.oldstk + 0x10 + adj.delta);
        assertThat(word(s, f, 1)).isEqualTo(heap);
        assertThat(word(s, f, 2)).isEqualTo(adj.oldstk + 0x20);
        assertThat(word(s, f, 3)).isEqualTo(adj.oldstk + 0x30);
        assertThat(word(s, f, 4)).isZero();
        assertThat(word(s, f, 5)).isEqualTo(adj.oldbase - 1 + adj.delta);
        assertThat(word(s, f, 6)).isEqualTo(adj.oldbase);
        assertThat(word(s, f, 7)).isEqualTo(adj.oldstk + adj.delta);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aNegativeDeltaMovesPointersDown(Arch arch) {
        Stacks s = stacks(arch);
        CopyStack.AdjustInfo adj = new CopyStack.AdjustInfo();
        adj.oldstk = 0x10008000L;
        adj.oldbase = 0x1000a000L;
        adj.delta = -0x6000;
        long f = frame(s, adj.oldstk + 8);
        CopyStack.adjustpointers(
                s, null, f, StackMap.of(new int[] {BitsPointer}).stackmapdata(0), adj, null);
        assertThat(word(s, f, 0)).isEqualTo(adj.oldstk + 8 - 0x6000);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anEmptyInterfaceMovesItsDataWordWhenItsTypeHasPointers(Arch arch) {
        Stacks s = stacks(arch);
        Memory mem = s.mem;
        int w = arch.PtrSize;
        long type = s.process.malloc().mallocgc(64, 0, 0);
        mem.storep(type, w); // size: one word
        mem.store8(type + w + 7, 22); // kind: KindPtr, not direct, has pointers
        CopyStack.AdjustInfo adj = new CopyStack.AdjustInfo();
        adj.oldstk = 0x10000000L;
        adj.oldbase = 0x10002000L;
        adj.delta = 0x2000;
        long f = frame(s, type, adj.oldstk + 0x40, 0, adj.oldstk + 0x40);
        BitVector bv =
                StackMap.of(new int[] {BitsMultiWord, BitsEface, BitsMultiWord, BitsEface})
                        .stackmapdata(0);
        CopyStack.adjustpointers(s, null, f, bv, adj, null);
        assertThat(word(s, f, 1)).isEqualTo(adj.oldstk + 0x40 + adj.delta);
        assertThat(word(s, f, 3)).as("nil type: nothing to adjust").isEqualTo(adj.oldstk + 0x40);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void junkInAPointerSlotThrowsBadPointer(Arch arch) {
        Stacks s = stacks(arch);
        CopyStack.AdjustInfo adj = new CopyStack.AdjustInfo();
        adj.oldstk = 0x10000000L;
        adj.oldbase = 0x10002000L;
        adj.delta = 0x2000;
        long f = frame(s, 0x100);
        Func fn = s.text.lookup("main.rec");
        assertThatThrownBy(
                        () ->
                                CopyStack.adjustpointers(
                                        s,
                                        null,
                                        f,
                                        StackMap.of(new int[] {BitsPointer}).stackmapdata(0),
                                        adj,
                                        fn))
                .isInstanceOf(GoThrow.class)
                .hasMessage("bad pointer!");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        String.format(
                                "runtime: bad pointer in frame main.rec at %#x: 0x100\nfatal error: bad pointer!\n",
                                f));
    }
}
