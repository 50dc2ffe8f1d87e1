package gort.conformance.scenarios;

import java.util.List;

/**
 * One environment a scenario runs under: the {@code NAME=VALUE} pairs of its {@code env=} settings,
 * one alternative of each. {@code name} is what tells it from the scenario's other variants in a
 * run's label: the alternatives it took from the {@code env=} settings that list several (e.g.
 * "GOCOPYSTACK=0"), empty when the scenario has only this one variant, so that a program without
 * alternatives keeps the run names it had before variants existed.
 *
 * @param name the chosen alternatives, space-separated; empty for a scenario's only variant
 * @param vars every pair of this environment, in header order
 */
public record EnvVariant(String name, List<String> vars) {
    public EnvVariant {
        vars = List.copyOf(vars);
    }

    /** The environment of a scenario without env= settings. */
    public static final EnvVariant NONE = new EnvVariant("", List.of());
}
