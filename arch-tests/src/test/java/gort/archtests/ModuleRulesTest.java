package gort.archtests;

import static gort.archtests.Violations.assertReported;
import static gort.archtests.Violations.withStatusWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import gort.archtests.fixtures.OutsideEveryModule;
import gort.proc.archfixture.HigherModule;
import gort.runtime.archfixture.ReachesUpIntoProc;
import org.junit.jupiter.api.Test;

class ModuleRulesTest {
    private static final JavaClasses GORT = GortClasses.production();

    @Test
    void moduleOrderIsTheOneOfDesignSection1() {
        assertThat(ModuleRules.allBelow("runtime")).isEmpty();
        assertThat(ModuleRules.allBelow("mgc"))
                .containsExactlyInAnyOrder("stack", "traceback", "proc", "runtime");
        assertThat(ModuleRules.allBelow("panic"))
                .containsExactlyInAnyOrder("traceback", "proc", "runtime");
        assertThat(ModuleRules.allBelow("mprof"))
                .containsExactlyInAnyOrder("mgc", "stack", "traceback", "proc", "runtime");
        assertThat(ModuleRules.allBelow("heapdump"))
                .containsExactlyInAnyOrder("mprof", "mgc", "stack", "traceback", "proc", "runtime");
        assertThat(ModuleRules.allBelow("cmd"))
                .containsExactlyInAnyOrder(
                        "runtime",
                        "proc",
                        "stack",
                        "mgc",
                        "traceback",
                        "panic",
                        "mprof",
                        "heapdump");
        assertThat(ModuleRules.allBelow("conformance")).contains("cmd").doesNotContain("bench");
        assertThat(ModuleRules.allBelow("bench")).hasSize(ModuleRules.DIRECTLY_BELOW.size() - 1);
    }

    @Test
    void realCodeFollowsTheModuleGraph() {
        ModuleRules.LOWER_MODULES_DO_NOT_DEPEND_ON_HIGHER_ONES.check(GORT);
    }

    @Test
    void runtimeClassCallingIntoProcIsReported() {
        assertReported(
                ModuleRules.LOWER_MODULES_DO_NOT_DEPEND_ON_HIGHER_ONES,
                withStatusWord(ReachesUpIntoProc.class, HigherModule.class),
                ReachesUpIntoProc.class,
                "callProc()");
    }

    @Test
    void gortClassOutsideEveryModuleIsReported() {
        assertReported(
                ModuleRules.LOWER_MODULES_DO_NOT_DEPEND_ON_HIGHER_ONES,
                withStatusWord(OutsideEveryModule.class),
                OutsideEveryModule.class,
                "");
    }

    @Test
    void realModulesAreFreeOfCycles() {
        ModuleRules.MODULES_ARE_FREE_OF_CYCLES.check(GORT);
    }

    @Test
    void cycleBetweenRuntimeAndProcIsReported() {
        JavaClasses classes = withStatusWord(ReachesUpIntoProc.class, HigherModule.class);
        assertReported(
                ModuleRules.MODULES_ARE_FREE_OF_CYCLES,
                classes,
                ReachesUpIntoProc.class,
                "callProc()");
        assertThat(
                        ModuleRules.MODULES_ARE_FREE_OF_CYCLES
                                .evaluate(classes)
                                .getFailureReport()
                                .getDetails())
                .anySatisfy(d -> assertThat(d).contains(HigherModule.class.getName() + ".work()"));
    }
}
