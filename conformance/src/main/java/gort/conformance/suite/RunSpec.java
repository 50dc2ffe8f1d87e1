package gort.conformance.suite;

import gort.conformance.scenarios.EnvVariant;
import gort.conformance.scenarios.Scenario;

/**
 * One run of a scenario: its environment variant, the simulated GOARCH, GOMAXPROCS, the backend and
 * (sim) the seed.
 */
public record RunSpec(
        Scenario scenario,
        EnvVariant env,
        String goarch,
        int gomaxprocs,
        String backend,
        long seed) {
    public RunSpec {
        if (!scenario.envs().contains(env)) {
            throw new IllegalArgumentException(scenario.id() + " has no env variant " + env);
        }
    }

    /** A run of a scenario that has one environment (no env= alternatives). */
    public RunSpec(Scenario scenario, String goarch, int gomaxprocs, String backend, long seed) {
        this(scenario, only(scenario), goarch, gomaxprocs, backend, seed);
    }

    private static EnvVariant only(Scenario sc) {
        if (sc.envs().size() != 1) {
            throw new IllegalArgumentException(
                    sc.id() + " has " + sc.envs().size() + " env variants: name one");
        }
        return sc.envs().get(0);
    }

    public boolean sim() {
        return backend.equals("sim");
    }

    /**
     * "sites/gosched amd64 GOMAXPROCS=2 sim seed=17"; with env alternatives, the variant follows
     * GOMAXPROCS: "stack/growth arm GOMAXPROCS=1 GOCOPYSTACK=0 sim seed=2". The label is the run's
     * key in the report and in {@code --compare}, so a scenario without alternatives keeps the
     * label it had before variants existed.
     */
    public String label() {
        return scenario.id()
                + " "
                + goarch
                + " GOMAXPROCS="
                + gomaxprocs
                + (env.name().isEmpty() ? "" : " " + env.name())
                + " "
                + backend
                + (sim() ? " seed=" + seed : "");
    }

    /**
     * The command that replays this run (sim only); it replays every variant and GOARCH of the
     * seed.
     */
    public String replayCommand() {
        return "gort conform --replay " + scenario.id() + " " + seed;
    }
}
