package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Expr;
import gort.cmd.types.Operand.Mode;
import java.math.BigInteger;

/**
 * Composite literals, selectors, indexing and slicing (types2's expr.go compositeLit, call.go
 * selector, lookup.go, index.go). Selectors resolve package members, struct fields (through a
 * pointer: implicitDeref) and methods; a method not called is a method value, outside gort's
 * subset.
 */
abstract class CompositeChecker extends ExprChecker {

    CompositeChecker(ErrorSink sink, int ptrSize) {
        super(sink, ptrSize);
    }

    // ---------------------------------------------------------------------------------------
    // Composite literals, selectors, indexing

    @Override
    void compositeLit(Operand x, Expr.CompositeLit e, Type hint) {
        Type typ;
        Type base;
        if (e.litType != null) {
            if (e.litType instanceof Expr.ArrayType at && at.len == null) {
                typ = null; // [...]T: length from the elements
                Type elem = varType(at.elem);
                long n = indexedElts(e, elem, -1);
                typ = new Type.Array(n, elem);
                at.type = typ;
                at.isType = true;
                x.mode = Mode.VALUE;
                x.type = typ;
                return;
            }
            typ = typ(e.litType);
            base = typ;
        } else if (hint != null) {
            typ = hint;
            base = hint.underlying() instanceof Type.Pointer p ? p.elem : hint;
        } else {
            error(e, "missing type in composite literal");
            x.mode = Mode.INVALID;
            return;
        }
        Type u = base.underlying();
        if (u instanceof Type.Struct st) {
            structLit(e, st, base);
        } else if (u instanceof Type.Array a) {
            indexedElts(e, a.elem, a.len);
        } else if (u instanceof Type.Slice s) {
            indexedElts(e, s.elem, -1);
        } else {
            for (Expr el : e.elems) {
                useExpr(el instanceof Expr.KeyValue kv ? kv.val : el);
            }
            if (u != Types.INVALID) {
                error(e, "invalid composite literal type " + typ);
            }
            x.mode = Mode.INVALID;
            return;
        }
        x.mode = Mode.VALUE;
        x.type = typ;
    }

    private void structLit(Expr.CompositeLit e, Type.Struct st, Type base) {
        if (e.elems.isEmpty()) {
            e.fieldIndex = new int[0];
            return;
        }
        int[] idx = new int[e.elems.size()];
        e.fieldIndex = idx;
        if (e.elems.get(0) instanceof Expr.KeyValue) {
            boolean[] visited = new boolean[st.fields.size()];
            for (int k = 0; k < e.elems.size(); k++) {
                Expr el = e.elems.get(k);
                idx[k] = -1;
                if (!(el instanceof Expr.KeyValue kv)) {
                    error(el, "mixture of field:value and value elements in struct literal");
                    continue;
                }
                if (!(kv.key instanceof Expr.Name key)) {
                    error(kv, "invalid field name " + kv.key + " in struct literal");
                    continue;
                }
                int i = st.fieldIndex(key.value);
                if (i < 0) {
                    error(
                            kv.key,
                            "unknown field '" + key.value + "' in struct literal of type " + base);
                    continue;
                }
                Obj.Var fld = st.fields.get(i);
                key.obj = fld;
                idx[k] = i;
                Operand x = new Operand();
                exprWithHint(x, kv.val, fld.type);
                assignment(x, fld.type, "struct literal");
                if (visited[i]) {
                    error(kv, "duplicate field name " + key.value + " in struct literal");
                    continue;
                }
                visited[i] = true;
            }
        } else {
            for (int k = 0; k < e.elems.size(); k++) {
                Expr el = e.elems.get(k);
                idx[k] = k;
                if (el instanceof Expr.KeyValue kv) {
                    error(kv, "mixture of field:value and value elements in struct literal");
                    continue;
                }
                Operand x = new Operand();
                exprWithHint(x, el, k < st.fields.size() ? st.fields.get(k).type : null);
                if (k >= st.fields.size()) {
                    error(x, "too many values in " + base + "{…}");
                    break;
                }
                assignment(x, st.fields.get(k).type, "struct literal");
            }
            if (e.elems.size() < st.fields.size()) {
                error(e.rbrace, "too few values in " + base + "{…}");
            }
        }
    }

