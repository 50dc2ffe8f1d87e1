package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Pos;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * State and error reporting shared by the checker's layers, each a subclass of the one before:
 * TypeResolver (type expressions) → Conversions (untyped values, assignability) → ExprChecker
 * (operands, operators) → CompositeChecker (literals, selectors, indexing) → CallChecker (calls,
 * builtins) → AssignChecker (assignments, declarations) → StmtChecker (statements, bodies) →
 * Checker (the package). Like types2, the checker reports errors in the order it meets them; {@link
 * ErrorSink} sorts them and applies gc's limit.
 */
abstract class CheckerBase {
    final ErrorSink sink;
    final int ptrSize;
    final Scope universe;
    Scope pkgScope;
    Scope scope;
    private boolean anyError;

    /** The function being checked: its signature and frame owner, and the closure chain. */
    record FuncCtx(Type.Signature sig, Node owner, Expr.FuncLit lit, FuncCtx parent) {}

    FuncCtx fn;

    /** iota's value inside a constant declaration, else null. */
    Constant iota;

    /** Where to report errors of an inherited constant initializer (the constant's name). */
    Pos errpos = Pos.NONE;

    /** Set by calls and receives: len/cap of an array are then not constant. */
    boolean hasCallOrRecv;

    /** Package-level objects the current package-level declaration refers to (for init order). */
    Set<Obj> deps = new HashSet<>();

    /** Actions to run later: function bodies (types2's check.later). */
    final List<Runnable> delayed = new ArrayList<>();

    CheckerBase(ErrorSink sink, int ptrSize) {
        this.sink = sink;
        this.ptrSize = ptrSize;
        this.universe = Universe.create();
    }

    void error(Pos pos, String msg) {
        if (anyError && (msg.indexOf("invalid operand") > 0 || msg.indexOf("invalid type") > 0)) {
            return; // follow-on error
        }
        if (errpos.known()) {
            pos = errpos;
        }
        anyError = true;
        sink.report(pos.line(), pos.col(), msg);
    }

    void error(Node n, String msg) {
        error(n.start(), msg);
    }

    void error(Operand x, String msg) {
        error(x.pos(), msg);
    }

    /** "gort does not support ..." for valid Go outside the subset. */
    void unsupported(Pos pos, String what) {
        error(pos, "gort does not support " + what);
    }

    /** A position as gc prints it inside a message ("other declaration of x"). */
    String posString(Pos p) {
        return sink.file() + ":" + p;
    }

    void processDelayed(int top) {
        for (int i = top; i < delayed.size(); i++) {
            delayed.get(i).run();
        }
        while (delayed.size() > top) {
            delayed.remove(delayed.size() - 1);
        }
    }

    /** Records that the current package-level declaration uses obj. */
    void addDep(Obj obj) {
        if (obj.pkg == null && pkgScope != null && pkgScope.lookup(obj.name) == obj) {
            deps.add(obj);
        } else if (obj instanceof Obj.Func f && f.isMethod) {
            deps.add(obj);
        }
    }

    /** Declares obj in s, reporting a redeclaration as types2 does. */
    boolean declare(Scope s, Expr.Name id, Obj obj) {
        if (!obj.name.equals("_")) {
            Obj alt = s.insert(obj);
            if (alt != null) {
                redeclared(obj.pos, obj.name, alt);
                return false;
            }
        }
        if (id != null) {
            id.obj = obj;
        }
        return true;
    }

    void redeclared(Pos pos, String name, Obj alt) {
        String msg = name + " redeclared in this block";
        if (alt.pos.known()) {
            msg += "\n\t" + posString(alt.pos) + ": other declaration of " + alt.name;
        }
        error(pos, msg);
    }

    Obj lookup(String name) {
        return scope.lookupParent(name);
    }

    Scope openScope(boolean isFunc) {
        scope = new Scope(scope, isFunc);
        return scope;
    }

    void closeScope() {
        scope = scope.parent;
    }
}
