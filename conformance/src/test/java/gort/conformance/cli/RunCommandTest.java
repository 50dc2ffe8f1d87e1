package gort.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** gort run: compile, link with the runtime, run on real M threads, report the exit code. */
class RunCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream programStderr = new ByteArrayOutputStream();

    private int gortRun(Map<String, String> env, Path prog) {
        CommandLine cl = Gort.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        RunCommand run = (RunCommand) cl.getSubcommands().get("run").getCommand();
        run.env = env;
        run.stderr = programStderr;
        return cl.execute("run", prog.toString());
    }

    private String printed() {
        return programStderr.toString(StandardCharsets.UTF_8);
    }

    private Path write(String source) throws IOException {
        return Files.writeString(dir.resolve("prog.go"), source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm"})
    void aProgramRunsToTheEndOfMainAndExitsZero(String goarch) throws IOException {
        Path prog = write("""
                package main

                func fib(n int) int {
                \tif n < 2 {
                \t\treturn n
                \t}
                \treturn fib(n-1) + fib(n-2)
                }

                func main() {
                \tgreeting := "hello"
                \tprintln(greeting, fib(20), true)
                \tvar b int8 = 127
                \tb++
                \tprint(b, "\\n")
                }
                """);

        assertThat(gortRun(Map.of("GOARCH", goarch), prog)).as("%s%s", err, printed()).isZero();
        assertThat(printed()).isEqualTo("hello 6765 true\n-128\n");
    }

    @Test
    void anIntegerDivisionByZeroPanicsWithGosMessageAndExitCode2() throws IOException {
        Path prog = write("""
                package main

                func div(a, b int) int {
                \treturn a / b
                }

                func main() {
                \tprintln(div(1, 0))
                \tprintln("not reached")
                }
                """);

        assertThat(gortRun(Map.of(), prog)).isEqualTo(2);
        assertThat(printed()).isEqualTo("panic: runtime error: integer divide by zero\n");
    }

    @Test
    void aCompileErrorIsReportedAndNothingRuns() throws IOException {
        Path prog = write("package main\n\nfunc main() {\n\tprintln(x)\n}\n");

        assertThat(gortRun(Map.of(), prog)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(prog + ":4:10: undefined: x\n");
        assertThat(printed()).isEmpty();
    }

    @Test
    void gomaxprocsIsReadAsGo13ReadsIt() {
        assertThat(RunCommand.gomaxprocs(Map.of())).isEqualTo(1);
        assertThat(RunCommand.gomaxprocs(Map.of("GOMAXPROCS", "4"))).isEqualTo(4);
        assertThat(RunCommand.gomaxprocs(Map.of("GOMAXPROCS", "0"))).isEqualTo(1);
        assertThat(RunCommand.gomaxprocs(Map.of("GOMAXPROCS", "many"))).isEqualTo(1);
        assertThat(RunCommand.gomaxprocs(Map.of("GOMAXPROCS", "1000"))).isEqualTo(256);
    }
}
