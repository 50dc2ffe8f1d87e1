package gort.cmd.codegen;

import gort.cmd.syntax.Pos;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.runtime.arch.Arch;

/**
 * Go 1.3's widths and alignments of gort's types for one GOARCH (6g's dowidth for the subset): what
 * frames, descriptors and the GC masks of {@link GcSym} all agree on. Structs are padded to their
 * alignment; int64 aligns to {@code Arch.Int64Align}; strings and pointers to a word.
 */
final class TypeSizes {
    final Arch arch;
    final int w;

    TypeSizes(Arch arch) {
        this.arch = arch;
        this.w = arch.PtrSize;
    }

    /** The size of a value of type {@code t}. */
    int sizeof(Type t, Pos pos) {
        Type u = t.underlying();
        if (u instanceof Type.Slice) {
            return 3 * w; // {ptr, len, cap}
        }
        if (u instanceof Type.Interface) {
            return 2 * w; // {type, data}
        }
        if (u instanceof Type.Array a) {
            long n = a.len * sizeof(a.elem, pos);
            if (n > Integer.MAX_VALUE / 2) {
                throw new CannotCompile(pos, "values this large");
            }
            return (int) n;
        }
        if (u instanceof Type.Struct st) {
            int off = 0;
            for (Obj.Var fld : st.fields) {
                off = roundUp(off, alignof(fld.type, pos)) + sizeof(fld.type, pos);
            }
            return roundUp(off, alignof(t, pos));
        }
        return size(FrameGen.basicOf(t, pos));
    }

    int alignof(Type t, Pos pos) {
        Type u = t.underlying();
        if (u instanceof Type.Slice || u instanceof Type.Interface) {
            return w;
        }
        if (u instanceof Type.Array a) {
            return alignof(a.elem, pos);
        }
        if (u instanceof Type.Struct st) {
            int al = 1;
            for (Obj.Var fld : st.fields) {
                al = Math.max(al, alignof(fld.type, pos));
            }
            return al;
        }
        return align(FrameGen.basicOf(t, pos));
    }

    /** The byte offset of field {@code index} of {@code st}. */
    int fieldOffset(Type.Struct st, int index, Pos pos) {
        int off = 0;
        for (int i = 0; ; i++) {
            Obj.Var fld = st.fields.get(i);
            off = roundUp(off, alignof(fld.type, pos));
            if (i == index) {
                return off;
            }
            off += sizeof(fld.type, pos);
        }
    }

    int size(Type.Basic b) {
        return b.size(w);
    }

    int align(Type.Basic b) {
        return switch (b.kind) {
            case INT64, UINT64 -> arch.Int64Align;
            case STRING -> w;
            default -> size(b);
        };
    }

    /** Go 1.3's Kind of a type (typekind.h): Bool 1 ... Uintptr 12, Array 17 ... Struct 25. */
    int kindOf(Type t, Pos pos) {
        Type u = t.underlying();
        if (u instanceof Type.Array) {
            return gort.runtime.type.Type.KindArray;
        } else if (u instanceof Type.Struct) {
            return gort.runtime.type.Type.KindStruct;
        } else if (u instanceof Type.Slice) {
            return gort.runtime.type.Type.KindSlice;
        } else if (u instanceof Type.Interface) {
            return gort.runtime.type.Type.KindInterface;
        } else if (u instanceof Type.Signature) {
            return gort.runtime.type.Type.KindFunc;
        } else if (u instanceof Type.Chan) {
            return gort.runtime.type.Type.KindChan;
        }
        Type.Basic b = FrameGen.basicOf(t, pos);
        return switch (b.kind) {
            case STRING -> gort.runtime.type.Type.KindString;
            case UNSAFE_POINTER -> gort.runtime.type.Type.KindPtr;
            default -> b.kind.ordinal(); // BOOL..UINTPTR: Go 1.3's KindBool (1)..KindUintptr (12)
        };
    }

    static int roundUp(int n, int a) {
        return (n + a - 1) / a * a;
    }
}
