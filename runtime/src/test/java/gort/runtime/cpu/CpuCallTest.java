package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls, returns, argument and result passing, closures and runtime calls per the ABI. */
class CpuCallTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void recursiveFibComputesThroughRealFramesAndLeavesTheStackBalanced(Arch arch) {
        Rig rig = new Rig(arch);
        rig.load(rig.linker().add(Rig.fib(arch, "main.fib")).link());
        assertThat(rig.call("main.fib", 1, 20)).containsExactly(6765);
        assertThat(rig.call("main.fib", 1, 1)).containsExactly(1);
        // returned into gort.halt with the caller's SP as it was before the call
        long expected = arch.hasLinkRegister ? rig.callerSP(2) : rig.callerSP(2);
        assertThat(rig.cpu.sp()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void argumentsAndSeveralResultsTravelInTheArgumentArea(Arch arch) {
        Rig rig = new Rig(arch);
        int w = arch.PtrSize;
        int in = rig.INT;
        // func divmod(a, b int) (q, r int)
        FuncBuilder dm =
                new FuncBuilder(arch, "main.divmod")
                        .args(4 * w)
                        .pos("dm.go", 1)
                        .load(R0, FuncBuilder.FP, 0, in)
                        .load(R1, FuncBuilder.FP, w, in)
                        .alu(DIV, R2, R0, R1, in)
                        .alu(MOD, R3, R0, R1, in)
                        .store(FuncBuilder.FP, 2 * w, R2, in)
                        .store(FuncBuilder.FP, 3 * w, R3, in)
                        .ret();
        // func f(a, b int) int { q, r := divmod(a, b); return q*10 + r }
        FuncBuilder f = new FuncBuilder(arch, "main.f").args(3 * w).locals(4 * w).pos("dm.go", 5);
        f.load(R0, FuncBuilder.FP, 0, in)
                .store(SP, f.outarg(0), R0, in)
                .load(R0, FuncBuilder.FP, w, in)
                .store(SP, f.outarg(w), R0, in)
                .call("main.divmod")
                .load(R0, SP, f.outarg(2 * w), in)
                .movi(R1, 10)
                .alu(MUL, R0, R0, R1, in)
                .load(R1, SP, f.outarg(3 * w), in)
                .add(R0, R0, R1, in)
                .store(FuncBuilder.FP, 2 * w, R0, in)
                .ret();
        rig.load(rig.linker().add(dm).add(f).link());
        assertThat(rig.call("main.divmod", 2, 47, 5)).containsExactly(9, 2);
        assertThat(rig.call("main.f", 1, 47, 5)).containsExactly(92);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void closureCallPassesTheFuncValInCtxt(Arch arch) {
        Rig rig = new Rig(arch);
        int w = arch.PtrSize;
        int in = rig.INT;
        // main.func·001(y int) int { return x + y }, x captured at 1*PtrSize(FuncVal)
        FuncBuilder body =
                new FuncBuilder(arch, "main.func·001")
                        .args(2 * w)
                        .needctxt(true)
                        .pos("clo.go", 3)
                        .load(R1, CTXT, w, in)
                        .load(R0, FuncBuilder.FP, 0, in)
                        .add(R0, R0, R1, in)
                        .store(FuncBuilder.FP, w, R0, in)
                        .ret();
        // func call(fv *FuncVal, y int) int { return fv(y) }
        FuncBuilder call =
                new FuncBuilder(arch, "main.call").args(3 * w).locals(2 * w).pos("clo.go", 7);
        call.load(R0, FuncBuilder.FP, w, in)
                .store(SP, call.outarg(0), R0, in)
                .load(R3, FuncBuilder.FP, 0, Isa.width(w, false))
                .callclosure(R3)
                .load(R0, SP, call.outarg(w), in)
                .store(FuncBuilder.FP, 2 * w, R0, in)
                .ret();
        rig.load(rig.linker().add(body).add(call).link());
        long fv = rig.layout.arenaStart + 2 * Rig.STACK;
        rig.mem.storep(fv, rig.text.lookup("main.func·001").entry);
        rig.mem.storep(fv + w, 1000);
        assertThat(rig.call("main.call", 1, fv, 234)).containsExactly(1234);
        assertThat(rig.cpu.ctxt()).isEqualTo(fv);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void runtimeCallReadsArgumentsFromTheCallersOutgoingArea(Arch arch) {
        Rig rig = new Rig(arch);
        int w = arch.PtrSize;
        List<Long> seen = new ArrayList<>();
        long[] gotArgp = new long[1];
        FuncBuilder f = new FuncBuilder(arch, "main.p").args(w).locals(2 * w).pos("p.go", 1);
        f.load(R0, FuncBuilder.FP, 0, rig.INT)
                .store(SP, f.outarg(0), R0, rig.INT)
                .movi(R0, 77)
                .store(SP, f.outarg(w), R0, rig.INT)
                .rtcall("runtime.printpair")
                .load(R0, SP, f.outarg(0), rig.INT)
                .store(FuncBuilder.FP, 0, R0, rig.INT)
                .ret();
        Linker ln =
                rig.linker()
                        .add(f)
                        .runtime(
                                "runtime.printpair",
                                (cpu, argp) -> {
                                    gotArgp[0] = argp;
                                    seen.add(cpu.mem().loadp(argp));
                                    seen.add(cpu.mem().loadp(argp + w));
                                    assertThat(cpu.g()).isSameAs(rig.g);
                                    assertThat(cpu.m()).isSameAs(rig.m);
                                    cpu.mem()
                                            .storep(
                                                    argp,
                                                    5); // a result, written where the caller reads
                                    // it
                                });
        rig.load(ln.link());
        rig.call("main.p", 0, 41);
        assertThat(seen).containsExactly(41L, 77L);
        long frameSP = rig.callerSP(1) - (arch.hasLinkRegister ? 3 * w : 3 * w);
        assertThat(gotArgp[0]).isEqualTo(arch.hasLinkRegister ? frameSP + 4 : frameSP);
        assertThat(rig.mem.loadp(rig.callerSP(1) + (arch.hasLinkRegister ? 4 : 0))).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBlockReplacedDuringARuntimeCallIsNotReadThroughTheTlb(Arch arch) {
        Rig rig = new Rig(arch);
        int w = arch.PtrSize;
        long cell =
                rig.layout.arenaStart + 2 * Rig.STACK + 64; // mapped by the rig, used by nothing
        // func t(p *int) int { *p = 99; _ = *p; remap(); return *p }
        FuncBuilder f = new FuncBuilder(arch, "main.t").args(2 * w).locals(w).pos("t.go", 1);
        f.load(R2, FuncBuilder.FP, 0, rig.INT)
                .movi(R0, 99)
                .store(R2, 0, R0, rig.INT)
                .load(R1, R2, 0, rig.INT) // the cell's block is now in the TLB
                .rtcall("runtime.remap")
                .load(R2, FuncBuilder.FP, 0, rig.INT)
                .load(R0, R2, 0, rig.INT)
                .store(FuncBuilder.FP, w, R0, rig.INT)
                .ret();
        Linker ln =
                rig.linker()
                        .add(f)
                        .runtime(
                                "runtime.remap",
                                (cpu, argp) -> {
                                    // drop the cell's page (madvise) and write it again: its block
                                    // is a new array
                                    cpu.mem()
                                            .discard(
                                                    cell & -gort.runtime.mem.Memory.PhysPageSize,
                                                    gort.runtime.mem.Memory.PhysPageSize);
                                    cpu.mem().storep(cell, 7);
                                });
        rig.load(ln.link());
        assertThat(rig.call("main.t", 1, cell)).containsExactly(7);
    }
}
