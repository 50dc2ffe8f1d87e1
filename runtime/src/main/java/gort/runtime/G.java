package gort.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A goroutine: runtime.h {@code struct G} at 0a7c7ac80, with the C field names, in the C order.
 *
 * <p>C types map as: uintptr and pointers into the simulated machine's memory to {@code long}
 * (stack bounds, pcs, Defer, Panic and SudoG records, which live in that memory), uint32/int32 to
 * {@code int}, bool to {@code boolean}, Go strings to {@link String} ({@code null} for nil), and G
 * and M pointers to Java references. Two fields are gort's own and say so: {@link #process},
 * because many simulated processes share one JVM, and {@link #addr}, the G's own address, which %p
 * prints.
 *
 * <h2>The status word</h2>
 *
 * {@link #atomicstatus} is read and changed only by readgstatus, casgstatus, castogscanstatus and
 * casfromgscanstatus ({@code gort.proc.StatusAccessors}), through the one handle {@link
 * #ATOMICSTATUS}; the arch-tests module enforces that no other code touches the field or the
 * handle, or mints a second handle. The constructor's initial value is the only other write: it is
 * the content of freshly allocated memory, before the G is visible to any other thread.
 *
 * <p>Memory ordering: every change is a volatile compare-and-set, and reads are acquire reads, so
 * whatever a thread wrote before making a transition is visible to a thread that reads the new
 * status (a G's fields are published by its Gdead → Grunnable transition, as in newproc1).
 */
public final class G implements Addressed {
    public long stackguard0; // compared with sp in every prologue; StackPreempt asks to preempt
    public long stackbase;
    public int panicwrap;
    public long defer; // innermost Defer record, or 0
    public long panic; // innermost Panic record, or 0
    public final Gobuf sched = new Gobuf();
    public long syscallstack; // while in a syscall: the stackbase the collector should use
    public long syscallsp; // while in a syscall: the sp the collector should use
    public long syscallpc; // while in a syscall: the pc the collector should use
    public long syscallguard; // while in a syscall: the stackguard the collector should use
    public long stackguard; // like stackguard0 but never StackPreempt
    public long stack0;
    public long stacksize;
    public long param; // passed on wakeup

    /** The status: one of {@link GStatus}; see the class comment for who may touch it. */
    public volatile int atomicstatus;

    public long goid;
    public long waitsince; // nanotime when the G blocked, roughly
    public String waitreason; // why the G is Gwaiting
    public G schedlink;
    public boolean ispanic;
    public boolean issystem; // hidden from tracebacks and ignored by the deadlock check
    public boolean preempt; // preemption requested; mirrors stackguard0 == StackPreempt
    public boolean paniconfault;
    public boolean preemptscan; // added by the commit: a preempted G scans its own stack
    public boolean scancheck; // added by the commit: debug mark for one scan cycle
    public byte raceignore;
    public M m;
    public M lockedm;
    public int sig;
    public int writenbuf;
    public long writebuf;
    public long sigcode0;
    public long sigcode1;
    public long sigpc;
    public long gopc; // where this G was started: the pc of its go statement
    public long racectx;
    public long waiting; // SudoG records this G waits on

    /**
     * gort: the rest of a runtime function that parked this G (chansend, chanrecv, selectgo, tsleep
     * ...). C resumes such a function in the middle, on the G's stack, after park returns; a Java
     * runtime function cannot be resumed, so it leaves its continuation here and the M's scheduler
     * loop runs it, with the G's state as it was inside the RTCALL, when the G next runs
     * (gort.proc.Mstart#schedloop). Null when the G did not park inside a runtime call.
     */
    public gort.runtime.cpu.RuntimeFunc resume;

    /** gort: the simulated process this G belongs to (C has one process per address space). */
    public final GoProcess process;

    /** gort: the G's own address in the simulated machine. */
    public final long addr;

    /**
     * Makes a G as if allocated at {@code addr} in {@code process}'s memory, whose status word
     * holds {@code initialstatus}. The runtime allocates Gs zeroed (Gidle); other initial values
     * let tests and tools start from any memory content, including ones no transition reaches.
     */
    public G(GoProcess process, long addr, int initialstatus) {
        this.process = process;
        this.addr = addr;
        this.atomicstatus = initialstatus;
    }

    @Override
    public long addr() {
        return addr;
    }

    @Override
    public String toString() {
        return "G(goid=" + goid + ", addr=0x" + Long.toHexString(addr) + ")";
    }

    // ---- VarHandle mechanics ----

    /**
     * The only handle on {@link #atomicstatus}. Its users are the four status accessors; the
     * arch-tests rules reject any other.
     */
    public static final VarHandle ATOMICSTATUS;

    /**
     * A handle on {@link #stackguard0} for the CPU's prologue check, which reads it with opaque
     * mode so that a preemption request stored by another thread (StackPreempt) is eventually seen
     * by a running interpreter loop, as a plain load in C is.
     */
    public static final VarHandle STACKGUARD0;

    static {
        try {
            STACKGUARD0 = MethodHandles.lookup().findVarHandle(G.class, "stackguard0", long.class);
            ATOMICSTATUS = MethodHandles.lookup().findVarHandle(G.class, "atomicstatus", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
