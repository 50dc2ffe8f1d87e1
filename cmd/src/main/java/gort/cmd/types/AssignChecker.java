package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Decl;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Operator;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.types.Operand.Mode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Assignments, returns and declarations (types2's assignments.go and decl.go): =, :=, op=, ++/--,
 * comma-ok forms, the number of values with gc's "assignment mismatch" and "have/want" messages,
 * and const (with iota and implicit repetition), var and type declarations, shared by function
 * bodies and the package level.
 */
abstract class AssignChecker extends CallChecker {

    AssignChecker(ErrorSink sink, int ptrSize) {
        super(sink, ptrSize);
    }

    /** A new local variable owned by the current function. */
    Obj.Var newLocal(String name, Pos pos) {
        Obj.Var v = new Obj.Var(name, pos, null, null, Obj.VarKind.LOCAL);
        v.owner = fn != null ? fn.owner() : null;
        return v;
    }

    // ---------------------------------------------------------------------------------------
    // Assignments

    static List<Expr> unpack(Expr x) {
        if (x instanceof Expr.ListExpr l) {
            return l.elems;
        }
        return x == null ? List.of() : List.of(x);
    }

    void assignStmt(Stmt.Assign s) {
        List<Expr> lhs = unpack(s.lhs);
        if (s.rhs == null) {
            // x++ or x--
            Operand x = new Operand();
            expr(x, lhs.get(0));
            if (x.invalid()) {
                return;
            }
            if (!Types.isNumeric(x.type)) {
                error(
                        lhs.get(0),
                        "invalid operation: "
                                + lhs.get(0)
                                + s.op
                                + s.op
                                + " (non-numeric type "
                                + x.type
                                + ")");
                return;
            }
            assignVar(lhs.get(0), x);
            return;
        }
        List<Expr> rhs = unpack(s.rhs);
        if (s.op == null) {
            assignVars(lhs, rhs);
            return;
        }
        if (s.op == Operator.DEF) {
            shortVarDecl(s, lhs, rhs);
            return;
        }
        if (lhs.size() != 1 || rhs.size() != 1) {
            error(s, "assignment operation " + s.op + " requires single-valued expressions");
            return;
        }
        Operand x = new Operand();
        binary(x, null, lhs.get(0), rhs.get(0), s.op);
        assignVar(lhs.get(0), x);
    }

    private static String measure(int n, String unit) {
        return n + " " + unit + (n != 1 ? "s" : "");
    }

    private void assignError(List<Expr> rhs, int nvars, int nvals) {
        String vars = measure(nvars, "variable");
        String vals = measure(nvals, "value");
        Expr rhs0 = rhs.get(0);
        if (rhs.size() == 1 && Expr.unparen(rhs0) instanceof Expr.Call call) {
            error(rhs0, "assignment mismatch: " + vars + " but " + call.fun + " returns " + vals);
            return;
        }
        error(rhs0, "assignment mismatch: " + vars + " but " + vals);
    }

    /** Evaluates right-hand sides; returns the operands and whether it was a comma-ok form. */
    private List<Operand> rhsList(List<Expr> rhs, boolean allowCommaOk, boolean[] commaOk) {
        if (rhs.size() == 1 && allowCommaOk) {
            Operand x = new Operand();
            multiExpr(x, rhs.get(0));
            if (x.mode == Mode.COMMAOK) {
                Operand ok = new Operand();
                ok.mode = Mode.VALUE;
                ok.expr = rhs.get(0);
                ok.type = Types.UNTYPED_BOOL;
                x.mode = Mode.VALUE;
                commaOk[0] = true;
                List<Operand> l = new ArrayList<>();
                l.add(x);
                l.add(ok);
                return l;
            }
            if (x.type instanceof Type.Tuple t && !x.invalid()) {
                List<Operand> l = new ArrayList<>();
                for (int i = 0; i < t.size(); i++) {
                    Operand o = new Operand();
                    o.mode = Mode.VALUE;
                    o.expr = rhs.get(0);
                    o.type = t.at(i);
                    l.add(o);
                }
                return l;
            }
            if (x.mode == Mode.COMMAOK) {
                x.mode = Mode.VALUE;
            }
            return new ArrayList<>(List.of(x));
        }
        List<Operand> l = exprList(rhs);
        for (Operand o : l) {
            if (o.mode == Mode.COMMAOK) {
                o.mode = Mode.VALUE;
            }
        }
        return l;
    }

    void initVars(List<Obj.Var> lhs, List<Expr> origRhs, Stmt.Return returnStmt) {
        boolean[] commaOk = {false};
        List<Operand> rhs = rhsList(origRhs, lhs.size() == 2 && returnStmt == null, commaOk);
        if (lhs.size() != rhs.size()) {
            for (Obj.Var v : lhs) {
                v.used = true;
                if (v.type == null) {
                    v.type = Types.INVALID;
                }
            }
            for (Operand x : rhs) {
                if (x.invalid()) {
                    return;
                }
            }
            if (returnStmt != null) {
                Object at = returnStmt;
                String qualifier = "not enough";
                if (rhs.size() > lhs.size()) {
                    at = rhs.get(lhs.size());
                    qualifier = "too many";
                } else if (!rhs.isEmpty()) {
                    at = rhs.get(rhs.size() - 1);
                }
                List<Type> have = new ArrayList<>();
                for (Operand x : rhs) {
                    have.add(x.type);
                }
                List<Type> want = new ArrayList<>();
                for (Obj.Var v : lhs) {
                    want.add(v.type);
                }
                String msg =
                        qualifier
                                + " return values\n\thave "
                                + typesSummary(have)
                                + "\n\twant "
                                + typesSummary(want);
                if (at instanceof Operand o) {
                    error(o, msg);
                } else {
                    error((Node) at, msg);
                }
                return;
            }
            assignError(origRhs, lhs.size(), rhs.size());
            return;
        }
        String context = returnStmt != null ? "return statement" : "assignment";
        boolean ok = true;
        for (int i = 0; i < lhs.size(); i++) {
            if (initVar(lhs.get(i), rhs.get(i), context) == null) {
                ok = false;
            }
        }
        if (!ok) {
            for (Obj.Var v : lhs) {
                v.used = true;
            }
        }
    }

    Type initVar(Obj.Var lhs, Operand x, String context) {
        if (x.invalid() || x.type == Types.INVALID || lhs.type == Types.INVALID) {
            if (lhs.type == null) {
                lhs.type = Types.INVALID;
            }
            lhs.used = true;
            return null;
        }
        if (lhs.type == null) {
            Type t = x.type;
            if (Types.isUntyped(t)) {
                if (t == Types.UNTYPED_NIL) {
                    error(x, "use of untyped nil in " + context);
                    lhs.type = Types.INVALID;
                    return null;
                }
                t = Types.defaultType(t);
            }
            lhs.type = t;
        }
        assignment(x, lhs.type, context);
        if (x.invalid()) {
            lhs.used = true;
            return null;
        }
        return x.type;
    }

    private void assignVars(List<Expr> lhs, List<Expr> origRhs) {
        boolean[] commaOk = {false};
        List<Operand> rhs = rhsList(origRhs, lhs.size() == 2, commaOk);
        if (lhs.size() != rhs.size()) {
            for (Expr e : lhs) {
                useLhs(e);
            }
            for (Operand x : rhs) {
                if (x.invalid()) {
                    return;
                }
            }
            assignError(origRhs, lhs.size(), rhs.size());
            return;
        }
        for (int i = 0; i < lhs.size(); i++) {
            assignVar(lhs.get(i), rhs.get(i));
        }
    }

    /** Evaluates an assignment target without marking a variable used. */
    private void useLhs(Expr e) {
        Obj.Var v = null;
        boolean wasUsed = false;
        if (Expr.unparen(e) instanceof Expr.Name id && lookup(id.value) instanceof Obj.Var w) {
            v = w;
            wasUsed = w.used;
        }
        useExpr(e);
        if (v != null) {
            v.used = wasUsed;
        }
    }

    Type assignVar(Expr lhs, Operand x) {
        if (x.invalid() || x.type == Types.INVALID) {
            useLhs(lhs);
            return null;
        }
        if (Expr.unparen(lhs) instanceof Expr.Name id && id.value.equals("_")) {
            assignment(x, null, "assignment to _ identifier");
            return x.invalid() ? null : x.type;
        }
        Obj.Var v = null;
        boolean vUsed = false;
        if (Expr.unparen(lhs) instanceof Expr.Name id && lookup(id.value) instanceof Obj.Var w) {
            v = w;
            vUsed = w.used;
        }
        Operand z = new Operand();
        expr(z, lhs);
        if (v != null) {
            v.used = vUsed; // an assignment is not a use
        }
        if (z.invalid() || z.type == Types.INVALID) {
            return null;
        }
        if (z.mode != Mode.VARIABLE) {
            error(z, "cannot assign to " + z);
            return null;
        }
        assignment(x, z.type, "assignment");
        return x.invalid() ? null : x.type;
    }

    private void shortVarDecl(Stmt.Assign s, List<Expr> lhs, List<Expr> rhs) {
        int top = delayed.size();
        Set<String> seen = new HashSet<>();
        List<Obj.Var> lhsVars = new ArrayList<>();
        List<Obj.Var> newVars = new ArrayList<>();
        List<Expr.Name> newIds = new ArrayList<>();
        boolean hasErr = false;
        for (Expr e : lhs) {
            if (!(e instanceof Expr.Name id)) {
                useExpr(e);
                error(e, "non-name " + e + " on left side of :=");
                hasErr = true;
                lhsVars.add(newLocal("_", e.start()));
                continue;
            }
            String name = id.value;
            if (!name.equals("_")) {
                if (!seen.add(name)) {
                    error(e, e + " repeated on left side of :=");
                    hasErr = true;
                    lhsVars.add(newLocal("_", e.start()));
                    continue;
                }
            }
            Obj alt = scope.lookup(name);
            if (alt != null) {
                id.obj = alt;
                if (alt instanceof Obj.Var av) {
                    lhsVars.add(av);
                } else {
                    error(e, "cannot assign to " + e);
                    hasErr = true;
                    lhsVars.add(newLocal("_", e.start()));
                }
                continue;
            }
            Obj.Var obj = newLocal(name, id.pos);
            lhsVars.add(obj);
            if (!name.equals("_")) {
                newVars.add(obj);
                newIds.add(id);
            }
            id.obj = obj;
        }
        initVars(lhsVars, rhs, null);
        processDelayed(top);
        if (newVars.isEmpty() && !hasErr) {
            error(s.pos, "no new variables on left side of :=");
            return;
        }
        for (int i = 0; i < newVars.size(); i++) {
            declare(scope, newIds.get(i), newVars.get(i));
            s.newVars.add(newVars.get(i));
        }
    }

    void returnStmt(Stmt.Return s) {
        Type.Tuple res = fn.sig().results;
        List<Expr> results = unpack(s.results);
        if (results.isEmpty() && res.size() > 0 && !res.vars.get(0).name.isEmpty()) {
            for (Obj.Var obj : res.vars) {
                Obj alt = lookup(obj.name);
                if (alt != null && alt != obj) {
                    error(
                            s,
                            "result parameter "
                                    + obj.name
                                    + " not in scope at return\n\t"
                                    + posString(alt.pos)
                                    + ": inner declaration of var "
                                    + obj.name
                                    + " "
                                    + obj.type);
                }
            }
            return;
        }
        initVars(new ArrayList<>(res.vars), results, s);
    }

    // ---------------------------------------------------------------------------------------
    // Local declarations

    void declStmt(List<Decl> list) {
        ConstGroups groups = new ConstGroups(list);
        for (int index = 0; index < list.size(); index++) {
            Decl decl = list.get(index);
            if (!(decl instanceof Decl.Const)) {
                groups.end();
            }
            if (decl instanceof Decl.Const s) {
                int top = delayed.size();
                ConstGroups.Spec spec = groups.at(index, s);
                Decl.Const last = spec.source();
                boolean inherited = spec.inherited();
                Constant iotaVal = spec.iota();
                List<Expr> values = unpack(last.values);
                List<Obj.Const> lhs = new ArrayList<>();
                for (int i = 0; i < s.names.size(); i++) {
                    Expr.Name name = s.names.get(i);
                    Obj.Const obj = new Obj.Const(name.value, name.pos, null, null, null);
                    lhs.add(obj);
                    constDecl(
                            obj,
                            last.type,
                            i < values.size() ? values.get(i) : null,
                            inherited,
                            iotaVal);
                }
                arity(s.pos, s.names, values, true, inherited);
                processDelayed(top);
                for (int i = 0; i < s.names.size(); i++) {
                    declare(scope, s.names.get(i), lhs.get(i));
                }
            } else if (decl instanceof Decl.Var s) {
                int top = delayed.size();
                List<Obj.Var> lhs0 = new ArrayList<>();
                for (Expr.Name name : s.names) {
                    lhs0.add(newLocal(name.value, name.pos));
                }
                List<Expr> values = unpack(s.values);
                for (int i = 0; i < lhs0.size(); i++) {
                    List<Obj.Var> lhs = null;
                    Expr init = null;
                    if (values.size() == s.names.size()) {
                        init = values.get(i);
                    } else if (values.size() == 1) {
                        lhs = lhs0;
                        init = values.get(0);
                    } else if (i < values.size()) {
                        init = values.get(i);
                    }
                    varDecl(lhs0.get(i), lhs, s.type, init);
                    if (values.size() == 1) {
                        break;
                    }
                }
                if (s.type == null || s.values != null) {
                    arity(s.pos, s.names, values, false, false);
                }
                processDelayed(top);
                for (int i = 0; i < s.names.size(); i++) {
                    declare(scope, s.names.get(i), lhs0.get(i));
                }
            } else if (decl instanceof Decl.Type s) {
                Obj.TypeName obj = new Obj.TypeName(s.name.value, s.name.pos, null, null);
                declare(scope, s.name, obj);
                typeDecl(obj, s);
            }
        }
    }

    void arity(
            Pos pos,
            List<Expr.Name> names,
            List<Expr> inits,
            boolean constDecl,
            boolean inherited) {
        int l = names.size();
        int r = inits.size();
        if (l < r) {
            Expr n = inits.get(l);
            if (inherited) {
                error(pos, "extra init expr at " + posString(n.pos));
            } else {
                error(n, "extra init expr " + n);
            }
        } else if (l > r && (constDecl || r != 1)) {
            Expr.Name n = names.get(r);
            error(n, "missing init expr for " + n.value);
        }
    }

    void constDecl(Obj.Const obj, Expr typ, Expr init, boolean inherited, Constant iotaVal) {
        Constant savedIota = iota;
        Pos savedErrpos = errpos;
        iota = iotaVal;
        errpos = Pos.NONE;
        try {
            obj.value = Constant.UNKNOWN;
            if (typ != null) {
                Type t = typ(typ);
                if (!Types.isConstType(t)) {
                    if (t.underlying() != Types.INVALID) {
                        error(typ, "invalid constant type " + t);
                    }
                    obj.type = Types.INVALID;
                    return;
                }
                obj.type = t;
            }
            Operand x = new Operand();
            if (init != null) {
                if (inherited) {
                    errpos = obj.pos;
                }
                expr(x, init);
            }
            initConst(obj, x);
        } finally {
            iota = savedIota;
            errpos = savedErrpos;
        }
    }

    private void initConst(Obj.Const lhs, Operand x) {
        if (x.invalid() || x.type == Types.INVALID || lhs.type == Types.INVALID) {
            if (lhs.type == null) {
                lhs.type = Types.INVALID;
            }
            return;
        }
        if (x.mode != Mode.CONSTANT) {
            error(x, x + " is not constant");
            if (lhs.type == null) {
                lhs.type = Types.INVALID;
            }
            return;
        }
        if (lhs.type == null) {
            lhs.type = x.type;
        }
        assignment(x, lhs.type, "constant declaration");
        if (x.invalid()) {
            return;
        }
        lhs.value = x.val;
    }

    void varDecl(Obj.Var obj, List<Obj.Var> lhs, Expr typ, Expr init) {
        try {
            if (typ != null) {
                obj.type = varType(typ);
            }
            if (init == null) {
                if (typ == null) {
                    obj.type = Types.INVALID;
                }
                return;
            }
            if (lhs == null || lhs.size() == 1) {
                Operand x = new Operand();
                expr(x, init);
                initVar(obj, x, "variable declaration");
                return;
            }
            if (typ != null) {
                for (Obj.Var v : lhs) {
                    v.type = obj.type;
                }
            }
            initVars(lhs, List.of(init), null);
        } finally {
            if (obj.type == Types.INVALID) {
                obj.used = true;
            }
            if (lhs != null) {
                for (Obj.Var v : lhs) {
                    if (v.type == Types.INVALID) {
                        v.used = true;
                    }
                }
            }
        }
    }

    void typeDecl(Obj.TypeName obj, Decl.Type d) {
        if (d.typeParams) {
            unsupported(d.name.pos, "generics");
            obj.type = Types.INVALID;
            return;
        }
        if (d.alias) {
            obj.type = Types.INVALID;
            obj.type = typ(d.type);
            return;
        }
        Type.Named named = new Type.Named(obj);
        obj.type = named;
        Type rhs = definedType(d.type, named);
        named.under = rhs instanceof Type.Named n ? n.underlying() : rhs;
        validType(named, new ArrayList<>());
    }

    /**
     * Reports a named type that contains itself by value (through arrays and struct fields), as
     * types2's validType does, and makes the types of the cycle invalid.
     */
    private boolean validType(Type t, List<Type.Named> path) {
        if (t instanceof Type.Named n) {
            int i = path.indexOf(n);
            if (i >= 0) {
                cycleError(path.subList(i, path.size()));
                return false;
            }
            if (n.under == null || n.under == Types.INVALID) {
                return true;
            }
            path.add(n);
            boolean ok = validType(n.under, path);
            path.remove(path.size() - 1);
            return ok;
        }
        if (t instanceof Type.Array a) {
            return validType(a.elem, path);
        }
        if (t instanceof Type.Struct st) {
            for (Obj.Var f : st.fields) {
                if (!validType(f.type, path)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void cycleError(List<Type.Named> cycle) {
        int first = 0;
        for (int k = 1; k < cycle.size(); k++) {
            if (cycle.get(k).obj.pos.compareTo(cycle.get(first).obj.pos) < 0) {
                first = k;
            }
        }
        Type.Named start = cycle.get(first);
        StringBuilder msg = new StringBuilder("invalid recursive type " + start.obj.name);
        for (int k = 0; k < cycle.size(); k++) {
            Obj o = cycle.get((first + k) % cycle.size()).obj;
            msg.append("\n\t")
                    .append(posString(o.pos))
                    .append(": ")
                    .append(o.name)
                    .append(" refers to");
        }
        msg.append("\n\t").append(posString(start.obj.pos)).append(": ").append(start.obj.name);
        error(start.obj.pos, msg.toString());
        for (Type.Named n : cycle) {
            n.under = Types.INVALID;
        }
    }
}
