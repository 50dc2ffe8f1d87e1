package gort.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gort's profile.proto as Go's own tool reads it: {@code go tool pprof -symbolize=none -lines
 * -traces} lists the blocked goroutines with their counts, functions and lines. Go 1.19 comes from
 * Debian through scripts/go/install.sh (run here, as the arm64 tests install qemu). Not run on the
 * emulated arm64 JVM (scripts/arm64/run-tests.sh leaves it out): it starts host programs.
 */
class PprofToolTest {
    @TempDir Path dir;

    private final StringWriter err = new StringWriter();

    private static String run(Path cwd, String... cmd) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
        return out;
    }

    /** The go command, installed by the project's script when missing (its last line). */
    private static String go() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in conformance/
        String out = run(root, "bash", "scripts/go/install.sh").strip();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm"})
    void goToolPprofListsTheProgramsFramesWithTheirLines(String goarch) throws Exception {
        String go = go();
        Path prog = Files.writeString(dir.resolve("prog.go"), ProfileFlagsTest.PROGRAM);
        Path out = dir.resolve("goroutine.pb.gz");
        Map<String, String> env = Map.of("GOARCH", goarch, "GORT_SEED", "1");
        OutputStream programStderr = new ByteArrayOutputStream();
        assertThat(
                        GortRun.run(
                                env,
                                programStderr,
                                err,
                                "--goroutineprofile",
                                out.toString(),
                                prog.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.size(out)).isPositive();
        String traces =
                run(
                        dir,
                        go,
                        "tool",
                        "pprof",
                        "-symbolize=none",
                        "-lines",
                        "-traces",
                        out.toString());
        String abs = prog.toAbsolutePath().normalize().toString();
        assertThat(traces)
                .contains("Type: goroutine")
                .containsPattern("(?m)^\\s+3\\s+main\\.waiter " + abs.replace(".", "\\.") + ":6$")
                .containsPattern("(?m)^\\s+1\\s+main\\.sender " + abs.replace(".", "\\.") + ":10$")
                .containsPattern("(?m)^\\s+1\\s+runtime\\.main proc\\.c:\\d+$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm"})
    void goToolPprofReadsTheBlockingProfileWithItsContentionCounts(String goarch) throws Exception {
        String go = go();
        Path prog = Files.writeString(dir.resolve("prog.go"), BlockProfileTest.PROGRAM);
        Path out = dir.resolve("block.pb.gz");
        Map<String, String> env = Map.of("GOARCH", goarch, "GORT_SEED", "3");
        assertThat(
                        GortRun.run(
                                env,
                                new ByteArrayOutputStream(),
                                err,
                                "--blockprofile",
                                out.toString(),
                                prog.toString()))
                .as(err.toString())
                .isZero();
        String traces =
                run(
                        dir,
                        go,
                        "tool",
                        "pprof",
                        "-symbolize=none",
                        "-lines",
                        "-traces",
                        "-sample_index=contentions",
                        out.toString());
        String abs = prog.toAbsolutePath().normalize().toString().replace(".", "\\.");
        assertThat(traces)
                .contains("Type: contentions")
                .containsPattern("(?m)^\\s+3\\s+main\\.main " + abs + ":23$")
                .containsPattern("(?m)^\\s+3\\s+main\\.main " + abs + ":28$")
                .containsPattern("(?m)^\\s+2\\s+main\\.main " + abs + ":33$")
                .containsPattern("(?m)^\\s+2\\s+main\\.main " + abs + ":39$");
    }
}
