package gort.cmd.syntax;

import java.util.List;
import java.util.function.Predicate;

/**
 * A pre-order walk over a syntax tree (go/ast.Inspect): the visitor sees each node before its
 * children and returns false to skip them. Type expressions are visited too ({@link Expr#isType}
 * tells them apart after checking).
 */
public final class Inspector {
    private final Predicate<Node> visitor;

    private Inspector(Predicate<Node> visitor) {
        this.visitor = visitor;
    }

    public static void inspect(Node root, Predicate<Node> visitor) {
        new Inspector(visitor).node(root);
    }

    private void all(List<? extends Node> list) {
        for (Node n : list) {
            node(n);
        }
    }

    private void fields(List<Field> list) {
        for (Field f : list) {
            node(f.name);
            node(f.type);
        }
    }

    private void node(Node n) {
        if (n == null || !visitor.test(n)) {
            return;
        }
        if (n instanceof SourceFile f) {
            node(f.pkgName);
            all(f.decls);
        } else if (n instanceof Decl d) {
            decl(d);
        } else if (n instanceof Stmt s) {
            stmt(s);
        } else if (n instanceof Expr e) {
            expr(e);
        } else if (n instanceof Field f) {
            node(f.name);
            node(f.type);
        }
    }

    private void decl(Decl d) {
        if (d instanceof Decl.Import i) {
            node(i.localName);
            node(i.path);
        } else if (d instanceof Decl.Const c) {
            all(c.names);
            node(c.type);
            node(c.values);
        } else if (d instanceof Decl.Var v) {
            all(v.names);
            node(v.type);
            node(v.values);
        } else if (d instanceof Decl.Type t) {
            node(t.name);
            node(t.type);
        } else if (d instanceof Decl.Func f) {
            node(f.recv);
            node(f.name);
            node(f.type);
            node(f.body);
        }
    }

    private void stmt(Stmt s) {
        if (s instanceof Stmt.Labeled l) {
            node(l.label);
            node(l.stmt);
        } else if (s instanceof Stmt.Block b) {
            all(b.list);
        } else if (s instanceof Stmt.ExprStmt e) {
            node(e.x);
        } else if (s instanceof Stmt.Send x) {
            node(x.chan);
            node(x.val);
        } else if (s instanceof Stmt.DeclStmt d) {
            all(d.decls);
        } else if (s instanceof Stmt.Assign a) {
            node(a.lhs);
            node(a.rhs);
        } else if (s instanceof Stmt.Range r) {
            node(r.lhs);
            node(r.x);
        } else if (s instanceof Stmt.Branch b) {
            node(b.label);
        } else if (s instanceof Stmt.CallStmt c) {
            node(c.call);
        } else if (s instanceof Stmt.Return r) {
            node(r.results);
        } else if (s instanceof Stmt.If i) {
            node(i.init);
            node(i.cond);
            node(i.then);
            node(i.els);
        } else if (s instanceof Stmt.For f) {
            node(f.init);
            node(f.cond);
            node(f.post);
            node(f.body);
        } else if (s instanceof Stmt.Switch w) {
            node(w.init);
            node(w.tag);
            all(w.body);
        } else if (s instanceof Stmt.CaseClause c) {
            node(c.cases);
            all(c.body);
        } else if (s instanceof Stmt.Select x) {
            all(x.body);
        } else if (s instanceof Stmt.CommClause c) {
            node(c.comm);
            all(c.body);
        }
    }

    private void expr(Expr e) {
        if (e instanceof Expr.CompositeLit c) {
            node(c.litType);
            all(c.elems);
        } else if (e instanceof Expr.KeyValue kv) {
            node(kv.key);
            node(kv.val);
        } else if (e instanceof Expr.FuncLit f) {
            node(f.funcType);
            node(f.body);
        } else if (e instanceof Expr.Paren p) {
            node(p.x);
        } else if (e instanceof Expr.Selector s) {
            node(s.x);
            node(s.sel);
        } else if (e instanceof Expr.Index i) {
            node(i.x);
            node(i.index);
        } else if (e instanceof Expr.Slice s) {
            node(s.x);
            node(s.lo);
            node(s.hi);
            node(s.max);
        } else if (e instanceof Expr.Assert a) {
            node(a.x);
            node(a.assertType);
        } else if (e instanceof Expr.TypeSwitchGuard g) {
            node(g.lhs);
            node(g.x);
        } else if (e instanceof Expr.Operation o) {
            node(o.x);
            node(o.y);
        } else if (e instanceof Expr.Call c) {
            node(c.fun);
            all(c.args);
        } else if (e instanceof Expr.ListExpr l) {
            all(l.elems);
        } else if (e instanceof Expr.ArrayType a) {
            node(a.len);
            node(a.elem);
        } else if (e instanceof Expr.SliceType s) {
            node(s.elem);
        } else if (e instanceof Expr.DotsType d) {
            node(d.elem);
        } else if (e instanceof Expr.StructType s) {
            fields(s.fields);
        } else if (e instanceof Expr.FuncType f) {
            fields(f.params);
            fields(f.results);
        } else if (e instanceof Expr.InterfaceType i) {
            fields(i.methods);
        } else if (e instanceof Expr.MapType m) {
            node(m.key);
            node(m.val);
        } else if (e instanceof Expr.ChanType c) {
            node(c.elem);
        }
    }
}
