package gort.proc;

import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Gidle;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscanenqueue;
import static gort.runtime.GStatus.Gscanrunning;
import static gort.runtime.GStatus.Gwaiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.StatusObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accessors one call at a time. The exhaustive comparison with the commit's rules is in the
 * conformance module (ExhaustiveAccessorTest); this is what a reader checks first.
 */
class StatusAccessorsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<String> transitions = new ArrayList<>();
    private final GoProcess process =
            GoProcess.create(
                    out,
                    new StatusObserver() {
                        @Override
                        public void transition(G gp, String accessor, int from, int to) {
                            transitions.add(accessor + " " + from + "->" + to);
                        }

                        @Override
                        public void spin(G gp, int oldval, int newval, int seen) {
                            throw new AssertionError("no call in this test should wait");
                        }
                    });

    @Test
    void aNewGGoesIdleToDeadToRunnableAsNewproc1PublishesIt() {
        G gp = process.newG(Gidle);

        StatusAccessors.casgstatus(gp, Gidle, Gdead);
        StatusAccessors.casgstatus(gp, Gdead, Grunnable);

        assertThat(StatusAccessors.readgstatus(gp)).isEqualTo(Grunnable);
        assertThat(transitions).containsExactly("casgstatus 0->6", "casgstatus 6->1");
        assertThat(out.size()).isZero();
    }

    @Test
    void aRunningGCanBeMarkedForScanOnEnqueueAndReleasedToWaiting() {
        G gp = process.newG(Grunning);

        assertThat(StatusAccessors.castogscanstatus(gp, Grunning, Gscanenqueue)).isTrue();
        StatusAccessors.casfromgscanstatus(gp, Gscanenqueue, Gwaiting);

        assertThat(StatusAccessors.readgstatus(gp)).isEqualTo(Gwaiting);
        assertThat(transitions)
                .containsExactly("castogscanstatus 2->4103", "casfromgscanstatus 4103->4");
    }

    @Test
    void aFailedScanAttemptChangesNothingAndIsNotReportedAsATransition() {
        G gp = process.newG(Gwaiting);

        assertThat(StatusAccessors.castogscanstatus(gp, Grunning, Gscanrunning)).isFalse();

        assertThat(StatusAccessors.readgstatus(gp)).isEqualTo(Gwaiting);
        assertThat(transitions).isEmpty();
    }

    @Test
    void dumpgstatusPrintsAddressGoidAndStatusOnOneLine() {
        G gp = process.newG(Gscanenqueue);
        gp.goid = 42;

        StatusAccessors.dumpgstatus(gp);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("runtime: gp=0xc208000000, goid=42, gp->atomicstatus=4103\n");
    }

    @Test
    void casgstatusWithAScanValuePrintsBothValuesThenThrows() {
        G gp = process.newG(Grunning);

        assertThatThrownBy(() -> StatusAccessors.casgstatus(gp, Grunning, Gscanrunning))
                .isInstanceOf(GoThrow.class)
                .hasMessage("casgstatus: bad incoming values");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "casgstatus: oldval=2, newval=4098\nfatal error: casgstatus: bad incoming values\n");
        assertThat(StatusAccessors.readgstatus(gp)).isEqualTo(Grunning);
    }

    @Test
    void aProcessWithoutObserverStillTransitions() {
        G gp = GoProcess.create(out).newG(Gidle);

        StatusAccessors.casgstatus(gp, Gidle, Gdead);

        assertThat(StatusAccessors.readgstatus(gp)).isEqualTo(Gdead);
    }
}
