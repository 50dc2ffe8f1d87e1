package gort.runtime;

/**
 * A processor, the right to run Go code: runtime.h {@code struct P} at 0a7c7ac80, with the C
 * field names. Its status is one of {@link PStatus}; unlike a G's it is a plain field, as in C.
 */
public final class P {
    public int id;
    public int status;
    public P link;
    public int schedtick;        // bumped on every scheduler call
    public int syscalltick;      // bumped on every system call
    public M m;                  // the M holding this P, or null when idle
    public long goidcache;       // goids handed out in batches from sched.goidgen
    public long goidcacheend;
    public int runqhead;         // the local run queue, a ring of 256
    public int runqtail;
    public final G[] runq = new G[256];
    public G gfree;              // dead Gs kept for reuse
    public int gfreecnt;
}
