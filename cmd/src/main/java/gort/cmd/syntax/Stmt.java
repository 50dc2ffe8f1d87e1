package gort.cmd.syntax;

import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import java.util.ArrayList;
import java.util.List;

/** Statements, after syntax/nodes.go. */
public abstract class Stmt extends Node {
    protected Stmt(Pos pos) {
        super(pos);
    }

    /** An empty statement (a lone semicolon or the statement after a label before '}'). */
    public static final class Empty extends Stmt {
        public Empty(Pos pos) {
            super(pos);
        }
    }

    /** {@code label: stmt}. */
    public static final class Labeled extends Stmt {
        public final Expr.Name label;
        public Stmt stmt;

        public Labeled(Pos pos, Expr.Name label) {
            super(pos);
            this.label = label;
        }
    }

    /** {@code { list }}. */
    public static final class Block extends Stmt {
        public final List<Stmt> list = new ArrayList<>();
        public Pos rbrace = Pos.NONE;

        public Block(Pos pos) {
            super(pos);
        }
    }

    /** An expression used as a statement (a call or a receive). */
    public static final class ExprStmt extends Stmt {
        public final Expr x;

        public ExprStmt(Pos pos, Expr x) {
            super(pos);
            this.x = x;
        }
    }

    /** {@code ch <- value}. */
    public static final class Send extends Stmt {
        public final Expr chan;
        public final Expr val;

        public Send(Pos pos, Expr chan, Expr val) {
            super(pos);
            this.chan = chan;
            this.val = val;
        }

        @Override
        public Pos start() {
            return chan.start();
        }
    }

    /** A const, type or var declaration inside a function. */
    public static final class DeclStmt extends Stmt {
        public final List<Decl> decls;

        public DeclStmt(Pos pos, List<Decl> decls) {
            super(pos);
            this.decls = decls;
        }
    }

    /**
     * {@code lhs = rhs}, {@code lhs := rhs} (op {@link Operator#DEF}), {@code lhs op= rhs}, or
     * {@code lhs++} / {@code lhs--} (op ADD/SUB with {@code rhs == null}). For :=, {@link #newVars}
     * holds which left-hand names it declares. For the plain forms {@code op} is null.
     */
    public static final class Assign extends Stmt {
        public final Operator op;
        public final Expr lhs;
        public final Expr rhs;
        public final List<Obj.Var> newVars = new ArrayList<>();

        public Assign(Pos pos, Operator op, Expr lhs, Expr rhs) {
            super(pos);
            this.op = op;
            this.lhs = lhs;
            this.rhs = rhs;
        }

        public boolean isDefine() {
            return op == Operator.DEF;
        }

        @Override
        public Pos start() {
            return lhs.start();
        }
    }

    /**
     * {@code for k, v := range x}: only as a {@link For#init}. The checker sets the iteration
     * variables' objects on the names and {@link #rangeType}, the type ranged over.
     */
    public static final class Range extends Stmt {
        public final Expr lhs; // null, a name or a ListExpr
        public final boolean def;
        public final Expr x;
        public Type rangeType;

        public Range(Pos pos, Expr lhs, boolean def, Expr x) {
            super(pos);
            this.lhs = lhs;
            this.def = def;
            this.x = x;
        }

        @Override
        public Pos start() {
            return lhs != null ? lhs.start() : x.start();
        }
    }

    /**
     * break, continue, goto, fallthrough. {@link #target} is the statement a break or continue
     * leaves or continues (a For, Switch or Select), set by the branch checker.
     */
    public static final class Branch extends Stmt {
        public final Token tok;
        public Expr.Name label;
        public Stmt target;

        public Branch(Pos pos, Token tok) {
            super(pos);
            this.tok = tok;
        }
    }

    /** {@code go call} or {@code defer call}. */
    public static final class CallStmt extends Stmt {
        public final Token tok;
        public Expr.Call call;

        public CallStmt(Pos pos, Token tok) {
            super(pos);
            this.tok = tok;
        }
    }

    /** {@code return results}; results is null, an expression or a ListExpr. */
    public static final class Return extends Stmt {
        public Expr results;

        public Return(Pos pos) {
            super(pos);
        }
    }

    /** {@code if init; cond {then} else ...}; els is null, an If or a Block. */
    public static final class If extends Stmt {
        public Stmt init;
        public Expr cond;
        public Block then;
        public Stmt els;

        public If(Pos pos) {
            super(pos);
        }
    }

    /** {@code for init; cond; post {body}}; a range loop has a {@link Range} as init. */
    public static final class For extends Stmt {
        public Stmt init;
        public Expr cond;
        public Stmt post;
        public Block body;

        public For(Pos pos) {
            super(pos);
        }
    }

    /** {@code switch init; tag {clauses}}; tag is null for a tagless switch. */
    public static final class Switch extends Stmt {
        public Stmt init;
        public Expr tag;
        public final List<CaseClause> body = new ArrayList<>();
        public Pos rbrace = Pos.NONE;

        public Switch(Pos pos) {
            super(pos);
        }
    }

    /** {@code case a, b:} or {@code default:} (cases null). */
    public static final class CaseClause extends Stmt {
        public Expr cases;
        public List<Stmt> body = new ArrayList<>();
        public Pos colon = Pos.NONE;

        public CaseClause(Pos pos) {
            super(pos);
        }
    }

    /** {@code select {clauses}}. */
    public static final class Select extends Stmt {
        public final List<CommClause> body = new ArrayList<>();
        public Pos rbrace = Pos.NONE;

        public Select(Pos pos) {
            super(pos);
        }
    }

    /**
     * {@code case comm:} or {@code default:} (comm null); comm is a Send, an ExprStmt receive or an
     * Assign whose right side is a receive.
     */
    public static final class CommClause extends Stmt {
        public Stmt comm;
        public List<Stmt> body = new ArrayList<>();
        public Pos colon = Pos.NONE;

        public CommClause(Pos pos) {
            super(pos);
        }
    }
}
