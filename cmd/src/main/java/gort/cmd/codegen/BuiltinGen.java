package gort.cmd.codegen;

import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.R1;
import static gort.runtime.cpu.Isa.R2;
import static gort.runtime.cpu.Isa.R3;
import static gort.runtime.cpu.Isa.R4;
import static gort.runtime.cpu.Isa.R5;
import static gort.runtime.cpu.Isa.R7;
import static gort.runtime.cpu.Isa.SP;

import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.cmd.types.Types;
import gort.runtime.cpu.FuncData;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import java.util.ArrayList;
import java.util.List;

/**
 * Builtins and conversions of a function's generator ({@link FuncGen}): len, cap, copy, make,
 * append, new, panic, print and println; integer, string, []byte and []rune conversions, interface
 * boxing and type assertions.
 */
abstract class BuiltinGen extends CallGen {
    BuiltinGen(
            Env env,
            String name,
            Node owner,
            Type.Signature sig,
            Stmt.Block body,
            Pos pos,
            List<Obj.Var> captures) {
        super(env, name, owner, sig, body, pos, captures);
    }

    BuiltinGen(Env env, Pos pos) {
        super(env, pos);
    }

    void conversion(Expr.Call c, int r) {
        Type.Basic to = basicOf(c.type, c.pos);
        Expr x = c.args.get(0);
        if (to.isString() && !basicIsString(x.type)) {
            stringConversion(c, r);
            return;
        }
        Type.Basic from = basicOf(x.type, x.pos);
        if (to.isString() != from.isString()) {
            throw new CannotCompile(c.pos, "conversions between strings and integers");
        }
        expr(x, r);
        if (!to.isString() && wcode(to) != wcode(from) && !widensInPlace(wcode(from), wcode(to))) {
            // x AND x at the new width: the ALU leaves its result in that width's normal form
            f.alu(Isa.AND, r, r, r, wcode(to));
        }
    }

    /**
     * Whether a register holding a value of width code {@code from} in its normal form already
     * holds it in the normal form of the wider {@code to}: a zero-extended unsigned value fits any
     * wider type, a sign-extended signed one any wider signed type (docs/machine.md).
     */
    static boolean widensInPlace(int from, int to) {
        return (to & 3) > (from & 3) && ((from & Isa.SIGNED) == 0 || (to & Isa.SIGNED) != 0);
    }

    void builtin(Expr.Call c, int r, boolean want) {
        Obj.BuiltinId id =
                Expr.unparen(c.fun) instanceof Expr.Name n && n.obj instanceof Obj.Builtin b
                        ? b.id
                        : null;
        if (id == null) {
            throw new CannotCompile(c.pos, "the builtin " + c.fun);
        }
        switch (id) {
            case PRINT, PRINTLN -> print(c, id == Obj.BuiltinId.PRINTLN);
            case NEW -> {
                // walk.c's callnew: runtime.new(typ) returns a pointer to a fresh zeroed object
                newobject(c.args.get(0).type, c.pos);
                f.mov(r, R0);
            }
            case LEN, CAP -> lenCap(c, id == Obj.BuiltinId.CAP, r);
            case COPY -> copyBuiltin(c, r);
            case PANIC -> panicBuiltin(c);
            case RECOVER -> {
                Addr t = temp(Types.EMPTY_INTERFACE);
                builtinTo(c, t);
            }
            case APPEND, MAKE -> {
                if (c.type.underlying() instanceof Type.Chan) {
                    makechan(c, r);
                } else {
                    Addr t = temp(c.type);
                    builtinTo(c, t);
                }
            }
            case CLOSE -> {
                need("runtime.closechan", "close", c.pos);
                expr(c.args.get(0), R0);
                f.store(SP, f.outarg(0), R0, ptrWidth());
                line(c);
                rtcall("runtime.closechan");
            }
            default -> throw new CannotCompile(c.pos, "the builtin " + id.goName);
        }
    }

    /** len(x), cap(x) of a string, slice, array, pointer to array or channel. */
    void lenCap(Expr.Call c, boolean cap, int r) {
        Expr x = c.args.get(0);
        Type u = x.type.underlying();
        if (u instanceof Type.Pointer p && p.elem.underlying() instanceof Type.Array a) {
            expr(x, r); // evaluated for its effects; the length is the array's
            f.movi(r, a.len);
        } else if (u instanceof Type.Array a) {
            f.movi(r, a.len);
        } else if (basicIsString(x.type)) {
            expr(x, r);
            f.mov(r, r + 1);
        } else if (u instanceof Type.Slice) {
            Addr a = place(x, r);
            load(a.plus(cap ? 2 * w : w), Types.INT, r);
        } else if (u instanceof Type.Chan) {
            // Hchan's qcount (word 0) and dataqsiz (word 1); a nil channel has neither
            need("runtime.makechan", "channels", c.pos);
            Label done = f.newLabel();
            expr(x, r);
            f.jz(r, done).load(r, r, cap ? w : 0, intWidth());
            f.bind(done);
        } else {
            throw new CannotCompile(c.pos, "len and cap of " + describe(u));
        }
    }

