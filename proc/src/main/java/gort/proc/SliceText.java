package gort.proc;

import gort.runtime.cpu.Cpu;
import gort.runtime.malloc.Msize;
import gort.runtime.mem.Memory;
import gort.runtime.type.Type;

/**
 * The runtime's slice functions that generated code RTCALLs (slice.goc of 0a7c7ac80). {@code typ}
 * is the SliceType, as in Go: the element's descriptor is its elem word.
 *
 * <pre>
 *   runtime.makeslice  typ *SliceType, len int64, cap int64, ret []T
 *   runtime.growslice  typ *SliceType, old []T, n int64, ret []T
 * </pre>
 *
 * (each int64 aligned to Int64Align; ret at the next word boundary.)
 */
public final class SliceText {
    private SliceText() {}

    /** malloc.h's MaxMem: the largest heap the 2014 runtime can address (2^37-1; 2^32-1 on arm). */
    static long maxMem(Cpu cpu) {
        return cpu.arch().PtrSize == 8 ? (1L << 37) - 1 : (1L << 32) - 1;
    }

    /**
     * make([]T, len, cap): checks the sizes and allocates the backing array. Port of slice.goc
     * runtime·makeslice and makeslice1 (0a7c7ac80): panics "makeslice: len out of range" or
     * "makeslice: cap out of range" as Go 1.3 does.
     */
    static void makeslice(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        int lo = roundUp(w, cpu.arch().Int64Align);
        long typ = mem.loadp(argp);
        long len = mem.load64(argp + lo);
        long cap = mem.load64(argp + lo + 8);
        long et = Type.elemOf(mem, typ);
        long size = Type.sizeOf(mem, et); // t->elem->size
        if (len < 0 || !fitsInt(cpu, len) || size > 0 && len > maxMem(cpu) / size) {
            cpu.m().process.panics().panicstring(cpu, "makeslice: len out of range");
            return;
        }
        if (cap < len || !fitsInt(cpu, cap) || size > 0 && cap > maxMem(cpu) / size) {
            cpu.m().process.panics().panicstring(cpu, "makeslice: cap out of range");
            return;
        }
        long ret = argp + roundUp(lo + 16, w);
        mem.storep(ret, cpu.m().process.malloc().newarray(et, cap));
        mem.storep(ret + w, len);
        mem.storep(ret + 2 * w, cap);
    }

    /**
     * append's slow path: a slice with room for n more elements. Port of slice.goc
     * runtime·growslice and growslice1 (0a7c7ac80): the new capacity doubles (grows by a quarter
     * from 1024 elements) until it reaches old.cap+n, rounded up to malloc's size class; the old
     * elements are copied.
     */
    static void growslice(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long typ = mem.loadp(argp);
        long array = mem.loadp(argp + w);
        long len = mem.loadp(argp + 2 * w);
        long oldcap = mem.loadp(argp + 3 * w);
        int noff = roundUp(4 * w, cpu.arch().Int64Align);
        long n = mem.load64(argp + noff);
        long ret = argp + roundUp(noff + 8, w);
        long et = Type.elemOf(mem, typ);
        long size = Type.sizeOf(mem, et); // t->elem->size
        if (n < 1) {
            cpu.m().process.panics().panicstring(cpu, "growslice: invalid n");
            return;
        }
        long cap = oldcap + n;
        if (!fitsInt(cpu, cap) || cap < oldcap || size > 0 && cap > maxMem(cpu) / size) {
            cpu.m().process.panics().panicstring(cpu, "growslice: cap out of range");
            return;
        }
        // growslice1
        if (size == 0) {
            mem.storep(ret, array);
            mem.storep(ret + w, len);
            mem.storep(ret + 2 * w, cap);
            return;
        }
        long newcap1 = oldcap;
        if (newcap1 + newcap1 < cap) {
            newcap1 = cap;
        } else {
            do {
                if (len < 1024) {
                    newcap1 += newcap1;
                } else {
                    newcap1 += newcap1 / 4;
                }
            } while (newcap1 < cap);
        }
        if (newcap1 > maxMem(cpu) / size) {
            cpu.m().process.panics().panicstring(cpu, "growslice: cap out of range");
            return;
        }
        long capmem = Msize.roundupsize(newcap1 * size);
        long p;
        if ((Type.kindOf(mem, et) & Type.KindNoPointers) != 0) {
            p = cpu.m().process.malloc().rawmem(capmem);
            mem.memclr(p + len * size, capmem - len * size);
        } else {
            p = cpu.m().process.malloc().newarray(et, capmem / size);
        }
        mem.memmove(p, array, len * size);
        mem.storep(ret, p);
        mem.storep(ret + w, len);
        mem.storep(ret + 2 * w, capmem / size);
    }

    /** Whether v survives conversion to intgo (32 bits on arm). */
    static boolean fitsInt(Cpu cpu, long v) {
        return cpu.arch().PtrSize == 8 || v == (int) v;
    }

    static int roundUp(int n, int a) {
        return (n + a - 1) / a * a;
    }
}