    /** Checks array/slice literal elements; returns the literal's length. */
    private long indexedElts(Expr.CompositeLit e, Type elem, long length) {
        long index = 0;
        long max = 0;
        for (Expr el : e.elems) {
            boolean validIndex = false;
            Expr val = el;
            if (el instanceof Expr.KeyValue kv) {
                long[] i = {-1};
                Operand x = new Operand();
                expr(x, kv.key);
                if (x.mode == Mode.CONSTANT && Types.isInteger(x.type)
                        || x.mode == Mode.CONSTANT
                                && Types.isUntyped(x.type)
                                && x.val.kind == Constant.Kind.INT) {
                    BigInteger v = x.val.intValue();
                    if (v.signum() >= 0 && v.bitLength() < 63) {
                        i[0] = v.longValue();
                    }
                } else if (!x.invalid()) {
                    error(el, "index " + kv.key + " must be integer constant");
                }
                if (i[0] >= 0) {
                    index = i[0];
                    validIndex = true;
                }
                val = kv.val;
            } else if (length >= 0 && index >= length) {
                error(el, "index " + index + " is out of bounds (>= " + length + ")");
            } else {
                validIndex = true;
            }
            if (validIndex) {
                index++;
                if (index > max) {
                    max = index;
                }
            }
            Operand x = new Operand();
            exprWithHint(x, val, elem);
            assignment(x, elem, "array or slice literal");
        }
        return max;
    }

    /** Set while checking a call's function, so that a method selector there is not a value. */
    Expr calleeSelector;

    @Override
    void selector(Operand x, Expr.Selector e) {
        boolean called = calleeSelector == e;
        calleeSelector = null;
        String sel = e.sel.value;
        if (e.x instanceof Expr.Name id && lookup(id.value) instanceof Obj.PkgName p) {
            p.used = true;
            id.obj = p;
            x.expr = e;
            if (!p.supported) {
                x.mode = Mode.INVALID; // reported at the import
                return;
            }
            Obj exp = p.members.lookup(sel);
            if (exp == null) {
                error(e.sel, "undefined: " + p.name + "." + sel);
                x.mode = Mode.INVALID;
                return;
            }
            e.sel.obj = exp;
            x.type = exp.type;
            if (exp instanceof Obj.Const c) {
                x.mode = Mode.CONSTANT;
                x.val = c.value;
            } else if (exp instanceof Obj.TypeName) {
                x.mode = Mode.TYPEXPR;
            } else if (exp instanceof Obj.Var) {
                x.mode = Mode.VARIABLE;
            } else {
                x.mode = Mode.VALUE;
            }
            return;
        }
        exprOrType(x, e.x);
        switch (x.mode) {
            case TYPEXPR -> {
                if (x.type instanceof Type.Named n && n.method(sel) != null) {
                    unsupported(e.sel.pos, "method expressions");
                } else {
                    error(
                            e.sel,
                            e.x
                                    + "."
                                    + sel
                                    + " undefined (type "
                                    + x.type
                                    + " has no method "
                                    + sel
                                    + ")");
                }
                x.mode = Mode.INVALID;
                return;
            }
            case BUILTIN -> {
                error(e.pos, "cannot select on " + x);
                x.mode = Mode.INVALID;
                return;
            }
            case INVALID -> {
                return;
            }
            default -> {}
        }
        if (x.type.underlying() == Types.INVALID) {
            x.mode = Mode.INVALID;
            return;
        }
        Lookup r = lookupFieldOrMethod(x.type, x.mode == Mode.VARIABLE, sel);
        if (r.obj == null) {
            if (r.indirect) {
                error(e.sel, "cannot call pointer method " + sel + " on " + x.type);
            } else {
                String why = "type " + x.type + " has no field or method " + sel;
                String other =
                        Character.isUpperCase(sel.charAt(0))
                                ? Character.toLowerCase(sel.charAt(0)) + sel.substring(1)
                                : Character.toUpperCase(sel.charAt(0)) + sel.substring(1);
                if (lookupFieldOrMethod(x.type, x.mode == Mode.VARIABLE, other).obj != null) {
                    why += ", but does have " + other;
                }
                error(e.sel, e.x + "." + sel + " undefined (" + why + ")");
            }
            x.mode = Mode.INVALID;
            return;
        }
        e.sel.obj = r.obj;
        e.implicitDeref = r.viaPointer;
        if (r.obj instanceof Obj.Var f) {
            e.fieldIndex = r.index;
            if (x.mode == Mode.VARIABLE || r.viaPointer) {
                x.mode = Mode.VARIABLE;
            } else {
                x.mode = Mode.VALUE;
            }
            x.type = f.type;
        } else {
            Obj.Func m = (Obj.Func) r.obj;
            if (!called) {
                unsupported(e.sel.pos, "method values");
            }
            objDecl(m);
            addDep(m);
            Type.Signature s = m.sig();
            x.mode = Mode.VALUE;
            x.type = s == null ? Types.INVALID : new Type.Signature(null, s.params, s.results);
        }
        x.expr = e;
    }

