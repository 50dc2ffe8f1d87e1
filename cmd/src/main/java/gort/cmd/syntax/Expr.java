package gort.cmd.syntax;

import gort.cmd.types.Constant;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Expressions and type expressions, after syntax/nodes.go. The checker fills in {@link #type} (for
 * a type expression: the type it denotes, with {@link #isType} set) and, for constants, {@link
 * #value}; see each subclass for what else it records for the code generator.
 */
public abstract class Expr extends Node {
    /** The expression's type after checking; for an untyped constant, its final (default) type. */
    public Type type;

    /** The folded value when the expression is a constant. */
    public Constant value;

    /** True when the expression denotes a type rather than a value. */
    public boolean isType;

    protected Expr(Pos pos) {
        super(pos);
    }

    @Override
    public String toString() {
        return Printer.string(this);
    }

    /** Placeholder for an expression that failed to parse. */
    public static final class Bad extends Expr {
        public Bad(Pos pos) {
            super(pos);
        }
    }

    /** An identifier. {@link #obj} is the object it declares or uses (null for "_" and fields). */
    public static final class Name extends Expr {
        public final String value;
        public Obj obj;

        public Name(Pos pos, String value) {
            super(pos);
            this.value = value;
        }
    }

    /** An int, float, imaginary, rune or string literal; {@code bad} if the scanner complained. */
    public static final class BasicLit extends Expr {
        public final String lit;
        public final LitKind kind;
        public final boolean bad;

        public BasicLit(Pos pos, String lit, LitKind kind, boolean bad) {
            super(pos);
            this.lit = lit;
            this.kind = kind;
            this.bad = bad;
        }
    }

    /**
     * {@code T{...}}. For a struct literal, {@link #fieldIndex} gives the field of each element.
     */
    public static final class CompositeLit extends Expr {
        public Expr litType; // may be null inside another composite literal
        public final List<Expr> elems = new ArrayList<>();
        public int nkeys;
        public Pos rbrace = Pos.NONE;
        public int[] fieldIndex;

        public CompositeLit(Pos pos) {
            super(pos);
        }

        @Override
        public Pos start() {
            return litType != null ? litType.start() : pos;
        }
    }

    /** {@code key: value} inside a composite literal. */
    public static final class KeyValue extends Expr {
        public final Expr key;
        public final Expr val;

        public KeyValue(Pos pos, Expr key, Expr val) {
            super(pos);
            this.key = key;
            this.val = val;
        }
    }

    /**
     * {@code func(...) {...}}. {@link #captures} lists the enclosing functions' variables the
     * literal (or a literal nested in it) uses; each is marked {@link Obj.Var#captured}.
     */
    public static final class FuncLit extends Expr {
        public final FuncType funcType;
        public final Stmt.Block body;
        public final List<Obj.Var> captures = new ArrayList<>();

        public FuncLit(Pos pos, FuncType funcType, Stmt.Block body) {
            super(pos);
            this.funcType = funcType;
            this.body = body;
        }
    }

    /** {@code (x)}. */
    public static final class Paren extends Expr {
        public final Expr x;

        public Paren(Pos pos, Expr x) {
            super(pos);
            this.x = x;
        }
    }

    /**
     * {@code x.sel}: a package member (runtime.Gosched), a struct field (through pointers, {@link
     * #implicitDeref} tells) or a method call's method. {@link #sel}.obj is the member: an {@link
     * Obj.Var} field (index {@link #fieldIndex}), an {@link Obj.Func} method or the package's
     * object.
     */
    public static final class Selector extends Expr {
        public final Expr x;
        public final Name sel;
        public int fieldIndex = -1;
        public boolean implicitDeref;

        public Selector(Pos pos, Expr x, Name sel) {
            super(pos);
            this.x = x;
            this.sel = sel;
        }

        @Override
        public Pos start() {
            return x.start();
        }
    }

    /** {@code x[index]}. */
    public static final class Index extends Expr {
        public final Expr x;
        public final Expr index;
        public boolean implicitDeref; // x is a pointer to an array

        public Index(Pos pos, Expr x, Expr index) {
            super(pos);
            this.x = x;
            this.index = index;
        }

        @Override
        public Pos start() {
            return x.start();
        }
    }

    /** {@code x[lo:hi]} or {@code x[lo:hi:max]} ({@link #full}); bounds may be null. */
    public static final class Slice extends Expr {
        public final Expr x;
        public Expr lo;
        public Expr hi;
        public Expr max;
        public boolean full;
        public boolean implicitDeref;

        public Slice(Pos pos, Expr x) {
            super(pos);
            this.x = x;
        }
    }

    /** {@code x.(T)} — parsed, but outside gort's subset. */
    public static final class Assert extends Expr {
        public final Expr x;
        public final Expr assertType;

        public Assert(Pos pos, Expr x, Expr assertType) {
            super(pos);
            this.x = x;
            this.assertType = assertType;
        }

        @Override
        public Pos start() {
            return x.start();
        }
    }

    /** {@code [lhs :=] x.(type)} — parsed, but outside gort's subset. */
    public static final class TypeSwitchGuard extends Expr {
        public Name lhs;
        public final Expr x;

        public TypeSwitchGuard(Pos pos, Expr x) {
            super(pos);
            this.x = x;
        }

        @Override
        public Pos start() {
            return lhs != null ? lhs.start() : x.start();
        }
    }

    /** A unary ({@code y == null}) or binary operation; pos is the operator's. */
    public static final class Operation extends Expr {
        public final Operator op;
        public Expr x;
        public Expr y;

        public Operation(Pos pos, Operator op, Expr x, Expr y) {
            super(pos);
            this.op = op;
            this.x = x;
            this.y = y;
        }

        @Override
        public Pos start() {
            return y != null ? x.start() : pos;
        }
    }

    /** What a call does, decided by the checker. */
    public enum CallKind {
        /** A call of a declared function, package function or method (static target). */
        FUNC,
        /** A call of a function value (variable, closure, result of a call). */
        FUNC_VALUE,
        /** A method call: {@code recv.m(args)}; the receiver is {@link Selector#x}. */
        METHOD,
        /** A built-in function (len, make, println, ...). */
        BUILTIN,
        /** A conversion {@code T(x)}. */
        CONVERSION
    }

    /** {@code fun(args)}; pos is the '('. */
    public static final class Call extends Expr {
        public final Expr fun;
        public final List<Expr> args;
        public final boolean hasDots;
        public CallKind kind;
        public Pos rparen = Pos.NONE;

        public Call(Pos pos, Expr fun, List<Expr> args, boolean hasDots) {
            super(pos);
            this.fun = fun;
            this.args = args;
            this.hasDots = hasDots;
        }

        @Override
        public Pos start() {
            return fun.start();
        }
    }

    /** {@code a, b, c} in assignments, returns and declarations. */
    public static final class ListExpr extends Expr {
        public final List<Expr> elems;

        public ListExpr(Pos pos, List<Expr> elems) {
            super(pos);
            this.elems = elems;
        }

        @Override
        public Pos start() {
            return elems.isEmpty() ? pos : elems.get(0).start();
        }
    }

    /** {@code [len]elem}; len is null for {@code [...]elem}. */
    public static final class ArrayType extends Expr {
        public final Expr len;
        public final Expr elem;

        public ArrayType(Pos pos, Expr len, Expr elem) {
            super(pos);
            this.len = len;
            this.elem = elem;
        }
    }

    /** {@code []elem}. */
    public static final class SliceType extends Expr {
        public final Expr elem;

        public SliceType(Pos pos, Expr elem) {
            super(pos);
            this.elem = elem;
        }
    }

    /** {@code ...elem} of a variadic parameter. */
    public static final class DotsType extends Expr {
        public final Expr elem;

        public DotsType(Pos pos, Expr elem) {
            super(pos);
            this.elem = elem;
        }
    }

    /** {@code struct{...}}. */
    public static final class StructType extends Expr {
        public final List<Field> fields = new ArrayList<>();

        public StructType(Pos pos) {
            super(pos);
        }
    }

    /** {@code func(params) results}. */
    public static final class FuncType extends Expr {
        public List<Field> params = new ArrayList<>();
        public List<Field> results = new ArrayList<>();
        public boolean typeParams; // generic: outside gort's subset

        public FuncType(Pos pos) {
            super(pos);
        }
    }

    /** {@code interface{...}}. */
    public static final class InterfaceType extends Expr {
        public final List<Field> methods = new ArrayList<>();

        public InterfaceType(Pos pos) {
            super(pos);
        }
    }

    /** {@code map[key]value}. */
    public static final class MapType extends Expr {
        public final Expr key;
        public final Expr val;

        public MapType(Pos pos, Expr key, Expr val) {
            super(pos);
            this.key = key;
            this.val = val;
        }
    }

    /** Channel direction as written. */
    public enum ChanDir {
        BOTH,
        SEND,
        RECV
    }

    /** {@code chan T}, {@code chan<- T}, {@code <-chan T}. */
    public static final class ChanType extends Expr {
        public ChanDir dir;
        public final Expr elem;

        public ChanType(Pos pos, ChanDir dir, Expr elem) {
            super(pos);
            this.dir = dir;
            this.elem = elem;
        }
    }

    /** Strips parentheses. */
    public static Expr unparen(Expr x) {
        while (x instanceof Paren p) {
            x = p.x;
        }
        return x;
    }
}
