package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Expr;
import gort.cmd.types.Operand.Mode;
import java.util.ArrayList;
import java.util.List;

/** Calls, conversions and the built-in functions (types2's call.go and builtins.go). */
abstract class CallChecker extends CompositeChecker {

    CallChecker(ErrorSink sink, int ptrSize) {
        super(sink, ptrSize);
    }

    @Override
    ExprKind callExpr(Operand x, Expr.Call call) {
        if (Expr.unparen(call.fun) instanceof Expr.Selector s) {
            calleeSelector = s;
        }
        exprOrType(x, call.fun);
        switch (x.mode) {
            case INVALID -> {
                for (Expr a : call.args) {
                    useExpr(a);
                }
                x.expr = call;
                return ExprKind.STATEMENT;
            }
            case TYPEXPR -> {
                call.kind = Expr.CallKind.CONVERSION;
                Type t = x.type;
                x.mode = Mode.INVALID;
                switch (call.args.size()) {
                    case 0 -> error(call, "missing argument in conversion to " + t);
                    case 1 -> {
                        expr(x, call.args.get(0));
                        if (!x.invalid()) {
                            if (call.hasDots) {
                                error(
                                        call.args.get(0),
                                        "invalid use of ... in type conversion to " + t);
                            } else {
                                conversion(x, t);
                            }
                        }
                    }
                    default -> {
                        for (Expr a : call.args) {
                            useExpr(a);
                        }
                        error(
                                call.args.get(call.args.size() - 1),
                                "too many arguments in conversion to " + t);
                    }
                }
                x.expr = call;
                return ExprKind.CONVERSION;
            }
            case BUILTIN -> {
                call.kind = Expr.CallKind.BUILTIN;
                Obj.BuiltinId id = x.builtin;
                if (!builtin(x, call, id)) {
                    x.mode = Mode.INVALID;
                }
                x.expr = call;
                if (!x.invalid() && x.mode != Mode.CONSTANT) {
                    hasCallOrRecv = true;
                }
                return id == Obj.BuiltinId.PANIC
                                || id == Obj.BuiltinId.PRINT
                                || id == Obj.BuiltinId.PRINTLN
                                || id == Obj.BuiltinId.RECOVER
                                || id == Obj.BuiltinId.CLOSE
                                || id == Obj.BuiltinId.COPY
                                || id == Obj.BuiltinId.DELETE
                        ? ExprKind.STATEMENT
                        : ExprKind.EXPRESSION;
            }
            default -> {}
        }
        if (!(x.type.underlying() instanceof Type.Signature sig)) {
            error(x, "invalid operation: cannot call non-function " + x);
            x.mode = Mode.INVALID;
            x.expr = call;
            return ExprKind.STATEMENT;
        }
        call.kind = callKind(call.fun);
        List<Operand> args = exprList(call.args);
        arguments(call, sig, args);
        switch (sig.results.size()) {
            case 0 -> x.mode = Mode.NOVALUE;
            case 1 -> {
                x.mode = Mode.VALUE;
                x.type = sig.results.at(0);
            }
            default -> {
                x.mode = Mode.VALUE;
                x.type = sig.results;
            }
        }
        x.expr = call;
        hasCallOrRecv = true;
        return ExprKind.STATEMENT;
    }

    private static Expr.CallKind callKind(Expr fun) {
        Expr f = Expr.unparen(fun);
        if (f instanceof Expr.Name n && n.obj instanceof Obj.Func) {
            return Expr.CallKind.FUNC;
        }
        if (f instanceof Expr.Selector s && s.sel.obj instanceof Obj.Func m) {
            return m.isMethod ? Expr.CallKind.METHOD : Expr.CallKind.FUNC;
        }
        return Expr.CallKind.FUNC_VALUE;
    }

    /** Evaluates call arguments; a single multi-valued call is spread into its results. */
    List<Operand> exprList(List<Expr> elist) {
        List<Operand> out = new ArrayList<>();
        if (elist.size() == 1) {
            Operand x = new Operand();
            multiExpr(x, elist.get(0));
            if (x.type instanceof Type.Tuple t && !x.invalid()) {
                for (int i = 0; i < t.size(); i++) {
                    Operand o = new Operand();
                    o.mode = Mode.VALUE;
                    o.expr = elist.get(0);
                    o.type = t.at(i);
                    out.add(o);
                }
                return out;
            }
            out.add(x);
            return out;
        }
        for (Expr e : elist) {
            Operand x = new Operand();
            expr(x, e);
            out.add(x);
        }
        return out;
    }

