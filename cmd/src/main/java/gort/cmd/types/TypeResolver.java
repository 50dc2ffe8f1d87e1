package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Field;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Operator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Type expressions to types (types2's typexpr.go, signature.go, struct.go), with "gort does not
 * support" for maps, non-empty interfaces, variadic parameters, embedded fields, generics and the
 * float and complex types.
 */
abstract class TypeResolver extends CheckerBase {

    TypeResolver(ErrorSink sink, int ptrSize) {
        super(sink, ptrSize);
    }

    abstract void expr(Operand x, Expr e);

    abstract void exprOrType(Operand x, Expr e);

    /** Makes sure a package-level object has been type-checked (lazy, in dependency order). */
    abstract void objDecl(Obj obj);

    /** The type denoted by e, recorded on e; reports an error and returns INVALID otherwise. */
    Type typ(Expr e) {
        return definedType(e, null);
    }

    /** Like {@link #typ}; def is the named type being declared with e as its definition. */
    Type definedType(Expr e, Type.Named def) {
        Type t = typInternal(e, def);
        e.type = t;
        e.isType = true;
        return t;
    }

    Type varType(Expr e) {
        return typ(e);
    }

    private Type typInternal(Expr e0, Type.Named def) {
        if (e0 instanceof Expr.Bad) {
            return Types.INVALID;
        }
        if (e0 instanceof Expr.Name || e0 instanceof Expr.Selector) {
            Operand x = new Operand();
            exprOrType(x, e0);
            switch (x.mode) {
                case TYPEXPR -> {
                    if (x.type instanceof Type.Unsupported u) {
                        unsupported(e0.start(), u.what);
                        return Types.INVALID;
                    }
                    return x.type;
                }
                case INVALID -> {}
                case NOVALUE -> error(x, x + " used as type");
                default -> error(x, x + " is not a type");
            }
            return Types.INVALID;
        }
        if (e0 instanceof Expr.Paren p) {
            return definedType(p.x, def);
        }
        if (e0 instanceof Expr.ArrayType e) {
            long len;
            if (e.len != null) {
                len = arrayLength(e.len);
            } else {
                error(e, "invalid use of [...] array (outside a composite literal)");
                len = -1;
            }
            Type elem = varType(e.elem);
            return len >= 0 ? new Type.Array(len, elem) : Types.INVALID;
        }
        if (e0 instanceof Expr.SliceType e) {
            return new Type.Slice(varType(e.elem));
        }
        if (e0 instanceof Expr.DotsType e) {
            error(e, "invalid use of '...'");
            return Types.INVALID;
        }
        if (e0 instanceof Expr.StructType e) {
            return structType(e);
        }
        if (e0 instanceof Expr.Operation e && e.op == Operator.MUL && e.y == null) {
            return new Type.Pointer(varType(e.x));
        }
        if (e0 instanceof Expr.FuncType e) {
            return funcType(null, e, null);
        }
        if (e0 instanceof Expr.InterfaceType e) {
            if (!e.methods.isEmpty()) {
                unsupported(e.pos, "interfaces with methods");
                return Types.INVALID;
            }
            return Types.EMPTY_INTERFACE;
        }
        if (e0 instanceof Expr.MapType e) {
            unsupported(e.pos, "maps");
            return Types.INVALID;
        }
        if (e0 instanceof Expr.ChanType e) {
            Type.ChanDir dir =
                    switch (e.dir) {
                        case SEND -> Type.ChanDir.SEND_ONLY;
                        case RECV -> Type.ChanDir.RECV_ONLY;
                        default -> Type.ChanDir.BOTH;
                    };
            return new Type.Chan(dir, varType(e.elem));
        }
        if (e0 instanceof Expr.Index e) {
            unsupported(e.start(), "generics");
            return Types.INVALID;
        }
        Operand x = new Operand();
        expr(x, e0);
        if (!x.invalid()) {
            error(x, x + " is not a type");
        }
        return Types.INVALID;
    }

    private long arrayLength(Expr e) {
        if (e instanceof Expr.Name name) {
            Obj obj = lookup(name.value);
            if (obj == null) {
                error(name, "undeclared name " + name.value + " for array length");
                return -1;
            }
            if (!(obj instanceof Obj.Const)) {
                error(name, "invalid array length " + name.value);
                return -1;
            }
        }
        Operand x = new Operand();
        expr(x, e);
        if (x.mode != Operand.Mode.CONSTANT) {
            if (!x.invalid()) {
                error(x, "array length " + x + " must be constant");
            }
            return -1;
        }
        if ((Types.isUntyped(x.type) || Types.isInteger(x.type))
                && x.val.kind == Constant.Kind.INT) {
            BigInteger v = x.val.intValue();
            if (v.bitLength() < ptrSize * 8) {
                if (v.signum() >= 0) {
                    return v.longValue();
                }
                error(x, "invalid array length " + x);
                return -1;
            }
        }
        error(x, "array length " + x + " must be integer");
        return -1;
    }

    private Type structType(Expr.StructType e) {
        Type.Struct st = new Type.Struct();
        Scope names = new Scope(null, false);
        for (Field f : e.fields) {
            Type t = varType(f.type);
            if (f.name == null) {
                unsupported(f.type.start(), "embedded fields");
                continue;
            }
            Obj.Var v = new Obj.Var(f.name.value, f.name.pos, null, t, Obj.VarKind.FIELD);
            if (!f.name.value.equals("_")) {
                Obj alt = names.insert(v);
                if (alt != null) {
                    error(
                            f.name.pos,
                            v.name
                                    + " redeclared\n\t"
                                    + posString(alt.pos)
                                    + ": other declaration of "
                                    + v.name);
                    continue;
                }
            }
            f.name.obj = v;
            st.fields.add(v);
        }
        return st;
    }

    /**
     * The signature of a function type, with its parameters (and receiver) declared in a new
     * function scope whose parent is the current scope; owner is the function's node.
     */
    Type.Signature funcType(Field recvField, Expr.FuncType ft, Node owner) {
        Scope s = new Scope(scope, true);
        Obj.Var recv = null;
        if (recvField != null) {
            List<Obj.Var> r = collectParams(s, List.of(recvField), Obj.VarKind.RECV, owner);
            recv = r.isEmpty() ? null : r.get(0);
        }
        List<Obj.Var> params = collectParams(s, ft.params, Obj.VarKind.PARAM, owner);
        List<Obj.Var> results = collectParams(s, ft.results, Obj.VarKind.RESULT, owner);
        Type.Signature sig =
                new Type.Signature(recv, new Type.Tuple(params), new Type.Tuple(results));
        sig.scope = s;
        ft.type = sig;
        ft.isType = true;
        return sig;
    }

    private List<Obj.Var> collectParams(Scope s, List<Field> fields, Obj.VarKind kind, Node owner) {
        List<Obj.Var> vars = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Type t;
            if (f.type instanceof Expr.DotsType d) {
                unsupported(d.pos, "variadic functions");
                varType(d.elem);
                t = Types.INVALID;
            } else {
                t = varType(f.type);
            }
            String name = f.name != null ? f.name.value : "";
            Obj.Var v =
                    new Obj.Var(name, f.name != null ? f.name.pos : f.type.start(), null, t, kind);
            v.used = true; // parameters are always used
            v.owner = owner;
            if (f.name != null) {
                declare(s, f.name, v);
            }
            vars.add(v);
        }
        return vars;
    }
}