    /** copy(dst, src) of slices (or a string source): memmove of min(len) elements; r = n. */
    void copyBuiltin(Expr.Call c, int r) {
        Type.Slice st = (Type.Slice) c.args.get(0).type.underlying();
        int es = sizeof(st.elem, c.pos);
        Addr d = temp(c.args.get(0).type);
        assignTo(d, c.args.get(0).type, c.args.get(0));
        Addr sa;
        if (basicIsString(c.args.get(1).type)) {
            sa = temp(Types.STRING);
            expr(c.args.get(1), R0);
            store(sa, Types.STRING, R0);
        } else {
            sa = temp(c.args.get(1).type);
            assignTo(sa, c.args.get(1).type, c.args.get(1));
        }
        Label keep = f.newLabel();
        f.load(R2, SP, d.off() + w, intWidth())
                .load(R3, SP, sa.off() + w, intWidth())
                .setcc(Isa.LT, R4, R3, R2)
                .jz(R4, keep)
                .mov(R2, R3)
                .bind(keep);
        f.mov(R5, R2).movi(R7, es).alu(Isa.MUL, R2, R2, R7, ptrWidth());
        f.load(R0, SP, d.off(), ptrWidth()).load(R1, SP, sa.off(), ptrWidth()).memmove(R0, R1, R2);
        f.mov(r, R5);
    }

    /** make(chan T[, n]): runtime.makechan(typ, size) (elem's type descriptor). */
    void makechan(Expr.Call c, int r) {
        need("runtime.makechan", "channels", c.pos);
        Type.Chan ct = (Type.Chan) c.type.underlying();
        if (c.args.size() > 1) {
            expr(c.args.get(1), R0);
        } else {
            f.movi(R0, 0);
        }
        f.store(SP, f.outarg(w), R0, intWidth());
        f.movi(R0, typeAddr(ct.elem, c.pos)).store(SP, f.outarg(0), R0, ptrWidth());
        line(c);
        rtcall("runtime.makechan");
        f.load(r, SP, f.outarg(2 * w), ptrWidth());
    }

    /**
     * panic(v): v converted to interface{} in the outgoing area, then a call of runtime.panic (Go
     * 1.3's runtime·panic(Eface), a function of the runtime's text).
     */
    void panicBuiltin(Expr.Call c) {
        need("runtime.panic", "panic", c.pos);
        Addr t = temp(Types.EMPTY_INTERFACE);
        toEface(c.args.get(0), t);
        copyVal(out(0), t, Types.EMPTY_INTERFACE, c.pos);
        line(c);
        f.pcdata(FuncData.PCDATA_StackMapIndex, site())
                .call("runtime.panic")
                .pcdata(FuncData.PCDATA_StackMapIndex, -1);
    }

    /**
     * Stores {@code x} converted to interface{} at {@code t}, as Go 1.3's convT2E: the type
     * descriptor's address, and the value itself when it fits a word (zero-extended), else a
     * pointer to a copy from runtime.new. An interface value is copied; nil is {0, 0}.
     */
    void toEface(Expr x, Addr t) {
        Type xt = x.type;
        if (xt.underlying() instanceof Type.Interface) {
            assignTo(t, xt, x);
            return;
        }
        if (xt instanceof Type.Basic b && b.kind == Type.Kind.UNTYPED_NIL) {
            zero(t, Types.EMPTY_INTERFACE, x.pos);
            return;
        }
        Type vt = xt instanceof Type.Basic b && b.isUntyped() ? basicOf(xt, x.pos) : xt;
        int size = sizeof(vt, x.pos);
        if (size <= w && scalar(vt)) {
            expr(x, R0);
            f.store(SP, t.off() + w, R0, ptrWidth());
        } else {
            Addr v = temp(vt);
            assignTo(v, vt, x);
            newobject(vt, x.pos);
            f.store(SP, t.off() + w, R0, ptrWidth());
            copyVal(new Addr(IND, 0, t.off() + w), v, vt, x.pos);
        }
        f.movi(R0, efaceType(vt, x.pos)).store(SP, t.off(), R0, ptrWidth());
    }

