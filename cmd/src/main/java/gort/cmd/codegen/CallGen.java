package gort.cmd.codegen;

import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.SP;

import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.syntax.Token;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.runtime.cpu.FuncData;
import gort.runtime.cpu.Isa;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls of a function's generator ({@link FuncGen}): static, method and closure calls, their
 * arguments in the outgoing area and their results, {@code go} and {@code defer} statements, and
 * calls of runtime functions under their Go names.
 */
abstract class CallGen extends ExprGen {
    CallGen(
            Env env,
            String name,
            Node owner,
            Type.Signature sig,
            Stmt.Block body,
            Pos pos,
            List<Obj.Var> captures) {
        super(env, name, owner, sig, body, pos, captures);
    }

    CallGen(Env env, Pos pos) {
        super(env, pos);
    }

    /**
     * Generates a call; with {@code want}, its single result is loaded into r. Returns the callee's
     * argument layout (results are then in the outgoing area), or null for builtins and
     * conversions.
     */
    ArgLayout call(Expr.Call c, int r, boolean want) {
        line(c);
        switch (c.kind) {
            case CONVERSION:
                conversion(c, r);
                return null;
            case BUILTIN:
                builtin(c, r, want);
                return null;
            default:
                break;
        }
        Expr fun = Expr.unparen(c.fun);
        if (c.kind == Expr.CallKind.FUNC
                && fun instanceof Expr.Selector sel
                && sel.sel.obj instanceof Obj.Func rf
                && rf.pkg != null) {
            return runtimeCall(c, rf, r, want);
        }
        if (c.kind == Expr.CallKind.METHOD
                && fun instanceof Expr.Selector sel
                && sel.sel.obj instanceof Obj.Func rm
                && rm.pkg != null) {
            return runtimeMethodCall(c, sel, rm, r, want);
        }
        Callee ce = prepareCall(c, 0);
        line(c);
        emitCall(ce);
        ArgLayout cl = ce.layout();
        if (want) {
            if (cl.results().length != 1) {
                throw new CannotCompile(c.pos, "multi-valued expressions here");
            }
            load(out(cl.results()[0]), basicOf(cl.resultTypes().get(0), c.pos), r);
        }
        return cl;
    }

    /** A call's target: a static function {@code sym}, or the func value saved at {@code fv}. */
    record Callee(String sym, Addr fv, ArgLayout layout) {}

    /**
     * Evaluates what a call needs, in Go's order: the func value (saved in a temporary) or the
     * method's receiver, then the arguments, stored in the outgoing area from byte {@code base} (0
     * for a call; 2 words for newproc and deferproc, after siz and fn).
     */
    Callee prepareCall(Expr.Call c, int base) {
        Expr fun = Expr.unparen(c.fun);
        String sym = null;
        Addr fv = null;
        Addr recv = null;
        Type recvType = null;
        Type.Signature sg;
        if (c.kind == Expr.CallKind.FUNC
                && fun instanceof Expr.Name n
                && n.obj instanceof Obj.Func fn
                && fn.decl != null
                && fn.pkg == null) {
            sg = fn.sig();
            sym = CodeGen.objName(fn);
        } else if (c.kind == Expr.CallKind.METHOD
                && fun instanceof Expr.Selector s
                && s.sel.obj instanceof Obj.Func m) {
            sg = m.sig();
            sym = CodeGen.methodName(m);
            recvType = sg.recv.type;
            recv = temp(recvType);
            boolean viaPtr = s.x.type.underlying() instanceof Type.Pointer;
            if (m.ptrRecv) {
                if (viaPtr) {
                    expr(s.x, R0);
                } else {
                    Addr a = place(s.x, R0);
                    addrInto(a, R0);
                }
                store(recv, PTR, R0);
            } else if (viaPtr) {
                copyVal(recv, deref(s.x, R0), recvType, s.pos);
            } else {
                assignTo(recv, recvType, s.x);
            }
        } else if (c.kind == Expr.CallKind.FUNC_VALUE) {
            sg = (Type.Signature) fun.type.underlying();
            fv = temp(PTR);
            expr(fun, R0);
            store(fv, PTR, R0);
        } else {
            throw new CannotCompile(
                    c.pos,
                    "calls of "
                            + (fun instanceof Expr.Selector s && s.x instanceof Expr.Name pn
                                    ? pn.value + "." + s.sel.value
                                    : "this function"));
        }
        ArgLayout cl = layout(sg, c.pos);
        int first = recv != null ? 1 : 0;
        int np = cl.params().length - first;
        int[] offs = new int[np];
        for (int i = 0; i < np; i++) {
            offs[i] = base + cl.params()[first + i];
        }
        List<Type> types = cl.paramTypes().subList(first, cl.params().length);
        if (c.args.size() == 1 && c.args.get(0).type instanceof Type.Tuple tt && tt.size() > 1) {
            // f(g()): g's results become f's arguments, through temporaries
            ArgLayout gl = call((Expr.Call) Expr.unparen(c.args.get(0)), R0, false);
            List<Addr> tmp = new ArrayList<>();
            for (int i = 0; i < np; i++) {
                Addr t = temp(types.get(i));
                copyVal(t, out(gl.results()[i]), types.get(i), c.pos);
                tmp.add(t);
            }
            for (int i = 0; i < np; i++) {
                copyVal(out(offs[i]), tmp.get(i), types.get(i), c.pos);
            }
        } else {
            passArgs(c.args, offs, types);
        }
        if (recv != null) {
            copyVal(out(base + cl.params()[0]), recv, recvType, c.pos);
        }
        return new Callee(sym, fv, cl);
    }

