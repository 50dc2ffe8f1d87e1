package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every program of the corpus group {@code examples/} through {@link GoRunner} on GOARCH amd64
 * and arm (and each GOMAXPROCS its header lists) and compares its whole stderr with {@code
 * NAME.out}, or its start with {@code NAME.prefix}, and its exit code with the header's {@code
 * exit=}. (The conformance suite's own loader checks the full corpus format.)
 */
class ExamplesTest {
    static final String DIR = "gort/conformance/corpus/examples/";

    @TestFactory
    Stream<DynamicTest> everyExampleMatchesGosOutputOnBothArches() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : programs()) {
            String src =
                    new String(
                            resource(name + ".go").getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets
                                    .UTF_8); // Go source is UTF-8; outputs are compared byte for
            // byte
            String out = resource(name + ".out");
            String prefix = resource(name + ".prefix");
            assertThat(out != null || prefix != null).as(name + " has .out or .prefix").isTrue();
            int exit = Integer.parseInt(setting(src, "exit", "0"));
            for (Arch arch : Arch.values()) {
                for (String procs : setting(src, "GOMAXPROCS", "1").split(",")) {
                    tests.add(
                            DynamicTest.dynamicTest(
                                    name + " " + arch + " GOMAXPROCS=" + procs,
                                    () -> {
                                        Go.Run r = Go.run(arch, src, Map.of("GOMAXPROCS", procs));
                                        if (out != null) {
                                            assertThat(r.stderr()).isEqualTo(out);
                                        } else {
                                            assertThat(r.stderr()).startsWith(prefix);
                                        }
                                        assertThat(r.exit()).isEqualTo(exit);
                                    }));
                }
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    /** The programs' names, from the examples directory on the classpath. */
    static List<String> programs() throws IOException, URISyntaxException {
        URL url = ExamplesTest.class.getClassLoader().getResource(DIR);
        assertThat(url).as(DIR + " on the classpath").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".go"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList();
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ExamplesTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** A key of the header's "// gort:" line, or the default. */
    static String setting(String src, String key, String dflt) {
        for (String line : src.split("\n")) {
            if (line.startsWith("package ")) {
                break;
            }
            if (line.startsWith("// gort:")) {
                for (String kv : line.substring(8).trim().split("\\s+")) {
                    if (kv.startsWith(key + "=")) {
                        return kv.substring(key.length() + 1);
                    }
                }
            }
        }
        return dflt;
    }
}
