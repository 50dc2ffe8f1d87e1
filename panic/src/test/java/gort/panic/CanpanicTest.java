package gort.panic;

import static org.assertj.core.api.Assertions.assertThat;

import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.M;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** canpanic: when a fault in Go code may become a panic instead of a crash. */
class CanpanicTest {
    final GoProcess p = GoProcess.create(new ByteArrayOutputStream());
    final M m = new M(p, 0x10000);
    final G g = p.newG(GStatus.Grunning);

    CanpanicTest() {
        m.curg = g;
        g.m = m;
    }

    @Test
    void theRunningUserGoroutineMayPanic() {
        assertThat(Panics.canpanic(m, g)).isTrue();
    }

    @Test
    void notWhenItIsNotTheMsCurrentG() {
        assertThat(Panics.canpanic(m, p.newG(GStatus.Grunning))).isFalse();
        assertThat(Panics.canpanic(m, null)).isFalse();
    }

    @Test
    void notWhileTheMHoldsLocksMallocsOrDies() {
        m.locks = 1;
        assertThat(Panics.canpanic(m, g)).isFalse();
        m.locks = 0;
        m.mallocing = 1;
        assertThat(Panics.canpanic(m, g)).isFalse();
        m.mallocing = 0;
        m.dying = 1;
        assertThat(Panics.canpanic(m, g)).isFalse();
    }

    @Test
    void notUnlessRunningIgnoringTheScanBitAndNotInASyscall() {
        StatusAccessors.casgstatus(g, GStatus.Grunning, GStatus.Gwaiting);
        assertThat(Panics.canpanic(m, g)).isFalse();
        StatusAccessors.casgstatus(g, GStatus.Gwaiting, GStatus.Grunning);
        assertThat(StatusAccessors.castogscanstatus(g, GStatus.Grunning, GStatus.Gscanrunning))
                .isTrue();
        assertThat(Panics.canpanic(m, g)).as("the commit masks Gscan").isTrue();
        StatusAccessors.casfromgscanstatus(g, GStatus.Gscanrunning, GStatus.Grunning);
        g.syscallsp = 0x1000;
        assertThat(Panics.canpanic(m, g)).isFalse();
    }
}
