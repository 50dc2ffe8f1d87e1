package gort.cmd.codegen;

import static gort.runtime.cpu.FuncData.BitsDead;
import static gort.runtime.cpu.FuncData.BitsEface;
import static gort.runtime.cpu.FuncData.BitsIface;
import static gort.runtime.cpu.FuncData.BitsMultiWord;
import static gort.runtime.cpu.FuncData.BitsPerPointer;
import static gort.runtime.cpu.FuncData.BitsPointer;
import static gort.runtime.cpu.FuncData.BitsScalar;
import static gort.runtime.cpu.FuncData.PointersPerByte;
import static gort.runtime.malloc.HeapBits.gcBits;
import static gort.runtime.malloc.HeapBits.maxGCMask;

import gort.cmd.syntax.Pos;
import gort.cmd.types.Type;
import java.util.BitSet;

/**
 * The garbage collector's view of a type, as 6g computes it for a type descriptor's gc words:
 * plive.c's two-bit walk, reflect.c's choice between an embedded four-bit mask and a GC program,
 * the mask itself and the program. gort's types map onto gc's etypes thus: bool and the integers
 * are scalars; pointers, unsafe.Pointer, funcs and chans are one pointer word; strings, slices and
 * interfaces are themselves. gort's interfaces are all empty ({@code isnilinter}), so their second
 * word is always BitsEface.
 */
final class GcSym {
    /** A type's gc words when its mask fits them; else gc[0] space and gc[1] program. */
    record Gc(boolean prog, byte[] mask, int gc0size, byte[] program) {}

    private final TypeSizes sizes;
    private final int widthptr;

    GcSym(TypeSizes sizes) {
        this.sizes = sizes;
        this.widthptr = sizes.w;
    }

    /** reflect.c haspointers: whether values of t hold any pointer. */
    static boolean haspointers(Type t) {
        return FrameGen.hasPointers(t);
    }

    /** The gc words of type t, as dcommontype writes them. */
    Gc gc(Type t) {
        if (usegcprog(t)) {
            int[] gc0 = new int[1];
            byte[] prog = gengcprog(t, gc0);
            return new Gc(true, null, gc0[0], prog);
        }
        return new Gc(false, gengcmask(t), 0, null);
    }

    private int width(Type t) {
        return sizes.sizeof(t, Pos.NONE);
    }

