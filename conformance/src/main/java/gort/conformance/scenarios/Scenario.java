package gort.conformance.scenarios;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One corpus program and what it must do (format: conformance/README.md, "The corpus format",
 * summarised in {@link CorpusLoader}). {@code id} is "group/name".
 *
 * @param expectedOut the whole stderr, or null
 * @param expectedPrefix what stderr starts with, or null (at most one of out/prefix is set; with
 *     neither, the .contains lines are the whole check)
 * @param expectedContains lines each of which must appear in stderr (may be empty)
 * @param seeds sim seeds the scenario asks for, or null for the suite's default
 * @param envs the environments it runs under, each as often as if it were its own scenario (at
 *     least one; with several, each has a distinct non-empty name)
 * @param outByArch NAME.GOARCH.out files: the whole stderr on that GOARCH (where frames hold
 *     pointer arguments, which differ between the arches)
 * @param prefixByArch NAME.GOARCH.prefix files, likewise
 */
public record Scenario(
        String id,
        String source,
        String fileName,
        String description,
        String expectedOut,
        String expectedPrefix,
        List<String> expectedContains,
        int exit,
        List<Integer> gomaxprocs,
        List<String> goarch,
        List<String> backends,
        Integer seeds,
        List<EnvVariant> envs,
        Duration timeout,
        Map<String, String> outByArch,
        Map<String, String> prefixByArch) {
    public Scenario {
        outByArch = Map.copyOf(outByArch);
        prefixByArch = Map.copyOf(prefixByArch);
        expectedContains = List.copyOf(expectedContains);
        gomaxprocs = List.copyOf(gomaxprocs);
        goarch = List.copyOf(goarch);
        backends = List.copyOf(backends);
        envs = List.copyOf(envs);
        if (envs.isEmpty()) {
            throw new IllegalArgumentException(
                    id + ": no environment (a scenario without env= has EnvVariant.NONE)");
        }
    }

    /** The whole stderr wanted on {@code goarch}, or null. */
    public String expectedOut(String goarch) {
        return outByArch.getOrDefault(goarch, expectedOut);
    }

    /** What stderr must start with on {@code goarch}, or null. */
    public String expectedPrefix(String goarch) {
        return prefixByArch.getOrDefault(goarch, expectedPrefix);
    }

    public boolean runsOn(String backend) {
        return backends.contains(backend);
    }
}
