package gort.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import java.util.List;
import java.util.stream.Stream;

/** Evaluates a rule on fixtures next to the real G and accessors, and checks what it reported. */
final class Violations {
    private Violations() {}

    /** G and StatusAccessors come along so the fixture is judged against the real allowed code. */
    static JavaClasses withStatusWord(Class<?>... fixtures) {
        return new ClassFileImporter()
                .importClasses(
                        Stream.concat(
                                        Stream.of(G.class, StatusAccessors.class),
                                        Stream.of(fixtures))
                                .toArray(Class<?>[]::new));
    }

    /**
     * Asserts that {@code rule} fails on {@code classes}, that some detail names each of {@code
     * codeUnits} (as {@code Owner.name(}, or {@code Owner} alone for a class-level report) and that
     * every detail concerns {@code offender}: the allowed code is never reported.
     */
    static void assertReported(
            ArchRule rule, JavaClasses classes, Class<?> offender, String... codeUnits) {
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.hasViolation())
                .as("%s reports a violation", rule.getDescription())
                .isTrue();
        List<String> details = result.getFailureReport().getDetails();
        for (String codeUnit : codeUnits) {
            String name =
                    codeUnit.isEmpty() ? offender.getName() : offender.getName() + "." + codeUnit;
            assertThat(details)
                    .as("details of %s", rule.getDescription())
                    .anySatisfy(detail -> assertThat(detail).contains(name));
        }
        assertThat(details).allSatisfy(detail -> assertThat(detail).contains(offender.getName()));
    }
}