    /**
     * Sets, for each word of t at *xoffset, its two-bit kind in bv (bit 2i: scalar or multiword,
     * bit 2i+1: pointer). Port of plive.c twobitwalktype1 (0a7c7ac80).
     */
    void twobitwalktype1(Type t, long[] xoffset, BitSet bv) {
        int align = sizes.alignof(t, Pos.NONE);
        if (align > 0 && (xoffset[0] & (align - 1)) != 0) {
            throw new IllegalStateException("twobitwalktype1: invalid initial alignment, " + t);
        }
        Type u = t.underlying();
        if (u instanceof Type.Basic b && !b.isString() && b.kind != Type.Kind.UNSAFE_POINTER) {
            int wd = width(t);
            for (int i = 0; i < wd; i++) {
                bv.set((int) ((xoffset[0] + i) / widthptr) * BitsPerPointer); // live scalar
            }
            xoffset[0] += wd;
        } else if (u instanceof Type.Pointer
                || u instanceof Type.Signature
                || u instanceof Type.Chan
                || u instanceof Type.Basic b2 && b2.kind == Type.Kind.UNSAFE_POINTER) {
            if ((xoffset[0] & (widthptr - 1)) != 0) {
                throw new IllegalStateException("twobitwalktype1: invalid alignment, " + t);
            }
            bv.set((int) (xoffset[0] / widthptr) * BitsPerPointer + 1); // live pointer
            xoffset[0] += width(t);
        } else if (u instanceof Type.Basic) { // string: only its data word is a pointer
            if ((xoffset[0] & (widthptr - 1)) != 0) {
                throw new IllegalStateException("twobitwalktype1: invalid alignment, " + t);
            }
            bv.set((int) (xoffset[0] / widthptr) * BitsPerPointer + 1);
            xoffset[0] += width(t);
        } else if (u instanceof Type.Interface) {
            if ((xoffset[0] & (widthptr - 1)) != 0) {
                throw new IllegalStateException("twobitwalktype1: invalid alignment, " + t);
            }
            int at = (int) (xoffset[0] / widthptr) * BitsPerPointer;
            bv.set(at); // BitsMultiWord in the first word,
            bv.set(at + 1);
            bv.set(at + 2); // then BitsEface (isnilinter holds for every gort interface)
            bv.set(at + 3);
            xoffset[0] += width(t);
        } else if (u instanceof Type.Slice) {
            if ((xoffset[0] & (widthptr - 1)) != 0) {
                throw new IllegalStateException("twobitwalktype1: invalid TARRAY alignment, " + t);
            }
            bv.set((int) (xoffset[0] / widthptr) * BitsPerPointer + 1); // the array pointer
            xoffset[0] += width(t);
        } else if (u instanceof Type.Array a) {
            for (long i = 0; i < a.len; i++) {
                twobitwalktype1(a.elem, xoffset, bv);
            }
        } else if (u instanceof Type.Struct st) {
            long o = 0;
            for (int i = 0; i < st.fields.size(); i++) {
                long fieldoffset = sizes.fieldOffset(st, i, Pos.NONE);
                Type ft = st.fields.get(i).type;
                xoffset[0] += fieldoffset - o;
                twobitwalktype1(ft, xoffset, bv);
                o = fieldoffset + width(ft);
            }
            xoffset[0] += width(t) - o;
        } else {
            throw new IllegalStateException("twobitwalktype1: unexpected type, " + t);
        }
    }

    /**
     * Whether t's gc words hold a program rather than its mask: the unrolled four-bit mask (twice
     * over for an odd word count) would not fit the two words. Port of reflect.c usegcprog
     * (0a7c7ac80).
     */
    boolean usegcprog(Type t) {
        if (!haspointers(t)) {
            return false;
        }
        long nptr = (width(t) + widthptr - 1) / widthptr;
        long size = nptr;
        if (size % 2 != 0) {
            size *= 2;
        }
        size = size * gcBits / 8;
        return size > 2L * widthptr;
    }

    /**
     * The embedded mask of t, 2*PtrSize bytes: four bits per word, the kind in the upper two, the
     * words listed twice when their count is odd, holes (BitsDead) read as scalars except after a
     * multiword. Port of reflect.c gengcmask (0a7c7ac80).
     */
    byte[] gengcmask(Type t) {
        byte[] gcmask = new byte[16];
        if (!haspointers(t)) {
            return java.util.Arrays.copyOf(gcmask, 2 * widthptr);
        }
        long[] xoffset = {0};
        BitSet vec = new BitSet(2 * widthptr * 8);
        twobitwalktype1(t, xoffset, vec);
        int pos = 0;
        long nptr = (width(t) + widthptr - 1) / widthptr;
        boolean half = false;
        boolean mw = false;
        for (long j = 0; j <= nptr % 2; j++) {
            for (long i = 0; i < nptr; i++) {
                int bits =
                        (vec.get((int) (i * BitsPerPointer)) ? 1 : 0)
                                | (vec.get((int) (i * BitsPerPointer + 1)) ? 2 : 0);
                if (!mw && bits == BitsDead) {
                    bits = BitsScalar; // padding reads as scalar outside stack maps
                }
                mw = !mw && bits == BitsMultiWord;
                bits <<= 2;
                if (half) {
                    bits <<= 4;
                }
                gcmask[pos] |= (byte) bits;
                half = !half;
                if (!half) {
                    pos++;
                }
            }
        }
        return java.util.Arrays.copyOf(gcmask, 2 * widthptr);
    }

