package gort.runtime;

/**
 * The goroutine status values of runtime.h at 0a7c7ac80, under their C names and with their C
 * values. A G's status lives in {@link G#atomicstatus} and is read and changed only through the
 * four accessors of {@code gort.proc.StatusAccessors}.
 *
 * <p>The scan states are a base state with the {@link #Gscan} bit set: while the bit is set the
 * collector owns the goroutine's stack, so the bit works as a lock. There is no Gscanidle,
 * Gscanmoribund or Gscandead: an idle, moribund or dead G has no stack worth scanning.
 */
public final class GStatus {
    private GStatus() {}

    public static final int Gidle = 0; // just allocated, not yet initialised
    public static final int Grunnable = 1; // on a run queue, not running
    public static final int Grunning = 2; // running Go code on an M with a P
    public static final int Gsyscall = 3; // in a system call, not running Go code
    public static final int Gwaiting = 4; // blocked (waitreason says why)
    public static final int Gmoribund_unused = 5; // unused; kept because debuggers know the number
    public static final int Gdead = 6; // unused G: exited, or on a free list
    public static final int Genqueue = 7; // only meaningful as Gscanenqueue
    public static final int Gcopystack = 8; // its stack is being moved by copystack/oldstack

    public static final int Gscan = 0x1000; // the scan bit itself
    public static final int Gscanrunnable =
            Gscan + Grunnable; // 0x1001: back to Grunnable after the scan
    public static final int Gscanrunning =
            Gscan + Grunning; // 0x1002: tells newstack to scan when preempted
    public static final int Gscansyscall =
            Gscan + Gsyscall; // 0x1003: back to Gsyscall after the scan
    public static final int Gscanwaiting =
            Gscan + Gwaiting; // 0x1004: back to Gwaiting after the scan
    public static final int Gscanenqueue =
            Gscan + Genqueue; // 0x1007: make runnable and queue after the scan
}
