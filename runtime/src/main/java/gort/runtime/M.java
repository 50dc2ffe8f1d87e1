package gort.runtime;

import gort.runtime.cpu.Cpu;
import gort.runtime.os.Note;

/**
 * A machine, i.e. an OS thread: runtime.h {@code struct M} at 0a7c7ac80, with the C field names. In
 * gort an M is backed by a Java platform thread. Fields that serve only cgo, Windows, Solaris, Plan
 * 9 or the arm soft-float emulator are left out (see the README's porting map).
 */
public final class M implements Addressed {
    public G g0; // goroutine with the scheduling stack
    public long moreargp; // argument pointer for morestack
    public final Gobuf morebuf = new Gobuf();
    public int moreframesize;
    public int moreargsize;
    public long cret;
    public long procid;
    public G gsignal;
    public G curg; // the G running on this M, if any
    public G caughtsig; // the G that was running when a fatal signal arrived
    public P p; // the P this M holds while it runs Go code
    public P nextp;
    public int id;
    public int mallocing;
    public int throwing;
    public int gcing;
    public int locks;
    public int softfloat;
    public int dying;
    public int profilehz;
    public int helpgc;
    public boolean spinning; // out of work and actively looking for some
    public boolean blocked; // blocked on a Note
    public int fastrand;
    public M alllink; // next M on allm
    public M schedlink;
    public G lockedg;
    public int locked; // LockOSThread nesting, see proc.c
    public boolean needextram;
    public byte traceback;
    public Object waitlock; // the lock handed to waitunlockf by park_m (C: void*)
    public WaitUnlockF waitunlockf; // run by park_m after the G stopped running
    public long forkstackguard;
    public final long[] scalararg = new long[4];
    public final Object[] ptrarg = new Object[4];
    public final Note park = new Note(); // where the M sleeps when idle (stopm)
    public Runnable mstartfn; // run by mstart before schedule

    /** gort: the simulated processor of this M's thread, made by mstart. */
    public Cpu cpu;

    /** gort: the simulated process this M belongs to. */
    public final GoProcess process;

    /** gort: the M's own address in the simulated machine. */
    public final long addr;

    public M(GoProcess process, long addr) {
        this.process = process;
        this.addr = addr;
    }

    @Override
    public long addr() {
        return addr;
    }
}
