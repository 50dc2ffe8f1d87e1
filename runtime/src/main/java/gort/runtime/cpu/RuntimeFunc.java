package gort.runtime.cpu;

/**
 * A runtime function written in Java that Go code calls with {@code RTCALL} (newproc, deferproc,
 * chansend, printint, ...). It runs on the calling G's M with that G's stack, like a C function of
 * the 2014 runtime called from Go: its arguments and results are at {@code argp}, the caller's
 * outgoing-args area, laid out as for a Go call (docs/machine.md), and it reads and writes them
 * through {@link Cpu#mem()}. {@link Cpu#g()} and {@link Cpu#m()} are C's {@code g} and {@code
 * g->m}.
 *
 * <p>A function that must continue on g0 (park, gosched, goexit) ends with {@link
 * Cpu#mcall(McallFn)}; the CPU then returns to the M's scheduler loop.
 */
@FunctionalInterface
public interface RuntimeFunc {
    /** Runs the function with its arguments at {@code argp}. */
    void call(Cpu cpu, long argp);
}
