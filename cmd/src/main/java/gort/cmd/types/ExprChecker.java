package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.LitKind;
import gort.cmd.syntax.Operator;
import gort.cmd.types.Operand.Mode;
import java.math.BigInteger;

/**
 * Expressions (types2's expr.go): the entry points (expr, multiExpr, exprOrType), operands
 * (identifiers with closure capture, literals), and unary and binary operators with constant
 * folding. Every checked expression gets its type (and constant value) recorded on the node;
 * untyped ones when their final type is known (see {@link Conversions}).
 */
abstract class ExprChecker extends Conversions {

    /** What kind of expression was checked (for "is not used" and go/defer). */
    enum ExprKind {
        CONVERSION,
        EXPRESSION,
        STATEMENT
    }

    ExprChecker(ErrorSink sink, int ptrSize) {
        super(sink, ptrSize);
    }

    abstract ExprKind callExpr(Operand x, Expr.Call e);

    abstract void compositeLit(Operand x, Expr.CompositeLit e, Type hint);

    abstract void selector(Operand x, Expr.Selector e);

    abstract void indexExpr(Operand x, Expr.Index e);

    abstract void sliceExpr(Operand x, Expr.Slice e);

    abstract void funcBody(Type.Signature sig, Expr.FuncLit lit, FuncCtx outer);

    // ---------------------------------------------------------------------------------------
    // Entry points

    @Override
    void expr(Operand x, Expr e) {
        rawExpr(x, e, null);
        exclude(x, true, true, true);
        singleValue(x);
    }

    /** Like expr but allows multi-valued calls (the result may be a Tuple). */
    void multiExpr(Operand x, Expr e) {
        rawExpr(x, e, null);
        exclude(x, true, true, true);
    }

    void exprWithHint(Operand x, Expr e, Type hint) {
        rawExpr(x, e, hint);
        exclude(x, true, true, true);
        singleValue(x);
    }

    @Override
    void exprOrType(Operand x, Expr e) {
        rawExpr(x, e, null);
        exclude(x, true, false, false);
        singleValue(x);
    }

    void exclude(Operand x, boolean novalue, boolean builtin, boolean typexpr) {
        String msg = null;
        if (x.mode == Mode.NOVALUE && novalue) {
            msg = typexpr ? "%s used as value" : "%s used as value or type";
        } else if (x.mode == Mode.BUILTIN && builtin) {
            msg = "%s must be called";
        } else if (x.mode == Mode.TYPEXPR && typexpr) {
            msg = "%s is not an expression";
        }
        if (msg != null) {
            error(x, String.format(msg, x));
            x.mode = Mode.INVALID;
        }
    }

    ExprKind rawExpr(Operand x, Expr e, Type hint) {
        ExprKind kind = exprInternal(x, e, hint);
        record(x);
        return kind;
    }

    private ExprKind exprInternal(Operand x, Expr e0, Type hint) {
        x.mode = Mode.INVALID;
        x.type = Types.INVALID;
        x.val = null;
        x.expr = e0;
        if (e0 instanceof Expr.Bad) {
            return ExprKind.STATEMENT;
        } else if (e0 instanceof Expr.Name e) {
            ident(x, e, false);
        } else if (e0 instanceof Expr.BasicLit e) {
            basicLit(x, e);
        } else if (e0 instanceof Expr.FuncLit e) {
            FuncCtx outer = fn;
            Scope saved = scope;
            Type.Signature sig = funcType(null, e.funcType, e);
            scope = saved;
            delayed.add(() -> funcBody(sig, e, outer));
            x.mode = Mode.VALUE;
            x.type = sig;
        } else if (e0 instanceof Expr.CompositeLit e) {
            compositeLit(x, e, hint);
        } else if (e0 instanceof Expr.Paren e) {
            ExprKind k = rawExpr(x, e.x, null);
            x.expr = e;
            return k;
        } else if (e0 instanceof Expr.Selector e) {
            selector(x, e);
        } else if (e0 instanceof Expr.Index e) {
            indexExpr(x, e);
        } else if (e0 instanceof Expr.Slice e) {
            sliceExpr(x, e);
        } else if (e0 instanceof Expr.Assert e) {
            typeAssertion(x, e);
        } else if (e0 instanceof Expr.TypeSwitchGuard e) {
            error(e, "invalid AST: use of .(type) outside type switch");
            x.mode = Mode.INVALID;
        } else if (e0 instanceof Expr.Call e) {
            return callExpr(x, e);
        } else if (e0 instanceof Expr.ListExpr e) {
            error(e, "unexpected list of expressions");
            x.mode = Mode.INVALID;
        } else if (e0 instanceof Expr.Operation e) {
            if (e.y == null) {
                if (e.op == Operator.MUL) {
                    deref(x, e);
                } else {
                    unary(x, e);
                    if (!x.invalid() && e.op == Operator.RECV) {
                        x.expr = e;
                        return ExprKind.STATEMENT;
                    }
                }
            } else {
                binary(x, e, e.x, e.y, e.op);
            }
        } else if (e0 instanceof Expr.KeyValue e) {
            error(e, "invalid AST: no key:value expected");
            x.mode = Mode.INVALID;
        } else {
            // a type expression
            Type t = typ(e0);
            x.mode = t == Types.INVALID ? Mode.INVALID : Mode.TYPEXPR;
            x.type = t;
        }
        if (x.invalid()) {
            x.type = Types.INVALID;
        }
        x.expr = e0;
        return ExprKind.EXPRESSION;
    }

