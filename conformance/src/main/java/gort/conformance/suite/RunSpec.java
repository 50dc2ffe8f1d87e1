package gort.conformance.suite;

import gort.conformance.scenarios.Scenario;

/** One run of a scenario: the simulated GOARCH, GOMAXPROCS, the backend and (sim) the seed. */
public record RunSpec(Scenario scenario, String goarch, int gomaxprocs, String backend, long seed) {
    public boolean sim() {
        return backend.equals("sim");
    }

    /** "sites/gosched amd64 GOMAXPROCS=2 sim seed=17" */
    public String label() {
        return scenario.id() + " " + goarch + " GOMAXPROCS=" + gomaxprocs + " " + backend + (sim() ? " seed=" + seed : "");
    }

    /** The command that replays this run (sim only). */
    public String replayCommand() {
        return "gort conform --replay " + scenario.id() + " " + seed;
    }
}