    record Lookup(Obj obj, int index, boolean viaPointer, boolean indirect) {}

    /** Fields and methods of T (no embedding in the subset); a *T finds T's too. */
    Lookup lookupFieldOrMethod(Type t, boolean addressable, String name) {
        boolean viaPointer = false;
        Type typ = t;
        if (t instanceof Type.Pointer p && !(t instanceof Type.Named)) {
            typ = p.elem;
            viaPointer = true;
        } else if (t.underlying() instanceof Type.Pointer p && !(t instanceof Type.Named)) {
            typ = p.elem;
            viaPointer = true;
        }
        if (typ instanceof Type.Named n) {
            Obj.Func m = n.method(name);
            if (m != null) {
                if (m.type == null) {
                    objDecl(m);
                }
                if (m.ptrRecv && !viaPointer && !addressable) {
                    return new Lookup(null, -1, false, true);
                }
                return new Lookup(m, -1, viaPointer, false);
            }
        }
        if (typ.underlying() instanceof Type.Struct st) {
            int i = st.fieldIndex(name);
            if (i >= 0) {
                return new Lookup(st.fields.get(i), i, viaPointer, false);
            }
        }
        return new Lookup(null, -1, false, false);
    }

    @Override
    void indexExpr(Operand x, Expr.Index e) {
        exprOrType(x, e.x);
        if (x.invalid()) {
            useExpr(e.index);
            return;
        }
        if (x.mode == Mode.TYPEXPR) {
            unsupported(e.start(), "generics");
            x.mode = Mode.INVALID;
            return;
        }
        boolean valid = false;
        long length = -1;
        Type u = x.type.underlying();
        if (u instanceof Type.Basic b && b.isString()) {
            valid = true;
            if (x.mode == Mode.CONSTANT) {
                length = x.val.bytes().length();
            }
            x.mode = Mode.VALUE;
            x.type = Types.BYTE;
        } else if (u instanceof Type.Array a) {
            valid = true;
            length = a.len;
            if (x.mode != Mode.VARIABLE) {
                x.mode = Mode.VALUE;
            }
            x.type = a.elem;
        } else if (u instanceof Type.Pointer p && p.elem.underlying() instanceof Type.Array a) {
            valid = true;
            length = a.len;
            x.mode = Mode.VARIABLE;
            x.type = a.elem;
            e.implicitDeref = true;
        } else if (u instanceof Type.Slice s) {
            valid = true;
            x.mode = Mode.VARIABLE;
            x.type = s.elem;
        }
        if (!valid) {
            error(e.pos, "invalid operation: cannot index " + x);
            x.mode = Mode.INVALID;
            useExpr(e.index);
            return;
        }
        Expr idx = e.index;
        if (idx instanceof Expr.ListExpr l) {
            error(l.elems.get(1), "invalid operation: more than one index");
            idx = l.elems.get(0);
        }
        index(idx, length);
        x.val = null;
    }

