package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.Stack;
import gort.runtime.arch.Arch;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prologue's split-stack check against g->stackguard0 (obj6.c/obj5.c stacksplit), the state
 * morestack hands to newstack, and preemption through stackguard0 = StackPreempt.
 */
class CpuMorestackTest {

    /** func f(x int) int { return leaf(x) } with {@code locals} bytes of frame; leaf adds 1. */
    private static Rig rig(Arch arch, int locals, CountingMorestack ms) {
        Rig rig = new Rig(arch);
        int w = arch.PtrSize;
        FuncBuilder leaf =
                new FuncBuilder(arch, "main.leaf")
                        .args(2 * w)
                        .nosplit(true)
                        .pos("f.go", 1)
                        .load(R0, FuncBuilder.FP, 0, rig.INT)
                        .movi(R1, 1)
                        .add(R0, R0, R1, rig.INT)
                        .store(FuncBuilder.FP, w, R0, rig.INT)
                        .ret();
        FuncBuilder f = new FuncBuilder(arch, "main.f").args(2 * w).locals(locals).pos("f.go", 5);
        f.load(R0, FuncBuilder.FP, 0, rig.INT)
                .store(SP, f.outarg(0), R0, rig.INT)
                .call("main.leaf")
                .load(R0, SP, f.outarg(w), rig.INT)
                .store(FuncBuilder.FP, w, R0, rig.INT)
                .ret();
        rig.load(rig.linker().add(leaf).add(f).link(), ms);
        return rig;
    }

    /** SP at main.f's STACKCHECK when Rig calls it. */
    private static long entrySP(Rig rig) {
        return rig.arch.hasLinkRegister ? rig.callerSP(2) : rig.callerSP(2) - 8;
    }

    /** The largest stackguard0 with which main.f of {@code locals} does not call morestack. */
    private static long threshold(Arch arch, long sp, int locals) {
        int f = arch.hasLinkRegister ? locals + 4 : locals; // the frame size stacksplit compares
        if (f <= Stack.StackSmall) {
            return sp - 1;
        }
        if (f <= Stack.StackBig) {
            return arch.hasLinkRegister ? sp - f - 1 : sp - (f - Stack.StackSmall) - 1;
        }
        return sp + Stack.StackGuard - (f + (Stack.StackGuard - Stack.StackSmall)) - 1;
    }

    static Stream<Arguments> frames() {
        return Stream.of(Arch.values())
                .flatMap(
                        a ->
                                Stream.of(16, 64, 1024, 4000, 6000, 20000)
                                        .map(l -> Arguments.of(a, l)));
    }

    @ParameterizedTest(name = "{0} locals {1}")
    @MethodSource("frames")
    void prologueCallsMorestackExactlyWhenSpCrossesTheGuard(Arch arch, int locals) {
        CountingMorestack ms = new CountingMorestack(0);
        Rig rig = rig(arch, locals, ms);
        long t = threshold(arch, entrySP(rig), locals);

        rig.g.stackguard0 = rig.g.stackguard = t;
        assertThat(rig.call("main.f", 1, 41)).containsExactly(42);
        assertThat(ms.calls).as("guard just below the limit").isZero();

        ms.grant = 4096;
        rig.g.stackguard0 = rig.g.stackguard = t + 1;
        assertThat(rig.call("main.f", 1, 41)).containsExactly(42);
        assertThat(ms.calls).as("guard at the limit").isEqualTo(1);
        assertThat(ms.onG0).isTrue();
        assertThat(rig.cpu.g()).isSameAs(rig.g);
    }

    @ParameterizedTest(name = "{0} locals {1}")
    @MethodSource("frames")
    void stackPreemptInTheGuardStopsEveryFrameSizeAndGogoResumes(Arch arch, int locals) {
        CountingMorestack ms = new CountingMorestack(0);
        Rig rig = rig(arch, locals, ms);
        rig.g.stackguard = rig.stackLo + Stack.StackGuard;
        rig.g.stackguard0 = Stack.StackPreempt(arch);
        rig.prepare("main.f", 1, 41);

        assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.MCALL);
        assertThat(ms.calls).isEqualTo(1);
        assertThat(rig.cpu.mcallG()).isSameAs(rig.g);
        assertThat(rig.cpu.g()).isSameAs(rig.g0);
        rig.cpu.mcallFn().fn(rig.cpu.mcallG());
        assertThat(ms.preempted).isSameAs(rig.g);

        rig.cpu.gogo(rig.g.sched);
        assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.HALT);
        assertThat(rig.results(1, 1)).containsExactly(42);
        assertThat(ms.calls).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} locals {1}")
    @MethodSource("frames")
    void morestackLeavesTheCallersAndTheFunctionsStateAsAsmDoes(Arch arch, int locals) {
        CountingMorestack ms = new CountingMorestack(1 << 20);
        Rig rig = rig(arch, locals, ms);
        long sp = entrySP(rig);
        rig.g.stackguard0 = rig.g.stackguard = threshold(arch, sp, locals) + 1;
        rig.call("main.f", 1, 41);

        Func f = rig.text.lookup("main.f");
        long halt = rig.text.lookup("gort.halt").entry;
        int w = arch.PtrSize;
        assertThat(ms.schedPC).isEqualTo(f.entry);
        assertThat(rig.text.opAt(ms.schedPC)).isEqualTo(STACKCHECK);
        assertThat(ms.schedSP).isEqualTo(sp);
        assertThat(ms.schedCtxt).isZero();
        assertThat(ms.morebufPC).isEqualTo(halt);
        assertThat(ms.moreargsize).isEqualTo(2 * w);
        if (arch.hasLinkRegister) {
            assertThat(ms.schedLR).isEqualTo(halt);
            assertThat(ms.morebufSP).isEqualTo(sp);
            assertThat(ms.moreargp).isEqualTo(sp + 4);
            assertThat(ms.moreframesize).isEqualTo(locals + 4);
        } else {
            assertThat(ms.morebufSP).isEqualTo(sp + 8);
            assertThat(ms.moreargp).isEqualTo(sp + 8);
            boolean big =
                    Stack.StackTop + 2 * w + w + locals + w + Stack.StackLimit >= Stack.StackMin;
            assertThat(ms.moreframesize).isEqualTo(big ? locals : 0);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Arch.class)
    void morestackKeepsCtxtOnlyForFunctionsThatNeedIt(Arch arch) {
        CountingMorestack ms = new CountingMorestack(1 << 20);
        Rig rig = new Rig(arch);
        int w = arch.PtrSize;
        FuncBuilder body =
                new FuncBuilder(arch, "main.func·001")
                        .args(w)
                        .locals(w)
                        .needctxt(true)
                        .pos("c.go", 1);
        body.load(R0, CTXT, w, rig.INT)
                .store(FuncBuilder.FP, 0, R0, rig.INT)
                .rtcall("runtime.nop")
                .ret();
        rig.load(rig.linker().add(body).runtime("runtime.nop", (c, a) -> {}).link(), ms);
        long fv = rig.layout.arenaStart + 2 * Rig.STACK;
        rig.mem.storep(fv, rig.text.lookup("main.func·001").entry);
        rig.mem.storep(fv + w, 99);
        rig.g.stackguard0 = Stack.StackPreempt(arch);
        rig.prepare("main.func·001", 1);
        rig.cpu.setReg(CTXT, fv);
        assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.MCALL);
        assertThat(ms.schedCtxt).isEqualTo(fv);
        rig.cpu.gogo(rig.g.sched);
        assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.HALT);
        assertThat(rig.results(0, 1)).containsExactly(99);
    }
}
