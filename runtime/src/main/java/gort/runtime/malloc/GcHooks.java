package gort.runtime.malloc;

import gort.runtime.GoProcess;
import gort.runtime.Throw;

/**
 * The mgc0.c functions the allocator calls, which live in the mgc module above this one: the seam
 * through which mgc plugs them in ({@link Malloc#gcHooks}), as the C linker resolves the symbols.
 * The collector's hooks have defaults for a heap that nothing collects yet; the GC-program
 * unrollers must be given (mgc's MgcHooks, or {@link #withoutMgc}).
 */
public interface GcHooks {
    /**
     * mgc0.c runtime·unrollgcproginplace_m: runs typ's GC program (typ-&gt;gc[1]) straight into the
     * heap bitmap of the object at v, of allocated size {@code size} and requested size {@code
     * size0}. gomallocgc calls it when the unrolled mask would exceed maxGCMask bytes.
     */
    void unrollgcproginplace_m(long v, long typ, long size, long size0);

    /**
     * mgc0.c runtime·unrollgcprog_m: unrolls typ's GC program once into the mask at typ-&gt;gc[0]
     * (whose first byte is the unrolled flag) and sets the flag.
     */
    void unrollgcprog_m(long typ);

    /**
     * mgc0.c runtime·MSpan_Sweep: frees the unmarked objects of s; true if s went back to the heap.
     * Until the collector is ported nothing is marked or freed, so no span changes.
     */
    default boolean MSpan_Sweep(MSpan s, boolean preserve) {
        return false;
    }

    /**
     * mgc0.c runtime·MSpan_EnsureSwept: returns once s is swept for this cycle (always, so far).
     */
    default void MSpan_EnsureSwept(MSpan s) {}

    /**
     * mgc0.c runtime·sweepone: sweeps one span, returning its page count, or -1 (and sets
     * h.sweepdone) when every span is swept; with no cycle ever begun, all are.
     */
    default long sweepone(MHeap h) {
        h.sweepdone = true;
        return -1;
    }

    /**
     * malloc.go gogc: starts a collection if one is due (force: 0 when heap_alloc passed next_gc).
     * No collection exists to start yet.
     */
    default void gogc(int force) {}

    /**
     * The hooks of a process whose mgc module is not wired (unit tests of the allocator): a type
     * with a GC program is the process's throw rather than an unmarked object.
     */
    static GcHooks withoutMgc(GoProcess process) {
        return new GcHooks() {
            @Override
            public void unrollgcproginplace_m(long v, long typ, long size, long size0) {
                noGcProg();
            }

            @Override
            public void unrollgcprog_m(long typ) {
                noGcProg();
            }

            private void noGcProg() {
                Throw.throw_(
                        process,
                        "mallocgc: type has a GC program (KindGCProg) but mgc0.c's unrollgcprog is"
                                + " not wired");
            }
        };
    }
}
