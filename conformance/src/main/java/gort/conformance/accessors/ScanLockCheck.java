package gort.conformance.accessors;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscanrunnable;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Invariants S2 and S5 on two real threads: while a scanner holds a G's scan bit, a mutator's
 * casgstatus on that G waits, and it makes its transition only after the bit is released.
 *
 * <p>Each round forces the race the invariant is about instead of hoping for it: the scanner takes
 * the bit (Grunnable → Gscanrunnable) and marks itself scanning; only then is the mutator let go to
 * call casgstatus(Grunnable → Grunning). The scanner keeps the bit until the mutator is seen
 * spinning (the process's observer reports the spin) or has returned, then stops scanning and
 * releases the bit. The mutator checks, right after its transition, that no scan is in progress;
 * then it moves back to Grunnable for the next round. A correct protocol never trips the check; one
 * that lets the mutator through while the bit is held trips it in the first round.
 */
public final class ScanLockCheck {
    private ScanLockCheck() {}

    /** Rounds run and what went wrong (empty when the invariants held). */
    public record Result(int rounds, List<String> violations) {
        public boolean passed() {
            return violations.isEmpty();
        }
    }

    /**
     * Runs up to {@code rounds} rounds, stopping at the first violation. {@code patience} bounds
     * each wait for the other thread; a correct protocol never needs it.
     */
    public static Result run(StatusProtocol protocol, int rounds, Duration patience) {
        return new Run(protocol, patience).execute(rounds);
    }

    private static final class Run implements StatusObserver {
        private final StatusProtocol protocol;
        private final long patienceNanos;
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final Semaphore mutatorGo = new Semaphore(0);
        private final Semaphore mutatorBlockedOrDone = new Semaphore(0);
        private final CyclicBarrier roundEnd = new CyclicBarrier(2);
        private final G gp;
        private volatile boolean scanning;
        private volatile boolean signalled;
        private volatile int completedRounds;

        Run(StatusProtocol protocol, Duration patience) {
            this.protocol = protocol;
            this.patienceNanos = patience.toNanos();
            GoProcess process = GoProcess.create(OutputStream.nullOutputStream(), this);
            this.gp = process.newG(Grunnable);
        }

        Result execute(int rounds) {
            Thread scanner = new Thread(() -> loop(rounds, this::scannerRound), "gort-scanner");
            Thread mutator = new Thread(() -> loop(rounds, this::mutatorRound), "gort-mutator");
            scanner.setDaemon(true);
            mutator.setDaemon(true); // a broken protocol may leave it spinning for ever
            scanner.start();
            mutator.start();
            try {
                scanner.join(TimeUnit.NANOSECONDS.toMillis(patienceNanos) * (rounds + 2L));
                mutator.join(TimeUnit.NANOSECONDS.toMillis(patienceNanos) * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                violations.add("interrupted");
            }
            if (mutator.isAlive() && violations.isEmpty()) {
                violations.add("the mutator never came back from casgstatus");
            }
            return new Result(completedRounds, List.copyOf(violations));
        }

        private interface Round {
            void play(int round) throws Exception;
        }

        private void loop(int rounds, Round body) {
            for (int r = 0; r < rounds && violations.isEmpty(); r++) {
                try {
                    body.play(r);
                    roundEnd.await(patienceNanos, TimeUnit.NANOSECONDS);
                } catch (TimeoutException | BrokenBarrierException e) {
                    violations.add("round " + r + ": the other thread did not finish the round");
                    roundEnd.reset();
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Throwable t) { // a throw from the protocol is a finding, not a crash
                    violations.add(
                            "round " + r + ": " + Thread.currentThread().getName() + " got " + t);
                    roundEnd.reset();
                    return;
                }
            }
        }

        private void scannerRound(int round) throws InterruptedException {
            signalled = false;
            if (!protocol.castogscanstatus(gp, Grunnable, Gscanrunnable)) {
                violations.add(
                        "round "
                                + round
                                + ": the scanner could not take the bit from Grunnable; status "
                                + protocol.readgstatus(gp));
                mutatorGo.release();
                return;
            }
            scanning = true;
            mutatorGo.release();
            if (!mutatorBlockedOrDone.tryAcquire(patienceNanos, TimeUnit.NANOSECONDS)) {
                violations.add("round " + round + ": the mutator neither waited nor finished");
            }
            scanning = false;
            protocol.casfromgscanstatus(gp, Gscanrunnable, Grunnable);
            completedRounds = round + 1;
        }

        private void mutatorRound(int round) throws InterruptedException {
            if (!mutatorGo.tryAcquire(patienceNanos, TimeUnit.NANOSECONDS)) {
                violations.add("round " + round + ": the scanner never let the mutator go");
                return;
            }
            protocol.casgstatus(gp, Grunnable, Grunning);
            if (scanning) {
                violations.add(
                        "round "
                                + round
                                + ": casgstatus(Grunnable → Grunning) went through while the scanner held the scan bit");
            }
            signal();
            protocol.casgstatus(gp, Grunning, Grunnable);
        }

        private void signal() {
            if (!signalled) {
                signalled = true;
                mutatorBlockedOrDone.release();
            }
        }

        @Override
        public void transition(G g, String accessor, int from, int to) {}

        @Override
        public void spin(G g, int oldval, int newval, int seen) {
            signal(); // the mutator is waiting for the bit: the scanner may now release it
        }
    }
}
