package gort.conformance.recorder;

import gort.runtime.GStatus;

/** runtime.h's names of the status values, for logs and reports (Gscanrunnable, not 4097). */
public final class StatusNames {
    private StatusNames() {}

    private static final String[] BASE = {
        "Gidle",
        "Grunnable",
        "Grunning",
        "Gsyscall",
        "Gwaiting",
        "Gmoribund_unused",
        "Gdead",
        "Genqueue",
        "Gcopystack"
    };

    /** The names of the base statuses with the scan bit (Gscanrunnable ...), made once. */
    private static final String[] SCAN = new String[BASE.length];

    static {
        for (int i = 0; i < BASE.length; i++) {
            SCAN[i] = "Gscan" + BASE[i].substring(1);
        }
    }

    /** The C name of {@code status}, or its number when it has none. */
    public static String name(int status) {
        int base = status & ~GStatus.Gscan;
        boolean scan = (status & GStatus.Gscan) != 0;
        if (base < 0 || base >= BASE.length || (scan && status == GStatus.Gscan)) {
            return status == GStatus.Gscan ? "Gscan" : Integer.toString(status);
        }
        return scan ? SCAN[base] : BASE[base];
    }

    /** The status named {@code name} (as {@link #name} prints it); -1 when there is none. */
    public static int parse(String name) {
        for (int i = 0; i < BASE.length; i++) {
            if (BASE[i].equals(name)) {
                return i;
            }
            if (("Gscan" + BASE[i].substring(1)).equals(name)) {
                return GStatus.Gscan | i;
            }
        }
        if (name.equals("Gscan")) {
            return GStatus.Gscan;
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
