package gort.proc.lincheck;

import static gort.proc.StatusAccessors.casfromgscanstatus;
import static gort.proc.StatusAccessors.casgstatus;
import static gort.proc.StatusAccessors.castogscanstatus;
import static gort.proc.StatusAccessors.readgstatus;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscanrunnable;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.G;
import gort.runtime.GoProcess;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * Model-checks the Gscan lock with Lincheck: up to INVOCATIONS interleavings, under sequential
 * consistency, of a G being started by the scheduler against a collector scanning its stack.
 * Lincheck only reports what the block's own thread throws, so each worker keeps its failure and
 * the block rethrows it after join; a failure then comes back as a LincheckAssertionError that
 * prints the interleaving.
 *
 * <p>The stack is two plain words that the G leaves at 0 when it stops and sets to 1 once it runs.
 * A scan reads lo, hi and lo again: with the bit held, all three must still be 0.
 */
class GscanLockModelCheckTest {
    // Each invocation is one explored interleaving; this finishes in a few seconds per test.
    private static final int INVOCATIONS = 1_000;

    /** One G with its stack, and the two sides of the protocol as they act on it. */
    static final class Scenario {
        final G gp = GoProcess.create(OutputStream.nullOutputStream()).newG(Grunnable);
        int stackLo;
        int stackHi;

        /** The scheduler starts the G, which then changes its stack. */
        void mutator() {
            casgstatus(gp, Grunnable, Grunning);
            stackLo = 1;
            stackHi = 1;
        }

        /** The collector as the commit has it: take the bit, scan, give it back. */
        void scanner() {
            if (castogscanstatus(gp, Grunnable, Gscanrunnable)) {
                scan();
                casfromgscanstatus(gp, Gscanrunnable, Grunnable);
            }
        }

        /** Broken: trusts a plain status read instead of taking the bit. */
        void scannerWithoutTheBit() {
            if (readgstatus(gp) == Grunnable) {
                scan();
            }
        }

        /** Broken: takes the bit but gives it back before scanning. */
        void scannerReleasingEarly() {
            if (castogscanstatus(gp, Grunnable, Gscanrunnable)) {
                casfromgscanstatus(gp, Gscanrunnable, Grunnable);
                scan();
            }
        }

        private void scan() {
            int lo = stackLo;
            int hi = stackHi;
            int loAgain = stackLo;
            if (lo != 0 || hi != 0 || loAgain != 0) {
                throw new AssertionError(
                        "scan of a stopped G saw lo="
                                + lo
                                + " hi="
                                + hi
                                + " lo="
                                + loAgain
                                + ": the G ran during the scan");
            }
        }
    }

    /**
     * A thread playing one side; joinAndRethrow hands its failure to the block's thread. Built
     * without capturing lambdas, which Lincheck 3.7 warns about ("Failed to get object field offset
     * for field arg$1").
     */
    static final class Worker implements Runnable {
        private final Scenario scenario;
        private final Consumer<Scenario> side;
        private final Thread thread;
        private Throwable failure;

        Worker(Scenario scenario, Consumer<Scenario> side) {
            this.scenario = scenario;
            this.side = side;
            this.thread = new Thread(this);
        }

        @Override
        public void run() {
            try {
                side.accept(scenario);
            } catch (Throwable t) {
                failure = t;
            }
        }

        void start() {
            thread.start();
        }

        void joinAndRethrow() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (failure instanceof AssertionError assertion) {
                throw assertion;
            }
            if (failure != null) {
                throw new AssertionError(failure);
            }
        }
    }

    /**
     * Where each run's scenario is published before the threads start. Lincheck 3.7 on JDK 25
     * treats an object that only reaches other threads through new Thread(runnable) as local to its
     * creator: no interleaving is tried around its plain or volatile fields, and even the
     * lost-update example of Lincheck's own guide passes (on JDK 17 it fails, as it should). An
     * object written to a static field is shared on both.
     */
    @SuppressWarnings("unused")
    private static Scenario published;

    /** The scheduler's mutator against a scanner; true checks that the G ended up running. */
    private static void race(Consumer<Scenario> scanner, boolean checkFinalStatus) {
        Scenario s = new Scenario();
        published = s;
        Worker mutator = new Worker(s, Scenario::mutator);
        Worker collector = new Worker(s, scanner);
        mutator.start();
        collector.start();
        mutator.joinAndRethrow();
        collector.joinAndRethrow();
        if (checkFinalStatus && readgstatus(s.gp) != Grunning) {
            // casgstatus waits out the scan, so the scheduler's transition is never lost.
            throw new AssertionError("final status " + readgstatus(s.gp) + ", want Grunning");
        }
    }

    @Test
    void scannerHoldingTheBitSeesTheStackAsTheGLeftIt() {
        assertThatCode(
                        () ->
                                Lincheck.runConcurrentTest(
                                        INVOCATIONS, () -> race(Scenario::scanner, true)))
                .doesNotThrowAnyException();
    }

    @Test
    void scannerThatSkipsTheBitIsCaught() {
        assertThatThrownBy(
                        () ->
                                Lincheck.runConcurrentTest(
                                        INVOCATIONS,
                                        () -> race(Scenario::scannerWithoutTheBit, false)))
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("the G ran during the scan")
                .hasMessageContaining("The following interleaving leads to the error");
    }

    @Test
    void scannerThatGivesTheBitBackBeforeScanningIsCaught() {
        // Shows the checker also explores the branch where the scanner wins the bit.
        assertThatThrownBy(
                        () ->
                                Lincheck.runConcurrentTest(
                                        INVOCATIONS,
                                        () -> race(Scenario::scannerReleasingEarly, false)))
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("the G ran during the scan");
    }
}
