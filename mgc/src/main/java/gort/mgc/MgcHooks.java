package gort.mgc;

import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.malloc.GcHooks;

/**
 * mgc's side of the allocator's {@link GcHooks}: the GC-program unrollers of mgc0.c, called the way
 * malloc.go calls them (the arguments in the M's ptrarg and scalararg slots, then onM). The
 * collector's hooks (sweeping, gogc) keep GcHooks' defaults until marking and sweeping are ported:
 * nothing is freed, so no span ever needs sweeping.
 */
public final class MgcHooks implements GcHooks {
    private final GoProcess process;

    private MgcHooks(GoProcess process) {
        this.process = process;
    }

    /**
     * Wires mgc into a built process: its allocator's GC hooks, and getgcmask's heap lookup
     * (malloc.c runtime·mlookup), as the C linker resolves these symbols.
     */
    public static void wire(GoProcess process) {
        process.malloc().gcHooks = new MgcHooks(process);
        Mgc.setMlookup(
                process,
                p -> {
                    long[] out = new long[2];
                    return process.malloc().mlookup(p, out) != 0 ? out : null;
                });
    }

    @Override
    public void unrollgcproginplace_m(long v, long typ, long size, long size0) {
        M mp = process.currentM();
        mp.ptrarg[0] = v;
        mp.ptrarg[1] = typ;
        mp.scalararg[0] = size;
        mp.scalararg[1] = size0;
        GcProg.unrollgcproginplace_m(process, mp);
    }

    @Override
    public void unrollgcprog_m(long typ) {
        M mp = process.currentM();
        mp.ptrarg[0] = typ;
        GcProg.unrollgcprog_m(process, mp);
    }
}