    /** Checks an index (or make size) expression; returns its constant value or -1. */
    long index(Expr idx, long max) {
        Operand x = new Operand();
        expr(x, idx);
        if (!isValidIndex(x, "index", false)) {
            return -1;
        }
        if (x.mode != Mode.CONSTANT || x.val.kind != Constant.Kind.INT) {
            return -1;
        }
        long v = x.val.intValue().longValue();
        if (max >= 0 && v >= max) {
            error(x, "invalid argument: index " + x.val + " out of bounds [0:" + max + "]");
            return -1;
        }
        return v;
    }

    boolean isValidIndex(Operand x, String what, boolean allowNegative) {
        if (x.invalid()) {
            return false;
        }
        convertUntyped(x, Types.INT);
        if (x.invalid()) {
            return false;
        }
        if (!Types.isInteger(x.type)) {
            error(x, "invalid argument: " + what + " " + x + " must be integer");
            return false;
        }
        if (x.mode == Mode.CONSTANT) {
            if (!allowNegative && x.val.sign() < 0) {
                error(x, "invalid argument: " + what + " " + x + " must not be negative");
                return false;
            }
            if (!representableConst(x.val, Types.INT)) {
                error(x, "invalid argument: " + what + " " + x + " overflows int");
                return false;
            }
        }
        return true;
    }

    @Override
    void sliceExpr(Operand x, Expr.Slice e) {
        expr(x, e.x);
        if (x.invalid()) {
            useExpr(e.lo);
            useExpr(e.hi);
            useExpr(e.max);
            return;
        }
        boolean valid = false;
        long length = -1;
        Type u = x.type.underlying();
        if (u instanceof Type.Basic b && b.isString()) {
            if (e.full) {
                error(
                        e.max != null ? e.max.start() : e.pos,
                        "invalid operation: 3-index slice of string");
                x.mode = Mode.INVALID;
                return;
            }
            valid = true;
            if (x.mode == Mode.CONSTANT) {
                length = x.val.bytes().length();
            }
            if (Types.isUntyped(x.type)) {
                x.type = Types.STRING;
            }
        } else if (u instanceof Type.Array a) {
            valid = true;
            length = a.len;
            if (x.mode != Mode.VARIABLE) {
                error(x, "invalid operation: " + x + " (slice of unaddressable value)");
                x.mode = Mode.INVALID;
                return;
            }
            x.type = new Type.Slice(a.elem);
        } else if (u instanceof Type.Pointer p && p.elem.underlying() instanceof Type.Array a) {
            valid = true;
            length = a.len;
            x.type = new Type.Slice(a.elem);
            e.implicitDeref = true;
        } else if (u instanceof Type.Slice) {
            valid = true;
        }
        if (!valid) {
            error(x, "cannot slice " + x);
            x.mode = Mode.INVALID;
            return;
        }
        if (e.full) {
            unsupported(e.pos, "3-index slices");
        }
        x.mode = Mode.VALUE;
        x.val = null;
        long max = length >= 0 ? length + 1 : -1;
        Expr[] idx = {e.lo, e.hi, e.max};
        long[] vals = {-1, -1, -1};
        for (int i = 0; i < 3; i++) {
            if (idx[i] != null) {
                vals[i] = index(idx[i], max);
            }
        }
        for (int i = 0; i < 3; i++) {
            if (vals[i] >= 0) {
                for (int j = i + 1; j < 3; j++) {
                    if (vals[j] >= 0 && vals[j] < vals[i]) {
                        error(idx[j], "invalid slice indices: " + vals[j] + " < " + vals[i]);
                    }
                }
            }
        }
    }
}
