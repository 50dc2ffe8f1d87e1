package gort.conformance.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {
    @TempDir Path dir;

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static final String BODY = "package main\n\nfunc main() {\n\tprintln(1)\n}\n";

    private List<String> problems() throws IOException {
        return catchThrowableOfType(() -> CorpusLoader.load(dir, "c"), CorpusException.class)
                .problems();
    }

    @Test
    void theEmbeddedCorpusLoadsAndHasTheSitesGroup() throws Exception {
        List<Scenario> all = CorpusLoader.embedded();
        assertThat(all)
                .extracting(Scenario::id)
                .contains("sites/gosched", "sites/reuse", "sites/args", "sites/exit");
        Scenario exit =
                all.stream().filter(s -> s.id().equals("sites/exit")).findFirst().orElseThrow();
        assertThat(exit.exit()).isEqualTo(3);
        assertThat(exit.gomaxprocs()).containsExactly(1, 2);
        assertThat(exit.expectedOut()).isEqualTo("leaving\n");
    }

    @Test
    void settingsAndDefaultsAreRead() throws Exception {
        write(
                "g/a.go",
                "// What it does (TestA).\n// more words\n"
                        + "// gort: exit=2 GOMAXPROCS=1,4 GOARCH=arm backend=sim seeds=7 env=GODEBUG=x=1 env=A=b timeout=500ms\n"
                        + BODY);
        write("g/a.prefix", "panic");
        write("g/a.contains", "line one\n\nline two\n");
        write("g/b.go", "// Plain (TestB).\n" + BODY);
        write("g/b.out", "1\n");

        List<Scenario> s = CorpusLoader.load(dir, "c");

        Scenario a = s.get(0);
        assertThat(a.id()).isEqualTo("g/a");
        assertThat(a.description()).isEqualTo("What it does (TestA).");
        assertThat(a.exit()).isEqualTo(2);
        assertThat(a.gomaxprocs()).containsExactly(1, 4);
        assertThat(a.goarch()).containsExactly("arm");
        assertThat(a.backends()).containsExactly("sim");
        assertThat(a.seeds()).isEqualTo(7);
        assertThat(a.envs()).containsExactly(new EnvVariant("", List.of("GODEBUG=x=1", "A=b")));
        assertThat(a.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(a.expectedPrefix()).isEqualTo("panic");
        assertThat(a.expectedContains()).containsExactly("line one", "line two");
        Scenario b = s.get(1);
        assertThat(b.exit()).isZero();
        assertThat(b.gomaxprocs()).containsExactly(1);
        assertThat(b.goarch()).containsExactly("amd64", "arm");
        assertThat(b.backends()).containsExactly("real", "sim");
        assertThat(b.seeds()).isNull();
        assertThat(b.envs()).containsExactly(EnvVariant.NONE);
        assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.expectedOut()).isEqualTo("1\n");
    }

    @Test
    void badSettingsAreReportedWithFileLineAndWhat() throws Exception {
        write(
                "g/a.go",
                "// Does things (TestA).\n// gort: exit=300 colour=red GOMAXPROCS=0 GOARCH=386 backend=fake\n"
                        + "// gort: seeds=-1 env=NOEQUALS timeout=10 junk\n"
                        + BODY);
        write("g/a.out", "");

        assertThat(problems())
                .containsExactly(
                        "c/g/a.go:2: exit: \"300\" is not an exit code 0..255",
                        "c/g/a.go:2: unknown key \"colour\" (known: exit, GOMAXPROCS, GOARCH, backend, seeds, env, timeout)",
                        "c/g/a.go:2: GOMAXPROCS: \"0\" is not a number 1..256",
                        "c/g/a.go:2: GOARCH: \"386\" is not one of amd64, arm",
                        "c/g/a.go:2: backend: \"fake\" is not one of real, sim",
                        "c/g/a.go:3: seeds: \"-1\" is not a positive number",
                        "c/g/a.go:3: env: \"NOEQUALS\" is not NAME=VALUE",
                        "c/g/a.go:3: timeout: \"10\" is not a duration such as 10s or 500ms",
                        "c/g/a.go:3: malformed setting \"junk\" (want key=value)");
    }

    @Test
    void theEmbeddedStackProgramsRunOnBothPathsFromOneFile() throws Exception {
        List<Scenario> all = CorpusLoader.embedded();
        assertThat(all)
                .extracting(Scenario::id)
                .doesNotContain("stack/segmented", "stack/deferptrs_seg");
        for (String id : List.of("stack/growth", "stack/deferptrs")) {
            Scenario sc = all.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
            assertThat(sc.envs())
                    .as(id)
                    .containsExactly(
                            new EnvVariant("GOCOPYSTACK=1", List.of("GOCOPYSTACK=1")),
                            new EnvVariant("GOCOPYSTACK=0", List.of("GOCOPYSTACK=0")));
        }
    }

    @Test
    void envAlternativesExpandIntoOneVariantPerCombinationNamedByWhatVaries() throws Exception {
        write(
                "g/a.go",
                "// Variants (TestA).\n"
                        + "// gort: env=GODEBUG=schedtrace=1,scheddetail=1 env=GOCOPYSTACK=1|GOCOPYSTACK=0\n"
                        + "// gort: env=GOTRACEBACK=1|GOTRACEBACK=2 env=X=\n"
                        + BODY);
        write("g/a.out", "");
        write(
                "g/b.go",
                "// One alternative is one variable (TestB).\n// gort: env=GOCOPYSTACK=0\n" + BODY);
        write("g/b.out", "");

        List<Scenario> s = CorpusLoader.load(dir, "c");

        assertThat(s.get(0).envs())
                .containsExactly(
                        new EnvVariant(
                                "GOCOPYSTACK=1 GOTRACEBACK=1",
                                List.of(
                                        "GODEBUG=schedtrace=1,scheddetail=1",
                                        "GOCOPYSTACK=1",
                                        "GOTRACEBACK=1",
                                        "X=")),
                        new EnvVariant(
                                "GOCOPYSTACK=1 GOTRACEBACK=2",
                                List.of(
                                        "GODEBUG=schedtrace=1,scheddetail=1",
                                        "GOCOPYSTACK=1",
                                        "GOTRACEBACK=2",
                                        "X=")),
                        new EnvVariant(
                                "GOCOPYSTACK=0 GOTRACEBACK=1",
                                List.of(
                                        "GODEBUG=schedtrace=1,scheddetail=1",
                                        "GOCOPYSTACK=0",
                                        "GOTRACEBACK=1",
                                        "X=")),
                        new EnvVariant(
                                "GOCOPYSTACK=0 GOTRACEBACK=2",
                                List.of(
                                        "GODEBUG=schedtrace=1,scheddetail=1",
                                        "GOCOPYSTACK=0",
                                        "GOTRACEBACK=2",
                                        "X=")));
        assertThat(s.get(1).envs()).containsExactly(new EnvVariant("", List.of("GOCOPYSTACK=0")));
    }

    private List<String> envProblems(String env) throws IOException {
        write("g/a.go", "// Bad env (TestA).\n// gort: " + env + "\n" + BODY);
        write("g/a.out", "");
        return problems();
    }

    @Test
    void anEmptyEnvVariantIsReported() throws Exception {
        assertThat(envProblems("env=GOCOPYSTACK=1||GOCOPYSTACK=0"))
                .containsExactly(
                        "c/g/a.go:2: env: empty variant in \"GOCOPYSTACK=1||GOCOPYSTACK=0\""
                                + " (want NAME=VALUE, or alternatives NAME=VALUE|NAME=VALUE)");
        assertThat(envProblems("env=GOCOPYSTACK=1|"))
                .containsExactly(
                        "c/g/a.go:2: env: empty variant in \"GOCOPYSTACK=1|\""
                                + " (want NAME=VALUE, or alternatives NAME=VALUE|NAME=VALUE)");
        assertThat(envProblems("env=|GOCOPYSTACK=0"))
                .containsExactly(
                        "c/g/a.go:2: env: empty variant in \"|GOCOPYSTACK=0\""
                                + " (want NAME=VALUE, or alternatives NAME=VALUE|NAME=VALUE)");
    }

    @Test
    void anAlternativeThatIsNotNameEqualsValueIsReported() throws Exception {
        assertThat(envProblems("env=GOCOPYSTACK=1|GOCOPYSTACK"))
                .containsExactly("c/g/a.go:2: env: \"GOCOPYSTACK\" is not NAME=VALUE");
        assertThat(envProblems("env=GOCOPYSTACK=1|=0"))
                .containsExactly("c/g/a.go:2: env: \"=0\" is not NAME=VALUE");
    }

    @Test
    void anEnvNameThatIsNotAVariableNameIsReported() throws Exception {
        assertThat(envProblems("env=GOCOPYSTACK=1|GO-COPY=0"))
                .containsExactly(
                        "c/g/a.go:2: env: \"GO-COPY=0\": \"GO-COPY\" is not a variable name (letters, digits, _)");
    }

    @Test
    void anAlternativeListedTwiceIsReported() throws Exception {
        assertThat(envProblems("env=GOCOPYSTACK=0|GOCOPYSTACK=0"))
                .containsExactly(
                        "c/g/a.go:2: env: the variant \"GOCOPYSTACK=0\" is listed twice in \"GOCOPYSTACK=0|GOCOPYSTACK=0\"");
    }

    @Test
    void aVariableSetByTwoEnvSettingsIsReported() throws Exception {
        assertThat(envProblems("env=GOCOPYSTACK=1 env=GOCOPYSTACK=0"))
                .containsExactly(
                        "c/g/a.go:2: env: GOCOPYSTACK is set by two env= settings (list its values in one, as"
                                + " GOCOPYSTACK=A|GOCOPYSTACK=B)");
    }

    @Test
    void aVariableTheSuiteSetsPerRunIsReported() throws Exception {
        assertThat(envProblems("env=GOMAXPROCS=2 env=GOARCH=arm env=GORT_SEED=1"))
                .containsExactly(
                        "c/g/a.go:2: env: GOMAXPROCS is set for each run by the suite (use the GOMAXPROCS= key)",
                        "c/g/a.go:2: env: GOARCH is set for each run by the suite (use the GOARCH= key)",
                        "c/g/a.go:2: env: GORT_SEED is set for each run by the suite (use backend=sim and seeds=)");
    }

    @Test
    void missingPiecesAreReported() throws Exception {
        write("g/nodesc.go", BODY);
        write("g/nodesc.out", "");
        write("g/noexpect.go", "// Something (TestX).\n" + BODY);
        write("g/both.go", "// Something (TestX).\n" + BODY);
        write("g/both.out", "");
        write("g/both.prefix", "");
        write("g/orphan.out", "x");
        write("g/settingsfirst.go", "// gort: exit=1\n" + BODY);
        write("g/settingsfirst.out", "");
        write("g/notes.txt", "x");
        write("loose.go", BODY);

        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "c/g/both.prefix: a scenario has either .out or .prefix, not both",
                        "c/g/nodesc.go:1: missing the first comment line saying what the program exercises and which Go test it comes from",
                        "c/g/noexpect.out: missing (give the expected stderr as .out, its start as .prefix, or lines it must contain as .contains)",
                        "c/g/orphan.go: missing (there is orphan.out)",
                        "c/g/settingsfirst.go:1: the first comment line must say what the program exercises and which Go test it comes from",
                        "c/g/notes.txt: unknown kind of file .txt (NAME.go, .out, .prefix, .contains)",
                        "c/loose.go: a file outside any group directory");
    }

    @Test
    void anEmptyCorpusOrAMissingDirectoryIsAnError() throws Exception {
        assertThat(problems()).containsExactly("c: no scenarios (expected GROUP/NAME.go files)");
        assertThat(
                        catchThrowableOfType(
                                        () -> CorpusLoader.load(dir.resolve("nope"), "nope"),
                                        CorpusException.class)
                                .problems())
                .containsExactly("nope: not a directory");
    }
}
