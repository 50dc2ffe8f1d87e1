package gort.runtime;

import gort.runtime.os.Lock;
import gort.runtime.os.Note;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * runtime·sched: proc.c {@code struct SchedT} at 0a7c7ac80, one per process, with the C field
 * names. Fields the ported path does not use yet (gcwaiting, stopwait, sysmonwait, profilehz) are
 * here for the scheduler of issue 4.
 *
 * <p>Memory ordering: the fields C changes with runtime·xadd/xchg/atomicload (goidgen, npidle,
 * nmspinning, lastpoll, gcwaiting) are atomics; all others are guarded by {@link #lock} (or {@link
 * #gflock} for the free-G list), as in C.
 */
public final class Sched {
    public final Lock lock = new Lock();

    /** The last goid handed out; newproc1 takes batches of GoidCacheBatch. */
    public final AtomicLong goidgen = new AtomicLong();

    public M midle; // idle Ms waiting for work
    public int nmidle; // number of idle Ms waiting for work
    public int nmidlelocked; // number of locked Ms waiting for work
    public int mcount; // number of Ms that have been created
    public int maxmcount; // maximum number of Ms allowed (or die)

    public P pidle; // idle Ps
    public final AtomicInteger npidle = new AtomicInteger();
    public final AtomicInteger nmspinning = new AtomicInteger();

    /** The global runnable queue, linked through G.schedlink. */
    public G runqhead;

    public G runqtail;
    public int runqsize;

    /** The global cache of dead Gs. */
    public final Lock gflock = new Lock();

    public G gfree;
    public int ngfree;

    public final AtomicInteger gcwaiting = new AtomicInteger(); // gc is waiting to run
    public int stopwait;
    public final Note stopnote = new Note();
    public final AtomicInteger sysmonwait = new AtomicInteger();
    public final Note sysmonnote = new Note();
    public final AtomicLong lastpoll = new AtomicLong();

    public volatile int profilehz; // cpu profiling rate
}