    /** CALL sym, or CALLCLOSURE through the saved func value (a nil one faults at address 0). */
    void emitCall(Callee ce) {
        f.pcdata(FuncData.PCDATA_StackMapIndex, site());
        if (ce.sym() != null) {
            f.call(ce.sym());
        } else {
            load(ce.fv(), PTR, R0);
            f.callclosure(R0);
        }
        f.pcdata(FuncData.PCDATA_StackMapIndex, -1);
    }

    /**
     * {@code go f(args)} and {@code defer f(args)}, as 6g/5g's ginscall of Go 1.3 (proc 1 and 2):
     * runtime.newproc or runtime.deferproc(siz int32, fn *FuncVal, args...), with siz the callee's
     * argument size (argsize: parameters and results) and fn the func value, or for a package
     * function or method its static FuncVal ({@code main.f·f}) in rodata. After deferproc, a
     * non-zero R0 (a deferred call recovered a panic) jumps to the return epilogue.
     */
    void goStmt(Stmt.CallStmt s) {
        Expr.Call c = s.call;
        boolean defer = s.tok == Token.DEFER;
        Expr.FuncLit wrap = env.wrappers().get(s);
        if (wrap != null) {
            // defer println(x): the wrapper func·NNN(x) deferred with the arguments of now
            String rt = defer ? "runtime.deferproc" : "runtime.newproc";
            need(rt, s.pos);
            Type.Signature ws = (Type.Signature) wrap.type;
            ArgLayout wl = layout(ws, s.pos);
            int[] offs = wl.params().clone();
            for (int i = 0; i < offs.length; i++) {
                offs[i] += 2 * w;
            }
            passArgs(c.args, offs, wl.paramTypes());
            line(s);
            f.movi(R0, wl.size()).store(SP, f.outarg(0), R0, Isa.W4);
            f.movi(R0, arch.uintptr(dataStart + data.funcval(env.lits().get(wrap))))
                    .store(SP, f.outarg(w), R0, ptrWidth());
            rtcall(rt);
            if (defer) {
                if (deferRet == null) {
                    deferRet = f.newLabel();
                }
                f.jnz(R0, deferRet);
            }
            return;
        }
        if (c.kind == Expr.CallKind.BUILTIN
                || c.kind == Expr.CallKind.CONVERSION
                || c.kind == Expr.CallKind.FUNC && Expr.unparen(c.fun) instanceof Expr.Selector) {
            throw new CannotCompile(
                    s.pos,
                    (defer ? "defer" : "go") + " of builtins and package " + "runtime's functions");
        }
        String rt = defer ? "runtime.deferproc" : "runtime.newproc";
        need(rt, s.pos);
        Callee ce = prepareCall(c, 2 * w);
        line(s);
        f.movi(R0, ce.layout().size()).store(SP, f.outarg(0), R0, Isa.W4);
        if (ce.sym() != null) {
            f.movi(R0, arch.uintptr(dataStart + data.funcval(ce.sym())));
        } else {
            load(ce.fv(), PTR, R0);
        }
        f.store(SP, f.outarg(w), R0, ptrWidth());
        rtcall(rt);
        if (defer) {
            if (deferRet == null) {
                deferRet = f.newLabel();
            }
            f.jnz(R0, deferRet);
        }
    }

