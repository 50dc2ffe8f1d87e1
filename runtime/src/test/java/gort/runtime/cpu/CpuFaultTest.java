package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import gort.runtime.arch.Arch;
import gort.runtime.mem.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Memory faults leave the CPU at the faulting instruction and carry the fault address. */
class CpuFaultTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void nilLoadFaultsAtAddressZeroWithPcAtTheLoad(Arch arch) {
        Rig rig = new Rig(arch);
        FuncBuilder f =
                new FuncBuilder(arch, "main.nilderef")
                        .args(2 * arch.PtrSize)
                        .pos("n.go", 1)
                        .load(R0, FuncBuilder.FP, 0, Isa.width(arch.PtrSize, false))
                        .line(2)
                        .load(R1, R0, 0, rig.INT)
                        .store(FuncBuilder.FP, arch.PtrSize, R1, rig.INT)
                        .ret();
        rig.load(rig.linker().add(f).link());
        Fault fault = catchThrowableOfType(() -> rig.call("main.nilderef", 1, 0), Fault.class);
        assertThat(fault.addr()).isZero();
        assertThat(fault.isNilPage()).isTrue();
        assertThat(fault.isWrite()).isFalse();
        Func fn = rig.text.lookup("main.nilderef");
        assertThat(rig.text.findfunc(rig.cpu.pc())).isSameAs(fn);
        assertThat(rig.text.funcline(fn, rig.cpu.pc())).isEqualTo(2);
        assertThat(rig.cpu.pc()).isEqualTo(fn.entry + 4);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void storeThroughANilStructPointerFaultsAtTheFieldAddress(Arch arch) {
        Rig rig = new Rig(arch);
        FuncBuilder f =
                new FuncBuilder(arch, "main.set")
                        .pos("s.go", 1)
                        .nosplit(true)
                        .movi(R0, 0)
                        .movi(R1, 1)
                        .store(R0, 24, R1, W4)
                        .halt();
        rig.load(rig.linker().add(f).link());
        rig.cpu.start(rig.g, rig.text.lookup("main.set").entry, rig.callerSP(0), 0, 0);
        Fault fault = catchThrowableOfType(() -> rig.cpu.run(), Fault.class);
        assertThat(fault.addr()).isEqualTo(24);
        assertThat(fault.isWrite()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void returningToPcZeroFaultsAtZero(Arch arch) {
        Rig rig = new Rig(arch);
        FuncBuilder f = new FuncBuilder(arch, "main.r").pos("r.go", 1).ret();
        rig.load(rig.linker().add(f).link());
        long sp = rig.callerSP(0);
        rig.mem.storep(sp, 0);
        rig.cpu.start(rig.g, rig.text.lookup("main.r").entry, sp, 0, 0);
        Fault fault = catchThrowableOfType(() -> rig.cpu.run(), Fault.class);
        assertThat(fault.addr()).isZero();
    }
}