    /**
     * reflect.c's ProgGen (and ld/data.c's, whose position field it shares): a GC program under
     * construction, with the pending insData block.
     */
    static final class ProgGen {
        final int widthptr;
        final java.io.ByteArrayOutputStream s = new java.io.ByteArrayOutputStream();
        int datasize;
        final byte[] data = new byte[256 / PointersPerByte];
        long pos;

        /** Port of reflect.c proggeninit (0a7c7ac80). */
        ProgGen(int widthptr) {
            this.widthptr = widthptr;
        }

        /** Port of reflect.c proggenemit (0a7c7ac80). */
        void proggenemit(int v) {
            s.write(v & 0xff);
        }

        /** Writes the pending kinds as one insData block. Port of reflect.c proggendataflush. */
        void proggendataflush() {
            if (datasize == 0) {
                return;
            }
            proggenemit(gort.runtime.type.GcBits.insData);
            proggenemit(datasize);
            int n = (datasize + PointersPerByte - 1) / PointersPerByte;
            for (int i = 0; i < n; i++) {
                proggenemit(data[i]);
            }
            datasize = 0;
            java.util.Arrays.fill(data, (byte) 0);
        }

        /** Appends one word's kind; 255 of them make a block. Port of reflect.c proggendata. */
        void proggendata(int d) {
            data[datasize / PointersPerByte] |=
                    (byte) (d << ((datasize % PointersPerByte) * BitsPerPointer));
            datasize++;
            if (datasize == 255) {
                proggendataflush();
            }
        }

        /** A scalar for every word boundary in [off, off+v). Port of reflect.c proggenskip. */
        void proggenskip(long off, long v) {
            for (long i = off; i < off + v; i++) {
                if ((i % widthptr) == 0) {
                    proggendata(BitsScalar);
                }
            }
        }

        /** Starts an insArray of len repetitions. Port of reflect.c proggenarray (0a7c7ac80). */
        void proggenarray(long len) {
            proggendataflush();
            proggenemit(gort.runtime.type.GcBits.insArray);
            for (int i = 0; i < widthptr; i++, len >>= 8) {
                proggenemit((int) len);
            }
        }

        /** Port of reflect.c proggenarrayend (0a7c7ac80). */
        void proggenarrayend() {
            proggendataflush();
            proggenemit(gort.runtime.type.GcBits.insArrayEnd);
        }

        /** Ends a type's program. Port of reflect.c proggenfini (0a7c7ac80). */
        byte[] proggenfini() {
            proggendataflush();
            proggenemit(gort.runtime.type.GcBits.insEnd);
            return s.toByteArray();
        }

        /** Ends a segment's program at size bytes. Port of ld/data.c proggenfini (0a7c7ac80). */
        byte[] proggenfini(long size) {
            proggenskip(pos, size - pos);
            proggendataflush();
            proggenemit(gort.runtime.type.GcBits.insEnd);
            return s.toByteArray();
        }
    }

    /**
     * The program of t, for gc[1]; gc0size[0] is set to the bytes of gc[0] space (unroll flag and
     * mask) when that fits maxGCMask, else 0 (the runtime then unrolls into the heap bitmap). Port
     * of reflect.c gengcprog (0a7c7ac80).
     */
    byte[] gengcprog(Type t, int[] gc0size) {
        long nptr = (width(t) + widthptr - 1) / widthptr;
        long size = nptr;
        if (size % 2 != 0) {
            size *= 2;
        }
        size = size * PointersPerByte / 8;
        size++; // the unroll flag
        gc0size[0] = 0;
        if (size <= maxGCMask) {
            gc0size[0] = (int) size;
        }
        ProgGen g = new ProgGen(widthptr);
        long[] xoffset = {0};
        gengcprog1(g, t, xoffset);
        return g.proggenfini();
    }

