package gort.cmd.types;

import java.util.List;

/** Writes types as types2's typestring.go does for gc's messages. */
final class TypeString {
    private TypeString() {}

    static String of(Type t) {
        StringBuilder b = new StringBuilder();
        write(b, t);
        return b.toString();
    }

    static void write(StringBuilder b, Type t) {
        if (t == null) {
            b.append("<nil>");
        } else if (t instanceof Type.Basic x) {
            b.append(x.name);
        } else if (t instanceof Type.Named n) {
            if (n.obj.pkg != null) {
                b.append(n.obj.pkg).append('.');
            }
            b.append(n.obj.name);
        } else if (t instanceof Type.Pointer p) {
            b.append('*');
            write(b, p.elem);
        } else if (t instanceof Type.Slice s) {
            b.append("[]");
            write(b, s.elem);
        } else if (t instanceof Type.Array a) {
            b.append('[').append(a.len).append(']');
            write(b, a.elem);
        } else if (t instanceof Type.Struct s) {
            b.append("struct{");
            for (int i = 0; i < s.fields.size(); i++) {
                if (i > 0) {
                    b.append("; ");
                }
                b.append(s.fields.get(i).name).append(' ');
                write(b, s.fields.get(i).type);
            }
            b.append('}');
        } else if (t instanceof Type.Chan c) {
            boolean paren = false;
            switch (c.dir) {
                case SEND_ONLY -> b.append("chan<- ");
                case RECV_ONLY -> b.append("<-chan ");
                default -> {
                    b.append("chan ");
                    paren = c.elem instanceof Type.Chan e && e.dir == Type.ChanDir.RECV_ONLY;
                }
            }
            if (paren) {
                b.append('(');
            }
            write(b, c.elem);
            if (paren) {
                b.append(')');
            }
        } else if (t instanceof Type.Tuple tu) {
            tuple(b, tu.vars);
        } else if (t instanceof Type.Signature s) {
            b.append("func");
            signature(b, s);
        } else if (t instanceof Type.Interface i) {
            b.append(i.isAny ? "any" : "interface{}");
        } else if (t instanceof Type.Unsupported u) {
            b.append(u.what);
        }
    }

    static void signature(StringBuilder b, Type.Signature s) {
        tuple(b, s.params.vars);
        int n = s.results.size();
        if (n == 0) {
            return;
        }
        b.append(' ');
        if (n == 1 && s.results.vars.get(0).name.isEmpty()) {
            write(b, s.results.at(0));
            return;
        }
        tuple(b, s.results.vars);
    }

    private static void tuple(StringBuilder b, List<Obj.Var> vars) {
        b.append('(');
        for (int i = 0; i < vars.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            Obj.Var v = vars.get(i);
            if (!v.name.isEmpty()) {
                b.append(v.name).append(' ');
            }
            write(b, v.type);
        }
        b.append(')');
    }
}
