package gort.archtests;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * gort's production classes as ArchUnit sees them: every class under package {@code gort} on this
 * module's classpath (the runtime, proc, conformance and bench jars), without test classes, so the
 * fixtures in this module's test sources never reach the "real code" checks. Code that JMH's
 * annotation processor writes into the bench jar ({@code gort.bench.jmh_generated}) is JMH's, not
 * gort's, and is left out too.
 */
final class GortClasses {
    private GortClasses() {}

    /** Imported once per JVM: the import reads every class file and is the slow part of a run. */
    static JavaClasses production() {
        return Holder.PRODUCTION;
    }

    private static final class Holder {
        static final JavaClasses PRODUCTION =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(
                                location ->
                                        !location.asURI().toString().contains("/jmh_generated/"))
                        .importPackages("gort");
    }
}
