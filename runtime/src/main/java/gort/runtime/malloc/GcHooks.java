package gort.runtime.malloc;

import gort.runtime.GoProcess;
import gort.runtime.Throw;

/**
 * The mgc0.c functions the allocator calls, which live in the mgc module above this one: the seam
 * through which mgc plugs them in ({@link Malloc#gcHooks}), as the C linker resolves the symbols.
 * Until mgc is wired, {@link #NONE} serves: nothing is ever collected, so no span needs sweeping,
 * and a type with a GC program is a clear throw rather than an unmarked object.
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
     */
    boolean MSpan_Sweep(MSpan s, boolean preserve);

    /** mgc0.c runtime·MSpan_EnsureSwept: returns once s is swept for this cycle. */
    void MSpan_EnsureSwept(MSpan s);

    /**
     * mgc0.c runtime·sweepone: sweeps one span, returning its page count, or -1 (and sets
     * h.sweepdone) when every span is swept.
     */
    long sweepone(MHeap h);

    /**
     * malloc.go gogc: starts a collection if one is due (force: 0 when heap_alloc passed next_gc).
     */
    void gogc(int force);

    /** The hooks of a process without a collector. */
    GcHooks NONE =
            new GcHooks() {
                @Override
                public void unrollgcproginplace_m(long v, long typ, long size, long size0) {
                    noProgs(v);
                }

                @Override
                public void unrollgcprog_m(long typ) {
                    noProgs(typ);
                }

                private void noProgs(long unused) {
                    throw new UnsupportedOperationException("no GC programs");
                }

                @Override
                public boolean MSpan_Sweep(MSpan s, boolean preserve) {
                    return false;
                }

                @Override
                public void MSpan_EnsureSwept(MSpan s) {}

                @Override
                public long sweepone(MHeap h) {
                    h.sweepdone = true;
                    return -1;
                }

                @Override
                public void gogc(int force) {}
            };

    /** The throw of a process whose allocator met a GC program with {@link #NONE} wired. */
    static void throwNoGcProg(GoProcess process) {
        Throw.throw_(
                process,
                "mallocgc: type has a GC program (KindGCProg) but mgc0.c's unrollgcprog is not"
                        + " wired");
    }
}
