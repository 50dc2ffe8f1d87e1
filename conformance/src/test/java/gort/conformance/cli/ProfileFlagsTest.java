package gort.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gort run --goroutineprofile: the goroutine profile taken when the program exits, in 2014's
 * debug=1 text (checked here) and as profile.proto (checked with go tool pprof in {@link
 * PprofToolTest}).
 */
class ProfileFlagsTest {
    @TempDir Path dir;

    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream programStderr = new ByteArrayOutputStream();

    /** Three goroutines blocked receiving (line 6), one sending (line 10), main at its end. */
    static final String PROGRAM =
            """
            package main

            import "runtime"

            func waiter(c chan int) {
            \t<-c
            }

            func sender(c chan int) {
            \tc <- 1
            }

            func main() {
            \ta := make(chan int)
            \tb := make(chan int)
            \tfor i := 0; i < 3; i++ {
            \t\tgo waiter(a)
            \t}
            \tgo sender(b)
            \tfor i := 0; i < 10; i++ {
            \t\truntime.Gosched()
            \t}
            }
            """;

    int gortRun(String goarch, String... args) {
        return GortRun.run(Map.of("GOARCH", goarch, "GORT_SEED", "1"), programStderr, err, args);
    }

    Path program() throws IOException {
        return Files.writeString(dir.resolve("prog.go"), PROGRAM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm"})
    void theTextProfileGroupsTheBlockedGoroutinesByStackWithTheirLines(String goarch)
            throws IOException {
        Path prog = program();
        Path out = dir.resolve("goroutine.txt");
        int rc =
                gortRun(
                        goarch,
                        "--goroutineprofile",
                        out.toString(),
                        "--profile-format",
                        "text",
                        prog.toString());
        assertThat(rc).as(err.toString()).isZero();
        String abs = prog.toAbsolutePath().normalize().toString();
        String pc = "0x[0-9a-f]+";
        assertThat(Files.readString(out))
                .matches(
                        "goroutine profile: total 5\n"
                                + ("1 @ " + pc + " " + pc + "\n")
                                + ("#\t" + pc + "\truntime\\.main\\+" + pc + "\tproc\\.c:\\d+\n\n")
                                + ("3 @ " + pc + " " + pc + "\n")
                                + ("#\t" + pc + "\tmain\\.waiter\\+" + pc + "\t" + abs + ":6\n\n")
                                + ("1 @ " + pc + " " + pc + "\n")
                                + ("#\t"
                                        + pc
                                        + "\tmain\\.sender\\+"
                                        + pc
                                        + "\t"
                                        + abs
                                        + ":10\n\n"));
    }

    @Test
    void anUnknownProfileFormatIsAUsageError() throws IOException {
        Path prog = program();
        int rc =
                gortRun(
                        "amd64",
                        "--goroutineprofile",
                        dir.resolve("g").toString(),
                        "--profile-format",
                        "xml",
                        prog.toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--profile-format: want proto or text, not \"xml\"");
    }

    @Test
    void aProfileThatCannotBeWrittenIsReportedAndTheExitCodeIsTwo() throws IOException {
        Path prog = program();
        Path bad = dir.resolve("no-such-dir").resolve("g.pb.gz");
        int rc = gortRun("amd64", "--goroutineprofile", bad.toString(), prog.toString());
        assertThat(rc).isEqualTo(2);
        assertThat(programStderr.toString(StandardCharsets.UTF_8))
                .startsWith("gort: " + bad + ": ");
    }
}
