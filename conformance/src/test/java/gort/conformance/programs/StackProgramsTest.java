package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.proc.ProgramResult;
import gort.runtime.arch.Arch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus group {@code stack/} (programs modelled on Go's stack_test.go and crash_test.go's
 * TestStackOverflow) run through GoRunner on each GOARCH their header names, their stderr compared
 * with NAME.out (exactly) or NAME.prefix, their exit code with the header's {@code exit=}, once per
 * environment its {@code env=} alternatives give ({@code GOCOPYSTACK=1|GOCOPYSTACK=0}: the copying
 * and the segmented path). It reads only the header keys these programs use (exit, GOMAXPROCS,
 * GOARCH, env); the corpus loader proper is the conformance module's.
 */
class StackProgramsTest {
    static final String DIR = "/gort/conformance/corpus/stack/";
    static final List<String> NAMES =
            List.of(
                    "growth",
                    "bigframes",
                    "stackcache",
                    "overflow",
                    "deferptrs",
                    "recoversplit",
                    "goexitsplit",
                    "panicgrow");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String name : NAMES) {
            Header h = Header.parse(read(name + ".go"));
            for (Map<String, String> env : h.envs) {
                for (String a : h.goarch) {
                    for (String procs : h.gomaxprocs) {
                        out.add(Arguments.of(name, env, Arch.lookup(a), procs));
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * {@code envs}: one environment per combination of the env= settings' |-separated alternatives.
     */
    record Header(
            int exit,
            List<String> goarch,
            List<String> gomaxprocs,
            List<Map<String, String>> envs) {
        static Header parse(String src) {
            int exit = 0;
            List<String> goarch = List.of("amd64", "arm");
            List<String> gomaxprocs = List.of("1");
            List<Map<String, String>> envs = List.of(Map.of());
            for (String line : src.split("\n")) {
                if (line.startsWith("package ")) {
                    break;
                }
                if (!line.startsWith("// gort:")) {
                    continue;
                }
                for (String kv : line.substring("// gort:".length()).trim().split("\\s+")) {
                    String k = kv.substring(0, kv.indexOf('='));
                    String v = kv.substring(kv.indexOf('=') + 1);
                    switch (k) {
                        case "exit" -> exit = Integer.parseInt(v);
                        case "GOARCH" -> goarch = List.of(v.split(","));
                        case "GOMAXPROCS" -> gomaxprocs = List.of(v.split(","));
                        case "env" -> {
                            List<Map<String, String>> next = new ArrayList<>();
                            for (Map<String, String> e : envs) {
                                for (String alt : v.split("\\|")) {
                                    Map<String, String> m = new TreeMap<>(e);
                                    m.put(
                                            alt.substring(0, alt.indexOf('=')),
                                            alt.substring(alt.indexOf('=') + 1));
                                    next.add(m);
                                }
                            }
                            envs = next;
                        }
                        case "backend",
                                "seeds",
                                "timeout" -> {} // the suite's (CorpusLoader); real only here
                        default ->
                                throw new IllegalArgumentException(
                                        "header key " + k + " not read here");
                    }
                }
            }
            return new Header(exit, goarch, gomaxprocs, envs);
        }
    }

    static String read(String file) throws IOException {
        try (InputStream in = StackProgramsTest.class.getResourceAsStream(DIR + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0} {1} on {2}, GOMAXPROCS={3}")
    @MethodSource("cases")
    void runsAsGoDid(String name, Map<String, String> variant, Arch arch, String procs)
            throws Exception {
        String src = read(name + ".go");
        Header h = Header.parse(src);
        Map<String, String> env = new HashMap<>(variant);
        env.put("GOMAXPROCS", procs);
        GoRunner.Compiled c = GoRunner.compile(Path.of(name + ".go"), src, arch);
        assertThat(c.diagnostics()).isEmpty();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ProgramResult r =
                Assertions.assertTimeoutPreemptively(
                        Duration.ofSeconds(60),
                        () -> GoRunner.run(c.image(), new GoRunner.Settings(stderr, env)));
        String got = stderr.toString(StandardCharsets.UTF_8);
        assertThat(got).doesNotContain("stack is corrupted");
        String exact = read(name + ".out");
        if (exact != null) {
            assertThat(got).isEqualTo(exact);
        } else {
            assertThat(got).startsWith(read(name + ".prefix"));
        }
        assertThat(r.exitCode()).as(got).isEqualTo(h.exit());
    }
}
