package gort.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GortCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gort(String... args) {
        CommandLine cl = Gort.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void conformChecksTheAccessorsAndReportsEachInvariantScenarioAndSite() {
        // The whole suite's verdict also rests on other modules' scenarios (sched/, crash/ ...),
        // so this checks the report's parts, the accessor checks and the starter scenarios.
        int code = gort("conform", "--rounds", "100", "--seeds", "1");

        assertThat(code).isIn(0, 1);
        assertThat(out.toString())
                .contains("ok   S2     8000 cases  casgstatus")
                .contains("ok   S3     8000 cases")
                .contains("ok   S4     8000 cases")
                .contains("ok   S5      100 cases")
                .contains("host: ")
                .containsPattern("(ok|FAIL) +S1 ")
                .containsPattern("(ok|FAIL) +T1 ")
                .containsPattern("(ok|FAIL) +L1 ")
                .containsPattern("ok +sites/gosched ")
                .containsPattern("ok +sites/reuse ")
                .containsPattern("ok +sites/args ")
                .containsPattern("ok +sites/exit ")
                .contains("T1 sites of the commit: 32,")
                .containsPattern("reached +proc.c:1307 execute casgstatus\\(Grunnable, Grunning\\)")
                .containsPattern("reached +proc.c:1644 goexit0 casgstatus\\(Grunning, Gdead\\)")
                .endsWith((code == 0 ? "PASS" : "FAIL") + System.lineSeparator());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        int code = gort("conform", "--bogus");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("gort: Unknown option: '--bogus'")
                .contains("Usage: gort conform");
    }

    @Test
    void aBadRoundCountIsAUsageError() {
        assertThat(gort("conform", "--rounds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds must be at least 1, got 0");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(gort()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command").contains("Usage: gort");
    }
}
