package gort.mprof;

import gort.runtime.GoProcess;
import gort.runtime.os.Lock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * mprof.goc's profile buckets: one per distinct (profile, size, stack), found through a hash table
 * of BuckHashSize chains and kept on runtime·mbuckets (memory) or runtime·bbuckets (blocking). A
 * process has one table; the C's proflock guards it. Buckets are Java objects: in C they come from
 * persistentalloc, outside the collected heap, and nothing in simulated memory points at them.
 */
public final class Buckets {
    /** mprof.goc's profile types. */
    static final int MProf = 0;

    static final int BProf = 1;

    /** mprof.goc BuckHashSize. */
    static final int BuckHashSize = 179999;

    /** mprof.h Bucket: the counters of both profile kinds share the record (C's union). */
    static final class Bucket {
        Bucket next; // next in the hash chain
        Bucket allnext; // next on mbuckets or bbuckets
        final int typ;
        final long hash;
        final long size;
        final long[] stk;

        // data.bp
        long count;
        long cycles;

        // data.mp
        long allocs;
        long frees;
        long allocBytes;
        long freeBytes;
        long prevAllocs;
        long prevFrees;
        long prevAllocBytes;
        long prevFreeBytes;
        long recentAllocs;
        long recentFrees;
        long recentAllocBytes;
        long recentFreeBytes;

        Bucket(int typ, long hash, long size, long[] stk) {
            this.typ = typ;
            this.hash = hash;
            this.size = size;
            this.stk = stk;
        }
    }

    /** runtime·proflock. */
    final Lock proflock = new Lock();

    private Bucket[] buckhash;
    Bucket mbuckets;
    Bucket bbuckets;

    private final int ptrSize;

    Buckets(GoProcess process) {
        this.ptrSize = process.arch().PtrSize;
    }

    /** The process's table, made on first use. */
    static Buckets of(GoProcess process) {
        return process.local(Buckets.class, Buckets::new);
    }

    /**
     * Finds the record of profile typ that counts this stack (its first nstk pcs) at this size;
     * with alloc, a missing one is made and linked on its profile's list, else null comes back. The
     * hash is the C's, computed in uintptr arithmetic of the simulated arch. Port of mprof.goc
     * stkbucket (0a7c7ac80); proflock is held.
     */
    Bucket stkbucket(int typ, long size, long[] stk, int nstk, boolean alloc) {
        if (buckhash == null) {
            buckhash = new Bucket[BuckHashSize];
        }
        long h = 0;
        for (int i = 0; i < nstk; i++) {
            h = mix(h + stk[i]);
        }
        h = mix(h + size);
        h = uintptr(h + (h << 3));
        h ^= h >>> 11;
        int i = (int) Long.remainderUnsigned(h, BuckHashSize);
        for (Bucket b = buckhash[i]; b != null; b = b.next) {
            if (b.typ == typ
                    && b.hash == h
                    && b.size == size
                    && b.stk.length == nstk
                    && Arrays.equals(b.stk, 0, nstk, stk, 0, nstk)) {
                return b;
            }
        }
        if (!alloc) {
            return null;
        }
        Bucket b = new Bucket(typ, h, size, Arrays.copyOf(stk, nstk));
        b.next = buckhash[i];
        buckhash[i] = b;
        if (typ == MProf) {
            b.allnext = mbuckets;
            mbuckets = b;
        } else {
            b.allnext = bbuckets;
            bbuckets = b;
        }
        return b;
    }

    /** One round of the C's shift-add-xor mixing, wrapped to uintptr. */
    private long mix(long h) {
        h = uintptr(h);
        h = uintptr(h + (h << 10));
        return h ^ (h >>> 6);
    }

    private long uintptr(long v) {
        return ptrSize == 8 ? v : v & 0xffffffffL;
    }

    /** The blocking buckets, newest first (bbuckets order). */
    List<Bucket> blockBuckets() {
        List<Bucket> out = new ArrayList<>();
        for (Bucket b = bbuckets; b != null; b = b.allnext) {
            out.add(b);
        }
        return out;
    }
}
