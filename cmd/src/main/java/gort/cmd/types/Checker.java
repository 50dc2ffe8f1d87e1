package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Decl;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Type-checks a parsed main package, after types2's check.go and resolver.go: collect the
 * package-level objects (reporting redeclarations), check types first and then the other objects in
 * source order (each lazily, so a use checks its declaration first), then the function bodies in
 * order, then unused imports. The result annotates the syntax tree.
 */
public final class Checker extends StmtChecker {

    /** What a package-level object needs for its (lazy) check. */
    private static final class DeclInfo {
        final Decl decl;
        Expr typ;
        Expr init;
        List<Obj.Var> lhs;
        boolean inherited;
        Constant iota;
        final Set<Obj> deps = new HashSet<>();
        boolean inProgress;
        boolean done;

        DeclInfo(Decl decl) {
            this.decl = decl;
        }
    }

    private final Map<Obj, DeclInfo> objMap = new LinkedHashMap<>();
    private final Map<String, List<Obj.Func>> methodsByBase = new LinkedHashMap<>();
    private final List<Obj.PkgName> imports = new ArrayList<>();
    private final List<Obj.Func> inits = new ArrayList<>();
    private final List<Decl.Func> funcs = new ArrayList<>();
    private Scope fileScope;

    private Checker(ErrorSink sink, int ptrSize) {
        super(sink, ptrSize);
    }

    /**
     * Checks file (a parse without syntax errors). Errors go to sink (which may throw {@link
     * gort.cmd.diag.TooManyErrors}); the returned package is meaningful only without errors.
     */
    public static TypedPackage check(SourceFile file, ErrorSink sink, int ptrSize) {
        Checker c = new Checker(sink, ptrSize);
        return c.checkFile(file);
    }

    private TypedPackage checkFile(SourceFile file) {
        pkgScope = new Scope(universe, false);
        fileScope = new Scope(pkgScope, false);
        scope = fileScope;
        collectObjects(file);
        packageObjects();
        processDelayed(0);
        List<VarInit> order = initOrder();
        unusedImports();
        recordUntyped();
        Obj main = pkgScope.lookup("main");
        return new TypedPackage(
                file,
                pkgScope,
                List.copyOf(funcs),
                List.copyOf(inits),
                order,
                main instanceof Obj.Func f ? f : null);
    }

    // ---------------------------------------------------------------------------------------
    // Collecting package-level objects

    private void collectObjects(SourceFile file) {
        List<Decl> decls = file.decls;
        ConstGroups groups = new ConstGroups(decls);
        for (int index = 0; index < decls.size(); index++) {
            Decl d = decls.get(index);
            if (!(d instanceof Decl.Const)) {
                groups.end();
            }
            if (d instanceof Decl.Import imp) {
                importDecl(imp);
            } else if (d instanceof Decl.Const s) {
                ConstGroups.Spec spec = groups.at(index, s);
                Decl.Const last = spec.source();
                boolean inherited = spec.inherited();
                Constant iotaVal = spec.iota();
                List<Expr> values = unpack(last.values);
                for (int i = 0; i < s.names.size(); i++) {
                    Expr.Name name = s.names.get(i);
                    Obj.Const obj = new Obj.Const(name.value, name.pos, null, null, null);
                    DeclInfo info = new DeclInfo(s);
                    info.typ = last.type;
                    info.init = i < values.size() ? values.get(i) : null;
                    info.inherited = inherited;
                    info.iota = iotaVal;
                    declarePkgObj(name, obj, info);
                }
                arity(s.pos, s.names, values, true, inherited);
            } else if (d instanceof Decl.Var s) {
                List<Obj.Var> lhs = new ArrayList<>();
                for (Expr.Name name : s.names) {
                    Obj.Var v = new Obj.Var(name.value, name.pos, null, null, Obj.VarKind.GLOBAL);
                    v.used = true;
                    lhs.add(v);
                }
                List<Expr> values = unpack(s.values);
                for (int i = 0; i < lhs.size(); i++) {
                    DeclInfo info = new DeclInfo(s);
                    info.typ = s.type;
                    if (values.size() == 1 && lhs.size() > 1) {
                        info.lhs = lhs;
                        info.init = values.get(0);
                    } else if (i < values.size()) {
                        info.init = values.get(i);
                    }
                    declarePkgObj(s.names.get(i), lhs.get(i), info);
                }
                if (s.type == null || s.values != null) {
                    arity(s.pos, s.names, values, false, false);
                }
            } else if (d instanceof Decl.Type s) {
                Obj.TypeName obj = new Obj.TypeName(s.name.value, s.name.pos, null, null);
                declarePkgObj(s.name, obj, new DeclInfo(s));
            } else if (d instanceof Decl.Func s) {
                funcDeclCollect(s);
            }
        }
    }

