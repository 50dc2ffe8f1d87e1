package gort.mprof.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Text;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The profile.proto encoding, read back field by field with protobuf-java's generic parser:
 * profile.proto's field numbers (sample 2, mapping 3, location 4, function 5, string_table 6).
 */
class ProfileProtoTest {
    private static UnknownFieldSet decode(byte[] gz) throws Exception {
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
        return UnknownFieldSet.parseFrom(raw);
    }

    private static List<UnknownFieldSet> messages(UnknownFieldSet p, int field) throws Exception {
        List<UnknownFieldSet> out = new ArrayList<>();
        for (ByteString b : p.getField(field).getLengthDelimitedList()) {
            out.add(UnknownFieldSet.parseFrom(b));
        }
        return out;
    }

    private static List<Long> packed(UnknownFieldSet m, int field) throws Exception {
        List<Long> out = new ArrayList<>();
        for (ByteString b : m.getField(field).getLengthDelimitedList()) {
            CodedInputStream in = b.newCodedInput();
            while (!in.isAtEnd()) {
                out.add(in.readRawVarint64());
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void samplesPointAtLocationsThatNameTheFunctionAndTheCallsLine(Arch arch) throws Exception {
        Text t = SymbolsRig.text(arch);
        long f4 = PprofTest.returnPcOnLine(t, "main.f", 4);
        long goexit = t.lookup("runtime.goexit").entry;
        ProfileProto p =
                new ProfileProto(
                        new StackSymbols(t),
                        new String[][] {{"goroutine", "count"}},
                        new String[] {"goroutine", "count"},
                        1,
                        "/src/f.go");
        p.sample(new long[] {f4, goexit}, 1).sample(new long[] {f4, goexit}, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.writeTo(out);
        UnknownFieldSet prof = decode(out.toByteArray());

        List<String> strings = new ArrayList<>();
        for (ByteString b : prof.getField(6).getLengthDelimitedList()) {
            strings.add(b.toStringUtf8());
        }
        assertThat(strings.get(0)).isEmpty();
        assertThat(strings).contains("goroutine", "count", "main.f", "/src/f.go", "runtime.goexit");

        List<UnknownFieldSet> samples = messages(prof, 2);
        assertThat(samples).hasSize(2);
        assertThat(packed(samples.get(0), 1)).containsExactly(1L, 2L);
        assertThat(packed(samples.get(0), 2)).containsExactly(1L);

        List<UnknownFieldSet> locations = messages(prof, 4);
        assertThat(locations).hasSize(2);
        UnknownFieldSet loc1 = locations.get(0);
        assertThat(loc1.getField(1).getVarintList()).containsExactly(1L);
        assertThat(loc1.getField(3).getVarintList()).containsExactly(f4);
        UnknownFieldSet line =
                UnknownFieldSet.parseFrom(loc1.getField(4).getLengthDelimitedList().get(0));
        assertThat(line.getField(2).getVarintList()).containsExactly(4L);

        List<UnknownFieldSet> functions = messages(prof, 5);
        long fnId = line.getField(1).getVarintList().get(0);
        UnknownFieldSet fn =
                functions.stream()
                        .filter(f -> f.getField(1).getVarintList().get(0) == fnId)
                        .findFirst()
                        .orElseThrow();
        assertThat(strings.get(fn.getField(2).getVarintList().get(0).intValue()))
                .isEqualTo("main.f");
        assertThat(strings.get(fn.getField(4).getVarintList().get(0).intValue()))
                .isEqualTo("/src/f.go");

        UnknownFieldSet mapping = messages(prof, 3).get(0);
        assertThat(mapping.getField(2).getVarintList()).containsExactly(t.textStart);
        assertThat(mapping.getField(7).getVarintList()).containsExactly(1L);
    }
}
