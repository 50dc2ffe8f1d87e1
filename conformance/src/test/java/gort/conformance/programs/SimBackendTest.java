package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.os.RealOs;
import gort.runtime.os.SimOs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Go programs on the sim backend (GORT_SEED): replayable output and status transitions. */
@Timeout(120)
class SimBackendTest {

    /** Records every status transition as (goid, from, to), in the order they happen. */
    static final class Recorder implements StatusObserver {
        final List<String> log = new ArrayList<>();

        @Override
        public synchronized void transition(G gp, String accessor, int from, int to) {
            log.add(gp.goid + " " + from + "->" + to);
        }

        @Override
        public void spin(G gp, int oldval, int newval, int seen) {}

        synchronized List<String> log() {
            return List.copyOf(log);
        }
    }

    /** What a run left behind. */
    record Outcome(int exitCode, String printed, List<String> transitions, long switches) {}

    static final String GOROUTINES =
            """
            package main

            import "runtime"

            var total int

            func worker(id int, n int) {
            \tfor i := 0; i < n; i++ {
            \t\ttotal += id
            \t\tprintln("worker", id, "step", i)
            \t\truntime.Gosched()
            \t}
            }

            func spin(n int) int {
            \ts := 0
            \tfor i := 0; i < n; i++ {
            \t\ts += i % 7
            \t}
            \treturn s
            }

            func main() {
            \tfor i := 1; i <= 4; i++ {
            \t\tgo worker(i, i+1)
            \t}
            \tprintln("spin", spin(20000))
            \tfor i := 0; i < 30; i++ {
            \t\truntime.Gosched()
            \t}
            \tprintln("total", total, runtime.NumGoroutine())
            }
            """;

    private static GoRunner.Compiled compile(String source, Arch arch) {
        GoRunner.Compiled c = GoRunner.compile(Path.of("prog.go"), source, arch);
        assertThat(c.ok()).as(c.diagnostics()).isTrue();
        return c;
    }

    private static Outcome run(GoRunner.Compiled c, Map<String, String> env)
            throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Recorder rec = new Recorder();
        GoProcess p = GoRunner.process(c.image(), new GoRunner.Settings(out, env, rec));
        ProgramResult r = Mstart.run(p);
        long switches = p.os() instanceof SimOs sim ? sim.switches() : -1;
        return new Outcome(r.exitCode(), out.toString(StandardCharsets.UTF_8), rec.log(), switches);
    }

    private static Map<String, String> seeded(long seed, int gomaxprocs) {
        Map<String, String> env = new HashMap<>();
        env.put("GORT_SEED", Long.toString(seed));
        env.put("GOMAXPROCS", Integer.toString(gomaxprocs));
        return env;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theSameSeedGivesTheSameOutputAndTheSameTransitionLog(Arch arch)
            throws InterruptedException {
        GoRunner.Compiled c = compile(GOROUTINES, arch);
        for (long seed = 0; seed < 10; seed++) {
            for (int procs : new int[] {1, 4}) {
                Outcome first = run(c, seeded(seed, procs));
                assertThat(first.exitCode()).as(first.printed()).isZero();
                assertThat(first.transitions()).isNotEmpty();
                for (int again = 0; again < 2; again++) {
                    assertThat(run(c, seeded(seed, procs)))
                            .as("seed %d GOMAXPROCS %d", seed, procs)
                            .isEqualTo(first);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aProgramPrintsOnTheSimBackendWhatItPrintsOnTheRealOne(Arch arch)
            throws InterruptedException {
        GoRunner.Compiled c = compile(GOROUTINES, arch);
        Outcome real = run(c, Map.of());
        Outcome sim = run(c, seeded(3, 1));
        assertThat(sim.exitCode()).isEqualTo(real.exitCode()).isZero();
        assertThat(sim.printed()).isEqualTo(real.printed()).endsWith("total 40 1\n");
        assertThat(sim.transitions()).isEqualTo(real.transitions());
    }

    @Test
    void aGoLoopWithoutCallsStillPassesTheBatonEveryQuantum() throws InterruptedException {
        String source =
                """
                package main

                func main() {
                \ts := 0
                \tfor i := 0; i < 200000; i++ {
                \t\ts += i & 3
                \t}
                \tprintln(s)
                }
                """;
        Outcome o = run(compile(source, Arch.amd64), seeded(1, 1));
        assertThat(o.printed()).isEqualTo("300000\n");
        // one JMP per iteration: at least 200000 / QUANTUM switch points from the CPU alone
        assertThat(o.switches()).isGreaterThanOrEqualTo(200_000 / SimOs.QUANTUM);
    }

    @Test
    void gortSeedSelectsTheSimBackendWithThatSeed() {
        GoRunner.Compiled c = compile("package main\n\nfunc main() {\n}\n", Arch.amd64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess sim = GoRunner.process(c.image(), new GoRunner.Settings(out, seeded(42, 1)));
        assertThat(sim.os())
                .isInstanceOfSatisfying(SimOs.class, s -> assertThat(s.seed()).isEqualTo(42));
        GoProcess real = GoRunner.process(c.image(), new GoRunner.Settings(out, Map.of()));
        assertThat(real.os()).isInstanceOf(RealOs.class);
    }
}
