package gort.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BuildCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gortBuild(Map<String, String> env, String... args) {
        CommandLine cl = Gort.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ((BuildCommand) cl.getSubcommands().get("build").getCommand()).env = env;
        return cl.execute(args);
    }

    private Path write(String name, String source) throws IOException {
        return Files.writeString(dir.resolve(name), source);
    }

    @Test
    void aProgramThatCompilesPrintsNothingAndExitsZero() throws IOException {
        Path prog =
                write("hello.go", "package main\n\nfunc main() {\n\tprintln(\"hello\", 42)\n}\n");

        assertThat(gortBuild(Map.of(), "build", prog.toString())).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void compileErrorsArePrintedAsFileLineColAndExitTwo() throws IOException {
        Path prog = write("bad.go", "package main\n\nfunc main() {\n\tx := 1\n\tprintln(y)\n}\n");

        assertThat(gortBuild(Map.of(), "build", prog.toString())).isEqualTo(2);
        String name = prog.toString();
        assertThat(err.toString())
                .isEqualTo(
                        name + ":4:2: x declared but not used\n" + name + ":5:10: undefined: y\n");
    }

    @Test
    void theSimulatedGoarchDecidesWhatFitsInAnInt() throws IOException {
        Path prog =
                write(
                        "big.go",
                        "package main\n\nfunc main() {\n\tvar x int = 1 << 40\n\tprintln(x)\n}\n");

        assertThat(gortBuild(Map.of("GOARCH", "amd64"), "build", prog.toString())).isZero();
        assertThat(gortBuild(Map.of("GOARCH", "arm"), "build", prog.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "big.go:4:14: cannot use 1 << 40 (untyped int constant 1099511627776) as int value in variable declaration (overflows)");
    }

    @Test
    void anUnknownGoarchIsAUsageError() throws IOException {
        Path prog = write("hello.go", "package main\n\nfunc main() {}\n");

        assertThat(gortBuild(Map.of("GOARCH", "mips"), "build", prog.toString())).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("gort: unsupported GOARCH \"mips\"; gort simulates amd64 and arm\n");
    }

    @Test
    void aMissingFileIsNamedInAUsageError() {
        assertThat(gortBuild(Map.of(), "build", dir.resolve("nope.go").toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("cannot read " + dir.resolve("nope.go") + ": no such file");
    }
}
