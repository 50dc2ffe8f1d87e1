package gort.runtime;

/** runtime·throw: the end of a process that found its own state impossible. */
public final class Throw {
    private Throw() {}

    /**
     * Prints {@code fatal error: s} and ends the current computation with a {@link GoThrow}
     * carrying {@code s}. Port of panic.c throw (0a7c7ac80); {@code throw} is a Java keyword,
     * hence the underscore.
     *
     * <p>gort differs: C's throw goes on through startpanic and dopanic (tracebacks, then exit
     * code 2). Those belong to panic.c's module, not ported yet: on an M's thread the M loop
     * (gort.proc.Mstart) catches the GoThrow and ends the process with exit code 2, without
     * tracebacks; outside a running process (a unit test of one function) the GoThrow reaches
     * the caller.
     */
    public static void throw_(GoProcess process, String s) {
        Print.printf(process, "fatal error: %s\n", s);
        throw new GoThrow(s);
    }
}
