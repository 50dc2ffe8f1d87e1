package gort.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated Go process: the home of what are globals in C. Many processes can live side by
 * side in one JVM (tests, the conformance suite), so nothing in gort keeps mutable static state;
 * a G or M names its process.
 *
 * <p>So far it holds the print sink (C's file descriptor 2), an optional {@link StatusObserver},
 * and the allocation of G addresses. The scheduler's state (runtime·sched, allg, allm, allp) joins
 * it with the ported scheduler.
 */
public final class GoProcess {
    /** Where the first G is placed; Go's amd64 heap hands out addresses like this one. */
    public static final long FIRST_G_ADDR = 0xc208000000L;
    /** sizeof(G) on amd64 at 0a7c7ac80 (288 bytes, itself a malloc size class). */
    public static final long G_SIZE = 288;

    /*
     * Loads the observer interface with this class. C2 will not inline a method whose signature
     * names a class that is not loaded yet, and observer() is called by every status accessor: a
     * program that never creates an observer would otherwise pay a real call on each transition
     * (bench: CasgstatusAnatomyBench).
     */
    private static final Class<StatusObserver> OBSERVER_TYPE = StatusObserver.class;

    private final OutputStream stderr;
    private final StatusObserver observer;
    private final AtomicLong nextGAddr = new AtomicLong(FIRST_G_ADDR);

    private GoProcess(OutputStream stderr, StatusObserver observer) {
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.observer = observer;
    }

    /** A process that prints to {@code stderr} and has no observer. */
    public static GoProcess create(OutputStream stderr) {
        return new GoProcess(stderr, null);
    }

    /** A process that prints to {@code stderr} and reports accessor activity to {@code observer}. */
    public static GoProcess create(OutputStream stderr, StatusObserver observer) {
        return new GoProcess(stderr, Objects.requireNonNull(observer, "observer"));
    }

    /** The observer, or null when nobody watches. */
    public StatusObserver observer() {
        return observer;
    }

    /**
     * A new G at the next free G address whose status word holds {@code initialstatus}. The
     * runtime's own Gs start as {@link GStatus#Gidle}, as from malg.
     */
    public G newG(int initialstatus) {
        return new G(this, nextGAddr.getAndAdd(G_SIZE), initialstatus);
    }

    /**
     * Writes bytes to the print sink, as write(2, ...) does in C. Like the runtime, which cannot
     * report a failure to print, it drops write errors.
     */
    public void write(byte[] b, int off, int len) {
        try {
            stderr.write(b, off, len);
            stderr.flush();
        } catch (IOException e) {
            // C's runtime·write result is ignored too: there is nowhere left to report it.
        }
    }
}
