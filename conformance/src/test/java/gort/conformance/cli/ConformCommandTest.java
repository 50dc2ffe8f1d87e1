package gort.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gort.conformance.suite.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConformCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final StringWriter progress = new StringWriter();

    private int gort(String... args) {
        CommandLine cl = Gort.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ((ConformCommand) cl.getSubcommands().get("conform").getCommand()).progress =
                new PrintWriter(progress, true);
        return cl.execute(args);
    }

    private Path corpus(String name, String source, String expected) throws IOException {
        Path c = dir.resolve("corpus");
        Files.createDirectories(c.resolve("t"));
        Files.writeString(c.resolve("t/" + name + ".go"), source);
        Files.writeString(c.resolve("t/" + name + ".out"), expected);
        return c;
    }

    private static final String HELLO =
            """
            // Prints from a goroutine (a test of the test).
            // gort: GOMAXPROCS=1,2
            package main

            import "runtime"

            var done bool

            func hello(n int) {
            \tprintln("hello", n)
            \tdone = true
            }

            func main() {
            \tgo hello(7)
            \tfor !done {
            \t\truntime.Gosched()
            \t}
            }
            """;

    @Test
    void aCorpusThatHoldsPassesAndWritesJsonAndJUnitReports() throws IOException {
        Path c = corpus("hello", HELLO, "hello 7\n");
        Path reports = dir.resolve("reports");

        int code =
                gort(
                        "conform",
                        "--corpus",
                        c.toString(),
                        "--partial",
                        "--seeds",
                        "2",
                        "--rounds",
                        "10",
                        "--report",
                        reports.toString());

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("ok   t/hello ")
                .contains("ok   S1 ")
                .endsWith(
                        "PASS"
                                + System.lineSeparator()
                                + "report: "
                                + reports.resolve("gort-conform.json")
                                + ", "
                                + reports.resolve("TEST-gort-conform.xml")
                                + System.lineSeparator());
        assertThat(progress.toString()).contains("gort conform: corpus of 1 scenarios");
        @SuppressWarnings("unchecked")
        Map<String, Object> json =
                (Map<String, Object>)
                        Json.parse(Files.readString(reports.resolve("gort-conform.json")));
        assertThat(json.get("passed")).isEqualTo(true);
        assertThat(json.get("runs").toString()).contains("t/hello amd64 GOMAXPROCS=2 real");
        assertThat(Files.readString(reports.resolve("TEST-gort-conform.xml")))
                .startsWith("<?xml")
                .contains("<testsuite name=\"gort conform\"")
                .contains("name=\"t/hello arm GOMAXPROCS=1 real\"/>");
    }

    @Test
    void aCorpusThatMissesSitesOfPortedFunctionsFailsUnlessPartial() throws IOException {
        Path c = corpus("hello", HELLO, "hello 7\n");

        int code = gort("conform", "--corpus", c.toString(), "--seeds", "1", "--rounds", "10");

        // hello never grows a stack, and stack.c's functions are ported
        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern(
                        "MISSED +stack.c:812 copystack casgstatus\\(oldstatus, Gcopystack\\) +"
                                + "copystack is ported but no program reaches this call")
                .endsWith("FAIL" + System.lineSeparator());
    }

    @Test
    void wrongOutputFailsTheRunAndTheSuiteWithExit1() throws IOException {
        Path c = corpus("hello", HELLO, "goodbye 7\n");

        int code =
                gort(
                        "conform",
                        "--corpus",
                        c.toString(),
                        "--partial",
                        "--seeds",
                        "1",
                        "--rounds",
                        "10");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("FAIL t/hello ")
                .contains("stderr differs from t/hello.out")
                .endsWith("FAIL" + System.lineSeparator());
        assertThat(progress.toString()).contains("FAIL t/hello amd64 GOMAXPROCS=1 real");
    }

    @Test
    void aMalformedCorpusExits2NamingTheFileAndLine() throws IOException {
        Path c =
                corpus(
                        "bad",
                        HELLO.replace("// gort: GOMAXPROCS=1,2", "// gort: GOMAXPROCS=x"),
                        "");

        assertThat(gort("conform", "--corpus", c.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("the corpus is malformed")
                .contains("t/bad.go:2: GOMAXPROCS: \"x\" is not a number 1..256");
    }

    @Test
    void compareAgreesOnTheSameReportAndCatchesADifferentHash() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        String report =
                """
                {"report": "gort conform", "passed": true, "host": {"os.arch": "amd64"},
                 "invariants": [{"id": "S1", "status": "PASS"}], "accessorChecks": [],
                 "runs": [{"run": "t/x amd64 GOMAXPROCS=1 sim seed=1", "backend": "sim", "status": "PASS", "hash": "aa"},
                          {"run": "t/x amd64 GOMAXPROCS=1 real", "backend": "real", "status": "PASS", "hash": "r1"}]}
                """;
        Files.writeString(a, report);
        Files.writeString(b, report.replace("\"r1\"", "\"r2\"").replace("amd64\"}", "aarch64\"}"));
        assertThat(gort("conform", "--compare", a.toString(), b.toString())).isZero();
        assertThat(out.toString())
                .contains("sim runs compared: 1")
                .endsWith("SAME" + System.lineSeparator());

        Files.writeString(b, report.replace("\"aa\"", "\"ab\""));
        assertThat(gort("conform", "--compare", a.toString(), b.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains(
                        "DIFF t/x amd64 GOMAXPROCS=1 sim seed=1: D1 — transition logs differ (aa vs ab)")
                .endsWith("DIFFERENT" + System.lineSeparator());

        Files.writeString(b, report.replace("\"status\": \"PASS\"}]", "\"status\": \"FAIL\"}]"));
        assertThat(gort("conform", "--compare", a.toString(), b.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("DIFF invariant S1: PASS on");
    }

    @Test
    void aRunPastItsTimeoutFailsAndTheScaleStretchesIt() throws IOException {
        Path c =
                corpus(
                        "forever",
                        """
                // Never ends (a test of the timeout).
                // gort: timeout=100ms GOARCH=amd64 backend=real
                package main

                import "runtime"

                func main() {
                \tfor {
                \t\truntime.Gosched()
                \t}
                }
                """,
                        "");

        assertThat(gort("conform", "--corpus", c.toString(), "--partial", "--rounds", "10"))
                .isEqualTo(1);
        assertThat(out.toString()).contains("timed out after 100 ms");
        assertThat(
                        gort(
                                "conform",
                                "--corpus",
                                c.toString(),
                                "--partial",
                                "--rounds",
                                "10",
                                "--timeout-scale",
                                "2.5"))
                .isEqualTo(1);
        assertThat(out.toString()).contains("timed out after 250 ms");
    }

    @Test
    void usageErrorsExit2() throws IOException {
        assertThat(gort("conform", "--seeds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--seeds must be at least 1, got 0");
        assertThat(gort("conform", "--timeout-scale", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout-scale must be a positive number, got 0.0");
        assertThat(
                        gort(
                                "conform",
                                "--compare",
                                dir.resolve("none.json").toString(),
                                dir.resolve("none2.json").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--compare: cannot read");
        assertThat(gort("conform", "--compare", "a.json")).isEqualTo(2);
        assertThat(gort("conform", "--replay", "sites/nope", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--replay: no scenario sites/nope in the corpus");
        assertThat(gort("conform", "--replay", "sites/gosched", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("the seed must be a number");
    }

    @Test
    void replayShowsEachRunsLogAndVerdicts() {
        int code = gort("conform", "--replay", "sites/args", "5");

        // Until the sim backend is wired, a replay cannot run: it says so and fails.
        assertThat(out.toString()).contains("== sites/args amd64 GOMAXPROCS=1 sim seed=5:");
        if (out.toString().contains(": SKIP")) {
            assertThat(code).isEqualTo(1);
            assertThat(out.toString()).contains("sim backend unavailable");
        } else {
            assertThat(code).isZero();
            assertThat(out.toString())
                    .contains("casgstatus Gidle->Gdead newproc1")
                    .contains("-- log hash ");
        }
    }
}
