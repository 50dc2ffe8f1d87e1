package gort.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import gort.conformance.checkers.Checkers;
import gort.conformance.scenarios.CorpusLoader;
import gort.conformance.scenarios.Scenario;
import gort.conformance.sites.SiteTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's plumbing for seeds: planning, the same-seed replay (D1 on one host) and what a
 * failing sim run prints. The sim backend is not wired yet, so these run "sim" specs of a
 * GOMAXPROCS=1 program on the real backend, whose log is then the same on every run.
 */
class SuiteTest {
    @TempDir Path dir;

    private final SiteTable table = SiteTable.commit();
    private final StringWriter progress = new StringWriter();

    private List<Scenario> corpus(String expected) throws Exception {
        Files.createDirectories(dir.resolve("t"));
        Files.writeString(
                dir.resolve("t/two.go"),
                """
                // Two goroutines yield once each (a test of the suite).
                // gort: GOMAXPROCS=1 seeds=3
                package main

                import "runtime"

                var n int

                func f() {
                \tn++
                \truntime.Gosched()
                \tn++
                }

                func main() {
                \tgo f()
                \tgo f()
                \tfor n < 4 {
                \t\truntime.Gosched()
                \t}
                \tprintln(n)
                }
                """);
        Files.writeString(dir.resolve("t/two.out"), expected);
        return CorpusLoader.load(dir, "c");
    }

    private Suite suite(int seeds) {
        return new Suite(
                ScenarioRunner.treatingRealAsSim(Checkers.all(table), table),
                seeds,
                2,
                new PrintWriter(progress, true));
    }

    @Test
    void plansOneRealRunAndTheSeedsPerArchAndProcsCappedByTheScenario() throws Exception {
        List<Scenario> sc = corpus("4\n");
        assertThat(suite(50).plan(sc, true))
                .extracting(RunSpec::label)
                .containsExactly(
                        "t/two amd64 GOMAXPROCS=1 real", "t/two amd64 GOMAXPROCS=1 sim seed=1",
                        "t/two amd64 GOMAXPROCS=1 sim seed=2",
                                "t/two amd64 GOMAXPROCS=1 sim seed=3",
                        "t/two arm GOMAXPROCS=1 real", "t/two arm GOMAXPROCS=1 sim seed=1",
                        "t/two arm GOMAXPROCS=1 sim seed=2", "t/two arm GOMAXPROCS=1 sim seed=3");
        assertThat(suite(2).plan(sc, true)).hasSize(6);
        assertThat(suite(50).plan(sc, false)).extracting(RunSpec::backend).containsOnly("real");
    }

    @Test
    void simSeedsAreSpreadOverTheGomaxprocsValues() throws Exception {
        Files.createDirectories(dir.resolve("u"));
        Files.writeString(
                dir.resolve("u/p.go"),
                "// Spread (a test of the suite).\n"
                        + "// gort: GOMAXPROCS=1,2,4 GOARCH=arm\npackage main\n\nfunc main() {\n}\n");
        Files.writeString(dir.resolve("u/p.out"), "");
        List<Scenario> sc = CorpusLoader.load(dir, "c");

        assertThat(suite(4).plan(sc, true))
                .extracting(RunSpec::label)
                .containsExactly(
                        "u/p arm GOMAXPROCS=1 real",
                        "u/p arm GOMAXPROCS=2 real",
                        "u/p arm GOMAXPROCS=4 real",
                        "u/p arm GOMAXPROCS=1 sim seed=1",
                        "u/p arm GOMAXPROCS=2 sim seed=2",
                        "u/p arm GOMAXPROCS=4 sim seed=3",
                        "u/p arm GOMAXPROCS=1 sim seed=4");
        assertThat(Suite.gomaxprocsFor(sc.get(0), 6)).isEqualTo(4);
    }

