package gort.runtime;

/** The P status values of runtime.h at 0a7c7ac80, under their C names. */
public final class PStatus {
    private PStatus() {}

    public static final int Pidle = 0;
    public static final int Prunning = 1;
    public static final int Psyscall = 2;
    public static final int Pgcstop = 3;
    public static final int Pdead = 4;
}