    private void importDecl(Decl.Import imp) {
        if (imp.path == null || imp.path.bad) {
            return;
        }
        String path = Quote.unquoteString(imp.path.lit);
        Scope members = Packages.members(path, universe);
        boolean supported = members != null;
        if (!supported) {
            unsupported(imp.path.pos, "importing " + imp.path.lit);
            members = new Scope(null, false);
        }
        String name = imp.localName != null ? imp.localName.value : Packages.nameOf(path);
        Obj.PkgName pkg =
                new Obj.PkgName(
                        name,
                        imp.localName != null ? imp.localName.pos : imp.path.pos,
                        path,
                        members,
                        supported);
        pkg.used = !supported;
        imp.obj = pkg;
        if (name.equals(".")) {
            if (supported) {
                unsupported(imp.localName.pos, "dot imports");
            }
            return;
        }
        if (name.equals("_")) {
            return;
        }
        imports.add(pkg);
        Obj alt = fileScope.insert(pkg);
        if (alt != null) {
            redeclared(pkg.pos, name, alt);
        }
    }

    private void declarePkgObj(Expr.Name id, Obj obj, DeclInfo info) {
        if (id.value.equals("init")) {
            error(id, "cannot declare init - must be func");
            return;
        }
        if (id.value.equals("main")) {
            error(id, "cannot declare main - must be func");
            return;
        }
        if (declare(pkgScope, id, obj)) {
            objMap.put(obj, info);
        }
    }

    private void funcDeclCollect(Decl.Func s) {
        String name = s.name.value;
        Obj.Func obj = new Obj.Func(name, s.name.pos, null, null);
        obj.decl = s;
        s.obj = obj;
        s.name.obj = obj;
        funcs.add(s);
        if (s.recv == null) {
            if (name.equals("init") || name.equals("main")) {
                if (!s.type.params.isEmpty() || !s.type.results.isEmpty()) {
                    error(s.pos, "func " + name + " must have no arguments and no return values");
                }
            }
            if (name.equals("init")) {
                inits.add(obj);
                if (s.body == null) {
                    error(obj.pos, "missing function body");
                }
            } else {
                declare(pkgScope, s.name, obj);
            }
        } else {
            obj.isMethod = true;
            Expr rt = Expr.unparen(s.recv.type);
            if (rt instanceof Expr.Operation o
                    && o.op == gort.cmd.syntax.Operator.MUL
                    && o.y == null) {
                obj.ptrRecv = true;
                rt = Expr.unparen(o.x);
            }
            if (rt instanceof Expr.Name base && !name.equals("_")) {
                methodsByBase.computeIfAbsent(base.value, k -> new ArrayList<>()).add(obj);
            }
        }
        objMap.put(obj, new DeclInfo(s));
    }

    // ---------------------------------------------------------------------------------------
    // Checking package-level objects

    private void packageObjects() {
        List<Obj> objs = new ArrayList<>(objMap.keySet());
        for (Obj o : objs) {
            if (o instanceof Obj.TypeName && !((Decl.Type) objMap.get(o).decl).alias) {
                objDecl(o);
            }
        }
        for (Obj o : objs) {
            if (o instanceof Obj.TypeName) {
                objDecl(o);
            }
        }
        for (Obj o : objs) {
            if (!(o instanceof Obj.TypeName)) {
                objDecl(o);
            }
        }
    }

    @Override
    void objDecl(Obj obj) {
        DeclInfo info = objMap.get(obj);
        if (info == null || info.done) {
            return;
        }
        if (info.inProgress) {
            if (obj.type == null) {
                // a cycle through variable initializers is reported by initOrder
                if (!(obj instanceof Obj.Var)) {
                    error(obj.pos, "illegal cycle in declaration of " + obj.name);
                }
                obj.type = Types.INVALID;
            }
            return;
        }
        info.inProgress = true;
        Scope savedScope = scope;
        FuncCtx savedFn = fn;
        Constant savedIota = iota;
        Pos savedErrpos = errpos;
        Set<Obj> savedDeps = deps;
        boolean savedCall = hasCallOrRecv;
        scope = fileScope;
        fn = null;
        iota = null;
        errpos = Pos.NONE;
        deps = info.deps;
        try {
            if (obj instanceof Obj.Const c) {
                constDecl(c, info.typ, info.init, info.inherited, info.iota);
            } else if (obj instanceof Obj.Var v) {
                varDecl(v, info.lhs, info.typ, info.init);
            } else if (obj instanceof Obj.TypeName t) {
                typeDecl(t, (Decl.Type) info.decl);
                if (t.type instanceof Type.Named n && n.obj == t) {
                    collectMethods(n);
                }
            } else if (obj instanceof Obj.Func f) {
                funcDecl(f, (Decl.Func) info.decl, info);
            }
        } finally {
            info.inProgress = false;
            info.done = true;
            scope = savedScope;
            fn = savedFn;
            iota = savedIota;
            errpos = savedErrpos;
            deps = savedDeps;
            hasCallOrRecv = savedCall;
        }
    }

