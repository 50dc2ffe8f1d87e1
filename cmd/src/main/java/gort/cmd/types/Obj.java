package gort.cmd.types;

import gort.cmd.syntax.Decl;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Pos;

/**
 * Declared entities, after types2's object.go: what an identifier resolves to. The code generator
 * dispatches on the subclass (and on {@link Var#kind}).
 */
public abstract class Obj {
    public final String name;
    public final Pos pos;

    /** The package ("runtime", "time", ...) for members of imported packages; null for main. */
    public final String pkg;

    public Type type;

    protected Obj(String name, Pos pos, String pkg, Type type) {
        this.name = name;
        this.pos = pos;
        this.pkg = pkg;
        this.type = type;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName().toLowerCase() + " " + name;
    }

    /** Where a variable lives. */
    public enum VarKind {
        /** A package-level variable. */
        GLOBAL,
        /** A function's local variable (including := and range variables). */
        LOCAL,
        /** A parameter. */
        PARAM,
        /** A (possibly named) result. */
        RESULT,
        /** A method receiver. */
        RECV,
        /** A struct field. */
        FIELD
    }

    /**
     * A variable, parameter, result, receiver or struct field. {@link #captured} is set when a
     * function literal refers to it, i.e. it must live in a heap cell shared with the closure;
     * {@link #owner} is the function (a {@link Decl.Func} or an {@code Expr.FuncLit}) whose frame
     * declares it.
     */
    public static final class Var extends Obj {
        public final VarKind kind;
        public boolean used;
        public boolean captured;
        public Node owner;

        public Var(String name, Pos pos, String pkg, Type type, VarKind kind) {
            super(name, pos, pkg, type);
            this.kind = kind;
        }
    }

    /** A constant with its folded value. */
    public static final class Const extends Obj {
        public Constant value;

        public Const(String name, Pos pos, String pkg, Type type, Constant value) {
            super(name, pos, pkg, type);
            this.value = value;
        }
    }

    /** A type name (defined type, alias, or predeclared type). */
    public static final class TypeName extends Obj {
        public TypeName(String name, Pos pos, String pkg, Type type) {
            super(name, pos, pkg, type);
        }
    }

    /**
     * A function or method. {@link #decl} is its declaration in the program (null for members of
     * the built-in packages, which the runtime provides).
     */
    public static final class Func extends Obj {
        public Decl.Func decl;
        public boolean isMethod;
        public boolean ptrRecv;

        public Func(String name, Pos pos, String pkg, Type type) {
            super(name, pos, pkg, type);
        }

        public Type.Signature sig() {
            return (Type.Signature) type;
        }
    }

    /** The predeclared functions. */
    public enum BuiltinId {
        APPEND("append", 1, true),
        CAP("cap", 1, false),
        CLOSE("close", 1, false),
        COMPLEX("complex", 2, false),
        COPY("copy", 2, false),
        DELETE("delete", 2, false),
        IMAG("imag", 1, false),
        LEN("len", 1, false),
        MAKE("make", 1, true),
        NEW("new", 1, false),
        PANIC("panic", 1, false),
        PRINT("print", 0, true),
        PRINTLN("println", 0, true),
        REAL("real", 1, false),
        RECOVER("recover", 0, false);

        public final String goName;
        public final int nargs;
        public final boolean variadic;

        BuiltinId(String goName, int nargs, boolean variadic) {
            this.goName = goName;
            this.nargs = nargs;
            this.variadic = variadic;
        }
    }

    /** A built-in function (len, make, println, ...). */
    public static final class Builtin extends Obj {
        public final BuiltinId id;

        public Builtin(BuiltinId id) {
            super(id.goName, Pos.NONE, null, Types.INVALID);
            this.id = id;
        }
    }

    /** An imported package name. {@code supported} is false for packages outside the subset. */
    public static final class PkgName extends Obj {
        public final String path;
        public final Scope members;
        public final boolean supported;
        public boolean used;

        public PkgName(String name, Pos pos, String path, Scope members, boolean supported) {
            super(name, pos, null, Types.INVALID);
            this.path = path;
            this.members = members;
            this.supported = supported;
        }
    }

    /** The predeclared nil. */
    public static final class Nil extends Obj {
        public Nil() {
            super("nil", Pos.NONE, null, Types.UNTYPED_NIL);
        }
    }
}
