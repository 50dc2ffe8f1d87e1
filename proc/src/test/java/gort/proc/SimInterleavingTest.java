package gort.proc;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Text;
import gort.runtime.os.SimOs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scheduler on the sim backend (D1): a fan-out/fan-in program over channels on GOMAXPROCS 4, so
 * several Ms run Gs, spin, steal and park. A seed replays the run exactly (output, every status
 * transition as (goid, from, to), the number of switch points); different seeds interleave it
 * differently.
 */
@Timeout(120)
class SimInterleavingTest {

    /** Every transition as "goid from->to", in order. */
    static final class Log implements StatusObserver {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void transition(G gp, String accessor, int from, int to) {
            events.add(gp.goid + " " + from + "->" + to);
        }

        @Override
        public void spin(G gp, int oldval, int newval, int seen) {}
    }

    record Outcome(int exit, String out, List<String> transitions, long switches) {}

    static Outcome run(Arch arch, long seed, FuncBuilder... fs) throws InterruptedException {
        Text text = Programs.link(arch, fs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Log log = new Log();
        SimOs os = new SimOs(seed);
        GoProcess p =
                GoProcess.builder(text)
                        .stderr(out)
                        .gomaxprocs(4)
                        .os(os)
                        .observer(log)
                        .morestack(
                                cpu -> {
                                    throw new AssertionError("unexpected morestack");
                                })
                        .build();
        ProgramResult r = Mstart.run(p);
        return new Outcome(
                r.exitCode(),
                out.toString(StandardCharsets.UTF_8),
                List.copyOf(log.events),
                os.switches());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aSeedReplaysAMultiMProgramAndSeedsDiffer(Arch arch) throws InterruptedException {
        Set<List<String>> logs = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Outcome a = run(arch, seed, ChanProgramTest.fanin(arch, 4, 100, 0));
            assertThat(a.exit()).as(a.out()).isZero();
            assertThat(a.out()).isEqualTo(100L * 101 / 2 + "\n");
            Outcome b = run(arch, seed, ChanProgramTest.fanin(arch, 4, 100, 0));
            assertThat(b).as("seed %d", seed).isEqualTo(a);
            logs.add(a.transitions());
        }
        assertThat(logs).hasSizeGreaterThan(1);
    }
}
