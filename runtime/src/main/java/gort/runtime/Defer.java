package gort.runtime;

/**
 * Where the fields of runtime.h's {@code struct Defer} (0a7c7ac80) sit in simulated memory, as byte
 * offsets for a pointer size {@code w}: siz int32, special bool, argp, pc, fn, link, then the
 * arguments. Module panic owns deferproc, deferreturn and rundefer; proc needs the layout too,
 * because runtime·main builds its init Defer by hand (see gort.proc.RuntimeText).
 */
public final class Defer {
    private Defer() {}

    public static int siz() {
        return 0;
    }

    /** A Defer not to be freed (C: on a stack); gort's panic also marks its dabort so. */
    public static int special() {
        return 4;
    }

    public static int argp(int w) {
        return 8;
    }

    public static int pc(int w) {
        return 8 + w;
    }

    public static int fn(int w) {
        return 8 + 2 * w;
    }

    public static int link(int w) {
        return 8 + 3 * w;
    }

    public static int args(int w) {
        return 8 + 4 * w;
    }

    /** runtime.h's NoArgs: the argp of a Defer that no frame's deferreturn is to run. */
    public static long NoArgs(int w) {
        return -1L >>> (64 - 8 * w);
    }

    /** TOTALSIZE(siz): the header and siz bytes of arguments rounded to a word. */
    public static int size(int w, int siz) {
        return args(w) + (siz + w - 1) / w * w;
    }
}
