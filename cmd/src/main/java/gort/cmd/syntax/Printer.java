package gort.cmd.syntax;

import java.util.List;

/**
 * Prints expressions and simple statements the way gc's error messages quote them (syntax.String,
 * the printer's ShortForm): function and composite literal bodies become "…".
 */
public final class Printer {
    private final StringBuilder b = new StringBuilder();

    private Printer() {}

    public static String string(Node n) {
        Printer p = new Printer();
        p.node(n);
        return p.b.toString();
    }

    private void node(Node n) {
        if (n == null) {
            return;
        }
        if (n instanceof Expr e) {
            expr(e);
        } else if (n instanceof Stmt s) {
            stmt(s);
        }
    }

    private void stmt(Stmt s) {
        if (s instanceof Stmt.Assign a) {
            expr(a.lhs);
            if (a.rhs == null) {
                b.append(a.op.text).append(a.op.text);
            } else {
                b.append(' ').append(a.op == null ? "" : a.op.text).append("= ");
                expr(a.rhs);
            }
        } else if (s instanceof Stmt.ExprStmt e) {
            expr(e.x);
        } else if (s instanceof Stmt.Send send) {
            expr(send.chan);
            b.append(" <- ");
            expr(send.val);
        } else if (s instanceof Stmt.Range r) {
            if (r.lhs != null) {
                expr(r.lhs);
                b.append(r.def ? " := " : " = ");
            }
            b.append("range ");
            expr(r.x);
        }
    }

    private void list(List<? extends Expr> l) {
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            expr(l.get(i));
        }
    }

    private void expr(Expr e) {
        if (e instanceof Expr.Bad) {
            b.append("<bad expr>");
        } else if (e instanceof Expr.Name n) {
            b.append(n.value);
        } else if (e instanceof Expr.BasicLit l) {
            b.append(l.lit);
        } else if (e instanceof Expr.FuncLit f) {
            expr(f.funcType);
            b.append(' ').append(f.body.list.isEmpty() ? "{}" : "{…}");
        } else if (e instanceof Expr.CompositeLit c) {
            if (c.litType != null) {
                expr(c.litType);
            }
            b.append(c.elems.isEmpty() ? "{}" : "{…}");
        } else if (e instanceof Expr.Paren p) {
            b.append('(');
            expr(p.x);
            b.append(')');
        } else if (e instanceof Expr.Selector s) {
            expr(s.x);
            b.append('.').append(s.sel.value);
        } else if (e instanceof Expr.Index i) {
            expr(i.x);
            b.append('[');
            expr(i.index);
            b.append(']');
        } else if (e instanceof Expr.Slice s) {
            expr(s.x);
            b.append('[');
            expr(s.lo);
            b.append(':');
            expr(s.hi);
            if (s.max != null) {
                b.append(':');
                expr(s.max);
            }
            b.append(']');
        } else if (e instanceof Expr.Assert a) {
            expr(a.x);
            b.append(".(");
            expr(a.assertType);
            b.append(')');
        } else if (e instanceof Expr.TypeSwitchGuard g) {
            if (g.lhs != null) {
                b.append(g.lhs.value).append(" := ");
            }
            expr(g.x);
            b.append(".(type)");
        } else if (e instanceof Expr.Call c) {
            expr(c.fun);
            b.append('(');
            list(c.args);
            if (c.hasDots) {
                b.append("...");
            }
            b.append(')');
        } else if (e instanceof Expr.Operation o) {
            if (o.y == null) {
                b.append(o.op.text);
                expr(o.x);
            } else {
                expr(o.x);
                b.append(' ').append(o.op.text).append(' ');
                expr(o.y);
            }
        } else if (e instanceof Expr.KeyValue kv) {
            expr(kv.key);
            b.append(": ");
            expr(kv.val);
        } else if (e instanceof Expr.ListExpr l) {
            list(l.elems);
        } else if (e instanceof Expr.ArrayType a) {
            b.append('[');
            if (a.len == null) {
                b.append("...");
            } else {
                expr(a.len);
            }
            b.append(']');
            expr(a.elem);
        } else if (e instanceof Expr.SliceType s) {
            b.append("[]");
            expr(s.elem);
        } else if (e instanceof Expr.DotsType d) {
            b.append("...");
            expr(d.elem);
        } else if (e instanceof Expr.StructType s) {
            b.append("struct{");
            fieldList(s.fields, "; ");
            b.append('}');
        } else if (e instanceof Expr.FuncType f) {
            b.append("func");
            signature(f);
        } else if (e instanceof Expr.InterfaceType it) {
            b.append("interface{");
            for (int i = 0; i < it.methods.size(); i++) {
                if (i > 0) {
                    b.append("; ");
                }
                Field m = it.methods.get(i);
                if (m.name != null) {
                    b.append(m.name.value);
                    signature((Expr.FuncType) m.type);
                } else {
                    expr(m.type);
                }
            }
            b.append('}');
        } else if (e instanceof Expr.MapType m) {
            b.append("map[");
            expr(m.key);
            b.append(']');
            expr(m.val);
        } else if (e instanceof Expr.ChanType c) {
            if (c.dir == Expr.ChanDir.RECV) {
                b.append("<-");
            }
            b.append("chan");
            if (c.dir == Expr.ChanDir.SEND) {
                b.append("<-");
            }
            b.append(' ');
            if (c.dir == Expr.ChanDir.BOTH
                    && c.elem instanceof Expr.ChanType ec
                    && ec.dir == Expr.ChanDir.RECV) {
                b.append('(');
                expr(c.elem);
                b.append(')');
            } else {
                expr(c.elem);
            }
        }
    }

    private void fieldList(List<Field> fields, String sep) {
        int i0 = 0;
        Expr typ = null;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.name == null || f.type != typ) {
                if (i0 < i) {
                    fields(fields, i0, i);
                    b.append(sep);
                    i0 = i;
                }
                typ = f.type;
            }
        }
        if (!fields.isEmpty()) {
            fields(fields, i0, fields.size());
        }
    }

    private void fields(List<Field> fields, int i, int j) {
        if (i + 1 == j && fields.get(i).name == null) {
            expr(fields.get(i).type);
            return;
        }
        for (int k = i; k < j; k++) {
            if (k > i) {
                b.append(", ");
            }
            b.append(fields.get(k).name.value);
        }
        b.append(' ');
        expr(fields.get(i).type);
    }

    private void signature(Expr.FuncType f) {
        paramList(f.params);
        if (!f.results.isEmpty()) {
            b.append(' ');
            if (f.results.size() == 1 && f.results.get(0).name == null) {
                expr(f.results.get(0).type);
            } else {
                paramList(f.results);
            }
        }
    }

    private void paramList(List<Field> list) {
        b.append('(');
        for (int i = 0; i < list.size(); i++) {
            Field f = list.get(i);
            if (i > 0) {
                b.append(", ");
            }
            if (f.name != null) {
                b.append(f.name.value);
                if (i + 1 < list.size()) {
                    Field f1 = list.get(i + 1);
                    if (f1.name != null && f1.type == f.type) {
                        continue;
                    }
                }
                b.append(' ');
            }
            expr(Expr.unparen(f.type));
        }
        b.append(')');
    }
}
