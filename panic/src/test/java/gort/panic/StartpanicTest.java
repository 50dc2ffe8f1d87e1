package gort.panic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.proc.RuntimeText;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Linker;
import gort.runtime.os.ThreadExit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * startpanic entered again by an M already on the fatal path: panic.c's "panic during panic" (a
 * bare traceback, whose dopanic ends the process with 2 before C's exit(3) is reached), "stack
 * trace unavailable" (exit 4) and the silent exit 5.
 */
class StartpanicTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    Panics ps;
    GoProcess p;
    M m;
    G g;
    Cpu cpu;

    @BeforeEach
    void process() {
        Arch arch = Arch.amd64;
        ps = new Panics(arch);
        p =
                GoProcess.builder(
                                PanicText.link(RuntimeText.link(new Linker(arch), arch), arch)
                                        .link())
                        .stderr(out)
                        .panics(ps)
                        .morestack(c -> {})
                        .build();
        ps.bind(p);
        m = new M(p, p.malloc().mallocgc(1024, 0, 0));
        m.g0 = p.newG(GStatus.Gidle);
        g = p.newG(GStatus.Grunning);
        g.goid = 6;
        m.curg = g;
        g.m = m;
        cpu = new Cpu(p.text(), p.memory(), m, p.morestack());
        // a pc no function contains: the traceback finds no frame to print
        cpu.start(g, 0x10, p.malloc().mallocgc(256, 0, 0), 0, 0);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstEntryMarksTheMDyingAndCountsIt() {
        ps.startpanic(cpu);
        assertThat(m.dying).isEqualTo(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void aSecondEntryIsAPanicDuringPanicWithTheGoroutinesHeader() throws InterruptedException {
        ps.startpanic(cpu);
        assertThatThrownBy(() -> ps.startpanic(cpu)).isInstanceOf(ThreadExit.class);
        assertThat(m.dying).isEqualTo(2);
        assertThat(out()).isEqualTo("panic during panic\n\ngoroutine 6 [running]:\n");
        assertThat(p.awaitExit()).isEqualTo(2);
    }

    @Test
    void aThirdEntryHasNoStackTraceAndExitsWith4() throws InterruptedException {
        m.dying = 2;
        assertThatThrownBy(() -> ps.startpanic(cpu)).isInstanceOf(ThreadExit.class);
        assertThat(out()).isEqualTo("stack trace unavailable\n");
        assertThat(p.awaitExit()).isEqualTo(4);
    }

    @Test
    void laterEntriesPrintNothingAndExitWith5() throws InterruptedException {
        m.dying = 3;
        assertThatThrownBy(() -> ps.startpanic(cpu)).isInstanceOf(ThreadExit.class);
        assertThat(out()).isEmpty();
        assertThat(p.awaitExit()).isEqualTo(5);
    }
}
