package gort.cmd.codegen;

import gort.cmd.diag.Diagnostic;
import gort.cmd.syntax.Decl;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Inspector;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.types.Checker;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.cmd.types.TypedPackage;
import gort.cmd.types.Types;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The code generator: a checked package to {@link FuncBuilder} functions for one GOARCH, in the Go
 * 1.3 frame layout of docs/machine.md (every variable in a stack slot; arguments and results in the
 * caller's outgoing-args area, results after arguments).
 *
 * <pre>{@code
 * CodeGen.Result r = CodeGen.compile(pkg, Arch.amd64, "./prog.go");
 * Image img = r.program().link(ln -> ln.runtime("runtime.printint", ...) ...);
 * }</pre>
 *
 * <p>Constructs the generator does not handle yet are reported as diagnostics {@code file:line:col:
 * gort cannot compile <construct> yet}, never as exceptions.
 */
public final class CodeGen {
    private CodeGen() {}

    /**
     * The runtime functions generated code may RTCALL, under Go 1.3's names, with their argument
     * layouts at argp: printint(int64), printuint(uint64), printhex(uint64), printbool(bool, one
     * byte), printstring(string {ptr, len}), printpointer(pointer), printsp(), printnl(),
     * panicdivide() for an integer division by zero; newproc(siz int32 in a pointer-sized slot, fn
     * *FuncVal, args...) for {@code go}, gosched() for runtime.Gosched, exit(code int32) for
     * os.Exit, NumGoroutine() (int result at argp) for runtime.NumGoroutine, and new(typ *Type)
     * (result *T at argp+PtrSize; typ points at a Go 1.3 Type header in rodata, size first) for
     * new(T) and for variables whose address is taken, and panicindex() for an array index out of
     * range.
     */
    public static final List<String> RUNTIME_FUNCS =
            List.of(
                    "runtime.printint",
                    "runtime.printuint",
                    "runtime.printhex",
                    "runtime.printbool",
                    "runtime.printstring",
                    "runtime.printpointer",
                    "runtime.printsp",
                    "runtime.printnl",
                    "runtime.panicdivide",
                    "runtime.newproc",
                    "runtime.gosched",
                    "runtime.exit",
                    "runtime.NumGoroutine",
                    "runtime.new",
                    "runtime.panicindex");

    /**
     * The runtime package functions that are text functions with frames of their own (CALLed, not
     * RTCALLed): runtime.Caller and runtime.Callers, whose skip counts start at their own frame,
     * and runtime.GCMask, whose stack case walks from its own frame to its caller's.
     */
    public static final java.util.Set<String> RUNTIME_TEXT =
            java.util.Set.of("runtime.Caller", "runtime.Callers", "runtime.GCMask");

    /**
     * The runtime functions (RTCALL, or text functions for runtime.panic) of the slice, string and
     * panic support that {@link #compile(TypedPackage, Arch, String)} assumes present: makeslice,
     * growslice, panicslice, concatstring2, the string/[]byte/[]rune conversions, intstring,
     * stringiter2, deferproc, deferreturn, recover, panic, panicdottype. Anything else (channels,
     * select, time.Sleep ...) must be in the set given to {@link #compile(TypedPackage, Arch,
     * String, Set)}.
     */
    public static final List<String> ASSUMED_FUNCS =
            List.of(
                    "runtime.makeslice",
                    "runtime.growslice",
                    "runtime.panicslice",
                    "runtime.concatstring2",
                    "runtime.slicebytetostring",
                    "runtime.stringtoslicebyte",
                    "runtime.slicerunetostring",
                    "runtime.stringtoslicerune",
                    "runtime.intstring",
                    "runtime.stringiter2",
                    "runtime.deferproc",
                    "runtime.deferreturn",
                    "runtime.recover",
                    "runtime.panic",
                    "runtime.panicdottype",
                    "runtime.printslice",
                    "runtime.printeface");

    /** Diagnostics (empty on success) and the program (null unless they are empty). */
    public record Result(List<Diagnostic> diagnostics, Program program) {
        public boolean ok() {
            return diagnostics.isEmpty();
        }

        public String text() {
            StringBuilder b = new StringBuilder();
            for (Diagnostic d : diagnostics) {
                b.append(d).append('\n');
            }
            return b.toString();
        }
    }

    /** Compiles {@code pkg} for {@code arch}; {@code file} names the source in the line tables. */
    public static Result compile(TypedPackage pkg, Arch arch, String file) {
        return compile(pkg, arch, file, null);
    }

    /**
     * Compiles {@code pkg} for a runtime whose RTCALL functions are {@code runtime} (the names a
     * {@link gort.runtime.cpu.Linker} registered): a construct whose runtime function is not there
     * is reported as "gort cannot compile ... yet". With null, only {@link #RUNTIME_FUNCS} and the
     * functions of the runtime's panic, slice and string support are assumed.
     */
    public static Result compile(TypedPackage pkg, Arch arch, String file, Set<String> runtime) {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(file, "file");
        List<Diagnostic> ds = new ArrayList<>();
        try {
            generate(pkg, arch, file, ds, 0, 0, runtime);
        } catch (RuntimeException | StackOverflowError e) {
            ds.add(Diagnostic.unpositioned("internal compiler error: " + e));
        }
        if (!ds.isEmpty()) {
            ds.sort(
                    java.util.Comparator.comparingInt(Diagnostic::line)
                            .thenComparingInt(Diagnostic::col));
            return new Result(List.copyOf(ds), null);
        }
        return new Result(
                List.of(),
                new Program(
                        arch,
                        (base, bss) -> {
                            List<Diagnostic> again = new ArrayList<>();
                            Program.Pass p = generate(pkg, arch, file, again, base, bss, runtime);
                            if (!again.isEmpty()) {
                                throw new IllegalStateException("second pass disagrees: " + again);
                            }
                            return p;
                        }));
    }

    private static Program.Pass generate(
            TypedPackage pkg,
            Arch arch,
            String file,
            List<Diagnostic> ds,
            long dataStart,
            long bssStart,
            Set<String> runtime) {
        DataSegment data = new DataSegment(arch, dataStart, bssStart);
        List<FuncBuilder> out = new ArrayList<>();
        // function literals are named func·001, func·002 ... in source order, as 6g names them
        Map<Expr.FuncLit, String> lits = new IdentityHashMap<>();
        List<Node> roots = new ArrayList<>();
        for (Decl.Func d : pkg.funcs()) {
            if (d.body != null) {
                roots.add(d.body);
            }
        }
        for (Checker.VarInit vi : pkg.varInits()) {
            roots.add(vi.init());
        }
        roots.sort(
                java.util.Comparator.comparingInt((Node n) -> n.pos.line())
                        .thenComparingInt(n -> n.pos.col()));
        List<Expr.FuncLit> litList = new ArrayList<>();
        for (Node root : roots) {
            Inspector.inspect(
                    root,
                    n -> {
                        if (n instanceof Expr.FuncLit fl) {
                            litList.add(fl);
                        }
                        return true;
                    });
        }
        // go/defer of print, println, close and panic: a wrapper literal taking the arguments
        // (evaluated at the statement), whose body makes the builtin call
        Map<Stmt.CallStmt, Expr.FuncLit> wrappers = new IdentityHashMap<>();
        for (Node root : roots) {
            Inspector.inspect(
                    root,
                    n -> {
                        if (n instanceof Stmt.CallStmt cs
                                && cs.call != null
                                && cs.call.kind == Expr.CallKind.BUILTIN
                                && wrappable(cs.call)) {
                            Expr.FuncLit w = wrapper(cs.call);
                            wrappers.put(cs, w);
                            litList.add(w);
                        }
                        return true;
                    });
        }
        for (Expr.FuncLit fl : litList) {
            lits.put(fl, String.format("main.func·%03d", lits.size() + 1));
        }
        FuncGen.Env env =
                new FuncGen.Env(arch, file, data, dataStart, bssStart, lits, runtime, wrappers);
        int ninit = 0;
        List<String> inits = new ArrayList<>();
        for (Decl.Func d : pkg.funcs()) {
            String name;
            if (d.recv != null) {
                name = methodName(d.obj);
            } else if (d.name.value.equals("init")) {
                name = "main.init·" + (++ninit);
                inits.add(name);
            } else {
                name = "main." + d.name.value;
            }
            try {
                out.add(
                        new FuncGen(env, name, d, d.obj.sig(), d.body, d.pos, List.of())
                                .generate());
            } catch (CannotCompile e) {
                ds.add(diag(file, e.pos.line(), e.pos.col(), e.what));
            }
        }
        for (Expr.FuncLit fl : litList) {
            try {
                out.add(
                        new FuncGen(
                                        env,
                                        lits.get(fl),
                                        fl,
                                        (Type.Signature) fl.type,
                                        fl.body,
                                        fl.pos,
                                        fl.captures)
                                .generate());
            } catch (CannotCompile e) {
                ds.add(diag(file, e.pos.line(), e.pos.col(), e.what));
            }
        }
        // main.init initializes the package variables in dependency order, then runs the init
        // functions in source order, as the package initializer of 6g does
        Pos pos =
                pkg.main() != null && pkg.main().decl != null ? pkg.main().decl.pos : new Pos(1, 1);
        try {
            out.add(FuncGen.packageInit(env, pos, pkg.varInits(), inits));
        } catch (CannotCompile e) {
            ds.add(diag(file, e.pos.line(), e.pos.col(), e.what));
        }
        int[] gc = data.gcprograms();
        return new Program.Pass(
                out, data.toByteArray(), data.relocs(), data.bssSize(), gc[0], gc[1]);
    }

    private static boolean wrappable(Expr.Call c) {
        if (!(Expr.unparen(c.fun) instanceof Expr.Name n && n.obj instanceof Obj.Builtin b)) {
            return false;
        }
        return switch (b.id) {
            case PRINT, PRINTLN, CLOSE, PANIC ->
                    c.args.size() != 1 || !(c.args.get(0).type instanceof Type.Tuple);
            default -> false;
        };
    }

    /**
     * {@code func(p0 T0, ...) { builtin(p0, ...) }} for a deferred or started builtin call: its
     * parameters have the arguments' types (an untyped constant's default type).
     */
    private static Expr.FuncLit wrapper(Expr.Call c) {
        List<Obj.Var> params = new ArrayList<>();
        Stmt.Block body = new Stmt.Block(c.pos);
        Expr.FuncLit lit = new Expr.FuncLit(c.pos, new Expr.FuncType(c.pos), body);
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < c.args.size(); i++) {
            Expr a = c.args.get(i);
            Type t =
                    a.type instanceof Type.Basic b && b.isUntyped() ? Types.defaultType(b) : a.type;
            Obj.Var v = new Obj.Var("·a" + i, a.pos, null, t, Obj.VarKind.PARAM);
            v.owner = lit;
            v.used = true;
            params.add(v);
            Expr.Name nm = new Expr.Name(a.pos, v.name);
            nm.obj = v;
            nm.type = t;
            args.add(nm);
        }
        Expr.Call call = new Expr.Call(c.pos, c.fun, args, false);
        call.kind = c.kind;
        call.type = c.type;
        body.list.add(new Stmt.ExprStmt(c.pos, call));
        lit.type = new Type.Signature(null, new Type.Tuple(params), new Type.Tuple(List.of()));
        return lit;
    }

    /** A method's symbol as 6g names it: {@code main.T.m}, or {@code main.(*T).m}. */
    static String methodName(Obj.Func m) {
        Type rt = m.sig().recv.type;
        boolean ptr = rt instanceof Type.Pointer;
        Type base = ptr ? ((Type.Pointer) rt).elem : rt;
        String tn = base instanceof Type.Named n ? n.obj.name : base.toString();
        return ptr ? "main.(*" + tn + ")." + m.name : "main." + tn + "." + m.name;
    }

    static Diagnostic diag(String file, int line, int col, String what) {
        return new Diagnostic(file, line, col, "gort cannot compile " + what + " yet");
    }

    static String objName(Obj o) {
        return o.pkg == null ? "main." + o.name : o.pkg + "." + o.name;
    }
}
