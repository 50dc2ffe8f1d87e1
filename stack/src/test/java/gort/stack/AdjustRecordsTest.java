package gort.stack;

import static gort.runtime.cpu.FuncData.BitsPointer;
import static gort.runtime.cpu.FuncData.BitsScalar;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.Stktop;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.StackMap;
import gort.runtime.mem.Memory;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * adjustctxt, adjustdefers and adjustsudogs against a Defer/SudoG layout given through {@link
 * Stacks#records} (runtime.h's amd64 offsets: Defer argp 8, fn 24, link 32, args 40; SudoG elem 24,
 * waitlink 40), as the panic and channel modules will give theirs.
 */
class AdjustRecordsTest {
    static final StackRecords LAYOUT = new StackRecords(8, 24, 32, 40, 24, 40);
    Stacks s;
    Memory mem;
    G gp;
    CopyStack.AdjustInfo adj;

    @BeforeEach
    void setUp() {
        Arch arch = Arch.amd64;
        // main.defd(p *int, n int): a deferred function whose first argument is a pointer
        FuncBuilder defd =
                new FuncBuilder(arch, "main.defd")
                        .args(16)
                        .pos("d.go", 1)
                        .argsMaps(StackMap.of(new int[] {BitsPointer, BitsScalar}))
                        .localsMaps(StackMap.of(new int[0]))
                        .ret();
        GoProcess p =
                StackPrograms.process(
                        StackPrograms.link(
                                arch,
                                StackPrograms.main(arch, 1, true),
                                StackPrograms.rec(arch, true),
                                defd),
                        new ByteArrayOutputStream(),
                        null,
                        true);
        s = (Stacks) p.stacks();
        s.records = LAYOUT;
        mem = s.mem;
        gp = p.newG(GStatus.Gwaiting);
        adj = new CopyStack.AdjustInfo();
        adj.oldstk = p.malloc().mallocgc(8192, 0, 0);
        adj.oldbase = adj.oldstk + 8192;
        adj.delta = 0x10000;
    }

    private long funcval(String fn) {
        long fv = s.process.malloc().mallocgc(8, 0, 0);
        mem.storep(fv, s.text.lookup(fn).entry);
        return fv;
    }

    private long heapDefer(long argp, long fn, long link, long arg0, long arg1) {
        long d = s.process.malloc().mallocgc(64, 0, 0);
        mem.storep(d + LAYOUT.deferArgp(), argp);
        mem.storep(d + LAYOUT.deferFn(), fn);
        mem.storep(d + LAYOUT.deferLink(), link);
        mem.storep(d + LAYOUT.deferArgs(), arg0);
        mem.storep(d + LAYOUT.deferArgs() + 8, arg1);
        return d;
    }

    @Test
    void aDeferOfTheSegmentHasItsArgpAndItsArgumentPointersMoved() {
        long outer = heapDefer(0x7000, funcval("main.defd"), 0, adj.oldstk + 16, 0); // next segment
        long d =
                heapDefer(
                        adj.oldstk + 0x100,
                        funcval("main.defd"),
                        outer,
                        adj.oldstk + 0x40,
                        adj.oldstk + 0x40);
        gp.defer = d;
        CopyStack.adjustdefers(s, null, gp, adj);
        assertThat(mem.loadp(d + LAYOUT.deferArgp())).isEqualTo(adj.oldstk + 0x100 + adj.delta);
        assertThat(mem.loadp(d + LAYOUT.deferArgs()))
                .as("pointer arg")
                .isEqualTo(adj.oldstk + 0x40 + adj.delta);
        assertThat(mem.loadp(d + LAYOUT.deferArgs() + 8))
                .as("scalar arg")
                .isEqualTo(adj.oldstk + 0x40);
        // the walk stops at the first defer of another segment
        assertThat(mem.loadp(outer + LAYOUT.deferArgp())).isEqualTo(0x7000);
        assertThat(mem.loadp(outer + LAYOUT.deferArgs())).isEqualTo(adj.oldstk + 16);
        assertThat(gp.defer).isEqualTo(d);
    }

    @Test
    void aDeferRecordOnTheStackIsRelinkedAndANilFnOnlyMovesArgp() {
        long onStack = adj.oldstk + 0x200;
        mem.storep(onStack + LAYOUT.deferLink(), 0);
        long nilfn = heapDefer(adj.oldstk + 0x300, 0, onStack, 0, 0);
        gp.defer = nilfn;
        CopyStack.adjustdefers(s, null, gp, adj);
        assertThat(mem.loadp(nilfn + LAYOUT.deferArgp())).isEqualTo(adj.oldstk + 0x300 + adj.delta);
        assertThat(mem.loadp(nilfn + LAYOUT.deferLink()))
                .as("link to the moved record")
                .isEqualTo(onStack + adj.delta);
    }

    @Test
    void sudogElemsAndTheSavedContextIntoTheStackMove() {
        long s1 = s.process.malloc().mallocgc(64, 0, 0);
        long s2 = s.process.malloc().mallocgc(64, 0, 0);
        mem.storep(s1 + LAYOUT.sudogElem(), adj.oldstk + 0x80);
        mem.storep(s1 + LAYOUT.sudogWaitlink(), s2);
        mem.storep(s2 + LAYOUT.sudogElem(), 0x5000);
        mem.storep(s2 + LAYOUT.sudogWaitlink(), 0);
        gp.waiting = s1;
        gp.sched.ctxt = adj.oldstk + 0x90;
        CopyStack.adjustsudogs(s, gp, adj);
        CopyStack.adjustctxt(gp, adj);
        assertThat(mem.loadp(s1 + LAYOUT.sudogElem())).isEqualTo(adj.oldstk + 0x80 + adj.delta);
        assertThat(mem.loadp(s2 + LAYOUT.sudogElem())).isEqualTo(0x5000);
        assertThat(gp.sched.ctxt).isEqualTo(adj.oldstk + 0x90 + adj.delta);
    }

    @Test
    void withoutALayoutAGWithDefersIsNotCopyable() {
        s.records = null;
        // a real record (the walk reads it), with NoArgs so that no frame owns it
        int w = mem.arch().PtrSize;
        long d = s.process.malloc().mallocgc(64, 0, 0);
        mem.storep(d + gort.runtime.Defer.argp(w), gort.runtime.Defer.NoArgs(w));
        gp.defer = d;
        gp.stackbase = adj.oldbase - Stktop.SIZE;
        gp.stackguard = adj.oldstk + gort.runtime.Stack.StackGuard;
        gp.sched.pc = s.goexitPc;
        gp.sched.sp = gp.stackbase - 64;
        assertThat(CopyStack.copyabletopsegment(s, gp)).isEqualTo(-1);
        gp.defer = 0;
        assertThat(CopyStack.copyabletopsegment(s, gp)).isEqualTo(1);
    }
}
