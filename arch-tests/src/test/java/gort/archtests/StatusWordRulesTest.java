package gort.archtests;

import static gort.archtests.Violations.assertReported;
import static gort.archtests.Violations.withStatusWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import gort.archtests.fixtures.BadDirectRead;
import gort.archtests.fixtures.BadDirectWrite;
import gort.archtests.fixtures.BadHandleWrite;
import gort.archtests.fixtures.ReflectiveWrite;
import gort.archtests.fixtures.SecondFieldUpdater;
import gort.archtests.fixtures.SecondVarHandle;
import gort.archtests.fixtures.UnsafeWrite;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatusWordRulesTest {
    private static final JavaClasses GORT = GortClasses.production();

    // ---- the import the real-code checks rely on ----

    @Test
    void productionImportHoldsGAndTheAccessorsAndNoTestClasses() {
        assertThat(GORT.contain(G.class)).isTrue();
        assertThat(GORT.contain(StatusAccessors.class)).isTrue();
        assertThat(GORT)
                .noneSatisfy(
                        c ->
                                assertThat(c.getPackageName())
                                        .matches(
                                                "gort\\.archtests(\\..*)?|gort\\.[a-z]+\\.archfixture(\\..*)?"));
    }

    /**
     * Without this, an allow-list entry could be dead and the rules would prove less than they say.
     */
    @Test
    void eachAccessorReachesTheStatusWordOnlyThroughTheHandle() {
        JavaClass accessors = GORT.get(StatusAccessors.class);
        assertThat(
                        accessors.getFieldAccessesFromSelf().stream()
                                .filter(
                                        a ->
                                                a.getTargetOwner().isEquivalentTo(G.class)
                                                        && a.getTarget()
                                                                .getName()
                                                                .equals("ATOMICSTATUS"))
                                .map(a -> a.getOrigin().getName())
                                .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "readgstatus", "casgstatus", "castogscanstatus", "casfromgscanstatus");
        assertThat(accessors.getFieldAccessesFromSelf())
                .noneSatisfy(a -> assertThat(a.getTarget().getName()).isEqualTo("atomicstatus"));
    }

    // ---- rule 1: direct field writes and reads ----

    @Test
    void realCodeWritesAtomicstatusOnlyInTheChangersAndGsConstructor() {
        StatusWordRules.ONLY_STATUS_CHANGERS_WRITE_ATOMICSTATUS.check(GORT);
    }

    @Test
    void directWriteOfAtomicstatusOutsideTheAccessorsIsReported() {
        assertReported(
                StatusWordRules.ONLY_STATUS_CHANGERS_WRITE_ATOMICSTATUS,
                withStatusWord(BadDirectWrite.class),
                BadDirectWrite.class,
                "forceRunning(");
    }

    @Test
    void realCodeReadsAtomicstatusOnlyInTheAccessors() {
        StatusWordRules.ONLY_STATUS_ACCESSORS_READ_ATOMICSTATUS.check(GORT);
    }

    @Test
    void directReadOfAtomicstatusBypassingReadgstatusIsReported() {
        assertReported(
                StatusWordRules.ONLY_STATUS_ACCESSORS_READ_ATOMICSTATUS,
                withStatusWord(BadDirectRead.class),
                BadDirectRead.class,
                "peekStatus(");
    }

    // ---- rule 2: the handle ----

    @Test
    void realCodeUsesTheAtomicstatusHandleOnlyInTheAccessors() {
        StatusWordRules.ONLY_STATUS_ACCESSORS_USE_THE_ATOMICSTATUS_HANDLE.check(GORT);
    }

    @Test
    void setAndCompareAndSetThroughTheHandleOutsideTheAccessorsAreReported() {
        assertReported(
                StatusWordRules.ONLY_STATUS_ACCESSORS_USE_THE_ATOMICSTATUS_HANDLE,
                withStatusWord(BadHandleWrite.class),
                BadHandleWrite.class,
                "setThroughHandle(",
                "casThroughHandle(");
    }

    // ---- rule 3: no second way to the field ----

    @Test
    void realCodeMakesFieldHandlesOnlyInReviewedStaticInitializers() {
        StatusWordRules.FIELD_HANDLES_ARE_MADE_ONLY_BY_REVIEWED_CLASSES.check(GORT);
    }

    @Test
    void secondVarHandleOnAtomicstatusIsReportedWhetherCalledOrReferenced() {
        assertReported(
                StatusWordRules.FIELD_HANDLES_ARE_MADE_ONLY_BY_REVIEWED_CLASSES,
                withStatusWord(SecondVarHandle.class),
                SecondVarHandle.class,
                "<clinit>()",
                "privateLookupLater()",
                "finderByReference()");
    }

    @Test
    void fieldUpdaterOnAtomicstatusIsReported() {
        assertReported(
                StatusWordRules.FIELD_HANDLES_ARE_MADE_ONLY_BY_REVIEWED_CLASSES,
                withStatusWord(SecondFieldUpdater.class),
                SecondFieldUpdater.class,
                "<clinit>()");
    }

    @Test
    void realCodeDoesNotUseUnsafe() {
        StatusWordRules.NO_UNSAFE.check(GORT);
    }

    @Test
    void unsafeWriteOfAtomicstatusIsReported() {
        assertReported(
                StatusWordRules.NO_UNSAFE,
                withStatusWord(UnsafeWrite.class),
                UnsafeWrite.class,
                "forceDead(");
    }

    @Test
    void realCodeDoesNotAccessFieldsReflectively() {
        StatusWordRules.NO_REFLECTIVE_FIELD_ACCESS.check(GORT);
    }

    @Test
    void reflectiveSetIntAndReflectiveHandleLookupAreReported() {
        assertReported(
                StatusWordRules.NO_REFLECTIVE_FIELD_ACCESS,
                withStatusWord(ReflectiveWrite.class),
                ReflectiveWrite.class,
                "forceDead(",
                "borrowHandle(");
        assertThat(
                        StatusWordRules.NO_REFLECTIVE_FIELD_ACCESS
                                .evaluate(withStatusWord(ReflectiveWrite.class))
                                .getFailureReport()
                                .getDetails())
                .anySatisfy(d -> assertThat(d).contains("Field.setInt("))
                .anySatisfy(d -> assertThat(d).contains("setAccessible("))
                .anySatisfy(d -> assertThat(d).contains("Field.get("));
    }
}