    /**
     * A call of a function of runtime, runtime/debug, time, os or syscall: an RTCALL with the
     * arguments and results laid out as for the Go function. runtime.Gosched() is RTCALL
     * runtime.gosched, os.Exit runtime.exit, runtime.NumGoroutine runtime.NumGoroutine; every other
     * is RTCALL "pkg.Func" (pkg the last element of the import path), which must be registered in
     * the runtime the program is linked with (else: "gort cannot compile ... yet").
     */
    ArgLayout runtimeCall(Expr.Call c, Obj.Func fn, int r, boolean want) {
        String pkg = fn.pkg.substring(fn.pkg.lastIndexOf('/') + 1);
        String q = pkg + "." + fn.name;
        String rt =
                switch (q) {
                    case "runtime.Gosched" -> "runtime.gosched";
                    case "os.Exit" -> "runtime.exit";
                    default -> q;
                };
        need(rt, q, c.pos);
        ArgLayout cl = layout(fn.sig(), c.pos);
        passArgs(c.args, cl.params(), cl.paramTypes());
        line(c);
        if (CodeGen.RUNTIME_TEXT.contains(rt)) {
            emitCall(new Callee(rt, null, cl)); // a function with a frame of its own, as in C
        } else {
            rtcall(rt);
        }
        if (want) {
            if (cl.results().length != 1) {
                throw new CannotCompile(c.pos, "multi-valued expressions here");
            }
            load(out(cl.results()[0]), basicOf(cl.resultTypes().get(0), c.pos), r);
        }
        return cl;
    }

    /**
     * A method of a runtime type, x.M(args) with x a *runtime.Func: RTCALL "runtime.(*Func).M" with
     * the receiver as the first argument word, as the method's Go layout has it.
     */
    ArgLayout runtimeMethodCall(Expr.Call c, Expr.Selector sel, Obj.Func m, int r, boolean want) {
        Type recv = m.sig().recv.type;
        String tn =
                recv instanceof Type.Pointer p && p.elem instanceof Type.Named n ? n.obj.name : "?";
        String q = m.pkg.substring(m.pkg.lastIndexOf('/') + 1) + ".(*" + tn + ")." + m.name;
        need(q, q, c.pos);
        ArgLayout cl = layout(m.sig(), c.pos);
        List<Expr> args = new ArrayList<>();
        args.add(sel.x);
        args.addAll(c.args);
        passArgs(args, cl.params(), cl.paramTypes());
        line(c);
        rtcall(q);
        if (want) {
            if (cl.results().length != 1) {
                throw new CannotCompile(c.pos, "multi-valued expressions here");
            }
            load(out(cl.results()[0]), basicOf(cl.resultTypes().get(0), c.pos), r);
        }
        return cl;
    }

    /** Stores arguments in the outgoing area; with calls among them, all go through temps first. */
    void passArgs(List<Expr> as, int[] offs, List<Type> types) {
        boolean calls = as.stream().anyMatch(FuncGen::hasCall);
        if (!calls) {
            for (int i = 0; i < as.size(); i++) {
                assignTo(out(offs[i]), types.get(i), as.get(i));
            }
            return;
        }
        int mark = tempMark();
        List<Addr> tmp = new ArrayList<>();
        for (int i = 0; i < as.size(); i++) {
            Addr t = temp(types.get(i));
            assignTo(t, types.get(i), as.get(i));
            tmp.add(t);
        }
        for (int i = 0; i < as.size(); i++) {
            copyVal(out(offs[i]), tmp.get(i), types.get(i), as.get(i).pos);
        }
        release(mark);
    }

    // ---- provided by the layers above ----

    abstract void conversion(Expr.Call c, int r);

    abstract void builtin(Expr.Call c, int r, boolean want);
}