    /** The address of the runtime type descriptor of {@code t}, one per type, with its name. */
    long efaceType(Type t, Pos pos) {
        return arch.uintptr(dataStart + data.typedesc(t, rtTypeName(t), pos));
    }

    /** A type's name as Go 1.3's type.string holds it (main.T, *main.T, []int, uint8 ...). */
    static String rtTypeName(Type t) {
        if (t instanceof Type.Named n) {
            return n.obj.name.equals("error") && n.obj.pkg == null ? "error" : "main." + n.obj.name;
        }
        if (t instanceof Type.Basic b) {
            return switch (b.kind) {
                case UINT8 -> "uint8";
                case INT32 -> "int32";
                default -> b.name;
            };
        }
        if (t instanceof Type.Pointer p) {
            return "*" + rtTypeName(p.elem);
        }
        if (t instanceof Type.Slice sl) {
            return "[]" + rtTypeName(sl.elem);
        }
        if (t instanceof Type.Array a) {
            return "[" + a.len + "]" + rtTypeName(a.elem);
        }
        return t.toString();
    }

    /**
     * x.(T) for an interface{} x and a non-interface T into {@code t}: the type word compared with
     * T's descriptor; a mismatch panics (runtime.panicdottype) unless {@code ok} receives the
     * comma-ok result (then t is T's zero value).
     */
    void assertTo(Expr.Assert e, Addr t, Addr ok) {
        Type tt = e.type instanceof Type.Tuple tu ? tu.at(0) : e.type;
        if (tt.underlying() instanceof Type.Interface) {
            throw new CannotCompile(e.pos, "type assertions to interfaces");
        }
        Addr x = temp(Types.EMPTY_INTERFACE);
        assignTo(x, Types.EMPTY_INTERFACE, e.x);
        Label match = f.newLabel();
        Label done = f.newLabel();
        f.load(R0, SP, x.off(), ptrWidth())
                .movi(R1, efaceType(tt, e.pos))
                .setcc(Isa.EQ, R2, R0, R1)
                .jnz(R2, match);
        if (ok == null) {
            need("runtime.panicdottype", "type assertions", e.pos);
            // panicdottype(have, want, iface *Type)
            f.store(SP, f.outarg(0), R0, ptrWidth())
                    .store(SP, f.outarg(w), R1, ptrWidth())
                    .movi(R0, 0)
                    .store(SP, f.outarg(2 * w), R0, ptrWidth());
            rtcall("runtime.panicdottype");
        } else {
            zero(t, tt, e.pos);
            f.movi(R0, 0);
            f.store(SP, ok.off(), R0, Isa.W1);
            f.jmp(done);
        }
        f.bind(match);
        int size = sizeof(tt, e.pos);
        if (size <= w && scalar(tt)) {
            Type.Basic b = basicOf(tt, e.pos);
            f.load(R0, SP, x.off() + w, wcode(b));
            store(t, b, R0);
        } else {
            copyVal(t, new Addr(IND, 0, x.off() + w), tt, e.pos);
        }
        if (ok != null) {
            f.movi(R0, 1).store(SP, ok.off(), R0, Isa.W1);
        }
        f.bind(done);
    }

    /** Converts a string, []byte or []rune, or builds a string from an integer, into t. */
    void conversionTo(Expr.Call c, Addr t) {
        Expr x = c.args.get(0);
        Type to = c.type.underlying();
        if (to instanceof Type.Slice sl && basicIsString(x.type)) {
            boolean runes = basicOf(sl.elem, c.pos).kind == Type.Kind.INT32;
            String fn = runes ? "runtime.stringtoslicerune" : "runtime.stringtoslicebyte";
            need(fn, "conversions to " + (runes ? "[]rune" : "[]byte"), c.pos);
            expr(x, R0);
            store(out(0), Types.STRING, R0);
            line(c);
            rtcall(fn);
            copyVal(t, out(2 * w), c.type, c.pos);
            return;
        }
        if (to instanceof Type.Interface) {
            toEface(x, t); // interface{}(v)
            return;
        }
        if (to instanceof Type.Slice || to instanceof Type.Struct || to instanceof Type.Array) {
            Addr v = place(x, R0);
            copyVal(t, v, c.type, c.pos); // between types with one underlying type
            return;
        }
        throw new CannotCompile(c.pos, "this conversion");
    }

