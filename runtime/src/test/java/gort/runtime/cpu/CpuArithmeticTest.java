package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Data movement, ALU operations with Go's widths and signedness, and branches, on both arches. */
class CpuArithmeticTest {

    /** func op(a, b) r with body {@code R2 = R0 op R1} at width w. */
    private static long binop(Arch arch, int op, int w, long a, long b) {
        Rig rig = new Rig(arch);
        int pw = Isa.width(arch.PtrSize, false);
        int lw = op == SETCC ? pw : w; // operands loaded as the Go type's width and signedness
        FuncBuilder f =
                new FuncBuilder(arch, "main.op")
                        .args(3 * arch.PtrSize)
                        .pos("op.go", 1)
                        .load(R0, FuncBuilder.FP, 0, lw)
                        .load(R1, FuncBuilder.FP, arch.PtrSize, lw);
        if (op == SETCC) {
            f.setcc(w, R2, R0, R1);
        } else {
            f.alu(op, R2, R0, R1, w);
        }
        f.store(FuncBuilder.FP, 2 * arch.PtrSize, R2, pw).ret();
        rig.load(rig.linker().add(f).link());
        rig.call("main.op", 1, a, b);
        return rig.mem.loadp(rig.callerSP(3) + (arch.hasLinkRegister ? 4 : 0) + 2L * arch.PtrSize);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void thirtyTwoBitArithmeticWrapsAndKeepsItsSign(Arch arch) {
        assertThat(binop(arch, ADD, S4, 0x7fffffffL, 1) & 0xffffffffL).isEqualTo(0x80000000L);
        assertThat(binop(arch, SUB, W4, 0, 1) & 0xffffffffL).isEqualTo(0xffffffffL);
        assertThat(binop(arch, MUL, S4, 0x10000, 0x10000) & 0xffffffffL).isZero();
        assertThat(binop(arch, DIV, S4, -7 & 0xffffffffL, 2) & 0xffffffffL)
                .isEqualTo(-3 & 0xffffffffL);
        assertThat(binop(arch, MOD, S4, -7 & 0xffffffffL, 2) & 0xffffffffL)
                .isEqualTo(-1 & 0xffffffffL);
        assertThat(binop(arch, DIV, W4, 0xfffffff9L, 2)).isEqualTo(0x7ffffffcL);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void logicAndShiftsFollowGoForAnyCount(Arch arch) {
        assertThat(binop(arch, AND, W4, 0b1100, 0b1010)).isEqualTo(0b1000);
        assertThat(binop(arch, OR, W4, 0b1100, 0b1010)).isEqualTo(0b1110);
        assertThat(binop(arch, XOR, W4, 0b1100, 0b1010)).isEqualTo(0b0110);
        assertThat(binop(arch, ANDNOT, W4, 0b1100, 0b1010)).isEqualTo(0b0100);
        assertThat(binop(arch, SHL, W4, 1, 31)).isEqualTo(0x80000000L);
        assertThat(binop(arch, SHL, W4, 1, 32)).isZero();
        assertThat(binop(arch, SHR, W4, 0x80000000L, 31)).isEqualTo(1);
        assertThat(binop(arch, SHR, S4, 0x80000000L, 40) & 0xffffffffL).isEqualTo(0xffffffffL);
        assertThat(binop(arch, SHL, W1, 0xff, 4)).isEqualTo(0xf0);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void comparisonsAreSignedOrUnsignedAsAsked(Arch arch) {
        long minus1 = arch.uintptr(-1);
        int sw = arch.PtrSize == 8 ? S8 : S4;
        assertThat(binop(arch, SETCC, LT, 1, 2)).isEqualTo(1);
        assertThat(binop(arch, SETCC, GE, 1, 2)).isZero();
        assertThat(binop(arch, SETCC, EQ, 5, 5)).isEqualTo(1);
        assertThat(binop(arch, SETCC, NE, 5, 5)).isZero();
        assertThat(binop(arch, SETCC, LTU, minus1, 1)).isZero();
        assertThat(binop(arch, SETCC, GTU, minus1, 1)).isEqualTo(1);
        assertThat(binop(arch, SETCC, LEU, 1, 1)).isEqualTo(1);
        assertThat(binop(arch, SETCC, GEU, 0, 1)).isZero();
        // a signed comparison of a negative int needs it sign-extended: normalize first
        Rig rig = new Rig(arch);
        FuncBuilder f =
                new FuncBuilder(arch, "main.neg")
                        .args(2 * arch.PtrSize)
                        .pos("neg.go", 1)
                        .load(R0, FuncBuilder.FP, 0, sw)
                        .movi(R1, 0)
                        .setcc(LT, R2, R0, R1)
                        .store(FuncBuilder.FP, arch.PtrSize, R2, rig.INT)
                        .ret();
        rig.load(rig.linker().add(f).link());
        assertThat(rig.call("main.neg", 1, -5)).containsExactly(1);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void loopSumsWithBranchesAndStackLocals(Arch arch) {
        Rig rig = new Rig(arch);
        int in = rig.INT;
        int w = arch.PtrSize;
        // func sum(n int) (s int) { for i := 1; i <= n; i++ { s += i } }, i and s in stack slots
        FuncBuilder f =
                new FuncBuilder(arch, "main.sum").args(2 * w).locals(2 * w).pos("sum.go", 1);
        Label top = f.newLabel();
        Label done = f.newLabel();
        f.movi(R0, 1).store(SP, f.local(0), R0, in).movi(R0, 0).store(SP, f.local(w), R0, in);
        f.bind(top)
                .line(2)
                .load(R0, SP, f.local(0), in)
                .load(R1, FuncBuilder.FP, 0, in)
                .setcc(GT, R2, R0, R1)
                .jnz(R2, done);
        f.line(3)
                .load(R1, SP, f.local(w), in)
                .add(R1, R1, R0, in)
                .store(SP, f.local(w), R1, in)
                .movi(R2, 1)
                .add(R0, R0, R2, in)
                .store(SP, f.local(0), R0, in)
                .jmp(top);
        f.bind(done).line(5).load(R0, SP, f.local(w), in).store(FuncBuilder.FP, w, R0, in).ret();
        rig.load(rig.linker().add(f).link());
        assertThat(rig.call("main.sum", 1, 100)).containsExactly(5050);
        assertThat(rig.call("main.sum", 1, 0)).containsExactly(0);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void loadsExtendByWidthAndBlockOpsCopyAndClear(Arch arch) {
        Rig rig = new Rig(arch);
        long buf = rig.layout.arenaStart + 2 * Rig.STACK;
        rig.mem.store64(buf, 0x80ff_7f01_8000_ff80L);
        FuncBuilder f =
                new FuncBuilder(arch, "main.ld")
                        .pos("ld.s", 1)
                        .nosplit(true)
                        .movi(R7, buf)
                        .load(R0, R7, 0, S1)
                        .load(R1, R7, 0, W1)
                        .load(R2, R7, 2, S2)
                        .load(R3, R7, 4, W4)
                        .load(R4, R7, 4, S4)
                        .lea(R5, R7, 64)
                        .movi(R6, 8)
                        .memmove(R5, R7, R6)
                        .memclr(R7, R6)
                        .halt();
        rig.load(rig.linker().add(f).link());
        rig.cpu.start(rig.g, rig.text.lookup("main.ld").entry, rig.callerSP(0), 0, 0);
        assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.HALT);
        assertThat(rig.cpu.reg(R0)).isEqualTo(-128);
        assertThat(rig.cpu.reg(R1)).isEqualTo(0x80);
        assertThat(rig.cpu.reg(R2)).isEqualTo(-32768);
        assertThat(rig.cpu.reg(R3)).isEqualTo(0x80ff7f01L);
        assertThat(rig.cpu.reg(R4)).isEqualTo((long) (int) 0x80ff7f01L);
        assertThat(rig.mem.load64(buf + 64)).isEqualTo(0x80ff_7f01_8000_ff80L);
        assertThat(rig.mem.load64(buf)).isZero();
    }

    /**
     * func k(a) r: {@code MOVI R1, 7; R2 = R0 op R1; R2 += R1}, so R1 must still hold 7 after the
     * op.
     */
    private static long withConstant(Arch arch, int op, long a) {
        Rig rig = new Rig(arch);
        int pw = Isa.width(arch.PtrSize, false);
        FuncBuilder f =
                new FuncBuilder(arch, "main.k")
                        .args(2 * arch.PtrSize)
                        .pos("k.go", 1)
                        .load(R0, FuncBuilder.FP, 0, pw)
                        .movi(R1, 7);
        if (op == SETCC) {
            f.setcc(LTU, R2, R0, R1);
        } else {
            f.alu(op, R2, R0, R1, pw);
        }
        f.add(R2, R2, R1, pw).store(FuncBuilder.FP, arch.PtrSize, R2, pw).ret();
        rig.load(rig.linker().add(f).link());
        rig.call("main.k", 1, a);
        return rig.mem.loadp(rig.callerSP(2) + (arch.hasLinkRegister ? 4 : 0) + arch.PtrSize);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aConstantLoadedRightBeforeItsOpGivesTheSameResultsAsTwoSteps(Arch arch) {
        assertThat(withConstant(arch, ADD, 30)).isEqualTo(30 + 7 + 7);
        assertThat(withConstant(arch, SUB, 30)).isEqualTo(30 - 7 + 7);
        assertThat(withConstant(arch, MUL, 30)).isEqualTo(30 * 7 + 7);
        assertThat(withConstant(arch, MOD, 30)).isEqualTo(30 % 7 + 7);
        assertThat(withConstant(arch, AND, 30)).isEqualTo((30 & 7) + 7);
        assertThat(withConstant(arch, SHL, 3)).isEqualTo((3 << 7) + 7);
        assertThat(withConstant(arch, SETCC, 3)).isEqualTo(1 + 7);
        assertThat(withConstant(arch, SETCC, 30)).isEqualTo(0 + 7);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aJumpOntoAnOpRightAfterAMoviSkipsTheMovi(Arch arch) {
        Rig rig = new Rig(arch);
        int pw = Isa.width(arch.PtrSize, false);
        FuncBuilder f = new FuncBuilder(arch, "main.j").args(2 * arch.PtrSize).pos("j.go", 1);
        Label op = f.newLabel();
        f.load(R0, FuncBuilder.FP, 0, pw)
                .movi(R1, 100)
                .jmp(op)
                .movi(R1, 7)
                .bind(op)
                .sub(R2, R0, R1, pw)
                .store(FuncBuilder.FP, arch.PtrSize, R2, pw)
                .ret();
        rig.load(rig.linker().add(f).link());
        assertThat(rig.call("main.j", 1, 130)).containsExactly(30);
    }
}
