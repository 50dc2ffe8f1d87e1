package gort.runtime;

/** runtime·throw: the end of a process that found its own state impossible. */
public final class Throw {
    private Throw() {}

    /**
     * Prints {@code fatal error: s} and ends the current computation with a {@link GoThrow}
     * carrying {@code s}. Port of panic.c throw (0a7c7ac80); {@code throw} is a Java keyword,
     * hence the underscore.
     *
     * <p>gort differs: C's throw goes on through startpanic and dopanic (tracebacks, exit code
     * 2). Those belong to panic.c's module; until a process installs them, a throw stops here,
     * which is also what a throw outside a running process (a unit test of one function) does.
     */
    public static void throw_(GoProcess process, String s) {
        Print.printf(process, "fatal error: %s\n", s);
        throw new GoThrow(s);
    }
}
