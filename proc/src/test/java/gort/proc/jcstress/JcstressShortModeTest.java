package gort.proc.jcstress;

import static org.assertj.core.api.Assertions.assertThat;

import gort.proc.jcstress.broken.RepeatedScansWithoutTheBit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the status-protocol jcstress tests from the normal build. jcstress wants its own JVM (it
 * forks further JVMs per configuration and reads META-INF/TestList from the class path), so each
 * run is a child JVM on this test's java and class path. The mode comes from the system property
 * gort.jcstress.mode: sanity (a few samples per configuration) unless the build was started with
 * -Pjcstress, which asks for the full default mode.
 *
 * <p>jcstress 0.16 exits 1 when a test fails, but exits 0 when nothing matched the selection, so
 * the output is checked as well: every selected test must be reported [OK].
 */
class JcstressShortModeTest {
    /** The tests that must pass; the broken fixture is deliberately not among them. */
    private static final List<Class<?>> PROTOCOL_TESTS =
            List.of(
                    TwoScannersRace.class,
                    MutatorVersusScanner.class,
                    Publication.class,
                    RepeatedScans.class);

    private static final String MODE = modeProperty();

    @Test
    void annotationProcessorListedEveryProtocolTest() throws IOException {
        // The jcstress processor runs on test sources and writes the list the harness reads.
        String testList = testList();
        for (Class<?> test : PROTOCOL_TESTS) {
            assertThat(testList).as("META-INF/TestList").contains(test.getName());
        }
        assertThat(testList).contains(RepeatedScansWithoutTheBit.class.getName());
    }

    @Test
    void statusProtocolHoldsUnderJcstress() throws Exception {
        JcstressRun run = JcstressRun.of("protocol", MODE, PROTOCOL_TESTS);

        assertThat(run.exitCode).as(run.describe()).isZero();
        assertThat(run.output).as(run.describe()).doesNotContain("Observed forbidden state");
        assertThat(run.results())
                .as(run.describe())
                .contains("Failed tests: No matches.")
                .contains("Error tests: No matches.")
                .doesNotContain("FATAL")
                .doesNotContain("[FAILED]")
                .doesNotContain("[ERROR]");
        for (Class<?> test : PROTOCOL_TESTS) {
            assertThat(run.results()).as(run.describe()).contains("[OK] " + test.getName());
        }
    }

    @Test
    void scannerThatSkipsTheBitIsCaught() throws Exception {
        // Always sanity mode: this checks the harness, not the protocol.
        JcstressRun run =
                JcstressRun.of("broken", "sanity", List.of(RepeatedScansWithoutTheBit.class));

        assertThat(run.exitCode).as(run.describe()).isNotZero();
        assertThat(run.results())
                .as(run.describe())
                .contains("[FAILED] " + RepeatedScansWithoutTheBit.class.getName())
                // the summary row of the forbidden outcome, with a non-zero sample count
                .containsPattern("true, true +[1-9][0-9,]* +[0-9.]+% +Forbidden");
        assertThat(run.output).as(run.describe()).contains("Observed forbidden state: true, true");
    }

    private static String modeProperty() {
        String mode = System.getProperty("gort.jcstress.mode", "");
        // An unset Maven property reaches us blank or as its literal ${...} text.
        return mode.isBlank() || mode.startsWith("${") ? "sanity" : mode;
    }

    private static String testList() throws IOException {
        try (InputStream in =
                JcstressShortModeTest.class.getResourceAsStream("/META-INF/TestList")) {
            assertThat(in).as("META-INF/TestList on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One finished child-JVM run of org.openjdk.jcstress.Main and what it printed. */
    static final class JcstressRun {
        final List<String> command;
        final int exitCode;
        final String output;
        final Path log;
        final Duration elapsed;

        private JcstressRun(
                List<String> command, int exitCode, String output, Path log, Duration elapsed) {
            this.command = command;
            this.exitCode = exitCode;
            this.output = output;
            this.log = log;
            this.elapsed = elapsed;
        }

        static JcstressRun of(String name, String mode, List<Class<?>> tests) throws Exception {
            Path dir = workDir().resolve(name);
            Files.createDirectories(dir);
            String selection =
                    tests.stream()
                            .map(t -> Pattern.quote(t.getName()))
                            .collect(Collectors.joining("|", "^(?:", ")$"));
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    javaExecutable(),
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    "org.openjdk.jcstress.Main",
                                    "-m",
                                    mode,
                                    "-t",
                                    selection,
                                    "-r",
                                    dir.resolve("results").toString(),
                                    "-v"));
            Path log = dir.resolve("jcstress.log");
            // The result blob goes to the working directory: keep it under target/ too.
            Process process =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            long start = System.nanoTime();
            Duration limit = "sanity".equals(mode) ? Duration.ofMinutes(15) : Duration.ofHours(3);
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                // jcstress forks a JVM per configuration: end those as well.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(
                        "jcstress did not finish within "
                                + limit
                                + ":\n"
                                + Files.readString(log, StandardCharsets.UTF_8));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf(
                    "jcstress %s (-m %s) took %d s, log %s%n",
                    name, mode, elapsed.toSeconds(), log);
            return new JcstressRun(command, process.exitValue(), output, log, elapsed);
        }

        /** The closing report, where each test is listed once as [OK] or [FAILED]. */
        String results() {
            int at = output.lastIndexOf("RUN RESULTS:");
            return at < 0 ? "" : output.substring(at);
        }

        /** The whole jcstress output, so that a failed assertion shows what jcstress said. */
        String describe() {
            return "jcstress exited "
                    + exitCode
                    + " after "
                    + elapsed.toSeconds()
                    + " s; command "
                    + command
                    + "; log "
                    + log
                    + "; output:\n"
                    + output;
        }

        private static Path workDir() {
            String dir = System.getProperty("gort.jcstress.workdir");
            return dir == null || dir.isBlank() || dir.startsWith("${")
                    ? Paths.get("target", "jcstress").toAbsolutePath()
                    : Paths.get(dir);
        }

        private static String javaExecutable() {
            // The JDK running this test, so the toolchain's JDK (17 or 25) also runs jcstress.
            // java.home rather than this process's executable: under qemu emulation the
            // executable is qemu, while java.home/bin/java is the arm64 JVM's launcher.
            return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