    /**
     * r = string(x) for x a []byte, []rune or an integer (a rune's UTF-8, as Go 1.3's intstring).
     */
    void stringConversion(Expr.Call c, int r) {
        Expr x = c.args.get(0);
        Type u = x.type.underlying();
        if (u instanceof Type.Slice sl) {
            boolean runes = basicOf(sl.elem, c.pos).kind == Type.Kind.INT32;
            String fn = runes ? "runtime.slicerunetostring" : "runtime.slicebytetostring";
            need(fn, "conversions to string", c.pos);
            Addr v = place(x, R0);
            copyVal(out(0), v, x.type, c.pos);
            line(c);
            rtcall(fn);
            load(out(3 * w), Types.STRING, r);
            return;
        }
        need("runtime.intstring", "conversions of integers to string", c.pos);
        expr(x, R0);
        f.store(SP, f.outarg(0), R0, Isa.W8);
        line(c);
        rtcall("runtime.intstring");
        load(out(8), Types.STRING, r);
    }

    /** The type an argument of print is printed as (an untyped constant: its default type). */
    static Type printType(Expr a) {
        return a.type instanceof Type.Basic b ? basicOf(b, a.pos) : a.type;
    }

    /**
     * print/println as walk.c's walkprint of Go 1.3 lowers them: one runtime call per argument
     * (printsp between and printnl after, for println). A signed or narrower-than-64-bit unsigned
     * integer is converted to int64 for printint; only uint64 goes to printuint. Arguments that
     * call functions are evaluated, in order, before anything is printed (order.c's temporaries).
     */
    void print(Expr.Call c, boolean ln) {
        List<Expr> as = c.args;
        if (as.size() == 1 && as.get(0).type instanceof Type.Tuple tt) {
            // println(f()) with several results: each result printed from a temporary
            ArgLayout cl = call((Expr.Call) Expr.unparen(as.get(0)), R0, false);
            List<Expr> names = new ArrayList<>();
            int mark0 = tempMark();
            for (int i = 0; i < tt.size(); i++) {
                Type t = cl.resultTypes().get(i);
                Addr tmp = temp(t);
                copyVal(tmp, out(cl.results()[i]), t, c.pos);
                Obj.Var v = new Obj.Var("·r" + i, c.pos, null, t, Obj.VarKind.LOCAL);
                v.owner = owner;
                localOff.put(v, tmp.off() - f.local(0));
                Expr.Name n = new Expr.Name(c.pos, v.name);
                n.obj = v;
                n.type = t;
                names.add(n);
            }
            Expr.Call c2 = new Expr.Call(c.pos, c.fun, names, false);
            c2.kind = c.kind;
            print(c2, ln);
            release(mark0);
            return;
        }
        Addr[] saved = new Addr[as.size()];
        int mark = tempMark();
        if (as.stream().anyMatch(FuncGen::hasCall)) {
            for (int i = 0; i < as.size(); i++) {
                Type at = printType(as.get(i));
                saved[i] = temp(at);
                assignTo(saved[i], at, as.get(i));
            }
        }
        for (int i = 0; i < as.size(); i++) {
            Expr a = as.get(i);
            line(c);
            if (ln && i > 0) {
                rtcall("runtime.printsp");
            }
            Type at = printType(a);
            if (!scalar(at)) {
                // print.c's printslice ([len/cap]0xptr) and printeface ((0xtype,0xdata))
                boolean slice = at.underlying() instanceof Type.Slice;
                String fn = slice ? "runtime.printslice" : "runtime.printeface";
                need(fn, slice ? "printing slices" : "printing interfaces", a.pos);
                Addr v = saved[i] != null ? saved[i] : place(a, R0);
                copyVal(out(0), v, at, a.pos);
                line(c);
                rtcall(fn);
                continue;
            }
            Type.Basic t = basicOf(a.type, a.pos);
            if (saved[i] != null) {
                load(saved[i], t, R0);
            } else {
                expr(a, R0);
            }
            String fn;
            if (t.isString()) {
                store(out(0), t, R0);
                fn = "runtime.printstring";
            } else if (t.kind == Type.Kind.BOOL) {
                f.store(SP, f.outarg(0), R0, Isa.W1);
                fn = "runtime.printbool";
            } else if (t.kind == Type.Kind.UNSAFE_POINTER) {
                f.store(SP, f.outarg(0), R0, ptrWidth());
                fn = "runtime.printpointer";
            } else {
                // the register holds the value sign- or zero-extended to 64 bits: the int64 or
                // uint64
                f.store(SP, f.outarg(0), R0, Isa.W8);
                fn = t.kind == Type.Kind.UINT64 ? "runtime.printuint" : "runtime.printint";
            }
            line(c);
            rtcall(fn);
        }
        release(mark);
        if (ln) {
            line(c);
            rtcall("runtime.printnl");
        }
    }
}
