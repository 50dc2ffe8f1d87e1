package gort.mgc;

import static gort.runtime.cpu.FuncData.BitsMask;
import static gort.runtime.cpu.FuncData.BitsPerPointer;
import static gort.runtime.cpu.FuncData.FUNCDATA_LocalsPointerMaps;
import static gort.runtime.cpu.FuncData.PCDATA_StackMapIndex;
import static gort.runtime.cpu.FuncData.PointersPerByte;
import static gort.runtime.malloc.HeapBits.gcBits;
import static gort.runtime.malloc.HeapBits.wordsPerBitmapByte;

import gort.runtime.GoProcess;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.BitVector;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.StackMap;
import gort.runtime.cpu.Text;
import gort.runtime.mem.Memory;
import gort.runtime.type.Type;
import gort.traceback.Stkframe;
import gort.traceback.Traceback;

/**
 * runtime.GCMask, the test hook of export_test.go (stubs.goc's GCMask over mgc0.c's
 * runtime·getgcmask): the two-bit kind of every word of the object x points to, read from where the
 * collector would read it: the data or bss mask, the heap bitmap, or the stack map of the frame
 * that holds it.
 *
 * <p>runtime.GCMask is a text function (one RTCALL), as runtime.Caller is, so that its stack case
 * starts the walk at a frame of its own, as getgcmask's getcallerpc/getcallersp do in C.
 */
public final class GcMask {
    private GcMask() {}

    /** Adds runtime.GCMask (x interface{}) []byte to l. */
    public static Linker link(Linker l, Arch arch) {
        int w = arch.PtrSize;
        // the eface (type, data), then the slice (array, len, cap)
        FuncBuilder gcmask =
                new FuncBuilder(arch, "runtime.GCMask")
                        .args(5 * w)
                        .locals(0)
                        .pos("stubs.goc", 113)
                        .rtcall("runtime.GCMask·body")
                        .ret();
        return l.add(gcmask).runtime("runtime.GCMask·body", GcMask::GCMask);
    }

    /** Where the running text function's incoming arguments are (see CallerText). */
    private static long incomingArgs(Cpu cpu) {
        Text text = cpu.text();
        Func f = text.findfunc(cpu.pc());
        return cpu.sp() + text.funcspdelta(f, cpu.pc()) + cpu.arch().PtrSize;
    }

    /**
     * GCMask(x interface{}) (mask []byte): getgcmask of x's data word and type, its length as the
     * capacity. Port of stubs.goc GCMask (0a7c7ac80).
     */
    static void GCMask(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long a = incomingArgs(cpu);
        long type = mem.loadp(a);
        long data = mem.loadp(a + w);
        long[] mask = new long[2];
        getgcmask(cpu, data, type, mask);
        mem.storep(a + 2L * w, mask[0]);
        mem.storep(a + 3L * w, mask[1]);
        mem.storep(a + 4L * w, mask[1]);
    }

    /**
     * Ends the walk at the frame whose locals hold frame0.sp, copying it to frame0. Port of mgc0.c
     * getgcmaskcb (0a7c7ac80), its test included: the lower bound it compares with is varp - sp,
     * not the frame's sp.
     */
    static boolean getgcmaskcb(Stkframe frame, Stkframe frame0) {
        if (frame0.sp >= frame.varp - frame.sp && frame0.sp < frame.varp) {
            frame0.fn = frame.fn;
            frame0.pc = frame.pc;
            frame0.continpc = frame.continpc;
            frame0.lr = frame.lr;
            frame0.sp = frame.sp;
            frame0.fp = frame.fp;
            frame0.varp = frame.varp;
            frame0.argp = frame.argp;
            frame0.arglen = frame.arglen;
            return false;
        }
        return true;
    }