    /** Appends t's words at *xoffset to g. Port of reflect.c gengcprog1 (0a7c7ac80). */
    void gengcprog1(ProgGen g, Type t, long[] xoffset) {
        Type u = t.underlying();
        if (u instanceof Type.Basic b && !b.isString() && b.kind != Type.Kind.UNSAFE_POINTER) {
            g.proggenskip(xoffset[0], width(t));
            xoffset[0] += width(t);
        } else if (u instanceof Type.Pointer
                || u instanceof Type.Signature
                || u instanceof Type.Chan
                || u instanceof Type.Basic b2 && b2.kind == Type.Kind.UNSAFE_POINTER) {
            g.proggendata(BitsPointer);
            xoffset[0] += width(t);
        } else if (u instanceof Type.Basic) { // string
            g.proggendata(BitsPointer);
            g.proggendata(BitsScalar);
            xoffset[0] += width(t);
        } else if (u instanceof Type.Interface) {
            g.proggendata(BitsMultiWord);
            g.proggendata(isnilinter(u) ? BitsEface : BitsIface);
            xoffset[0] += width(t);
        } else if (u instanceof Type.Slice) {
            g.proggendata(BitsPointer);
            g.proggendata(BitsScalar);
            g.proggendata(BitsScalar);
        } else if (u instanceof Type.Array a) {
            Type t1 = a.elem;
            long w1 = width(t1);
            if (w1 == 0) {
                // zero-width elements add nothing; as in the C, the tests below still run
            }
            if (a.len <= 1 || a.len * w1 < 32L * widthptr) {
                for (long i = 0; i < a.len; i++) {
                    gengcprog1(g, t1, xoffset);
                }
            } else if (!haspointers(t1)) {
                long n = width(t);
                n -= -xoffset[0] & (widthptr - 1); // up to the next word boundary
                g.proggenarray((n + widthptr - 1) / widthptr);
                g.proggendata(BitsScalar);
                g.proggenarrayend();
                xoffset[0] -= (n + widthptr - 1) / widthptr * widthptr - width(t);
            } else {
                g.proggenarray(a.len);
                gengcprog1(g, t1, xoffset);
                xoffset[0] += (a.len - 1) * w1;
                g.proggenarrayend();
            }
        } else if (u instanceof Type.Struct st) {
            long o = 0;
            for (int i = 0; i < st.fields.size(); i++) {
                long fieldoffset = sizes.fieldOffset(st, i, Pos.NONE);
                Type ft = st.fields.get(i).type;
                g.proggenskip(xoffset[0], fieldoffset - o);
                xoffset[0] += fieldoffset - o;
                gengcprog1(g, ft, xoffset);
                o = fieldoffset + width(ft);
            }
            g.proggenskip(xoffset[0], width(t) - o);
            xoffset[0] += width(t) - o;
        } else {
            throw new IllegalStateException("gengcprog1: unexpected type, " + t);
        }
    }

    /**
     * Whether a value of t is pointer-shaped, so that the KindDirectIface flag marks it: pointers,
     * chans, funcs, unsafe.Pointer, and one-element arrays and one-field structs of such. Port of
     * subr.c isdirectiface (0a7c7ac80), with its IfacePointerOnly setting. gort's interface{} still
     * holds any word-sized value directly (Go 1.3's convT2E); the flag says only what the commit's
     * compiler says.
     */
    static boolean isdirectiface(Type t) {
        Type u = t.underlying();
        if (u instanceof Type.Pointer
                || u instanceof Type.Chan
                || u instanceof Type.Signature
                || u instanceof Type.Basic b && b.kind == Type.Kind.UNSAFE_POINTER) {
            return true;
        }
        if (u instanceof Type.Array a) {
            return a.len == 1 && isdirectiface(a.elem);
        }
        if (u instanceof Type.Struct st) {
            return st.fields.size() == 1 && isdirectiface(st.fields.get(0).type);
        }
        return false;
    }

    /** Whether interface type t has no methods: every gort interface. */
    static boolean isnilinter(Type t) {
        return t.underlying() instanceof Type.Interface;
    }
}