    private void collectMethods(Type.Named n) {
        List<Obj.Func> ms = methodsByBase.remove(n.obj.name);
        if (ms == null) {
            return;
        }
        Type.Struct st = n.under instanceof Type.Struct s ? s : null;
        for (Obj.Func m : ms) {
            Obj.Func alt = n.method(m.name);
            if (alt != null) {
                error(
                        m.pos,
                        n.obj.name
                                + "."
                                + m.name
                                + " redeclared in this block\n\t"
                                + posString(alt.pos)
                                + ": other declaration of "
                                + m.name);
                continue;
            }
            n.methods.add(m);
        }
        if (st != null) {
            for (Obj.Var f : st.fields) {
                Obj.Func m = n.method(f.name);
                if (m != null) {
                    error(
                            m.pos,
                            "field and method with the same name "
                                    + f.name
                                    + "\n\t"
                                    + posString(f.pos)
                                    + ": other declaration of "
                                    + f.name);
                }
            }
        }
    }

    private void funcDecl(Obj.Func obj, Decl.Func d, DeclInfo info) {
        if (d.typeParams) {
            unsupported(d.name.pos, "generics");
            obj.type = Types.INVALID; // neither the signature nor the body can be checked
            return;
        }
        if (!d.type.params.isEmpty()
                && d.type.params.get(d.type.params.size() - 1).type instanceof Expr.DotsType dots) {
            unsupported(dots.pos, "variadic functions");
            obj.type = Types.INVALID;
            return;
        }
        Type.Signature sig = funcType(d.recv, d.type, d);
        obj.type = sig;
        if (d.recv != null) {
            checkReceiver(sig, obj);
        }
        if (d.body != null) {
            delayed.add(
                    () -> {
                        Set<Obj> saved = deps;
                        deps = info.deps;
                        checkBody(sig, d, d.body, null);
                        deps = saved;
                    });
        }
    }

    private void checkReceiver(Type.Signature sig, Obj.Func m) {
        if (sig.recv == null || sig.recv.type == Types.INVALID) {
            return;
        }
        Type rt = sig.recv.type;
        Type base = rt instanceof Type.Pointer p ? p.elem : rt;
        if (base == Types.INVALID) {
            return;
        }
        if (base instanceof Type.Named n
                && n.obj.pkg == null
                && pkgScope.lookup(n.obj.name) == n.obj) {
            Type u = n.underlying();
            if (u instanceof Type.Pointer || u instanceof Type.Interface) {
                error(sig.recv.pos, "invalid receiver type " + rt + " (pointer or interface type)");
            }
            return;
        }
        if (base instanceof Type.Basic || base instanceof Type.Named) {
            error(sig.recv.pos, "cannot define new methods on non-local type " + base);
        } else {
            error(sig.recv.pos, "invalid receiver type " + rt);
        }
    }

    private void unusedImports() {
        for (Obj.PkgName p : imports) {
            if (!p.used) {
                String path = "\"" + p.path + "\"";
                if (p.name.equals(Packages.nameOf(p.path))) {
                    error(p.pos, "imported and not used: " + path);
                } else {
                    error(p.pos, "imported and not used: " + path + " as " + p.name);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Initialization order

    /** Package variable initializations in dependency order (ties in source order). */
    private List<VarInit> initOrder() {
        List<VarInit> out = new ArrayList<>();
        Set<Obj> emitted = new HashSet<>();
        List<Obj> stack = new ArrayList<>();
        for (Obj o : objMap.keySet()) {
            if (o instanceof Obj.Var v) {
                visitInit(v, out, emitted, stack);
            }
        }
        return out;
    }

    private void visitInit(Obj o, List<VarInit> out, Set<Obj> emitted, List<Obj> stack) {
        if (emitted.contains(o)) {
            return;
        }
        int i = stack.indexOf(o);
        if (i >= 0) {
            List<Obj> cycle = stack.subList(i, stack.size());
            if (cycle.stream().anyMatch(c -> c instanceof Obj.Var)) {
                initCycleError(cycle);
            }
            return;
        }
        stack.add(o);
        DeclInfo info = objMap.get(o);
        if (info != null) {
            for (Obj d : sortedByPos(info.deps)) {
                visitInit(d, out, emitted, stack);
            }
        }
        stack.remove(stack.size() - 1);
        if (o instanceof Obj.Var v && info != null && !emitted.contains(v)) {
            List<Obj.Var> lhs = info.lhs != null ? info.lhs : List.of(v);
            emitted.addAll(lhs);
            if (info.init != null) {
                out.add(new VarInit(lhs, info.init));
            }
        }
        emitted.add(o);
    }

    private static List<Obj> sortedByPos(Set<Obj> s) {
        List<Obj> l = new ArrayList<>(s);
        l.sort((a, b) -> a.pos.compareTo(b.pos));
        return l;
    }

    /** types2's initorder.go reportCycle: "initialization loop for x" and the path. */
    private void initCycleError(List<Obj> cycle) {
        Obj start = cycle.get(0);
        StringBuilder msg = new StringBuilder("initialization loop for " + start.name);
        for (Obj o : cycle) {
            msg.append("\n\t")
                    .append(posString(o.pos))
                    .append(": ")
                    .append(o.name)
                    .append(" refers to");
        }
        msg.append("\n\t").append(posString(start.pos)).append(": ").append(start.name);
        error(start.pos, msg.toString());
    }

    /** {@code lhs = init} for package variables, in the order they must run. */
    public record VarInit(List<Obj.Var> lhs, Expr init) {}
}
