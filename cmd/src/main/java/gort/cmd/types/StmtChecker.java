package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Operator;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.syntax.Token;
import gort.cmd.types.Operand.Mode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Function bodies and statements (types2's stmt.go and return.go): scopes, if, for, switch, select
 * and range, go and defer, missing return (terminating statements), and unused variables reported
 * per function in position order after its body.
 */
abstract class StmtChecker extends AssignChecker {
    StmtChecker(ErrorSink sink, int ptrSize) {
        super(sink, ptrSize);
    }

    @Override
    void funcBody(Type.Signature sig, Expr.FuncLit lit, FuncCtx outer) {
        checkBody(sig, lit, lit.body, outer);
    }

    /** Checks a function's body: statements, missing return, unused variables. */
    void checkBody(Type.Signature sig, Node owner, Stmt.Block body, FuncCtx outer) {
        Scope savedScope = scope;
        FuncCtx savedFn = fn;
        Constant savedIota = iota;
        scope = sig.scope;
        fn = new FuncCtx(sig, owner, owner instanceof Expr.FuncLit l ? l : null, outer);
        iota = null;
        stmtList(body.list);
        if (sig.results.size() > 0 && !isTerminatingList(body.list, "")) {
            error(body.rbrace, "missing return");
        }
        usage(sig.scope);
        scope = savedScope;
        fn = savedFn;
        iota = savedIota;
    }

    private void usage(Scope s) {
        List<Obj.Var> unused = new ArrayList<>();
        for (Obj o : s.elems.values()) {
            if (o instanceof Obj.Var v && !v.used) {
                unused.add(v);
            }
        }
        unused.sort(Comparator.comparing(v -> v.pos));
        for (Obj.Var v : unused) {
            error(v.pos, v.name + " declared but not used");
        }
        for (Scope c : s.children) {
            if (!c.isFunc) {
                usage(c);
            }
        }
    }

    void stmtList(List<Stmt> list) {
        for (Stmt s : list) {
            stmt(s);
        }
    }

    void stmt(Stmt s0) {
        int top = delayed.size();
        try {
            stmt0(s0);
        } finally {
            // function literals are checked before the enclosing scope changes
            processDelayed(top);
        }
    }

    private void stmt0(Stmt s0) {
        if (s0 == null || s0 instanceof Stmt.Empty) {
            return;
        }
        if (s0 instanceof Stmt.DeclStmt s) {
            declStmt(s.decls);
        } else if (s0 instanceof Stmt.Labeled s) {
            stmt(s.stmt);
        } else if (s0 instanceof Stmt.ExprStmt s) {
            Operand x = new Operand();
            ExprKind kind = rawExpr(x, s.x, null);
            String msg;
            switch (x.mode) {
                case BUILTIN -> msg = "must be called";
                case TYPEXPR -> msg = "is not an expression";
                default -> {
                    if (kind == ExprKind.STATEMENT) {
                        return;
                    }
                    msg = "is not used";
                }
            }
            error(x, x + " " + msg);
        } else if (s0 instanceof Stmt.Send s) {
            Operand ch = new Operand();
            Operand val = new Operand();
            expr(ch, s.chan);
            expr(val, s.val);
            if (ch.invalid() || val.invalid()) {
                return;
            }
            if (!(ch.type.underlying() instanceof Type.Chan c)) {
                error(s, "invalid operation: cannot send to non-channel " + ch);
                return;
            }
            if (c.dir == Type.ChanDir.RECV_ONLY) {
                error(s, "invalid operation: cannot send to receive-only channel " + ch);
                return;
            }
            assignment(val, c.elem, "send");
        } else if (s0 instanceof Stmt.Assign s) {
            assignStmt(s);
        } else if (s0 instanceof Stmt.CallStmt s) {
            suspendedCall(s.tok == Token.GO ? "go" : "defer", s.call);
        } else if (s0 instanceof Stmt.Return s) {
            returnStmt(s);
        } else if (s0 instanceof Stmt.Branch s) {
            if (s.tok == Token.GOTO && s.target != null) {
                unsupported(s.pos, "goto");
            }
        } else if (s0 instanceof Stmt.Block s) {
            openScope(false);
            stmtList(s.list);
            closeScope();
        } else if (s0 instanceof Stmt.If s) {
            openScope(false);
            simpleStmt(s.init);
            Operand x = new Operand();
            expr(x, s.cond);
            if (!x.invalid() && !Types.isBoolean(x.type)) {
                error(s.cond, "non-boolean condition in if statement");
            }
            stmt(s.then);
            if (s.els != null) {
                stmt(s.els);
            }
            closeScope();
        } else if (s0 instanceof Stmt.Switch s) {
            openScope(false);
            simpleStmt(s.init);
            if (s.tag instanceof Expr.TypeSwitchGuard g) {
                unsupported(g.pos, "type switches");
                Operand x = new Operand();
                expr(x, g.x);
                if (g.lhs != null) {
                    Obj.Var v = newLocal(g.lhs.value, g.lhs.pos);
                    v.used = true;
                    v.type = Types.INVALID;
                }
            } else {
                switchStmt(s);
            }
            closeScope();
        } else if (s0 instanceof Stmt.Select s) {
            selectStmt(s);
        } else if (s0 instanceof Stmt.For s) {
            if (s.init instanceof Stmt.Range r) {
                rangeStmt(s, r);
                return;
            }
            openScope(false);
            simpleStmt(s.init);
            if (s.cond != null) {
                Operand x = new Operand();
                expr(x, s.cond);
                if (!x.invalid() && !Types.isBoolean(x.type)) {
                    error(s.cond, "non-boolean condition in for statement");
                }
            }
            simpleStmt(s.post);
            stmt(s.body);
            closeScope();
        } else if (s0 instanceof Stmt.Range r) {
            error(r, "invalid AST: range clause outside for");
        } else {
            error(s0, "invalid statement");
        }
    }

    private void simpleStmt(Stmt s) {
        if (s != null) {
            stmt(s);
        }
    }

    private void suspendedCall(String keyword, Expr.Call call) {
        Operand x = new Operand();
        ExprKind kind = rawExpr(x, call, null);
        String msg;
        switch (kind) {
            case CONVERSION -> msg = "requires function call, not conversion";
            case EXPRESSION -> msg = "discards result of";
            default -> {
                return;
            }
        }
        error(x, keyword + " " + msg + " " + x);
    }

    // ---------------------------------------------------------------------------------------
    // Compound statements

    private void switchStmt(Stmt.Switch s) {
        Operand x = new Operand();
        if (s.tag != null) {
            expr(x, s.tag);
            assignment(x, null, "switch expression");
            if (!x.invalid() && !Types.comparable(x.type) && !Types.hasNil(x.type)) {
                error(x, "cannot switch on " + x + " (" + x.type + " is not comparable)");
                x.mode = Mode.INVALID;
            }
        } else {
            x.mode = Mode.CONSTANT;
            x.type = Types.BOOL;
            x.val = Constant.TRUE;
            Pos p = s.body.isEmpty() ? s.rbrace : s.body.get(0).pos;
            x.expr = new Expr.Name(p, "true");
        }
        Stmt.CaseClause firstDefault = null;
        for (Stmt.CaseClause c : s.body) {
            if (c.cases == null) {
                if (firstDefault != null) {
                    error(c, "multiple defaults (first at " + posString(firstDefault.pos) + ")");
                } else {
                    firstDefault = c;
                }
            }
        }
        List<Operand> seen = new ArrayList<>();
        for (Stmt.CaseClause c : s.body) {
            for (Expr e : unpack(c.cases)) {
                Operand v = new Operand();
                expr(v, e);
                if (x.invalid() || v.invalid()) {
                    continue;
                }
                convertUntyped(v, x.type);
                if (v.invalid()) {
                    continue;
                }
                Operand res = v.copy();
                comparison(res, x, Operator.EQL, true);
                if (res.invalid() || v.mode != Mode.CONSTANT) {
                    continue;
                }
                boolean dup = false;
                for (Operand prev : seen) {
                    if (prev.val.equals(v.val) && Types.identical(prev.type, v.type)) {
                        error(
                                v,
                                "duplicate case "
                                        + v
                                        + " in expression switch\n\t"
                                        + posString(prev.pos())
                                        + ": previous case");
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    seen.add(v);
                }
            }
            openScope(false);
            stmtList(c.body);
            closeScope();
        }
    }

    private void selectStmt(Stmt.Select s) {
        Stmt.CommClause firstDefault = null;
        for (Stmt.CommClause c : s.body) {
            if (c.comm == null) {
                if (firstDefault != null) {
                    error(c, "multiple defaults (first at " + posString(firstDefault.pos) + ")");
                } else {
                    firstDefault = c;
                }
            }
        }
        for (Stmt.CommClause c : s.body) {
            boolean valid = false;
            Expr rhs = null;
            if (c.comm == null || c.comm instanceof Stmt.Send) {
                valid = true;
            } else if (c.comm instanceof Stmt.Assign a) {
                if (!(a.rhs instanceof Expr.ListExpr)) {
                    rhs = a.rhs;
                }
            } else if (c.comm instanceof Stmt.ExprStmt es) {
                rhs = es.x;
            }
            if (rhs != null
                    && Expr.unparen(rhs) instanceof Expr.Operation o
                    && o.y == null
                    && o.op == Operator.RECV) {
                valid = true;
            }
            if (!valid) {
                error(c.comm, "select case must be send or receive (possibly with assignment)");
                continue;
            }
            openScope(false);
            if (c.comm != null) {
                stmt(c.comm);
            }
            stmtList(c.body);
            closeScope();
        }
    }

    private void rangeStmt(Stmt.For s, Stmt.Range r) {
        Expr sKey = r.lhs;
        Expr sValue = null;
        Expr sExtra = null;
        if (sKey instanceof Expr.ListExpr l) {
            sKey = l.elems.get(0);
            sValue = l.elems.get(1);
            if (l.elems.size() > 2) {
                sExtra = l.elems.get(2);
            }
        }
        Operand x = new Operand();
        expr(x, r.x);
        Type key = null;
        Type val = null;
        if (!x.invalid()) {
            Type u = x.type.underlying();
            String cause = "";
            if (u instanceof Type.Chan ch) {
                if (sValue != null) {
                    error(sValue, "range over " + x + " permits only one iteration variable");
                }
                if (ch.dir == Type.ChanDir.SEND_ONLY) {
                    cause = "receive from send-only channel";
                }
            } else if (sExtra != null) {
                error(sExtra, "range clause permits at most two iteration variables");
            }
            if (u instanceof Type.Pointer p && p.elem.underlying() instanceof Type.Array) {
                u = p.elem.underlying();
            }
            if (u instanceof Type.Basic b && b.isString()) {
                key = Types.INT;
                val = Types.RUNE;
            } else if (u instanceof Type.Array a) {
                key = Types.INT;
                val = a.elem;
            } else if (u instanceof Type.Slice sl) {
                key = Types.INT;
                val = sl.elem;
            } else if (u instanceof Type.Chan ch) {
                key = ch.elem;
                val = Types.INVALID;
            }
            if (key == null || !cause.isEmpty()) {
                if (cause.isEmpty()) {
                    error(x, "cannot range over " + x);
                } else {
                    error(x, "cannot range over " + x + " (" + cause + ")");
                }
            }
            if (Types.isUntyped(x.type)) {
                convertUntyped(x, Types.STRING);
            }
            r.rangeType = x.type;
        }
        openScope(false);
        Expr[] lhs = {sKey, sValue};
        Type[] rhs = {key, val};
        if (r.def) {
            List<Obj.Var> vars = new ArrayList<>();
            List<Expr.Name> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                if (lhs[i] == null) {
                    continue;
                }
                Obj.Var obj;
                if (lhs[i] instanceof Expr.Name id) {
                    obj = newLocal(id.value, id.pos);
                    id.obj = obj;
                    if (!id.value.equals("_")) {
                        vars.add(obj);
                        ids.add(id);
                    }
                } else {
                    error(lhs[i], "cannot declare " + lhs[i]);
                    obj = newLocal("_", lhs[i].start());
                }
                if (rhs[i] != null) {
                    Operand v = new Operand();
                    v.mode = Mode.VALUE;
                    v.expr = lhs[i];
                    v.type = rhs[i];
                    initVar(obj, v, "range clause");
                } else {
                    obj.type = Types.INVALID;
                    obj.used = true;
                }
            }
            if (!vars.isEmpty()) {
                for (int i = 0; i < vars.size(); i++) {
                    declare(scope, ids.get(i), vars.get(i));
                }
            } else {
                error(s, "no new variables on left side of :=");
            }
        } else {
            for (int i = 0; i < 2; i++) {
                if (lhs[i] != null && rhs[i] != null) {
                    Operand v = new Operand();
                    v.mode = Mode.VALUE;
                    v.expr = lhs[i];
                    v.type = rhs[i];
                    assignVar(lhs[i], v);
                }
            }
        }
        stmt(s.body);
        closeScope();
    }

    // ---------------------------------------------------------------------------------------
    // Terminating statements (return.go)

    boolean isTerminating(Stmt s, String label) {
        if (s instanceof Stmt.Labeled l) {
            return isTerminating(l.stmt, l.label.value);
        } else if (s instanceof Stmt.ExprStmt e) {
            return Expr.unparen(e.x) instanceof Expr.Call c
                    && c.kind == Expr.CallKind.BUILTIN
                    && Expr.unparen(c.fun) instanceof Expr.Name n
                    && n.obj instanceof Obj.Builtin b
                    && b.id == Obj.BuiltinId.PANIC;
        } else if (s instanceof Stmt.Return) {
            return true;
        } else if (s instanceof Stmt.Branch b) {
            return b.tok == Token.GOTO || b.tok == Token.FALLTHROUGH;
        } else if (s instanceof Stmt.Block b) {
            return isTerminatingList(b.list, "");
        } else if (s instanceof Stmt.If i) {
            return i.els != null && isTerminating(i.then, "") && isTerminating(i.els, "");
        } else if (s instanceof Stmt.Switch sw) {
            boolean hasDefault = false;
            for (Stmt.CaseClause c : sw.body) {
                if (c.cases == null) {
                    hasDefault = true;
                }
                if (!isTerminatingList(c.body, "") || hasBreakList(c.body, label, true)) {
                    return false;
                }
            }
            return hasDefault;
        } else if (s instanceof Stmt.Select sel) {
            for (Stmt.CommClause c : sel.body) {
                if (!isTerminatingList(c.body, "") || hasBreakList(c.body, label, true)) {
                    return false;
                }
            }
            return true;
        } else if (s instanceof Stmt.For f) {
            return !(f.init instanceof Stmt.Range)
                    && f.cond == null
                    && !hasBreak(f.body, label, true);
        }
        return false;
    }

    boolean isTerminatingList(List<Stmt> list, String label) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (!(list.get(i) instanceof Stmt.Empty)) {
                return isTerminating(list.get(i), label);
            }
        }
        return false;
    }

    private boolean hasBreakList(List<Stmt> list, String label, boolean implicit) {
        for (Stmt s : list) {
            if (hasBreak(s, label, implicit)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasBreak(Stmt s, String label, boolean implicit) {
        if (s instanceof Stmt.Branch b) {
            if (b.tok == Token.BREAK) {
                return b.label == null ? implicit : b.label.value.equals(label);
            }
        } else if (s instanceof Stmt.Labeled l) {
            return hasBreak(l.stmt, label, implicit);
        } else if (s instanceof Stmt.Block b) {
            return hasBreakList(b.list, label, implicit);
        } else if (s instanceof Stmt.If i) {
            return hasBreak(i.then, label, implicit)
                    || i.els != null && hasBreak(i.els, label, implicit);
        } else if (s instanceof Stmt.Switch sw) {
            if (label.isEmpty()) {
                return false;
            }
            for (Stmt.CaseClause c : sw.body) {
                if (hasBreakList(c.body, label, false)) {
                    return true;
                }
            }
        } else if (s instanceof Stmt.Select sel) {
            if (label.isEmpty()) {
                return false;
            }
            for (Stmt.CommClause c : sel.body) {
                if (hasBreakList(c.body, label, false)) {
                    return true;
                }
            }
        } else if (s instanceof Stmt.For f) {
            return !label.isEmpty() && hasBreak(f.body, label, false);
        }
        return false;
    }
}
