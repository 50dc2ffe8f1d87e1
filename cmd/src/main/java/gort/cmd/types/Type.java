package gort.cmd.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Go types of gort's subset, after types2's type.go. Types are compared with {@link
 * Types#identical}; {@link #toString()} prints them as gc's messages do.
 */
public abstract class Type {
    /** The underlying type (itself except for {@link Named}). */
    public Type underlying() {
        return this;
    }

    @Override
    public String toString() {
        return TypeString.of(this);
    }

    /** Kinds of basic types; the UNTYPED_ ones are the types of untyped constants and values. */
    public enum Kind {
        INVALID,
        BOOL,
        INT,
        INT8,
        INT16,
        INT32,
        INT64,
        UINT,
        UINT8,
        UINT16,
        UINT32,
        UINT64,
        UINTPTR,
        STRING,
        UNSAFE_POINTER,
        UNTYPED_BOOL,
        UNTYPED_INT,
        UNTYPED_RUNE,
        UNTYPED_FLOAT,
        UNTYPED_STRING,
        UNTYPED_NIL
    }

    /** A predeclared type: bool, the integer types, string, and the untyped kinds. */
    public static final class Basic extends Type {
        public final Kind kind;
        public final String name;

        public Basic(Kind kind, String name) {
            this.kind = kind;
            this.name = name;
        }

        public boolean isInteger() {
            return kind.ordinal() >= Kind.INT.ordinal() && kind.ordinal() <= Kind.UINTPTR.ordinal()
                    || kind == Kind.UNTYPED_INT
                    || kind == Kind.UNTYPED_RUNE;
        }

        public boolean isUnsigned() {
            return kind.ordinal() >= Kind.UINT.ordinal()
                    && kind.ordinal() <= Kind.UINTPTR.ordinal();
        }

        public boolean isNumeric() {
            return isInteger() || kind == Kind.UNTYPED_FLOAT;
        }

        public boolean isUntyped() {
            return kind.ordinal() >= Kind.UNTYPED_BOOL.ordinal();
        }

        public boolean isBoolean() {
            return kind == Kind.BOOL || kind == Kind.UNTYPED_BOOL;
        }

        public boolean isString() {
            return kind == Kind.STRING || kind == Kind.UNTYPED_STRING;
        }

        /** Size in bytes for the given pointer size (int, uint and uintptr follow the arch). */
        public int size(int ptrSize) {
            return switch (kind) {
                case BOOL, INT8, UINT8 -> 1;
                case INT16, UINT16 -> 2;
                case INT32, UINT32 -> 4;
                case INT64, UINT64 -> 8;
                case INT, UINT, UINTPTR, UNSAFE_POINTER -> ptrSize;
                case STRING -> 2 * ptrSize;
                default -> 0;
            };
        }
    }

    /** *elem. */
    public static final class Pointer extends Type {
        public final Type elem;

        public Pointer(Type elem) {
            this.elem = elem;
        }
    }

    /** [len]elem. */
    public static final class Array extends Type {
        public final long len;
        public final Type elem;

        public Array(long len, Type elem) {
            this.len = len;
            this.elem = elem;
        }
    }

    /** []elem. */
    public static final class Slice extends Type {
        public final Type elem;

        public Slice(Type elem) {
            this.elem = elem;
        }
    }

    /** struct{fields}; each field is an {@link Obj.Var} of kind FIELD. */
    public static final class Struct extends Type {
        public final List<Obj.Var> fields = new ArrayList<>();

        public int fieldIndex(String name) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name.equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Channel direction. */
    public enum ChanDir {
        BOTH,
        SEND_ONLY,
        RECV_ONLY
    }

    /** chan elem, chan<- elem, <-chan elem. */
    public static final class Chan extends Type {
        public final ChanDir dir;
        public final Type elem;

        public Chan(ChanDir dir, Type elem) {
            this.dir = dir;
            this.elem = elem;
        }
    }

    /** An ordered list of variables: parameters, results, or the values of a multi-value call. */
    public static final class Tuple extends Type {
        public final List<Obj.Var> vars;

        public Tuple(List<Obj.Var> vars) {
            this.vars = vars;
        }

        public int size() {
            return vars.size();
        }

        public Type at(int i) {
            return vars.get(i).type;
        }
    }

    /** A function type; recv is set for methods. */
    public static final class Signature extends Type {
        public Obj.Var recv;
        public final Tuple params;
        public final Tuple results;

        /** The scope of its parameters and body (for declared functions and literals). */
        Scope scope;

        public Signature(Obj.Var recv, Tuple params, Tuple results) {
            this.recv = recv;
            this.params = params;
            this.results = results;
        }
    }

    /**
     * interface{} — gort supports only the empty interface (panic's argument, recover's result).
     */
    public static final class Interface extends Type {
        public final boolean isAny; // written "any"

        public Interface(boolean isAny) {
            this.isAny = isAny;
        }
    }

    /** A defined type: {@code type T underlying}, with its methods. */
    public static final class Named extends Type {
        public final Obj.TypeName obj;
        public Type under; // null while being declared
        public final List<Obj.Func> methods = new ArrayList<>();

        public Named(Obj.TypeName obj) {
            this.obj = obj;
        }

        @Override
        public Type underlying() {
            Type u = under;
            // a chain of named types resolves to the first non-named type
            for (int i = 0; u instanceof Named n && i < 100; i++) {
                u = n.under;
            }
            return u == null ? Types.INVALID : u;
        }

        public Obj.Func method(String name) {
            for (Obj.Func m : methods) {
                if (m.name.equals(name)) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * Stands for a predeclared or package type outside gort's subset (float64, error's methods,
     * ...): resolving it as a type reports "gort does not support {@link #what}".
     */
    public static final class Unsupported extends Type {
        public final String what;

        public Unsupported(String what) {
            this.what = what;
        }
    }
}
