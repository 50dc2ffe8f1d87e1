package gort.runtime;

/**
 * Where the fields of runtime.h's {@code struct Panic} (0a7c7ac80) sit in simulated memory, as byte
 * offsets for a pointer size {@code w}: arg (an Eface, two words), link, defer, stackbase,
 * recovered and aborted (one byte each), then gort's argp word. Module panic builds and runs these
 * records; traceback reads link and defer to find a sigpanic's continuation.
 */
public final class Panic {
    private Panic() {}

    public static int arg(int w) {
        return 0;
    }

    public static int link(int w) {
        return 2 * w;
    }

    public static int defer(int w) {
        return 3 * w;
    }

    public static int stackbase(int w) {
        return 4 * w;
    }

    public static int recovered(int w) {
        return 5 * w;
    }

    public static int aborted(int w) {
        return 5 * w + 1;
    }

    /** gort's field (Go 1.4's): where the arguments of the deferred call being run sit. */
    public static int argp(int w) {
        return 6 * w;
    }

    public static int size(int w) {
        return 7 * w;
    }
}
