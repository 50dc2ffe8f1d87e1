package gort.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A processor, the right to run Go code: runtime.h {@code struct P} at 0a7c7ac80, with the C field
 * names. Its status is one of {@link PStatus}; unlike a G's it is a plain field, as in C.
 *
 * <p>Memory ordering of the run queue, as proc.c's runqput/runqget/runqgrab: runqhead is read with
 * acquire and advanced by CAS ({@link #RUNQHEAD}); runqtail is written only by the owner, with a
 * release store, and read by others with acquire ({@link #RUNQTAIL}).
 */
public final class P {
    public int id;
    public int status;
    public P link;
    public int schedtick; // bumped on every scheduler call
    public int syscalltick; // bumped on every system call
    public M m; // the M holding this P, or null when idle
    public long goidcache; // goids handed out in batches from sched.goidgen
    public long goidcacheend;
    public int runqhead; // the local run queue, a ring of 256
    public int runqtail;
    public final G[] runq = new G[256];

    /**
     * gort: runqsteal's batch (a local array of 128 Gs on C's stack), kept here so that a spinning
     * M does not allocate one per attempt. Only the M holding this P steals into it.
     */
    public final G[] stealbatch = new G[128];

    public G gfree; // dead Gs kept for reuse
    public int gfreecnt;

    /** The P's mcache (malloc.h MCache; so far only its stack cache), which m->mcache names. */
    public final MCache mcache = new MCache();

    // ---- VarHandle mechanics ----

    /** Handles on the run queue's indices, for runtime·atomicload/atomicstore/cas on them. */
    public static final VarHandle RUNQHEAD;

    public static final VarHandle RUNQTAIL;

    /** A handle on {@link #status}, for runtime·cas and atomicstore on it (syscalls, retake). */
    public static final VarHandle STATUS;

    static {
        try {
            RUNQHEAD = MethodHandles.lookup().findVarHandle(P.class, "runqhead", int.class);
            RUNQTAIL = MethodHandles.lookup().findVarHandle(P.class, "runqtail", int.class);
            STATUS = MethodHandles.lookup().findVarHandle(P.class, "status", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
