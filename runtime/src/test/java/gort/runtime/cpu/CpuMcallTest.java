package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.G;
import gort.runtime.GoThrow;
import gort.runtime.Gobuf;
import gort.runtime.arch.Arch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** mcall from a runtime function, gogo back into the G, and gosave. */
class CpuMcallTest {

    /** func f(x int) int { park(); return x*2 } where runtime.park mcalls. */
    private static Rig rig(Arch arch, RuntimeFunc park) {
        Rig rig = new Rig(arch);
        int w = arch.PtrSize;
        FuncBuilder f = new FuncBuilder(arch, "main.f").args(2 * w).locals(w).pos("m.go", 3);
        f.rtcall("runtime.park")
                .line(4)
                .load(R0, FuncBuilder.FP, 0, rig.INT)
                .add(R0, R0, R0, rig.INT)
                .store(FuncBuilder.FP, w, R0, rig.INT)
                .ret();
        rig.load(rig.linker().add(f).runtime("runtime.park", park).link());
        return rig;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void mcallReturnsControlWithResumableStateInSchedAndGogoFinishes(Arch arch) {
        List<G> ran = new ArrayList<>();
        Rig rig = rig(arch, (cpu, argp) -> cpu.mcall(ran::add));
        rig.prepare("main.f", 1, 21);

        assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.MCALL);
        Func f = rig.text.lookup("main.f");
        Gobuf s = rig.g.sched;
        long rtcallPC = f.entry + 4L * 2; // STACKCHECK, ENTER, RTCALL
        assertThat(rig.text.opAt(rtcallPC)).isEqualTo(RTCALL);
        assertThat(s.pc).isEqualTo(rtcallPC + 4);
        assertThat(s.g).isSameAs(rig.g);
        long frameSP =
                (arch.hasLinkRegister ? rig.callerSP(2) : rig.callerSP(2) - 8)
                        - (arch.hasLinkRegister ? arch.PtrSize + 4 : arch.PtrSize);
        assertThat(s.sp).isEqualTo(frameSP);
        assertThat(s.lr).isZero();
        assertThat(rig.text.findfunc(s.pc)).isSameAs(f);
        assertThat(rig.text.funcline(f, s.pc - 1)).isEqualTo(3);
        assertThat(rig.cpu.g()).isSameAs(rig.g0);
        assertThat(rig.cpu.mcallG()).isSameAs(rig.g);

        rig.cpu.mcallFn().fn(rig.cpu.mcallG()); // the scheduler loop's part
        assertThat(ran).containsExactly(rig.g);
        rig.cpu.gogo(rig.g.sched);
        assertThat(rig.g.sched.sp).isZero();
        assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.HALT);
        assertThat(rig.results(1, 1)).containsExactly(42);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void mcallOnG0ThrowsAsBadmcall(Arch arch) {
        Rig rig = rig(arch, (cpu, argp) -> cpu.mcall(g -> {}));
        rig.prepare("main.f", 1, 21);
        rig.cpu.start(rig.g0, rig.cpu.pc(), rig.cpu.sp(), rig.cpu.lr(), 0);
        rig.g0.stackguard0 = rig.stackLo; // let g0 run this code's prologue
        assertThatThrownBy(() -> rig.cpu.run())
                .isInstanceOf(GoThrow.class)
                .hasMessage("runtime: mcall called on m->g0 stack");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void gosaveCapturesAStateThatGogoResumesAfterTheRuntimeCall(Arch arch) {
        Gobuf saved = new Gobuf();
        int[] calls = {0};
        Rig rig =
                rig(
                        arch,
                        (cpu, argp) -> {
                            if (calls[0]++ == 0) {
                                cpu.gosave(saved);
                            }
                        });
        assertThat(rig.call("main.f", 1, 5)).containsExactly(10);
        // resume the saved state once more: runs the rest of main.f again, returning into halt
        // needs the frame intact, which it still is: the stack was not reused
        assertThat(saved.g).isSameAs(rig.g);
        assertThat(rig.text.opAt(saved.pc - 4)).isEqualTo(RTCALL);
        rig.cpu.gogo(saved);
        assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.HALT);
        assertThat(rig.results(1, 1)).containsExactly(10);
    }
}
