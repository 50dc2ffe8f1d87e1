package gort.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's plumbing for seeds: planning, the same-seed replay (D1 on one host) and what a
 * failing sim run prints. The sim backend is not wired yet, so these run "sim" specs of a
 * GOMAXPROCS=1 program on the real backend, whose log is then the same on every run.
 */
class SuiteTest {
    @TempDir
    Path dir;

    private final SiteTable table = SiteTable.commit();
    private final StringWriter progress = new StringWriter();

    private List<Scenario> corpus(String expected) throws Exception {
        Files.createDirectories(dir.resolve("t"));
        Files.writeString(dir.resolve("t/two.go"), """
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
        return new Suite(ScenarioRunner.treatingRealAsSim(Checkers.all(table), table), seeds, 2,
                new PrintWriter(progress, true));
    }

    @Test
    void plansOneRealRunAndTheSeedsPerArchAndProcsCappedByTheScenario() throws Exception {
        List<Scenario> sc = corpus("4\n");
        assertThat(suite(50).plan(sc, true)).extracting(RunSpec::label).containsExactly(
                "t/two amd64 GOMAXPROCS=1 real", "t/two amd64 GOMAXPROCS=1 sim seed=1",
                "t/two amd64 GOMAXPROCS=1 sim seed=2", "t/two amd64 GOMAXPROCS=1 sim seed=3",
                "t/two arm GOMAXPROCS=1 real", "t/two arm GOMAXPROCS=1 sim seed=1",
                "t/two arm GOMAXPROCS=1 sim seed=2", "t/two arm GOMAXPROCS=1 sim seed=3");
        assertThat(suite(2).plan(sc, true)).hasSize(6);
        assertThat(suite(50).plan(sc, false)).extracting(RunSpec::backend).containsOnly("real");
    }

    @Test
    void simSeedsAreSpreadOverTheGomaxprocsValues() throws Exception {
        Files.createDirectories(dir.resolve("u"));
        Files.writeString(dir.resolve("u/p.go"), "// Spread (a test of the suite).\n"
                + "// gort: GOMAXPROCS=1,2,4 GOARCH=arm\npackage main\n\nfunc main() {\n}\n");
        Files.writeString(dir.resolve("u/p.out"), "");
        List<Scenario> sc = CorpusLoader.load(dir, "c");

        assertThat(suite(4).plan(sc, true)).extracting(RunSpec::label).containsExactly(
                "u/p arm GOMAXPROCS=1 real", "u/p arm GOMAXPROCS=2 real", "u/p arm GOMAXPROCS=4 real",
                "u/p arm GOMAXPROCS=1 sim seed=1", "u/p arm GOMAXPROCS=2 sim seed=2",
                "u/p arm GOMAXPROCS=4 sim seed=3", "u/p arm GOMAXPROCS=1 sim seed=4");
        assertThat(Suite.gomaxprocsFor(sc.get(0), 6)).isEqualTo(4);
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

        assertThat(r.runs()).extracting(RunResult::spec).containsExactlyElementsOf(s.plan(sc, true));
        assertThat(r.replays()).extracting(Suite.D1Replay::label).containsExactly(
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
        Report report = Report.of(Report.thisHost(), 1, 0, true, false, List.of(), Checkers.all(table), List.of(),
                List.of(), List.of(differ), List.of());
        assertThat(report.invariants()).filteredOn(i -> i.id().equals("D1")).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo("FAIL"));
        assertThat(report.passed()).isFalse();
    }
}