    private void arguments(Expr.Call call, Type.Signature sig, List<Operand> args) {
        for (Operand a : args) {
            if (a.mode == Mode.TYPEXPR) {
                error(a, a + " used as value");
                return;
            }
            if (a.invalid()) {
                return;
            }
        }
        if (call.hasDots) {
            error(call, "cannot use ... in call to non-variadic " + call.fun);
            return;
        }
        int nargs = args.size();
        int npars = sig.params.size();
        if (nargs != npars) {
            Object at = call.start();
            String qualifier = "not enough";
            if (nargs > npars) {
                at = args.get(npars);
                qualifier = "too many";
            } else if (nargs > 0) {
                at = args.get(nargs - 1);
            }
            List<Type> have = new ArrayList<>();
            for (Operand a : args) {
                have.add(a.type);
            }
            List<Type> want = new ArrayList<>();
            for (Obj.Var v : sig.params.vars) {
                want.add(v.type);
            }
            String msg =
                    qualifier
                            + " arguments in call to "
                            + call.fun
                            + "\n\thave "
                            + typesSummary(have)
                            + "\n\twant "
                            + typesSummary(want);
            if (at instanceof Operand o) {
                error(o, msg);
            } else {
                error((gort.cmd.syntax.Pos) at, msg);
            }
            return;
        }
        String context = "argument to " + call.fun;
        for (int i = 0; i < nargs; i++) {
            assignment(args.get(i), sig.params.at(i), context);
        }
    }

