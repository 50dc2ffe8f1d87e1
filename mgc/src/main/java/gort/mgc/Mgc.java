package gort.mgc;

import gort.runtime.GoProcess;
import gort.runtime.mem.Layout;

/**
 * mgc0.c's globals that the GC type information needs, one set per process: where the data and bss
 * sections are (C's linker symbols data, edata, bss, ebss), their programs (gcdata, gcbss) and the
 * masks gcinit unrolls from them (runtime·gcdatamask, runtime·gcbssmask); mheap.arena_start; and
 * the heap's object lookup, which the heap module supplies (runtime·mlookup).
 */
public final class Mgc {
    private Mgc() {}

    /**
     * runtime·mlookup's answer for p: the base and size of the heap object holding it, or null when
     * p is not in an allocated object. Until the heap is ported no process has one.
     */
    @FunctionalInterface
    public interface Mlookup {
        long[] mlookup(long p);
    }

    /** The per-process state (see the class comment). */
    public static final class State {
        long data;
        long edata;
        long bss;
        long ebss;
        GcProg.BitVector gcdatamask;
        GcProg.BitVector gcbssmask;
        final long arena_start;
        volatile Mlookup mlookup;

        /** runtime·unrollgcprog_m's static lock. */
        final Object unrollLock = new Object();

        State(GoProcess p) {
            arena_start = Layout.of(p.arch()).arenaStart;
        }

        /** runtime·gcdatamask. */
        public GcProg.BitVector gcdatamask() {
            return gcdatamask;
        }

        /** runtime·gcbssmask. */
        public GcProg.BitVector gcbssmask() {
            return gcbssmask;
        }
    }

    /** The process's mgc state. */
    public static State state(GoProcess p) {
        return p.local(State.class, State::new);
    }

    /** Installs the heap's object lookup (the heap module, once it exists, calls this). */
    public static void setMlookup(GoProcess p, Mlookup m) {
        state(p).mlookup = m;
    }

    /**
     * Records the sections and unrolls the data and bss programs into gcdatamask and gcbssmask.
     * Port of mgc0.c runtime·gcinit (0a7c7ac80), its mask part: the Workbuf size check, markfor and
     * gcpercent belong to the collector, which is not ported yet. The section bounds and program
     * addresses come from the linked image, as C's come from the linker's symbols.
     */
    public static void gcinit(
            GoProcess p, long data, long edata, long bss, long ebss, long gcdata, long gcbss) {
        State st = state(p);
        st.data = data;
        st.edata = edata;
        st.bss = bss;
        st.ebss = ebss;
        st.gcdatamask = GcProg.unrollglobgcprog(p, gcdata, edata - data);
        st.gcbssmask = GcProg.unrollglobgcprog(p, gcbss, ebss - bss);
    }
}
