package gort.mgc;

import static gort.runtime.cpu.FuncData.BitsDead;
import static gort.runtime.cpu.FuncData.BitsMask;
import static gort.runtime.cpu.FuncData.BitsPerPointer;
import static gort.runtime.cpu.FuncData.PointersPerByte;
import static gort.runtime.malloc.HeapBits.bitBoundary;
import static gort.runtime.malloc.HeapBits.bitPtrMask;
import static gort.runtime.malloc.HeapBits.gcBits;
import static gort.runtime.malloc.HeapBits.wordsPerBitmapByte;
import static gort.runtime.type.GcBits.insArray;
import static gort.runtime.type.GcBits.insArrayEnd;
import static gort.runtime.type.GcBits.insData;
import static gort.runtime.type.GcBits.insEnd;

import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.Throw;
import gort.runtime.mem.Memory;
import gort.runtime.type.Type;

/**
 * mgc0.c's GC program interpreter: a program (see {@link gort.runtime.type.GcBits}) unrolled into a
 * two-bit mask (data and bss), a four-bit mask (a type's gc[0] space) or straight into the heap
 * bitmap below arena_start. Programs are read from simulated memory, where the compiler put them
 * (rodata); masks are {@link Mask}s, either simulated memory or, for what C's persistentalloc
 * holds, a Java array.
 *
 * <p>The heap bitmap is four bits per word, growing down: the word at arena_start + off*PtrSize is
 * described by the byte at arena_start - off/wordsPerBitmapByte - 1, in its nibble number off %
 * wordsPerBitmapByte, the kind in the nibble's upper two bits.
 */
public final class GcProg {
    private GcProg() {}

    /** Bytes a program unrolls into, indexed from a base address (simulated memory) or from 0. */
    public interface Mask {
        /** The address mask+0 stands for (0 for a Java array). */
        long base();

        int get(long i);

        void set(long i, int v);

        /** A mask in simulated memory at {@code addr}. */
        static Mask at(Memory mem, long addr) {
            return new Mask() {
                public long base() {
                    return addr;
                }

                public int get(long i) {
                    return mem.load8(addr + i);
                }

                public void set(long i, int v) {
                    mem.store8(addr + i, v);
                }
            };
        }

        /** A mask in a Java array (C's persistentalloc memory). */
        static Mask of(byte[] b) {
            return new Mask() {
                public long base() {
                    return 0;
                }

                public int get(long i) {
                    return b[(int) i] & 0xff;
                }

                public void set(long i, int v) {
                    b[(int) i] = (byte) v;
                }
            };
        }
    }

    /**
     * Unrolls the program at prog into mask from bit position ppos[0], until insArrayEnd or insEnd,
     * whose address it returns; ppos[0] is advanced (by bits, or by bytes of heap when inplace).
     * Port of mgc0.c unrollgcprog1 (0a7c7ac80).
     */
    static long unrollgcprog1(
            GoProcess process, Mask mask, long prog, long[] ppos, boolean inplace, boolean sparse) {
        Memory mem = process.memory();
        int PtrSize = mem.arch().PtrSize;
        long arena_start = Mgc.state(process).arena_start;
        long pos = ppos[0];
        for (; ; ) {
            switch (mem.load8(prog)) {
                case insData:
                    {
                        prog++;
                        long siz = mem.load8(prog);
                        prog++;
                        for (long i = 0; i < siz; i++) {
                            int v = mem.load8(prog + i / PointersPerByte);
                            v >>= (i % PointersPerByte) * BitsPerPointer;
                            v &= BitsMask;
                            if (inplace) {
                                // the heap bitmap itself
                                long off = (mask.base() + pos - arena_start) / PtrSize;
                                long bitp = arena_start - off / wordsPerBitmapByte - 1;
                                int shift = (int) (off % wordsPerBitmapByte) * gcBits;
                                if (shift == 0) {
                                    mem.store8(bitp, 0);
                                }
                                mem.store8(bitp, mem.load8(bitp) | v << (shift + 2));
                                pos += PtrSize;
                            } else if (sparse) {
                                v <<= (int) (pos % 8) + 2;
                                mask.set(pos / 8, mask.get(pos / 8) | v);
                                pos += gcBits;
                            } else {
                                v <<= (int) (pos % 8);
                                mask.set(pos / 8, mask.get(pos / 8) | v);
                                pos += BitsPerPointer;
                            }
                        }
                        prog += (siz * BitsPerPointer + 7) / 8 * 8 / 8;
                        break;
                    }
                case insArray:
                    {
                        prog++;
                        long siz = 0;
                        for (int i = 0; i < PtrSize; i++) {
                            siz = (siz << 8) + mem.load8(prog + PtrSize - i - 1);
                        }
                        prog += PtrSize;
                        long prog1 = 0;
                        long[] p = {pos};
                        for (long i = 0; i < siz; i++) {
                            prog1 = unrollgcprog1(process, mask, prog, p, inplace, sparse);
                        }
                        pos = p[0];
                        // C reads prog1[0] with prog1 nil for a zero length; gort reads the body
                        if (prog1 == 0) {
                            prog1 = skipgcprog(mem, prog);
                        }
                        if (mem.load8(prog1) != insArrayEnd) {
                            Throw.throw_(
                                    process, "unrollgcprog: array does not end with insArrayEnd");
                        }
                        prog = prog1 + 1;
                        break;
                    }
                case insArrayEnd:
                case insEnd:
                    ppos[0] = pos;
                    return prog;
                default:
                    Throw.throw_(process, "unrollgcprog: unknown instruction");
                    return prog;
            }
        }
    }