    @Test
    void eachEnvVariantGetsTheWholePlanAndItsRunsNameIt() throws Exception {
        Files.createDirectories(dir.resolve("u"));
        Files.writeString(
                dir.resolve("u/v.go"),
                "// Two stack paths (a test of the suite).\n"
                        + "// gort: GOMAXPROCS=1,2 GOARCH=arm seeds=2 env=GODEBUG=x=1 env=GOCOPYSTACK=1|GOCOPYSTACK=0\n"
                        + "package main\n\nfunc main() {\n}\n");
        Files.writeString(dir.resolve("u/v.out"), "");
        Files.writeString(
                dir.resolve("u/w.go"),
                "// One environment (a test of the suite).\n"
                        + "// gort: GOARCH=arm seeds=1 env=GOCOPYSTACK=0\npackage main\n\nfunc main() {\n}\n");
        Files.writeString(dir.resolve("u/w.out"), "");
        List<Scenario> sc = CorpusLoader.load(dir, "c");

        List<RunSpec> plan = suite(50).plan(sc, true);

        assertThat(plan)
                .extracting(RunSpec::label)
                .containsExactly(
                        "u/v arm GOMAXPROCS=1 GOCOPYSTACK=1 real",
                                "u/v arm GOMAXPROCS=2 GOCOPYSTACK=1 real",
                        "u/v arm GOMAXPROCS=1 GOCOPYSTACK=1 sim seed=1",
                                "u/v arm GOMAXPROCS=2 GOCOPYSTACK=1 sim seed=2",
                        "u/v arm GOMAXPROCS=1 GOCOPYSTACK=0 real",
                                "u/v arm GOMAXPROCS=2 GOCOPYSTACK=0 real",
                        "u/v arm GOMAXPROCS=1 GOCOPYSTACK=0 sim seed=1",
                                "u/v arm GOMAXPROCS=2 GOCOPYSTACK=0 sim seed=2",
                        // one environment, no alternatives: the name it had before variants existed
                        "u/w arm GOMAXPROCS=1 real", "u/w arm GOMAXPROCS=1 sim seed=1");
        assertThat(plan.get(0).env().vars()).containsExactly("GODEBUG=x=1", "GOCOPYSTACK=1");
        assertThat(plan.get(4).env().vars()).containsExactly("GODEBUG=x=1", "GOCOPYSTACK=0");
        assertThat(plan.get(8).env().vars()).containsExactly("GOCOPYSTACK=0");
    }

    @Test
    void aScenarioWithEnvVariantsNeedsTheVariantNamedInItsRunSpec() throws Exception {
        Files.createDirectories(dir.resolve("u"));
        Files.writeString(
                dir.resolve("u/v.go"),
                "// Two stack paths (a test of the suite).\n"
                        + "// gort: env=GOCOPYSTACK=1|GOCOPYSTACK=0\npackage main\n\nfunc main() {\n}\n");
        Files.writeString(dir.resolve("u/v.out"), "");
        Scenario sc = CorpusLoader.load(dir, "c").get(0);

        assertThat(
                        catchThrowableOfType(
                                () -> new RunSpec(sc, "arm", 1, "real", 0),
                                IllegalArgumentException.class))
                .hasMessage("u/v has 2 env variants: name one");
        assertThat(new RunSpec(sc, sc.envs().get(1), "arm", 1, "real", 0).label())
                .isEqualTo("u/v arm GOMAXPROCS=1 GOCOPYSTACK=0 real");
    }

