package gort.cmd.codegen;

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

    private final long dataStart;

    /** The data of a pass whose rodata starts at {@code dataStart}. */
    DataSegment(int ptrSize, long dataStart) {
        this.ptrSize = ptrSize;
        this.dataStart = dataStart;
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
     * Offset of a type descriptor: Go 1.3's Type (type.h), word aligned: size uintptr, hash uint32,
     * _unused uint8, align uint8, fieldAlign uint8, kind uint8 (with KindNoPointers, 1&lt;&lt;7,
     * when the type holds no pointers); then alg, gc (0 in gort), string *String (the type's name,
     * for printany), x, ptrto, zero (0). One per distinct key.
     */
    int typedesc(String key, long size, int align, int kind, boolean pointers) {
        return typedesc(key, size, align, kind, pointers, null);
    }

    int typedesc(String key, long size, int align, int kind, boolean pointers, String name) {
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
        align();
        int at = bytes.size();
        word(size);
        bytes.write(new byte[5], 0, 5); // hash, _unused
        bytes.write(align);
        bytes.write(align);
        bytes.write(kind | (pointers ? 0 : 1 << 7));
        word(0); // alg
        word(0); // gc
        word(name == null ? 0 : dataStart + str); // string
        word(0); // x
        word(0); // ptrto
        word(0); // zero
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

    /** Offset in the bss of the package variable {@code key}, allocated on first use. */
    int global(Object key, int size, int align) {
        Integer off = globals.get(key);
        if (off != null) {
            return off;
        }
        int at = (bssSize + align - 1) / align * align;
        bssSize = at + size;
        globals.put(key, at);
        return at;
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
