package gort.runtime;

/** runtime·throw: the end of a process that found its own state impossible. */
public final class Throw {
    private Throw() {}

    /**
     * Ends the process as fatally broken: prints {@code fatal error: s} and, with the panic module,
     * the tracebacks, then exit code 2. Port of panic.c runtime·throw (0a7c7ac80), which the
     * process's {@link PanicHook} carries out; {@code throw} is a Java keyword, hence the
     * underscore. Never returns: the hook raises a {@link GoThrow} or ends the thread.
     */
    public static void throw_(GoProcess process, String s) {
        process.panics().throw_(process, s);
        throw new GoThrow(s); // a hook that returned broke its contract; still do not go on
    }
}
