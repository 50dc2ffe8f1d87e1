package gort.cmd.types;

import gort.cmd.syntax.Pos;

/**
 * The universe scope: predeclared types, constants, nil and the built-in functions. Types outside
 * gort's subset (floats, complex numbers, comparable) are present as {@link Type.Unsupported} so
 * that using them reports "gort does not support ..." rather than "undefined". Built once per
 * check: objects carry mutable state, so nothing here is static.
 */
final class Universe {
    private Universe() {}

    /** The universe's iota object (its value is supplied by the checker per const spec). */
    static final String IOTA = "iota";

    static Scope create() {
        Scope s = new Scope(null, false);
        Type[] basics = {
            Types.BOOL,
            Types.INT,
            Types.INT8,
            Types.INT16,
            Types.INT32,
            Types.INT64,
            Types.UINT,
            Types.UINT8,
            Types.UINT16,
            Types.UINT32,
            Types.UINT64,
            Types.UINTPTR,
            Types.STRING,
            Types.BYTE,
            Types.RUNE
        };
        for (Type t : basics) {
            s.insert(new Obj.TypeName(((Type.Basic) t).name, Pos.NONE, null, t));
        }
        Type floats = new Type.Unsupported("floating-point types");
        Type complexes = new Type.Unsupported("complex numbers");
        for (String n : new String[] {"float32", "float64"}) {
            s.insert(new Obj.TypeName(n, Pos.NONE, null, floats));
        }
        for (String n : new String[] {"complex64", "complex128"}) {
            s.insert(new Obj.TypeName(n, Pos.NONE, null, complexes));
        }
        s.insert(new Obj.TypeName("comparable", Pos.NONE, null, new Type.Unsupported("generics")));
        s.insert(new Obj.TypeName("any", Pos.NONE, null, Types.ANY));
        Obj.TypeName error = new Obj.TypeName("error", Pos.NONE, null, null);
        Type.Named errorType = new Type.Named(error);
        errorType.under = Types.EMPTY_INTERFACE; // opaque: syscall.Close's result; no methods
        error.type = errorType;
        s.insert(error);
        s.insert(new Obj.Const("true", Pos.NONE, null, Types.UNTYPED_BOOL, Constant.TRUE));
        s.insert(new Obj.Const("false", Pos.NONE, null, Types.UNTYPED_BOOL, Constant.FALSE));
        s.insert(new Obj.Const(IOTA, Pos.NONE, null, Types.UNTYPED_INT, Constant.of(0)));
        s.insert(new Obj.Nil());
        for (Obj.BuiltinId id : Obj.BuiltinId.values()) {
            s.insert(new Obj.Builtin(id));
        }
        return s;
    }
}
