package gort.runtime;

/**
 * The goroutine status values of runtime.h at 0a7c7ac80, under their C names and with their C
 * values. A G's status lives in {@link G#atomicstatus} and is read and changed only through the
 * four accessors of {@code gort.proc.StatusAccessors}.
 *
 * <p>The scan states are a base state with the {@link #Gscan} bit set: while the bit is set the
 * collector owns the goroutine's stack, so the bit works as a lock. There is no Gscanidle,
 * Gscanmoribund or Gscandead: an idle, moribund or dead G has no stack worth scanning.
 *
 * <p>Transitions: every casgstatus call of the commit, as FROM → TO and its C sites (file:line
 * function; oldstatus is the status the caller read, Grunning or Gsyscall in newstack and oldstack,
 * Grunnable or Gwaiting in copystack). The scan bit is taken and released through castogscanstatus
 * and casfromgscanstatus only. gort.conformance's SiteTable reads the same sites from the commit's
 * diff, and GStatusTableTest fails when the two disagree.
 *
 * <pre>
 * Gidle      → Gdead      proc.c:2079 newproc1
 * Gidle      → Gsyscall   proc.c:980 newextram
 * Gdead      → Grunnable  proc.c:2101 newproc1
 * Grunnable  → Grunning   proc.c:1307 execute
 * Grunning   → Gdead      proc.c:1644 goexit0
 * Grunning   → Grunnable  proc.c:1618 gosched_m
 * Grunning   → Gsyscall   proc.c:1703 entersyscall, proc.c:1755 entersyscallblock,
 *                         proc.c:1787 entersyscallblock_m
 * Grunning   → Gwaiting   heapdump.c:756 WriteHeapDump, mgc0.c:1355 gc, mgc0.c:1390 gc_m,
 *                         proc.c:1584 park_m
 * Gsyscall   → Grunnable  proc.c:1889 exitsyscall0
 * Gsyscall   → Grunning   proc.c:1812 exitsyscall
 * Gwaiting   → Grunnable  proc.c:441 ready, proc.c:1355 findrunnable, proc.c:1427 findrunnable,
 *                         proc.c:1470 injectglist, proc.c:1592 park_m
 * Gwaiting   → Grunning   heapdump.c:735 mdump, mgc0.c:1379 mgc, mgc0.c:1397 gc_m
 * Gwaiting   → oldstatus  stack.c:937 newstack, stack.c:941 newstack, stack.c:965 newstack,
 *                         stack.c:1042 newstack
 * Gcopystack → oldstatus  stack.c:371 oldstack, stack.c:823 copystack
 * oldstatus  → Gwaiting   stack.c:887 newstack
 * oldstatus  → Gcopystack stack.c:352 oldstack, stack.c:812 copystack
 * </pre>
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
