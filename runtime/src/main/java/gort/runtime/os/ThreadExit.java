package gort.runtime.os;

/**
 * Thrown on an M's thread once its process has exited (see {@link OsLayer#exitprocess}): the Java
 * way to be killed with the process. Nothing catches it but the top of the M's thread. Like a
 * thread's death it carries no stack trace.
 */
public final class ThreadExit extends Error {
    private static final long serialVersionUID = 1L;

    public ThreadExit() {
        super("process exited", null, false, false);
    }
}