    /** x.(T) on an empty interface value: a comma-ok expression of type T. */
    private void typeAssertion(Operand x, Expr.Assert e) {
        expr(x, e.x);
        if (x.invalid()) {
            return;
        }
        if (!Types.isInterface(x.type)) {
            error(x, "invalid operation: " + x + " is not an interface");
            x.mode = Mode.INVALID;
            return;
        }
        Type t = varType(e.assertType);
        if (t == Types.INVALID) {
            x.mode = Mode.INVALID;
            return;
        }
        x.mode = Mode.COMMAOK;
        x.type = t;
    }

    void useExpr(Expr e) {
        if (e != null) {
            Operand x = new Operand();
            rawExpr(x, e, null);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Operands

    /** Resolves an identifier (types2's ident): marks variables used and captured. */
    void ident(Operand x, Expr.Name e, boolean wantType) {
        x.mode = Mode.INVALID;
        x.expr = e;
        Obj obj = lookup(e.value);
        if (obj == null) {
            if (e.value.equals("_")) {
                error(e, "cannot use _ as value or type");
            } else {
                error(e, "undefined: " + e.value);
            }
            return;
        }
        e.obj = obj;
        if (obj.type == null || obj instanceof Obj.TypeName && obj.type == null) {
            objDecl(obj);
        }
        if (obj instanceof Obj.PkgName p) {
            error(e, "use of package " + p.name + " not in selector");
            return;
        }
        Type t = obj.type;
        if (t == null) {
            objDecl(obj);
            t = obj.type;
        }
        if (obj instanceof Obj.Const c) {
            addDep(obj);
            if (t == Types.INVALID) {
                return;
            }
            if (c.name.equals(Universe.IOTA) && universe.lookup(Universe.IOTA) == c) {
                if (iota == null) {
                    error(e, "cannot use iota outside constant declaration");
                    return;
                }
                x.val = iota;
            } else {
                x.val = c.value;
            }
            x.mode = Mode.CONSTANT;
        } else if (obj instanceof Obj.TypeName) {
            x.mode = Mode.TYPEXPR;
        } else if (obj instanceof Obj.Var v) {
            v.used = true;
            addDep(obj);
            noteCapture(v);
            if (t == Types.INVALID) {
                return;
            }
            x.mode = Mode.VARIABLE;
        } else if (obj instanceof Obj.Func) {
            addDep(obj);
            x.mode = Mode.VALUE;
        } else if (obj instanceof Obj.Builtin b) {
            x.builtin = b.id;
            x.mode = Mode.BUILTIN;
        } else if (obj instanceof Obj.Nil) {
            x.mode = Mode.NILVALUE;
        }
        x.type = t;
        if (t == Types.INVALID && obj instanceof Obj.Func) {
            x.mode = Mode.INVALID; // reported at the declaration (e.g. a generic function)
        }
    }

    /** A use of a local of an enclosing function from a function literal captures it. */
    private void noteCapture(Obj.Var v) {
        if (v.owner == null || fn == null || fn.owner() == v.owner) {
            return;
        }
        v.captured = true;
        for (FuncCtx c = fn; c != null && c.owner() != v.owner; c = c.parent()) {
            if (c.lit() != null && !c.lit().captures.contains(v)) {
                c.lit().captures.add(v);
            }
        }
    }

    private void basicLit(Operand x, Expr.BasicLit e) {
        if (e.bad) {
            return;
        }
        switch (e.kind) {
            case INT -> {
                x.val = Constant.of(parseInt(e.lit));
                x.type = Types.UNTYPED_INT;
            }
            case RUNE -> {
                x.val = Constant.of(Quote.unquoteRune(e.lit));
                x.type = Types.UNTYPED_RUNE;
            }
            case STRING -> {
                x.val = Constant.ofBytes(Quote.unquoteString(e.lit));
                x.type = Types.UNTYPED_STRING;
            }
            default -> {
                unsupported(
                        e.pos,
                        e.kind == LitKind.FLOAT ? "floating-point numbers" : "complex numbers");
                return;
            }
        }
        x.mode = Mode.CONSTANT;
    }

    private static BigInteger parseInt(String lit) {
        String s = lit.replace("_", "").toLowerCase();
        if (s.startsWith("0x")) {
            return new BigInteger(s.substring(2), 16);
        }
        if (s.startsWith("0o")) {
            return new BigInteger(s.substring(2), 8);
        }
        if (s.startsWith("0b")) {
            return new BigInteger(s.substring(2), 2);
        }
        if (s.length() > 1 && s.startsWith("0")) {
            return new BigInteger(s.substring(1), 8);
        }
        return new BigInteger(s);
    }

    // ---------------------------------------------------------------------------------------
    // Operators

    private void deref(Operand x, Expr.Operation e) {
        exprOrType(x, e.x);
        switch (x.mode) {
            case INVALID -> {}
            case TYPEXPR -> x.type = new Type.Pointer(x.type);
            default -> {
                if (x.type.underlying() instanceof Type.Pointer p) {
                    x.mode = Mode.VARIABLE;
                    x.type = p.elem;
                } else {
                    error(x, "invalid operation: cannot indirect " + x);
                    x.mode = Mode.INVALID;
                }
            }
        }
    }

    private void unary(Operand x, Expr.Operation e) {
        expr(x, e.x);
        if (x.invalid()) {
            return;
        }
        switch (e.op) {
            case AND -> {
                if (!(Expr.unparen(e.x) instanceof Expr.CompositeLit) && x.mode != Mode.VARIABLE) {
                    error(x, "invalid operation: cannot take address of " + x);
                    x.mode = Mode.INVALID;
                    return;
                }
                x.mode = Mode.VALUE;
                x.type = new Type.Pointer(x.type);
                return;
            }
            case RECV -> {
                if (!(x.type.underlying() instanceof Type.Chan ch)) {
                    error(x, "invalid operation: cannot receive from non-channel " + x);
                    x.mode = Mode.INVALID;
                    return;
                }
                if (ch.dir == Type.ChanDir.SEND_ONLY) {
                    error(x, "invalid operation: cannot receive from send-only channel " + x);
                    x.mode = Mode.INVALID;
                    return;
                }
                x.mode = Mode.COMMAOK;
                x.type = ch.elem;
                hasCallOrRecv = true;
                return;
            }
            case TILDE -> {
                error(e, "cannot use ~ outside of interface or type constraint");
                x.mode = Mode.INVALID;
                return;
            }
            default -> {}
        }
        boolean ok =
                switch (e.op) {
                    case ADD, SUB -> Types.isNumeric(x.type);
                    case XOR -> Types.isInteger(x.type);
                    case NOT -> Types.isBoolean(x.type);
                    default -> false;
                };
        if (!ok) {
            error(x, "invalid operation: operator " + e.op + " not defined on " + x);
            x.mode = Mode.INVALID;
            return;
        }
        if (x.mode == Mode.CONSTANT) {
            if (x.val.kind == Constant.Kind.UNKNOWN) {
                return;
            }
            int prec =
                    Types.isUnsigned(x.type)
                            ? ((Type.Basic) x.type.underlying()).size(ptrSize) * 8
                            : 0;
            x.val = Constant.unary(e.op, x.val, prec);
            x.expr = e;
            overflow(x, opPos(e));
            return;
        }
        x.mode = Mode.VALUE;
    }

    /** x op y, or (e == null) the op= of an assignment lhs op= rhs (types2's binary). */
    void binary(Operand x, Expr e, Expr lhs, Expr rhs, Operator op) {
        Operand y = new Operand();
        expr(x, lhs);
        expr(y, rhs);
        if (x.invalid()) {
            return;
        }
        if (y.invalid()) {
            x.mode = Mode.INVALID;
            x.expr = y.expr;
            return;
        }
        if (op.isShift()) {
            shift(x, y, e, op);
            return;
        }
        if (canMix(x, y)) {
            convertUntyped(x, y.type);
            if (x.invalid()) {
                return;
            }
            convertUntyped(y, x.type);
            if (y.invalid()) {
                x.mode = Mode.INVALID;
                return;
            }
        }
        if (op.isComparison()) {
            comparison(x, y, op, false);
            return;
        }
        if (!Types.identical(x.type, y.type)) {
            if (x.type != Types.INVALID && y.type != Types.INVALID) {
                if (e != null) {
                    error(
                            x,
                            "invalid operation: "
                                    + e
                                    + " (mismatched types "
                                    + x.type
                                    + " and "
                                    + y.type
                                    + ")");
                } else {
                    error(
                            x,
                            "invalid operation: "
                                    + lhs
                                    + " "
                                    + op
                                    + "= "
                                    + rhs
                                    + " (mismatched types "
                                    + x.type
                                    + " and "
                                    + y.type
                                    + ")");
                }
            }
            x.mode = Mode.INVALID;
            return;
        }
        boolean ok =
                switch (op) {
                    case ADD -> Types.isNumeric(x.type) || Types.isString(x.type);
                    case SUB, MUL, DIV -> Types.isNumeric(x.type);
                    case REM, AND, OR, XOR, ANDNOT -> Types.isInteger(x.type);
                    case ANDAND, OROR -> Types.isBoolean(x.type);
                    default -> false;
                };
        if (!ok) {
            error(x, "invalid operation: operator " + op + " not defined on " + x);
            x.mode = Mode.INVALID;
            return;
        }
        if (op == Operator.DIV || op == Operator.REM) {
            if ((x.mode == Mode.CONSTANT || Types.isInteger(x.type))
                    && y.mode == Mode.CONSTANT
                    && y.val.kind == Constant.Kind.INT
                    && y.val.sign() == 0) {
                error(y, "invalid operation: division by zero");
                x.mode = Mode.INVALID;
                return;
            }
        }
        if (x.mode == Mode.CONSTANT && y.mode == Mode.CONSTANT) {
            if (x.val.kind == Constant.Kind.UNKNOWN || y.val.kind == Constant.Kind.UNKNOWN) {
                x.val = Constant.UNKNOWN;
                return;
            }
            x.val = Constant.binary(x.val, op, y.val);
            x.expr = e;
            overflow(x, e != null ? opPos(e) : x.pos());
            return;
        }
        x.mode = Mode.VALUE;
    }

    private static boolean canMix(Operand x, Operand y) {
        if (Types.isInterface(x.type) || Types.isInterface(y.type)) {
            return true;
        }
        if (Types.isBoolean(x.type) != Types.isBoolean(y.type)) {
            return false;
        }
        if (Types.isString(x.type) != Types.isString(y.type)) {
            return false;
        }
        if (x.isNil() && !Types.hasNil(y.type)) {
            return false;
        }
        return !(y.isNil() && !Types.hasNil(x.type));
    }

    void comparison(Operand x, Operand y, Operator op, boolean switchCase) {
        if (switchCase) {
            op = Operator.EQL;
        }
        Operand errOp = x;
        String cause = "";
        boolean ok = assignableTo(x, y.type, null) || assignableTo(y, x.type, null);
        if (!ok) {
            errOp = y;
            cause = "mismatched types " + x.type + " and " + y.type;
        } else if (op == Operator.EQL || op == Operator.NEQ) {
            if (x.isNil() || y.isNil()) {
                Type t = x.isNil() ? y.type : x.type;
                if (!Types.hasNil(t)) {
                    errOp = y;
                    ok = false;
                }
            } else if (!Types.comparable(x.type)) {
                errOp = x;
                cause = incomparableCause(x.type);
                ok = false;
            } else if (!Types.comparable(y.type)) {
                errOp = y;
                cause = incomparableCause(y.type);
                ok = false;
            }
        } else {
            if (!Types.isOrdered(x.type)) {
                errOp = x;
                ok = false;
            } else if (!Types.isOrdered(y.type)) {
                errOp = y;
                ok = false;
            }
        }
        if (ok) {
            if (x.mode == Mode.CONSTANT && y.mode == Mode.CONSTANT) {
                x.val = Constant.binary(x.val, op, y.val);
            } else {
                x.mode = Mode.VALUE;
                updateExprType(x.expr, Types.defaultType(x.type), true);
                updateExprType(y.expr, Types.defaultType(y.type), true);
            }
            x.type = Types.UNTYPED_BOOL;
            return;
        }
        if (cause.isEmpty()) {
            cause = "operator " + op + " not defined on " + kindString(errOp.type);
        }
        if (switchCase) {
            error(x, "invalid case " + x.expr + " in switch on " + y.expr + " (" + cause + ")");
        } else {
            error(
                    errOp,
                    "invalid operation: " + x.expr + " " + op + " " + y.expr + " (" + cause + ")");
        }
        x.mode = Mode.INVALID;
    }

    private String incomparableCause(Type t) {
        Type u = t.underlying();
        if (u instanceof Type.Slice || u instanceof Type.Signature) {
            return kindString(t) + " can only be compared to nil";
        }
        if (u instanceof Type.Struct s) {
            for (Obj.Var f : s.fields) {
                if (!Types.comparable(f.type)) {
                    return "struct containing " + f.type + " cannot be compared";
                }
            }
        }
        if (u instanceof Type.Array a) {
            return t + " cannot be compared";
        }
        return "";
    }

    static String kindString(Type t) {
        Type u = t.underlying();
        if (u instanceof Type.Array) {
            return "array";
        } else if (u instanceof Type.Slice) {
            return "slice";
        } else if (u instanceof Type.Struct) {
            return "struct";
        } else if (u instanceof Type.Pointer) {
            return "pointer";
        } else if (u instanceof Type.Signature) {
            return "func";
        } else if (u instanceof Type.Interface) {
            return "interface";
        } else if (u instanceof Type.Chan) {
            return "chan";
        }
        return t.toString();
    }

    private void shift(Operand x, Operand y, Expr e, Operator op) {
        Constant xval = x.mode == Mode.CONSTANT ? x.val : null;
        if (!(Types.isInteger(x.type)
                || Types.isUntyped(x.type) && xval != null && xval.kind == Constant.Kind.INT)) {
            error(x, "invalid operation: shifted operand " + x + " must be integer");
            x.mode = Mode.INVALID;
            return;
        }
        if (y.mode == Mode.CONSTANT) {
            if (y.val.kind == Constant.Kind.INT && y.val.sign() < 0) {
                error(y, "invalid operation: negative shift count " + y);
                x.mode = Mode.INVALID;
                return;
            }
            if (Types.isUntyped(y.type)) {
                representable(y, Types.UINT);
                if (y.invalid()) {
                    x.mode = Mode.INVALID;
                    return;
                }
            }
        } else if (Types.isInteger(y.type)) {
            // a signed count is fine since go1.13
        } else if (Types.isUntyped(y.type)) {
            convertUntyped(y, Types.UINT);
            if (y.invalid()) {
                x.mode = Mode.INVALID;
                return;
            }
        } else {
            error(y, "invalid operation: shift count " + y + " must be integer");
            x.mode = Mode.INVALID;
            return;
        }
        if (x.mode == Mode.CONSTANT) {
            if (y.mode == Mode.CONSTANT) {
                if (x.val.kind == Constant.Kind.UNKNOWN || y.val.kind == Constant.Kind.UNKNOWN) {
                    x.val = Constant.UNKNOWN;
                    return;
                }
                BigInteger s =
                        y.val.kind == Constant.Kind.INT ? y.val.intValue() : BigInteger.valueOf(-1);
                if (s.signum() < 0 || s.compareTo(BigInteger.valueOf(1023 - 1 + 52)) > 0) {
                    error(y, "invalid operation: invalid shift count " + y);
                    x.mode = Mode.INVALID;
                    return;
                }
                if (!Types.isInteger(x.type)) {
                    x.type = Types.UNTYPED_INT;
                }
                x.val = Constant.shift(xval, op, s.intValue());
                x.expr = e;
                overflow(x, opPos(e));
                return;
            }
            if (Types.isUntyped(x.type)) {
                // the lhs takes its type from the context later: remember it is a shift operand
                markShiftOperand(x.expr);
                x.mode = Mode.VALUE;
                return;
            }
        }
        if (!Types.isInteger(x.type)) {
            error(x, "invalid operation: shifted operand " + x + " must be integer");
            x.mode = Mode.INVALID;
            return;
        }
        x.mode = Mode.VALUE;
    }
}
