package gort.archtests;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module graph of DESIGN.md §1: runtime ← proc ← traceback ← stack ← mgc ← mprof; panic above
 * traceback; heapdump above mprof (it dumps the memory profile's buckets); cmd above all of those;
 * conformance above cmd. Module m lives in package {@code gort.m}.
 *
 * <p>The graph is a partial order: it does not say whether, say, panic is above stack. Such pairs
 * may depend on each other in one direction, which the cycle rule then holds to.
 */
public final class ModuleRules {
    private ModuleRules() {}

    /**
     * Each module and the modules directly below it, lowest first. bench is gort's choice, not
     * DESIGN's: benchmarks measure everything and nothing depends on them.
     */
    static final Map<String, List<String>> DIRECTLY_BELOW = directlyBelow();

    private static Map<String, List<String>> directlyBelow() {
        Map<String, List<String>> below = new LinkedHashMap<>();
        below.put("runtime", List.of());
        below.put("proc", List.of("runtime"));
        below.put("traceback", List.of("proc"));
        below.put("stack", List.of("traceback"));
        below.put("mgc", List.of("stack"));
        below.put("panic", List.of("traceback"));
        below.put("mprof", List.of("mgc"));
        below.put("heapdump", List.of("mprof"));
        below.put("cmd", List.of("mgc", "traceback", "panic", "mprof", "heapdump"));
        below.put("conformance", List.of("cmd"));
        below.put("bench", List.of("conformance"));
        return Collections.unmodifiableMap(below);
    }

    /**
     * A module is never used by a module below it. Optional layers because most modules do not
     * exist yet; every gort class must still belong to one, so a new top-level package cannot slip
     * past the graph.
     */
    public static final ArchRule LOWER_MODULES_DO_NOT_DEPEND_ON_HIGHER_ONES = layering();

    /** Modules the graph leaves unordered must not use each other both ways. */
    public static final ArchRule MODULES_ARE_FREE_OF_CYCLES =
            slices().matching("gort.(*)..")
                    .namingSlices("module $1")
                    .should()
                    .beFreeOfCycles()
                    .because(
                            "the module graph is acyclic (DESIGN.md §1): a call that would close a cycle"
                                    + " goes through an interface of the lower module that cmd's linker wires");

    private static ArchRule layering() {
        LayeredArchitecture layers =
                layeredArchitecture()
                        .consideringOnlyDependenciesInLayers()
                        .withOptionalLayers(true)
                        .ensureAllClassesAreContainedInArchitecture();
        for (String module : DIRECTLY_BELOW.keySet()) {
            layers = layers.layer(module).definedBy("gort." + module + "..");
        }
        for (String module : DIRECTLY_BELOW.keySet()) {
            Set<String> users = new LinkedHashSet<>(DIRECTLY_BELOW.keySet());
            users.remove(module);
            users.removeAll(allBelow(module));
            layers =
                    users.isEmpty()
                            ? layers.whereLayer(module).mayNotBeAccessedByAnyLayer()
                            : layers.whereLayer(module)
                                    .mayOnlyBeAccessedByLayers(users.toArray(String[]::new));
        }
        return layers.because("lower modules never depend on higher ones (DESIGN.md §1)");
    }

    static Set<String> allBelow(String module) {
        Set<String> below = new LinkedHashSet<>();
        for (String lower : DIRECTLY_BELOW.get(module)) {
            below.add(lower);
            below.addAll(allBelow(lower));
        }
        return below;
    }
}
