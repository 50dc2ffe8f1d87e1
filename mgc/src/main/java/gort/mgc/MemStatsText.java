package gort.mgc;

import gort.proc.Sema;
import gort.proc.World;
import gort.runtime.M;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Linker;
import gort.runtime.malloc.MStats;
import gort.runtime.mem.Memory;

/**
 * runtime.ReadMemStats(m *MemStats) for Go programs: mgc0.c's runtime·ReadMemStats with its bracket
 * (worldsema, the world stopped), writing mem.go's MemStats as the compiler lays it out.
 */
public final class MemStatsText {
    private MemStatsText() {}

    /** mem.go's BySize holds 61 classes; C copies only those (runtime·sizeof_C_MStats). */
    static final int GoBySizeClasses = 61;

    /** Adds the RTCALL runtime.ReadMemStats (m *MemStats at argp) to l. */
    public static Linker link(Linker l, Arch arch) {
        return l.runtime("runtime.ReadMemStats", MemStatsText::ReadMemStats);
    }

    /**
     * Fills *m with the heap's statistics, the world stopped so that every mcache's counts are
     * flushed. Port of mgc0.c runtime·ReadMemStats (0a7c7ac80); the memmove of C's MStats becomes a
     * store of each field at mem.go's offsets (64-bit words aligned as the arch aligns them).
     */
    static void ReadMemStats(Cpu cpu, long argp) {
        M mp = cpu.m();
        long stats = cpu.mem().loadp(argp);
        Sema.semacquire(
                cpu,
                World.worldsema(mp.process),
                false,
                (c, a) -> {
                    M m = c.m();
                    m.gcing = 1;
                    World.stoptheworld(m, c.g());
                    MStats s = MStats.ReadMemStats(m.process.malloc());
                    store(c.mem(), stats, s);
                    m.gcing = 0;
                    m.locks++;
                    Sema.semrelease(m, World.worldsema(m.process));
                    World.starttheworld(m);
                    m.locks--;
                });
    }

    /** mem.go's MemStats at p: 24 uint64 counters, PauseNs, NumGC, EnableGC, DebugGC, BySize. */
    static void store(Memory mem, long p, MStats s) {
        Arch arch = mem.arch();
        long[] counters = {
            s.alloc, s.total_alloc, s.sys, s.nlookup, s.nmalloc, s.nfree,
            s.heap_alloc, s.heap_sys, s.heap_idle, s.heap_inuse, s.heap_released, s.heap_objects,
            s.stacks_inuse, s.stacks_sys, s.mspan_inuse, s.mspan_sys, s.mcache_inuse, s.mcache_sys,
            s.buckhash_sys, s.gc_sys, s.other_sys, s.next_gc, s.last_gc, s.pause_total_ns
        };
        long off = 0;
        for (long v : counters) {
            mem.store64(p + off, v);
            off += 8;
        }
        for (long v : s.pause_ns) {
            mem.store64(p + off, v);
            off += 8;
        }
        mem.store32(p + off, s.numgc);
        mem.store8(p + off + 4, s.enablegc ? 1 : 0);
        mem.store8(p + off + 5, s.debuggc ? 1 : 0);
        off = align(off + 6, arch.Int64Align);
        long entry = align(4, arch.Int64Align) + 16; // Size uint32, then Mallocs, Frees
        for (int i = 0; i < GoBySizeClasses; i++) {
            long e = p + off + i * entry;
            mem.store32(e, s.by_size_size[i]);
            mem.store64(e + align(4, arch.Int64Align), s.by_size_nmalloc[i]);
            mem.store64(e + align(4, arch.Int64Align) + 8, s.by_size_nfree[i]);
        }
    }

    private static long align(long n, int a) {
        return (n + a - 1) / a * a;
    }
}
