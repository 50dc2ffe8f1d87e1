package gort.stack;

import static gort.runtime.Stack.FixedStack;
import static gort.runtime.Stack.StackGuard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.Stktop;
import gort.runtime.arch.Arch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * shrinkstack and round2: a G parked at the bottom of a big stack (its only frame is
 * runtime.goexit's) is halved while it uses less than a quarter, down to FixedStack, its content
 * moving with it; copystack refuses a G that is neither Gwaiting nor Grunnable.
 */
class ShrinkStackTest {
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

    /** A G with a stack of {@code size} bytes, parked at goexit with {@code used} bytes in use. */
    private static G parked(Stacks s, M mp, int status, long size, long used) {
        G gp = s.process.newG(status);
        long stk = s.stackalloc(mp, gp, size);
        gp.stack0 = stk;
        gp.stackguard = stk + StackGuard;
        gp.stackguard0 = gp.stackguard;
        gp.stackbase = stk + size - Stktop.SIZE;
        gp.sched.sp = stk + size - used;
        gp.sched.pc = s.goexitPc;
        gp.sched.g = gp;
        return gp;
    }

    @Test
    void round2RoundsUpToAPowerOfTwo() {
        assertThat(CopyStack.round2(0)).isEqualTo(1);
        assertThat(CopyStack.round2(1)).isEqualTo(1);
        assertThat(CopyStack.round2(3)).isEqualTo(4);
        assertThat(CopyStack.round2(8192)).isEqualTo(8192);
        assertThat(CopyStack.round2(8193)).isEqualTo(16384);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aMostlyUnusedStackIsHalvedDownToFixedStackWithItsContent(Arch arch) {
        Stacks s = stacks(arch);
        M mp = new M(s.process, 0x1000);
        mp.p = new P();
        long used = 512;
        G gp = parked(s, mp, GStatus.Grunnable, 64 << 10, used);
        s.mem.store64(gp.sched.sp, 0x1234567890L);
        long expect = 64 << 10;
        while (expect > FixedStack) {
            long oldstk = gp.stack0;
            CopyStack.shrinkstack(s, mp, gp);
            expect /= 2;
            assertThat(gp.stacksize).isEqualTo(expect);
            assertThat(gp.stack0).isNotEqualTo(oldstk);
            assertThat(gp.stackbase + Stktop.SIZE - gp.stack0).isEqualTo(expect);
            assertThat(gp.stackguard).isEqualTo(gp.stack0 + StackGuard);
            assertThat(gp.stackbase + Stktop.SIZE - gp.sched.sp).isEqualTo(used);
            assertThat(s.mem.load64(gp.sched.sp)).isEqualTo(0x1234567890L);
        }
        CopyStack.shrinkstack(s, mp, gp); // not below FixedStack
        assertThat(gp.stacksize).isEqualTo(FixedStack);
        assertThat(gp.atomicstatus).isEqualTo(GStatus.Grunnable);
    }

    @Test
    void aStackAQuarterUsedStays() {
        Stacks s = stacks(Arch.amd64);
        G gp = parked(s, null, GStatus.Gwaiting, 64 << 10, 16 << 10);
        long stk = gp.stack0;
        CopyStack.shrinkstack(s, null, gp);
        assertThat(gp.stack0).isEqualTo(stk);
        assertThat(gp.stacksize).isEqualTo(64 << 10);
    }

    @Test
    void copyingARunningGThrows() {
        Stacks s = stacks(Arch.amd64);
        G gp = parked(s, null, GStatus.Grunning, 64 << 10, 256);
        assertThatThrownBy(() -> CopyStack.shrinkstack(s, null, gp))
                .isInstanceOf(GoThrow.class)
                .hasMessage("copystack: bad status, not Gwaiting or Grunnable");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("fatal error: copystack: bad status, not Gwaiting or Grunnable\n");
    }

    @Test
    void copyingIsOffWithGocopystack0() {
        Stacks s = stacks(Arch.amd64);
        s.copystack = false;
        G gp = parked(s, null, GStatus.Gwaiting, 64 << 10, 256);
        CopyStack.shrinkstack(s, null, gp);
        assertThat(gp.stacksize).isEqualTo(64 << 10);
    }
}