    /**
     * Sets mask to {address, length} of a new byte array holding the kind of each word of the
     * object at p, whose pointer type is t; {0, 0} when p is nowhere the collector knows. Port of
     * mgc0.c runtime·getgcmask (0a7c7ac80). gort differs: the walk of the stack case starts at the
     * running runtime.GCMask frame, whose Java body has no frame of its own; and the heap case asks
     * the heap's lookup, which no process has until the heap is ported (meanwhile only addresses on
     * the running G's stack go on to the stack case; others get no mask).
     */
    static void getgcmask(Cpu cpu, long p, long t, long[] mask) {
        GoProcess process = cpu.m().process;
        Memory mem = cpu.mem();
        int PtrSize = mem.arch().PtrSize;
        Mgc.State st = Mgc.state(process);
        long n;
        mask[0] = 0;
        mask[1] = 0;

        // data
        if (p >= st.data && p < st.edata) {
            n = Type.sizeOf(mem, Type.elemOf(mem, t));
            mask[1] = n / PtrSize;
            mask[0] = alloc(process, mask[1]);
            for (long i = 0; i < n; i += PtrSize) {
                long off = (p + i - st.data) / PtrSize;
                int bits =
                        ((st.gcdatamask.data()[(int) (off / PointersPerByte)] & 0xff)
                                        >> ((off % PointersPerByte) * BitsPerPointer))
                                & BitsMask;
                mem.store8(mask[0] + i / PtrSize, bits);
            }
            return;
        }
        // bss
        if (p >= st.bss && p < st.ebss) {
            n = Type.sizeOf(mem, Type.elemOf(mem, t));
            mask[1] = n / PtrSize;
            mask[0] = alloc(process, mask[1]);
            for (long i = 0; i < n; i += PtrSize) {
                long off = (p + i - st.bss) / PtrSize;
                int bits =
                        ((st.gcbssmask.data()[(int) (off / PointersPerByte)] & 0xff)
                                        >> ((off % PointersPerByte) * BitsPerPointer))
                                & BitsMask;
                mem.store8(mask[0] + i / PtrSize, bits);
            }
            return;
        }
        // heap
        Mgc.Mlookup lookup = st.mlookup;
        long[] obj = lookup == null ? null : lookup.mlookup(p);
        if (obj != null) {
            long base = obj[0];
            n = obj[1];
            mask[1] = n / PtrSize;
            mask[0] = alloc(process, mask[1]);
            for (long i = 0; i < n; i += PtrSize) {
                long off = (base + i - st.arena_start) / PtrSize;
                long b = st.arena_start - off / wordsPerBitmapByte - 1;
                int shift = (int) (off % wordsPerBitmapByte) * gcBits;
                int bits = (mem.load8(b) >> (shift + 2)) & BitsMask;
                mem.store8(mask[0] + i / PtrSize, bits);
            }
            return;
        }
        // stack
        if (lookup == null && (p < cpu.g().stack0 || p >= cpu.g().stackbase)) {
            // gort: with no heap lookup yet, a heap object must not be taken for a stack slot
            return;
        }
        Stkframe frame = new Stkframe();
        frame.fn = null;
        frame.sp = p;
        Traceback.gentraceback(
                cpu.m(),
                cpu.pc(),
                cpu.sp(),
                cpu.lr(),
                cpu.g(),
                0,
                null,
                1000,
                f -> getgcmaskcb(f, frame),
                false);
        if (frame.fn != null) {
            Func f = frame.fn;
            Text text = cpu.text();
            long targetpc = frame.continpc;
            if (targetpc == 0) {
                return;
            }
            if (targetpc != f.entry) {
                targetpc--;
            }
            int pcdata = text.pcdatavalue(f, PCDATA_StackMapIndex, targetpc);
            if (pcdata == -1) {
                return;
            }
            StackMap stackmap = text.funcdata(f, FUNCDATA_LocalsPointerMaps);
            if (stackmap == null || stackmap.n <= 0) {
                return;
            }
            BitVector bv = stackmap.stackmapdata(pcdata);
            long size = (long) bv.n / BitsPerPointer * PtrSize;
            n = Type.sizeOf(mem, Type.elemOf(mem, t));
            mask[1] = n / PtrSize;
            mask[0] = alloc(process, mask[1]);
            for (long i = 0; i < n; i += PtrSize) {
                long off = (p + i - frame.varp + size) / PtrSize;
                int bits =
                        (bv.data((int) (off * BitsPerPointer / 32))
                                        >>> ((off * BitsPerPointer) % 32))
                                & BitsMask;
                mem.store8(mask[0] + i / PtrSize, bits);
            }
        }
    }

    /** runtime·mallocgc(n, nil, 0) for the mask's bytes. */
    private static long alloc(GoProcess process, long n) {
        return process.malloc().mallocgc(Math.max(n, 1), 0, 0);
    }
}
