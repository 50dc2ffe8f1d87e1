package gort.runtime;

/**
 * How a runtime throw leaves Java code: the message is exactly the throw string. By the time it is
 * raised, everything the throw prints has reached the process's print sink.
 */
public final class GoThrow extends Error {
    private static final long serialVersionUID = 1L;

    public GoThrow(String s) {
        super(s, null, false, false);
    }
}
