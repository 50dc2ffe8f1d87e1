package gort.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gort run --blockprofile: every wait the C profiles (chan.go's synchronous and asynchronous sends,
 * chan.goc's receive and select) shows up once per stack with its count, and the records come by
 * decreasing cycles, as pprof.go's writeBlock prints them.
 */
class BlockProfileTest {
    @TempDir Path dir;

    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream programStderr = new ByteArrayOutputStream();

    /** main waits on a synchronous send (23), a receive (28), a full buffer (33), a select (39). */
    static final String PROGRAM =
            """
            package main

            import "time"

            func slowRecv(c chan int, n int) {
            \tfor i := 0; i < n; i++ {
            \t\ttime.Sleep(1000000)
            \t\t<-c
            \t}
            }

            func slowSend(c chan int, n int) {
            \tfor i := 0; i < n; i++ {
            \t\ttime.Sleep(1000000)
            \t\tc <- i
            \t}
            }

            func main() {
            \ta := make(chan int)
            \tgo slowRecv(a, 3)
            \tfor i := 0; i < 3; i++ {
            \t\ta <- i
            \t}
            \tb := make(chan int, 1)
            \tgo slowSend(b, 3)
            \tfor i := 0; i < 3; i++ {
            \t\t<-b
            \t}
            \td := make(chan int, 1)
            \tgo slowRecv(d, 3)
            \tfor i := 0; i < 3; i++ {
            \t\td <- i
            \t}
            \ts := make(chan int)
            \tnever := make(chan int)
            \tgo slowSend(s, 2)
            \tfor i := 0; i < 2; i++ {
            \t\tselect {
            \t\tcase <-s:
            \t\tcase <-never:
            \t\t}
            \t}
            }
            """;

    private record Rec(long cycles, long count, String frame) {}

    private String profile(String goarch, String source) throws IOException {
        Path prog = Files.writeString(dir.resolve("prog.go"), source);
        Path out = dir.resolve("block.txt");
        int rc =
                GortRun.run(
                        Map.of("GOARCH", goarch, "GORT_SEED", "3"),
                        programStderr,
                        err,
                        "--blockprofile",
                        out.toString(),
                        "--profile-format",
                        "text",
                        prog.toString());
        assertThat(rc).as(err.toString()).isZero();
        return Files.readString(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm"})
    void eachKindOfWaitIsRecordedAtItsLineByDecreasingCycles(String goarch) throws IOException {
        String text = profile(goarch, PROGRAM);
        assertThat(text).startsWith("--- contention:\ncycles/second=1000000000\n");
        Pattern rec =
                Pattern.compile(
                        "(?m)^(\\d+) (\\d+) @( 0x[0-9a-f]+)+\n#\t0x[0-9a-f]+\t(main\\.\\w+)\\+0x[0-9a-f]+\t+\\S*prog\\.go:(\\d+)\n");
        Matcher m = rec.matcher(text);
        List<Rec> recs = new ArrayList<>();
        while (m.find()) {
            recs.add(
                    new Rec(
                            Long.parseLong(m.group(1)),
                            Long.parseLong(m.group(2)),
                            m.group(4) + ":" + m.group(5)));
        }
        assertThat(recs)
                .extracting(r -> r.frame() + " x" + r.count())
                .containsExactlyInAnyOrder(
                        "main.main:23 x3", "main.main:28 x3", "main.main:33 x2", "main.main:39 x2");
        for (int i = 1; i < recs.size(); i++) {
            assertThat(recs.get(i).cycles()).isLessThanOrEqualTo(recs.get(i - 1).cycles());
        }
        assertThat(recs).allSatisfy(r -> assertThat(r.cycles()).isPositive());
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64"})
    void aRateOfZeroSetByTheProgramRecordsNothing(String goarch) throws IOException {
        String source =
                PROGRAM.replace("import \"time\"", "import (\n\t\"runtime\"\n\t\"time\"\n)")
                        .replace(
                                "func main() {\n",
                                "func main() {\n\truntime.SetBlockProfileRate(0)\n");
        assertThat(profile(goarch, source))
                .isEqualTo("--- contention:\ncycles/second=1000000000\n");
    }
}
