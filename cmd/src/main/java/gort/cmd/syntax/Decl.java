package gort.cmd.syntax;

import gort.cmd.types.Obj;
import java.util.ArrayList;
import java.util.List;

/** Declarations, after syntax/nodes.go. */
public abstract class Decl extends Node {
    /** The parenthesized group a spec belongs to (null if none): iota and implicit repetition. */
    public final Group group;

    protected Decl(Pos pos, Group group) {
        super(pos);
        this.group = group;
    }

    /** Identity of a {@code const ( ... )} style group. */
    public static final class Group {}

    /** {@code import [name] "path"}. */
    public static final class Import extends Decl {
        public Expr.Name localName;
        public Expr.BasicLit path;
        public Obj.PkgName obj;

        public Import(Pos pos, Group group) {
            super(pos, group);
        }
    }

    /** One const spec: {@code names [type] [= values]}. */
    public static final class Const extends Decl {
        public List<Expr.Name> names = new ArrayList<>();
        public Expr type;
        public Expr values;

        public Const(Pos pos, Group group) {
            super(pos, group);
        }
    }

    /** One type spec: {@code name [=] type}. */
    public static final class Type extends Decl {
        public Expr.Name name;
        public boolean alias;
        public boolean typeParams;
        public Expr type;

        public Type(Pos pos, Group group) {
            super(pos, group);
        }
    }

    /** One var spec: {@code names type [= values]} or {@code names = values}. */
    public static final class Var extends Decl {
        public List<Expr.Name> names = new ArrayList<>();
        public Expr type;
        public Expr values;

        public Var(Pos pos, Group group) {
            super(pos, group);
        }
    }

    /** {@code func [(recv)] name(params) results [body]}; {@link #obj} is the function. */
    public static final class Func extends Decl {
        public Field recv;
        public Expr.Name name;
        public boolean typeParams;
        public Expr.FuncType type;
        public Stmt.Block body;
        public Obj.Func obj;

        public Func(Pos pos) {
            super(pos, null);
        }
    }
}