    @Test
    void eachVariantRunsUnderItsOwnEnvironmentAndIsReportedOnItsOwn() throws Exception {
        // GOTRACEBACK=0 prints the panic alone (as the .out wants); 1 adds the goroutine header.
        Files.createDirectories(dir.resolve("t"));
        Files.writeString(
                dir.resolve("t/tb.go"),
                "// A panic under two tracebacks (a test of the suite).\n"
                        + "// gort: exit=2 GOARCH=amd64 seeds=1 env=GOTRACEBACK=0|GOTRACEBACK=1\n"
                        + "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n");
        Files.writeString(dir.resolve("t/tb.out"), "panic: boom\n");
        List<Scenario> sc = CorpusLoader.load(dir, "c");

        Suite.Result r = suite(1).run(sc);

        assertThat(r.runs())
                .extracting(x -> x.spec().label() + " " + x.status())
                .containsExactly(
                        "t/tb amd64 GOMAXPROCS=1 GOTRACEBACK=0 real PASS",
                                "t/tb amd64 GOMAXPROCS=1 GOTRACEBACK=0 sim seed=1 PASS",
                        "t/tb amd64 GOMAXPROCS=1 GOTRACEBACK=1 real FAIL",
                                "t/tb amd64 GOMAXPROCS=1 GOTRACEBACK=1 sim seed=1 FAIL");
        assertThat(r.replays())
                .extracting(Suite.D1Replay::label)
                .containsExactly(
                        "t/tb amd64 GOMAXPROCS=1 GOTRACEBACK=0 sim seed=1",
                        "t/tb amd64 GOMAXPROCS=1 GOTRACEBACK=1 sim seed=1");
        Report report =
                Report.of(
                        Report.thisHost(),
                        1,
                        0,
                        true,
                        true,
                        List.of(),
                        Checkers.all(table),
                        sc,
                        List.of(),
                        r.replays(),
                        r.runs());
        assertThat(report.scenarios())
                .extracting(row -> row.id() + " " + row.pass() + "/" + row.fail())
                .containsExactly("t/tb GOTRACEBACK=0 2/0", "t/tb GOTRACEBACK=1 0/2");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) report.toJson().get("runs");
        assertThat(runs)
                .extracting(m -> m.get("scenario") + " " + m.get("env"))
                .containsExactly(
                        "t/tb GOTRACEBACK=0",
                        "t/tb GOTRACEBACK=0",
                        "t/tb GOTRACEBACK=1",
                        "t/tb GOTRACEBACK=1");
    }

    @Test
    void sameSeedReplaysGiveTheSameLogHash() throws Exception {
        Suite.Result r = suite(3).run(corpus("4\n"));

        assertThat(r.simAvailable()).isTrue();
        assertThat(r.runs()).hasSize(8).allMatch(x -> x.status() == RunResult.Status.PASS);
        assertThat(r.replays()).hasSize(2).allMatch(Suite.D1Replay::same);
        assertThat(r.runs()).allMatch(x -> x.logHash().length() == 64);
    }

    @Test
    void resultsComeInThePlansOrderWhateverOrderTheyRanIn() throws Exception {
        List<Scenario> sc = corpus("4\n");
        Suite s = suite(5);

        Suite.Result r = s.run(sc);

        assertThat(r.runs())
                .extracting(RunResult::spec)
                .containsExactlyElementsOf(s.plan(sc, true));
        assertThat(r.replays())
                .extracting(Suite.D1Replay::label)
                .containsExactly(
                        "t/two amd64 GOMAXPROCS=1 sim seed=1", "t/two arm GOMAXPROCS=1 sim seed=1");
    }

    @Test
    void aFailingSimRunPrintsItsSeedAndTheReplayCommand() throws Exception {
        Suite.Result r = suite(1).run(corpus("5\n"));

        assertThat(r.runs()).allMatch(x -> x.status() == RunResult.Status.FAIL);
        assertThat(progress.toString())
                .contains("FAIL t/two amd64 GOMAXPROCS=1 sim seed=1")
                .contains("seed 1; reproduce with: gort conform --replay t/two 1");
    }

    @Test
    void d1FailsTheReportWhenAReplayDiffers() throws IOException {
        Suite.D1Replay differ = new Suite.D1Replay("t/x amd64 GOMAXPROCS=1 sim seed=1", "aa", "ab");
        Report report =
                Report.of(
                        Report.thisHost(),
                        1,
                        0,
                        true,
                        false,
                        List.of(),
                        Checkers.all(table),
                        List.of(),
                        List.of(),
                        List.of(differ),
                        List.of());
        assertThat(report.invariants())
                .filteredOn(i -> i.id().equals("D1"))
                .singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo("FAIL"));
        assertThat(report.passed()).isFalse();
    }
}
