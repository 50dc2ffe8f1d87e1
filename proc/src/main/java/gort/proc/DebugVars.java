package gort.proc;

import gort.runtime.GoProcess;

/**
 * runtime·debug (runtime.h DebugVars) as GODEBUG sets it: allocfreetrace, efence, gctrace, gcdead,
 * scheddetail, schedtrace, scavenge, one per process, parsed once.
 */
public final class DebugVars {
    public int allocfreetrace;
    public int efence;
    public int gctrace;
    public int gcdead;
    public int scheddetail;
    public int schedtrace;
    public int scavenge;

    private DebugVars() {}

    /** The process's debug variables (parsed from its GODEBUG on first use). */
    public static DebugVars of(GoProcess process) {
        return process.local(DebugVars.class, DebugVars::parsedebugvars);
    }

    /**
     * Reads GODEBUG's comma-separated name=value pairs; unknown names are ignored and values read
     * as runtime·atoi does (leading decimal digits, else 0). Port of runtime.c
     * runtime·parsedebugvars (0a7c7ac80), without the GOTRACEBACK part (traceback's).
     */
    static DebugVars parsedebugvars(GoProcess process) {
        DebugVars d = new DebugVars();
        String p = process.getenv("GODEBUG");
        if (p == null) {
            return d;
        }
        for (; ; ) {
            d.set(p, "allocfreetrace", v -> d.allocfreetrace = v);
            d.set(p, "efence", v -> d.efence = v);
            d.set(p, "gctrace", v -> d.gctrace = v);
            d.set(p, "gcdead", v -> d.gcdead = v);
            d.set(p, "scheddetail", v -> d.scheddetail = v);
            d.set(p, "schedtrace", v -> d.schedtrace = v);
            d.set(p, "scavenge", v -> d.scavenge = v);
            int comma = p.indexOf(',');
            if (comma < 0) {
                break;
            }
            p = p.substring(comma + 1);
        }
        return d;
    }

    private void set(String p, String name, java.util.function.IntConsumer to) {
        if (p.startsWith(name) && p.length() > name.length() && p.charAt(name.length()) == '=') {
            to.accept(atoi(p.substring(name.length() + 1)));
        }
    }

    /** runtime·atoi: the leading decimal digits' value (wrapping as int32 does). */
    static int atoi(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            n = n * 10 + s.charAt(i) - '0';
        }
        return n;
    }
}
