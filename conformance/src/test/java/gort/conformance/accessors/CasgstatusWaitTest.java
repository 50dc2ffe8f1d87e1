package gort.conformance.accessors;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscanrunnable;
import static org.assertj.core.api.Assertions.assertThat;

import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** casgstatus on a real second thread, ordered by latches rather than by sleeping. */
class CasgstatusWaitTest {

    @Test
    void casgstatusWaitsWhileScanBitIsHeldAndTransitionsRightAfterRelease() throws Exception {
        CountDownLatch mutatorSpinning = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        List<Integer> seenWhileSpinning = new CopyOnWriteArrayList<>();
        StatusObserver observer =
                new StatusObserver() {
                    @Override
                    public void transition(G gp, String accessor, int from, int to) {
                        events.add(accessor + " " + from + "->" + to);
                    }

                    @Override
                    public void spin(G gp, int oldval, int newval, int seen) {
                        if (mutatorSpinning.getCount() > 0) {
                            seenWhileSpinning.add(seen);
                        }
                        mutatorSpinning.countDown();
                    }
                };
        G gp = GoProcess.create(OutputStream.nullOutputStream(), observer).newG(Grunnable);
        assertThat(StatusAccessors.castogscanstatus(gp, Grunnable, Gscanrunnable)).isTrue();

        Thread mutator = new Thread(() -> StatusAccessors.casgstatus(gp, Grunnable, Grunning));
        mutator.start();
        assertThat(mutatorSpinning.await(30, TimeUnit.SECONDS))
                .as("mutator reached the spin")
                .isTrue();
        assertThat(StatusAccessors.readgstatus(gp)).isEqualTo(Gscanrunnable);

        StatusAccessors.casfromgscanstatus(gp, Gscanrunnable, Grunnable);
        mutator.join(30_000);

        assertThat(mutator.isAlive()).isFalse();
        assertThat(StatusAccessors.readgstatus(gp)).isEqualTo(Grunning);
        // The observer runs just after each CAS, on the thread that made it, so the list's order
        // between the two threads is not the order of the CASes; what proves the order is that
        // the mutator was still spinning, with the bit held, before the release.
        assertThat(seenWhileSpinning).containsOnly(Gscanrunnable);
        assertThat(events)
                .containsExactlyInAnyOrder(
                        "castogscanstatus 1->4097",
                        "casfromgscanstatus 4097->1",
                        "casgstatus 1->2");
    }
}
