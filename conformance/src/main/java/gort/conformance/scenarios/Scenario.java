package gort.conformance.scenarios;

import java.time.Duration;
import java.util.List;

/**
 * One corpus program and what it must do (format: notes/contract-corpus.md, summarised in
 * {@link CorpusLoader}). {@code id} is "group/name".
 *
 * @param expectedOut the whole stderr, or null
 * @param expectedPrefix what stderr starts with, or null (at most one of out/prefix is set; with
 *     neither, the .contains lines are the whole check)
 * @param expectedContains lines each of which must appear in stderr (may be empty)
 * @param seeds sim seeds the scenario asks for, or null for the suite's default
 */
public record Scenario(String id, String source, String fileName, String description,
                       String expectedOut, String expectedPrefix, List<String> expectedContains,
                       int exit, List<Integer> gomaxprocs, List<String> goarch, List<String> backends,
                       Integer seeds, List<String> env, Duration timeout) {
    public Scenario {
        expectedContains = List.copyOf(expectedContains);
        gomaxprocs = List.copyOf(gomaxprocs);
        goarch = List.copyOf(goarch);
        backends = List.copyOf(backends);
        env = List.copyOf(env);
    }

    public boolean runsOn(String backend) {
        return backends.contains(backend);
    }
}
