package gort.cmd.codegen;

import gort.cmd.syntax.Pos;
import gort.cmd.types.Type;
import gort.cmd.types.Types;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a program. Read-only data (6l/5l's rodata, placed right after the text at {@link
 * Image#dataStart}): the bytes of its string constants, each stored once, and the static FuncVals
 * of functions started by {@code go} (Go's {@code f·f} symbols: one word holding the function's
 * entry, filled in by the linker through a relocation). Writable data (the bss, at {@link
 * Image#bssStart}, the first page after rodata): the package-level variables, zeroed at load.
 *
 * <p>Not thread-safe; one per generation pass.
 */
final class DataSegment {
    /** A word of rodata at {@code off} to be filled with the entry of function {@code sym}. */
    record Reloc(int off, String sym) {}

    private final int ptrSize;
    private final Map<String, Integer> offsets = new HashMap<>();
    private final Map<String, Integer> funcvals = new HashMap<>();
    private final List<Reloc> relocs = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<Object, Integer> globals = new HashMap<>();
    private final Map<String, Integer> typedescs = new HashMap<>();
    private int bssSize;

    private final List<Sym> syms = new ArrayList<>();
    private final long dataStart;
    private final long bssStart;
    private final Arch arch;
    private final TypeSizes sizes;
    private final GcSym gcsym;
    private int depth;

    /** The data of a pass whose rodata starts at {@code dataStart} and bss at {@code bssStart}. */
    DataSegment(Arch arch, long dataStart, long bssStart) {
        this.arch = arch;
        this.ptrSize = arch.PtrSize;
        this.dataStart = dataStart;
        this.bssStart = bssStart;
        this.sizes = new TypeSizes(arch);
        this.gcsym = new GcSym(sizes);
    }

    /** The pass's type widths. */
    TypeSizes sizes() {
        return sizes;
    }

    /** The pass's GC type information. */
    GcSym gcsym() {
        return gcsym;
    }

    /** Offset of the bytes of {@code s} (one char per byte, as {@code Constant.bytes()}). */
    int intern(String s) {
        Integer off = offsets.get(s);
        if (off != null) {
            return off;
        }
        int at = bytes.size();
        for (int i = 0; i < s.length(); i++) {
            bytes.write(s.charAt(i) & 0xff);
        }
        offsets.put(s, at);
        return at;
    }

    /** Offset of the static FuncVal of function {@code sym} (Go's {@code sym·f}), word-aligned. */
    int funcval(String sym) {
        Integer off = funcvals.get(sym);
        if (off != null) {
            return off;
        }
        while (bytes.size() % ptrSize != 0) {
            bytes.write(0);
        }
        int at = bytes.size();
        bytes.write(new byte[ptrSize], 0, ptrSize);
        funcvals.put(sym, at);
        relocs.add(new Reloc(at, sym));
        return at;
    }

    /**
     * Offset of the type descriptor of {@code t}, in type.h's layout ({@link
     * gort.runtime.type.Type}): size, hash (0), _unused, align, fieldAlign, kind (with
     * KindNoPointers when t holds no pointers, KindDirectIface when it is pointer-shaped and
     * KindGCProg when its gc words hold a program), alg (0), gc[2] as 6g's dcommontype fills them
     * (see {@link GcSym}), string (the type's name for printany, or 0), x, ptrto and zero (0);
     * then, for pointer, slice and chan types, the elem word of PtrType, SliceType and ChanType.
     * One descriptor per distinct content.
     */
    int typedesc(Type t, String name) {
        return typedesc(t, name, Pos.NONE);
    }

    int typedesc(Type t, String name, Pos pos) {
        Type u = t.underlying();
        Type elemType = null;
        if (u instanceof Type.Pointer p) {
            elemType = p.elem;
        } else if (u instanceof Type.Slice sl) {
            elemType = sl.elem;
        } else if (u instanceof Type.Chan ch) {
            elemType = ch.elem;
        }
        long elem = 0;
        if (elemType != null && depth < 8) { // a type that points at itself ends the chain
            depth++;
            try {
                elem = dataStart + typedesc(elemType, null, pos);
            } finally {
                depth--;
            }
        }
        long size = sizes.sizeof(t, pos);
        int align = sizes.alignof(t, pos);
        boolean pointers = GcSym.haspointers(t);
        int kind = sizes.kindOf(t, pos);
        GcSym.Gc gc = gcsym.gc(t);
        String key =
                size
                        + "/"
                        + align
                        + "/"
                        + kind
                        + "/"
                        + pointers
                        + "/"
                        + (gc.prog()
                                ? "P"
                                        + gc.gc0size()
                                        + java.util.HexFormat.of().formatHex(gc.program())
                                : java.util.HexFormat.of().formatHex(gc.mask()))
                        + "/"
                        + elem
                        + "/"
                        + name;
        Integer off = typedescs.get(key);
        if (off != null) {
            return off;
        }
        int str = 0;
        if (name != null) {
            int bytesAt = intern(name);
            align();
            str = bytes.size();
            word(dataStart + bytesAt);
            word(name.length());
        }
        long gc0 = 0;
        long gc1 = 0;
        if (gc.prog()) {
            if (gc.gc0size() > 0) {
                // the unroll space: no pointers, so the bss program sees it as scalars
                gc0 =
                        bssStart
                                + global(
                                        new Object(),
                                        gc.gc0size(),
                                        ptrSize, // aligned as 6l aligns a symbol of its size; its
                                        // first word is stored atomically
                                        new Type.Array(gc.gc0size(), Types.UINT8));
            }
            gc1 = dataStart + bytes.size();
            bytes.write(gc.program(), 0, gc.program().length);
        }
        align();
        int at = bytes.size();
        word(size);
        bytes.write(new byte[5], 0, 5); // hash, _unused
        bytes.write(align);
        bytes.write(align);
        bytes.write(
                kind
                        | (pointers ? 0 : gort.runtime.type.Type.KindNoPointers)
                        | (GcSym.isdirectiface(t) ? gort.runtime.type.Type.KindDirectIface : 0)
                        | (gc.prog() ? gort.runtime.type.Type.KindGCProg : 0));
        word(0); // alg
        if (gc.prog()) {
            word(gc0);
            word(gc1);
        } else {
            bytes.write(gc.mask(), 0, gc.mask().length);
        }
        word(name == null ? 0 : dataStart + str); // string
        word(0); // x
        word(0); // ptrto
        word(0); // zero
        if (elemType != null) {
            word(elem); // PtrType/SliceType/ChanType.elem
        }
        if (bytes.size() - at
                != gort.runtime.type.Type.sizeof(arch) + (elemType != null ? ptrSize : 0)) {
            throw new IllegalStateException("typedesc: layout differs from type.h");
        }
        typedescs.put(key, at);
        return at;
    }

    private void align() {
        while (bytes.size() % ptrSize != 0) {
            bytes.write(0);
        }
    }

    private void word(long v) {
        for (int i = 0; i < ptrSize; i++) {
            bytes.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /**
     * Offset in the bss of the package variable {@code key} of type {@code type}, allocated on
     * first use.
     */
    int global(Object key, int size, int align, Type type) {
        Integer off = globals.get(key);
        if (off != null) {
            return off;
        }
        int at = (bssSize + align - 1) / align * align;
        bssSize = at + size;
        globals.put(key, at);
        syms.add(new Sym(at, size, type));
        return at;
    }

    /** A bss symbol as the linker sees it: its value (offset), size and Go type. */
    record Sym(long value, long size, Type gotype) {}

    /**
     * Appends the GC program of one bss or data symbol to g: its alignment hole as scalars, then
     * its words from its type's mask or program. Port of ld/data.c proggenaddsym (0a7c7ac80); gort
     * types every symbol, so the conservative case (no type) never arises, and diag's complaints
     * are IllegalStateExceptions.
     */
    void proggenaddsym(GcSym.ProgGen g, Sym s) {
        if (s.size() == 0) {
            return;
        }
        g.proggenskip(g.pos, s.value() - g.pos);
        g.pos += s.value() - g.pos;
        long PtrSize = ptrSize;
        if (s.gotype() == null && s.size() >= PtrSize) {
            if ((s.size() % PtrSize) != 0 || (g.pos % PtrSize) != 0) {
                throw new IllegalStateException(
                        "proggenaddsym: unaligned conservative symbol: size="
                                + s.size()
                                + " pos="
                                + g.pos);
            }
            long size = (s.size() + PtrSize - 1) / PtrSize * PtrSize;
            if (size < 32 * PtrSize) {
                for (long i = 0; i < size / PtrSize; i++) {
                    g.proggendata(FuncData.BitsPointer);
                }
            } else {
                g.proggenarray(size / PtrSize);
                g.proggendata(FuncData.BitsPointer);
                g.proggenarrayend();
            }
            g.pos = s.value() + size;
        } else if (s.gotype() == null || !GcSym.haspointers(s.gotype()) || s.size() < PtrSize) {
            if (s.size() < 32 * PtrSize) {
                // small, and possibly unaligned or tiny: one scalar per word boundary covered
                for (long i = s.value(); i < s.value() + s.size(); i++) {
                    if ((i % PtrSize) == 0) {
                        g.proggendata(FuncData.BitsScalar);
                    }
                }
            } else {
                if ((s.size() % PtrSize) != 0 || (g.pos % PtrSize) != 0) {
                    throw new IllegalStateException(
                            "proggenaddsym: unaligned noscan symbol: size="
                                    + s.size()
                                    + " pos="
                                    + g.pos);
                }
                g.proggenarray(s.size() / PtrSize);
                g.proggendata(FuncData.BitsScalar);
                g.proggenarrayend();
            }
            g.pos = s.value() + s.size();
        } else if (gcsym.usegcprog(s.gotype())) {
            g.proggendataflush();
            byte[] gcprog = gcsym.gengcprog(s.gotype(), new int[1]);
            long size = sizes.sizeof(s.gotype(), Pos.NONE);
            if ((size % PtrSize) != 0 || (g.pos % PtrSize) != 0) {
                throw new IllegalStateException(
                        "proggenaddsym: unaligned gcprog symbol: size="
                                + s.size()
                                + " pos="
                                + g.pos);
            }
            for (int i = 0; i < gcprog.length - 1; i++) { // all but its insEnd
                g.proggenemit(gcprog[i]);
            }
            g.pos = s.value() + size;
        } else {
            byte[] mask = gcsym.gengcmask(s.gotype());
            long size = sizes.sizeof(s.gotype(), Pos.NONE);
            if ((size % PtrSize) != 0 || (g.pos % PtrSize) != 0) {
                throw new IllegalStateException(
                        "proggenaddsym: unaligned gcmask symbol: size="
                                + s.size()
                                + " pos="
                                + g.pos);
            }
            for (long i = 0; i < size; i += PtrSize) {
                g.proggendata(
                        (mask[(int) (i / PtrSize / 2)] >> ((i / PtrSize % 2) * 4 + 2))
                                & FuncData.BitsMask);
            }
            g.pos = s.value() + size;
        }
    }

    /**
     * Appends runtime·gcdata and runtime·gcbss, the GC programs of the data and bss sections, to
     * the rodata, as ld/data.c's dodata builds them while it lays the sections out; returns their
     * offsets {gcdata, gcbss}. gort's data section is empty (package variables start zeroed in the
     * bss and main.init stores their initial values), so gcdata is a lone insEnd. Call once, after
     * the last global.
     */
    int[] gcprograms() {
        GcSym.ProgGen data = new GcSym.ProgGen(ptrSize);
        byte[] gcdata = data.proggenfini(0);
        GcSym.ProgGen bss = new GcSym.ProgGen(ptrSize);
        List<Sym> sorted = new ArrayList<>(syms);
        sorted.sort(java.util.Comparator.comparingLong(Sym::value));
        for (Sym s : sorted) {
            proggenaddsym(bss, s);
        }
        byte[] gcbss = bss.proggenfini(bssSize());
        int d = bytes.size();
        bytes.write(gcdata, 0, gcdata.length);
        int b = bytes.size();
        bytes.write(gcbss, 0, gcbss.length);
        return new int[] {d, b};
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    List<Reloc> relocs() {
        return List.copyOf(relocs);
    }

    int bssSize() {
        return (bssSize + ptrSize - 1) / ptrSize * ptrSize;
    }
}
