package gort.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table of malformed programs (resources gort/cmd/malformed): for each NAME.go, gort prints
 * exactly NAME.want, which is what Go 1.19's {@code go build NAME.go} printed (see the README
 * there), or, for programs outside the subset (u*), gort's "does not support" messages.
 */
class MalformedProgramsTest {

    static Path dir() throws URISyntaxException {
        return Path.of(MalformedProgramsTest.class.getResource("/gort/cmd/malformed").toURI());
    }

    static List<Path> cases() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".go")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> printsExactlyWhatGcPrints() throws IOException, URISyntaxException {
        return cases().stream()
                .map(
                        p ->
                                DynamicTest.dynamicTest(
                                        p.getFileName().toString(),
                                        () -> {
                                            String name = p.getFileName().toString();
                                            String want =
                                                    Files.readString(
                                                            p.resolveSibling(
                                                                    name.replace(".go", ".want")));
                                            Compiler.Result r =
                                                    new Compiler()
                                                            .check(
                                                                    "./" + name,
                                                                    name,
                                                                    Files.readString(p));
                                            assertThat(r.text()).isEqualTo(want);
                                            assertThat(r.ok()).isFalse();
                                            assertThat(r.pkg()).isNull();
                                        }));
    }

    @Test
    void theTableHasAtLeastFortyCasesOfEveryKind() throws IOException, URISyntaxException {
        List<String> names = cases().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(40);
        assertThat(names).filteredOn(n -> n.startsWith("s")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(names).filteredOn(n -> n.startsWith("r")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(names).filteredOn(n -> n.startsWith("t")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(names).filteredOn(n -> n.startsWith("u")).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void neverThrowsOnTruncatedPrograms() throws IOException, URISyntaxException {
        // every prefix of every program, cut at any byte, yields diagnostics and no exception
        for (Path p : cases()) {
            String src = Files.readString(p);
            for (int i = 0; i < src.length(); i += 7) {
                Compiler.Result r = new Compiler().check("./x.go", "x.go", src.substring(0, i));
                assertThat(r.diagnostics()).as("prefix %d of %s", i, p.getFileName()).isNotNull();
            }
        }
    }
}