    static String typesSummary(List<Type> list) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            Type t = list.get(i);
            if (t == null || t == Types.INVALID) {
                b.append("<T>");
            } else if (Types.isUntyped(t)) {
                b.append(
                        Types.isNumeric(t)
                                ? "number"
                                : ((Type.Basic) t).name.replace("untyped ", ""));
            } else {
                b.append(t);
            }
        }
        return b.append(')').toString();
    }

    // ---------------------------------------------------------------------------------------
    // Built-ins

    private boolean builtin(Operand x, Expr.Call call, Obj.BuiltinId id) {
        if (call.hasDots && id != Obj.BuiltinId.APPEND) {
            error(call, "invalid operation: invalid use of ... with built-in " + id.goName);
            for (Expr a : call.args) {
                useExpr(a);
            }
            return false;
        }
        switch (id) {
            case COMPLEX, REAL, IMAG -> {
                unsupported(call.start(), "complex numbers");
                return false;
            }
            case DELETE -> {
                unsupported(call.start(), "maps");
                return false;
            }
            default -> {}
        }
        boolean savedCall = hasCallOrRecv;
        if (id == Obj.BuiltinId.LEN || id == Obj.BuiltinId.CAP) {
            hasCallOrRecv = false;
        }
        try {
            return builtin0(x, call, id);
        } finally {
            if (id == Obj.BuiltinId.LEN || id == Obj.BuiltinId.CAP) {
                hasCallOrRecv = savedCall;
            }
        }
    }

    private boolean builtin0(Operand x, Expr.Call call, Obj.BuiltinId id) {
        List<Operand> xlist = null;
        int nargs = call.args.size();
        if (id != Obj.BuiltinId.MAKE && id != Obj.BuiltinId.NEW) {
            xlist = exprList(call.args);
            nargs = xlist.size();
            if (nargs > 0) {
                x.set(xlist.get(0));
                if (x.invalid()) {
                    return false;
                }
            }
        }
        String msg =
                nargs < id.nargs
                        ? "not enough"
                        : !id.variadic && nargs > id.nargs ? "too many" : "";
        if (!msg.isEmpty()) {
            error(
                    call,
                    "invalid operation: "
                            + msg
                            + " arguments for "
                            + call
                            + " (expected "
                            + id.nargs
                            + ", found "
                            + nargs
                            + ")");
            return false;
        }
        switch (id) {
            case APPEND -> {
                if (!(x.type.underlying() instanceof Type.Slice s)) {
                    String cause = x.isNil() ? "have untyped nil" : "have " + x;
                    error(x, "first argument to append must be a slice; " + cause);
                    return false;
                }
                if (call.hasDots) {
                    if (nargs != 2) {
                        error(call, "invalid operation: invalid use of ... with built-in append");
                        return false;
                    }
                    Operand y = xlist.get(1);
                    if (Types.isString(y.type) && Types.identical(s.elem, Types.BYTE)) {
                        convertUntyped(y, Types.STRING);
                    } else {
                        assignment(y, x.type, "argument to append");
                    }
                } else {
                    for (int i = 1; i < nargs; i++) {
                        assignment(xlist.get(i), s.elem, "argument to append");
                    }
                }
                x.mode = Mode.VALUE;
            }
            case CAP, LEN -> {
                Mode mode = Mode.INVALID;
                Constant val = null;
                Type u = x.type.underlying();
                if (u instanceof Type.Pointer p && p.elem.underlying() instanceof Type.Array) {
                    u = p.elem.underlying();
                }
                if (u instanceof Type.Basic b && b.isString() && id == Obj.BuiltinId.LEN) {
                    if (x.mode == Mode.CONSTANT) {
                        mode = Mode.CONSTANT;
                        val = Constant.of(x.val.bytes().length());
                    } else {
                        mode = Mode.VALUE;
                    }
                } else if (u instanceof Type.Array a) {
                    mode = Mode.VALUE;
                    if (!hasCallOrRecv) {
                        mode = Mode.CONSTANT;
                        val = Constant.of(a.len);
                    }
                } else if (u instanceof Type.Slice || u instanceof Type.Chan) {
                    mode = Mode.VALUE;
                }
                if (mode == Mode.INVALID) {
                    if (u != Types.INVALID) {
                        error(x, "invalid argument: " + x + " for " + id.goName);
                    }
                    return false;
                }
                x.mode = mode;
                x.type = Types.INT;
                x.val = val;
            }
            case CLOSE -> {
                if (!(x.type.underlying() instanceof Type.Chan ch)) {
                    error(x, "invalid operation: cannot close non-channel " + x);
                    return false;
                }
                if (ch.dir == Type.ChanDir.RECV_ONLY) {
                    error(x, "invalid operation: cannot close receive-only channel " + x);
                    return false;
                }
                x.mode = Mode.NOVALUE;
            }
            case COPY -> {
                Operand y = xlist.get(1);
                if (y.invalid()) {
                    return false;
                }
                Type src0 =
                        Types.isString(y.type) ? new Type.Slice(Types.BYTE) : y.type.underlying();
                if (!(x.type.underlying() instanceof Type.Slice dst)
                        || !(src0 instanceof Type.Slice src)) {
                    error(
                            x,
                            "invalid argument: copy expects slice arguments; found "
                                    + x
                                    + " and "
                                    + y);
                    return false;
                }
                if (!Types.identical(dst.elem, src.elem)) {
                    error(
                            x,
                            "invalid argument: arguments to copy "
                                    + x
                                    + " and "
                                    + y
                                    + " have different element types "
                                    + dst.elem
                                    + " and "
                                    + src.elem);
                    return false;
                }
                if (Types.isUntyped(y.type)) {
                    convertUntyped(y, Types.STRING);
                }
                x.mode = Mode.VALUE;
                x.type = Types.INT;
            }
            case MAKE -> {
                Expr arg0 = call.args.get(0);
                Type t = varType(arg0);
                if (t == Types.INVALID) {
                    return false;
                }
                int min;
                Type u = t.underlying();
                if (u instanceof Type.Slice) {
                    min = 2;
                } else if (u instanceof Type.Chan) {
                    min = 1;
                } else {
                    error(
                            arg0,
                            "invalid argument: cannot make "
                                    + arg0
                                    + "; type must be slice, map, or channel");
                    return false;
                }
                if (nargs < min || min + 1 < nargs) {
                    error(
                            call,
                            "invalid operation: "
                                    + call
                                    + " expects "
                                    + min
                                    + " or "
                                    + (min + 1)
                                    + " arguments; found "
                                    + nargs);
                    return false;
                }
                List<Long> sizes = new ArrayList<>();
                for (Expr a : call.args.subList(1, nargs)) {
                    long size = index(a, -1);
                    if (size >= 0) {
                        sizes.add(size);
                    }
                }
                if (sizes.size() == 2 && sizes.get(0) > sizes.get(1)) {
                    error(call.args.get(1), "invalid argument: length and capacity swapped");
                }
                x.mode = Mode.VALUE;
                x.type = t;
            }
            case NEW -> {
                Type t = varType(call.args.get(0));
                if (t == Types.INVALID) {
                    return false;
                }
                x.mode = Mode.VALUE;
                x.type = new Type.Pointer(t);
            }
            case PANIC -> {
                assignment(x, Types.EMPTY_INTERFACE, "argument to panic");
                if (x.invalid()) {
                    return false;
                }
                x.mode = Mode.NOVALUE;
            }
            case PRINT, PRINTLN -> {
                for (int i = 0; i < nargs; i++) {
                    if (i > 0) {
                        x.set(xlist.get(i));
                    }
                    assignment(x, null, "argument to " + id.goName);
                    if (x.invalid()) {
                        return false;
                    }
                }
                x.mode = Mode.NOVALUE;
            }
            case RECOVER -> {
                x.mode = Mode.VALUE;
                x.type = Types.EMPTY_INTERFACE;
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
