package gort.conformance.recorder;

import java.util.List;
import java.util.Optional;

/**
 * Finds the C function that asked for a status change: the innermost frame of a ported runtime
 * module (proc, stack, mgc, panic, heapdump, traceback, mprof), skipping the accessors themselves.
 * Ported methods keep their C names, so the frame's method name is the C name; a lambda's synthetic
 * name ({@code lambda$newstack$3}) gives the method it was written in. Only the recorder calls
 * this, so a process without a recorder never walks its stack.
 */
public final class Callers {
    private Callers() {}

    /** What {@link #cFunction} returns when no ported function is on the stack. */
    public static final String UNKNOWN = "?";

    private static final List<String> RUNTIME_PACKAGES =
            List.of(
                    "gort.proc.",
                    "gort.stack.",
                    "gort.mgc.",
                    "gort.panic.",
                    "gort.heapdump.",
                    "gort.traceback.",
                    "gort.mprof.");

    private static final String ACCESSORS = "gort.proc.StatusAccessors";

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** The C name of the innermost ported runtime function on the current thread's stack. */
    public static String cFunction() {
        Optional<String> name =
                WALKER.walk(
                        frames ->
                                frames.filter(f -> isRuntime(f.getClassName()))
                                        .map(StackWalker.StackFrame::getMethodName)
                                        .findFirst());
        return name.map(Callers::cName).orElse(UNKNOWN);
    }

    static boolean isRuntime(String className) {
        if (className.equals(ACCESSORS) || className.startsWith(ACCESSORS + "$")) {
            return false;
        }
        for (String p : RUNTIME_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A Java method name as the C function it ports: lambda$f$0 → f, else unchanged. */
    static String cName(String method) {
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', "lambda$".length());
            return end < 0 ? method : method.substring("lambda$".length(), end);
        }
        return method;
    }
}
