package gort.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** gort dump: a summary of a go1.3 heap dump, as text or JSON, and clear errors for bad files. */
class DumpCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gort(String... args) {
        CommandLine cl = Gort.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** header, params (amd64), one goroutine waiting on a channel with one frame, EOF. */
    private static byte[] smallDump() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("go1.3 heap dump\n".getBytes(StandardCharsets.US_ASCII));
        int[] params = {6, 0, 8, 0, 0, '6', 0, 1};
        for (int v : params) {
            b.write(v);
        }
        b.write(4); // TagGoRoutine
        int[] g = {0x10, 0x20, 7, 0, 4, 0, 0, 0};
        for (int v : g) {
            b.write(v);
        }
        b.write(12);
        b.writeBytes("chan receive".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {0, 0, 0, 0});
        b.write(5); // TagStackFrame: sp depth childsp mem(0) entry pc continpc name fields
        b.writeBytes(new byte[] {0x20, 0, 0, 0, 0x40, 0x44, 0x44});
        b.write(6);
        b.writeBytes("main.f".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.write(0); // TagEOF
        return b.toByteArray();
    }

    @Test
    void aDumpIsSummarizedForAPerson() throws Exception {
        Path f = Files.write(dir.resolve("heap.dump"), smallDump());
        assertThat(gort("dump", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("go1.3 heap dump: amd64, PtrSize 8, little-endian")
                .contains("goroutines: 1\ngoroutine 7 [waiting, chan receive] at 0x10\n")
                .contains("\tmain.f+0x4\tsp=0x20 frame 0 bytes, 0 pointer fields\n");
    }

    @Test
    void jsonCarriesTheSameFacts() throws Exception {
        Path f = Files.write(dir.resolve("heap.dump"), smallDump());
        assertThat(gort("dump", "--json", f.toString())).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.at("/params/ptrSize").asLong()).isEqualTo(8);
        assertThat(j.at("/goroutines/0/goid").asLong()).isEqualTo(7);
        assertThat(j.at("/goroutines/0/statusName").asText()).isEqualTo("waiting");
        assertThat(j.at("/goroutines/0/frames/0/name").asText()).isEqualTo("main.f");
    }

    @Test
    void aBadDumpNamesTheFileTheOffsetAndWhatIsWrongWithExitTwo() throws Exception {
        byte[] d = smallDump();
        Path f = Files.write(dir.resolve("cut.dump"), java.util.Arrays.copyOf(d, d.length - 1));
        assertThat(gort("dump", f.toString())).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        f
                                + ": offset "
                                + (d.length - 1)
                                + ": truncated: no EOF record"
                                + System.lineSeparator());
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(gort("dump", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("cannot read " + dir.resolve("nope") + ": no such file");
    }
}