    /**
     * gort: the address of the insArrayEnd or insEnd that ends the body at prog, unrolling nothing.
     */
    private static long skipgcprog(Memory mem, long prog) {
        int PtrSize = mem.arch().PtrSize;
        for (; ; ) {
            switch (mem.load8(prog)) {
                case insData -> prog += 2 + (mem.load8(prog + 1) * BitsPerPointer + 7) / 8;
                case insArray -> prog = skipgcprog(mem, prog + 1 + PtrSize) + 1;
                default -> {
                    return prog;
                }
            }
        }
    }

    /** A dense mask of n bits (two per word), as C's BitVector of gcdatamask and gcbssmask. */
    public record BitVector(long n, byte[] data) {}

    /**
     * The two-bit mask of a data or bss section of size bytes from its program; it ends with a
     * guard byte 0xa1 that an overlong program would overwrite. Port of mgc0.c unrollglobgcprog
     * (0a7c7ac80); persistentalloc's memory is a Java array here.
     */
    static BitVector unrollglobgcprog(GoProcess process, long prog, long size) {
        int PtrSize = process.arch().PtrSize;
        long masksize =
                ((size + PtrSize - 1) / PtrSize * PtrSize / PtrSize * BitsPerPointer + 7) / 8;
        byte[] mask = new byte[(int) masksize + 1];
        mask[(int) masksize] = (byte) 0xa1;
        long[] pos = {0};
        prog = unrollgcprog1(process, Mask.of(mask), prog, pos, false, false);
        if (pos[0] != size / PtrSize * BitsPerPointer) {
            Print.printf(
                    process,
                    "unrollglobgcprog: bad program size, got %D, expect %D\n",
                    pos[0],
                    size / PtrSize * BitsPerPointer);
            Throw.throw_(process, "unrollglobgcprog: bad program size");
        }
        if (process.memory().load8(prog) != insEnd) {
            Throw.throw_(process, "unrollglobgcprog: program does not end with insEnd");
        }
        if (mask[(int) masksize] != (byte) 0xa1) {
            Throw.throw_(process, "unrollglobgcprog: overflow");
        }
        return new BitVector(masksize * 8, mask);
    }

    /**
     * Writes the heap bitmap of the object at m-&gt;ptrarg[0] (size m-&gt;scalararg[0], of which
     * the first m-&gt;scalararg[1] bytes are typed) from the program of type m-&gt;ptrarg[1]: the
     * words' kinds, the boundary bit of its first word, and BitsDead after the last typed word.
     * mallocgc's path for objects whose mask exceeds MaxGCMask. Port of mgc0.c
     * runtime·unrollgcproginplace_m (0a7c7ac80); ptrarg holds addresses as Longs.
     */
    public static void unrollgcproginplace_m(GoProcess process, M mp) {
        Memory mem = process.memory();
        int PtrSize = mem.arch().PtrSize;
        long v = (Long) mp.ptrarg[0];
        long typ = (Long) mp.ptrarg[1];
        long size = mp.scalararg[0];
        long size0 = mp.scalararg[1];
        mp.ptrarg[0] = null;
        mp.ptrarg[1] = null;

        long[] pos = {0};
        long prog = Type.gcOf(mem, typ, 1);
        while (pos[0] != size0) {
            unrollgcprog1(process, Mask.at(mem, v), prog, pos, true, true);
        }
        long arena_start = Mgc.state(process).arena_start;
        long off = (v - arena_start) / PtrSize;
        long bitp = arena_start - off / wordsPerBitmapByte - 1;
        int shift = (int) (off % wordsPerBitmapByte) * gcBits;
        mem.store8(bitp, mem.load8(bitp) | bitBoundary << shift);
        if (size0 < size) {
            off = (v + size0 - arena_start) / PtrSize;
            bitp = arena_start - off / wordsPerBitmapByte - 1;
            shift = (int) (off % wordsPerBitmapByte) * gcBits;
            mem.store8(
                    bitp, mem.load8(bitp) & (~(bitPtrMask << shift) | (BitsDead << (shift + 2))));
        }
    }

    /**
     * Unrolls the program of type m-&gt;ptrarg[0] (typ-&gt;gc[1]) into its gc[0] space, four bits
     * per word after the unroll flag byte, twice over when the type has an odd number of words;
     * then sets the flag. Once per type, under the function's lock. Port of mgc0.c
     * runtime·unrollgcprog_m (0a7c7ac80).
     */
    public static void unrollgcprog_m(GoProcess process, M mp) {
        Memory mem = process.memory();
        int PtrSize = mem.arch().PtrSize;
        long typ = (Long) mp.ptrarg[0];
        mp.ptrarg[0] = null;

        Mgc.State st = Mgc.state(process);
        synchronized (st.unrollLock) {
            long mask = Type.gcOf(mem, typ, 0);
            if (mem.load8(mask) == 0) {
                long[] pos = {8}; // past the unroll flag
                long prog = Type.gcOf(mem, typ, 1);
                prog = unrollgcprog1(process, Mask.at(mem, mask), prog, pos, false, true);
                if (mem.load8(prog) != insEnd) {
                    Throw.throw_(process, "unrollgcprog: program does not end with insEnd");
                }
                if (((Type.sizeOf(mem, typ) / PtrSize) % 2) != 0) {
                    prog = Type.gcOf(mem, typ, 1);
                    unrollgcprog1(process, Mask.at(mem, mask), prog, pos, false, true);
                }
                int x = mem.load32(mask);
                mem.atomicstore(mask, x | 1);
            }
        }
    }
}
