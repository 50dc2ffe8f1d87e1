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
    void conformPassesAndReportsEachInvariant() {
        // --partial: the embedded corpus reaches ready, park_m and the syscall sites only once
        // the code generator compiles channels, time.Sleep and syscall.Close
        int code = gort("conform", "--rounds", "100", "--seeds", "2", "--partial");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("ok   S2     8000 cases  casgstatus")
                .contains("ok   S3     8000 cases")
                .contains("ok   S4     8000 cases")
                .contains("ok   S5      100 cases")
                .contains("host: ")
                .contains("ok   S1 ").contains("ok   T1 ").contains("ok   L1 ")
                .contains("T1 sites of the commit: 32,")
                .containsPattern("reached +proc.c:1307 execute casgstatus\\(Grunnable, Grunning\\)")
                .endsWith("PASS" + System.lineSeparator());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        int code = gort("conform", "--bogus");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("gort: Unknown option: '--bogus'").contains("Usage: gort conform");
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
