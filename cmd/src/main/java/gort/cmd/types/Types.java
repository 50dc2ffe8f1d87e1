package gort.cmd.types;

import gort.cmd.types.Type.Basic;
import gort.cmd.types.Type.Kind;

/** The predeclared basic types and type predicates (types2's predicates.go, universe.go). */
public final class Types {
    private Types() {}

    public static final Basic INVALID = new Basic(Kind.INVALID, "invalid type");
    public static final Basic BOOL = new Basic(Kind.BOOL, "bool");
    public static final Basic INT = new Basic(Kind.INT, "int");
    public static final Basic INT8 = new Basic(Kind.INT8, "int8");
    public static final Basic INT16 = new Basic(Kind.INT16, "int16");
    public static final Basic INT32 = new Basic(Kind.INT32, "int32");
    public static final Basic INT64 = new Basic(Kind.INT64, "int64");
    public static final Basic UINT = new Basic(Kind.UINT, "uint");
    public static final Basic UINT8 = new Basic(Kind.UINT8, "uint8");
    public static final Basic UINT16 = new Basic(Kind.UINT16, "uint16");
    public static final Basic UINT32 = new Basic(Kind.UINT32, "uint32");
    public static final Basic UINT64 = new Basic(Kind.UINT64, "uint64");
    public static final Basic UINTPTR = new Basic(Kind.UINTPTR, "uintptr");
    public static final Basic STRING = new Basic(Kind.STRING, "string");

    /** byte and rune are uint8 and int32 under their own names, as in types2. */
    public static final Basic BYTE = new Basic(Kind.UINT8, "byte");

    public static final Basic RUNE = new Basic(Kind.INT32, "rune");
    public static final Basic UNTYPED_BOOL = new Basic(Kind.UNTYPED_BOOL, "untyped bool");
    public static final Basic UNTYPED_INT = new Basic(Kind.UNTYPED_INT, "untyped int");
    public static final Basic UNTYPED_RUNE = new Basic(Kind.UNTYPED_RUNE, "untyped rune");
    public static final Basic UNTYPED_FLOAT = new Basic(Kind.UNTYPED_FLOAT, "untyped float");
    public static final Basic UNTYPED_STRING = new Basic(Kind.UNTYPED_STRING, "untyped string");
    public static final Basic UNTYPED_NIL = new Basic(Kind.UNTYPED_NIL, "untyped nil");
    public static final Type.Interface EMPTY_INTERFACE = new Type.Interface(false);
    public static final Type.Interface ANY = new Type.Interface(true);

    static Basic basic(Type t) {
        return t == null ? null : t.underlying() instanceof Basic b ? b : null;
    }

    public static boolean isUntyped(Type t) {
        return t instanceof Basic b && b.isUntyped();
    }

    public static boolean isTyped(Type t) {
        return !isUntyped(t);
    }

    public static boolean isInteger(Type t) {
        Basic b = basic(t);
        return b != null && b.isInteger();
    }

    public static boolean isUnsigned(Type t) {
        Basic b = basic(t);
        return b != null && b.isUnsigned();
    }

    public static boolean isNumeric(Type t) {
        Basic b = basic(t);
        return b != null && b.isNumeric();
    }

    public static boolean isBoolean(Type t) {
        Basic b = basic(t);
        return b != null && b.isBoolean();
    }

    public static boolean isString(Type t) {
        Basic b = basic(t);
        return b != null && b.isString();
    }

    /** Types with an order: integers and strings. */
    public static boolean isOrdered(Type t) {
        return isInteger(t) || isString(t) || isNumeric(t);
    }

    public static boolean isConstType(Type t) {
        Basic b = basic(t);
        return b != null
                && (b.isInteger() || b.isBoolean() || b.isString() || b.kind == Kind.UNTYPED_FLOAT);
    }

    public static boolean isInterface(Type t) {
        return t != null && t.underlying() instanceof Type.Interface;
    }

    /** Basic and named types have names; composite literals of types do not. */
    public static boolean hasName(Type t) {
        return t instanceof Basic || t instanceof Type.Named;
    }

    public static boolean hasNil(Type t) {
        Type u = t.underlying();
        return u instanceof Type.Pointer
                || u instanceof Type.Slice
                || u instanceof Type.Signature
                || u instanceof Type.Chan
                || u instanceof Type.Interface
                || u instanceof Basic b && b.kind == Kind.UNSAFE_POINTER;
    }

    /** The type an untyped constant gets where no type is implied. */
    public static Type defaultType(Type t) {
        if (t instanceof Basic b) {
            return switch (b.kind) {
                case UNTYPED_BOOL -> BOOL;
                case UNTYPED_INT -> INT;
                case UNTYPED_RUNE -> RUNE;
                case UNTYPED_STRING -> STRING;
                default -> t;
            };
        }
        return t;
    }

    public static boolean comparable(Type t) {
        Type u = t.underlying();
        if (u instanceof Basic b) {
            return b.kind != Kind.UNTYPED_NIL;
        }
        if (u instanceof Type.Pointer || u instanceof Type.Chan || u instanceof Type.Interface) {
            return true;
        }
        if (u instanceof Type.Struct s) {
            for (Obj.Var f : s.fields) {
                if (!comparable(f.type)) {
                    return false;
                }
            }
            return true;
        }
        if (u instanceof Type.Array a) {
            return comparable(a.elem);
        }
        return false;
    }

    public static boolean identical(Type x, Type y) {
        if (x == y) {
            return true;
        }
        if (x == null || y == null) {
            return false;
        }
        if (x instanceof Basic a && y instanceof Basic b) {
            return a.kind == b.kind;
        }
        if (x instanceof Type.Pointer a && y instanceof Type.Pointer b) {
            return identical(a.elem, b.elem);
        }
        if (x instanceof Type.Slice a && y instanceof Type.Slice b) {
            return identical(a.elem, b.elem);
        }
        if (x instanceof Type.Array a && y instanceof Type.Array b) {
            return a.len == b.len && identical(a.elem, b.elem);
        }
        if (x instanceof Type.Chan a && y instanceof Type.Chan b) {
            return a.dir == b.dir && identical(a.elem, b.elem);
        }
        if (x instanceof Type.Struct a && y instanceof Type.Struct b) {
            if (a.fields.size() != b.fields.size()) {
                return false;
            }
            for (int i = 0; i < a.fields.size(); i++) {
                Obj.Var f = a.fields.get(i);
                Obj.Var g = b.fields.get(i);
                if (!f.name.equals(g.name) || !identical(f.type, g.type)) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof Type.Tuple a && y instanceof Type.Tuple b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!identical(a.at(i), b.at(i))) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof Type.Signature a && y instanceof Type.Signature b) {
            return identical(a.params, b.params) && identical(a.results, b.results);
        }
        if (x instanceof Type.Interface && y instanceof Type.Interface) {
            return true; // only the empty interface exists in the subset
        }
        return false;
    }
}
