package gort.cmd.codegen;

import static gort.runtime.cpu.FuncBuilder.FP;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.R1;
import static gort.runtime.cpu.Isa.R2;
import static gort.runtime.cpu.Isa.R3;
import static gort.runtime.cpu.Isa.R4;
import static gort.runtime.cpu.Isa.R5;
import static gort.runtime.cpu.Isa.R6;
import static gort.runtime.cpu.Isa.R7;
import static gort.runtime.cpu.Isa.SP;

import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Inspector;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Operator;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.types.Constant;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.cmd.types.Types;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import java.util.ArrayList;
import java.util.List;

/**
 * Expressions of a function's generator ({@link FuncGen}): values into registers R0..R5, places
 * (variables, fields, elements, slices, composite literals), operators, comparisons, string
 * operations, channel sends and receives.
 */
abstract class ExprGen extends FrameGen {
    ExprGen(
            Env env,
            String name,
            Node owner,
            Type.Signature sig,
            Stmt.Block body,
            Pos pos,
            List<Obj.Var> captures) {
        super(env, name, owner, sig, body, pos, captures);
    }

    ExprGen(Env env, Pos pos) {
        super(env, pos);
    }

    /** Whether {@code e} may call a function or reads a result variable. */
    static boolean callsOrReadsResults(Expr e) {
        boolean[] found = {hasCall(e)};
        Inspector.inspect(
                e,
                n -> {
                    if (n instanceof Expr.Name nm
                            && nm.obj instanceof Obj.Var v
                            && v.kind == Obj.VarKind.RESULT) {
                        found[0] = true;
                    }
                    return !found[0];
                });
        return found[0];
    }

    /** Whether evaluating {@code e} may call a function (and so clobber every register). */
    static boolean hasCall(Expr e) {
        boolean[] found = {false};
        Inspector.inspect(
                e,
                n -> {
                    if (n instanceof Expr.FuncLit
                            || n instanceof Expr.Slice
                            || n instanceof Expr.Assert
                            || n instanceof Expr.Operation ro
                                    && ro.op == Operator.RECV
                                    && ro.y == null) {
                        found[0] = true; // runtime.new for a closure; slices go through temporaries
                    }
                    if (n instanceof Expr.Operation o
                            && o.y != null
                            && o.type != null
                            && (o.op == Operator.ADD && basicIsString(o.type)
                                    || o.op.isComparison()
                                            && o.x.type != null
                                            && !scalar(o.x.type))) {
                        found[0] = true; // concatstring2; aggregate comparisons use every register
                    }
                    if (n instanceof Expr.Call c
                            && c.kind == Expr.CallKind.CONVERSION
                            && c.type != null
                            && (!scalar(c.type)
                                    || basicIsString(c.type)
                                            && !c.args.isEmpty()
                                            && !basicIsString(c.args.get(0).type))) {
                        found[0] = true; // conversions through the runtime
                    }
                    if (n instanceof Expr.CompositeLit) {
                        // &T{...} calls runtime.new; a literal built in a temporary uses R0..R2
                        // (memclr,
                        // memmove), so either is treated as a call: no register is live across it
                        found[0] = true;
                    }
                    if (n instanceof Expr.Call c
                            && c.kind != Expr.CallKind.CONVERSION
                            && !(c.kind == Expr.CallKind.BUILTIN
                                    && Expr.unparen(c.fun) instanceof Expr.Name nm
                                    && nm.obj instanceof Obj.Builtin b
                                    && b.id == Obj.BuiltinId.LEN)) {
                        found[0] = true;
                    }
                    return !found[0];
                });
        return found[0];
    }

    /** Evaluates {@code e} into register {@code r} (and r+1 for a string); r is at most R4. */
    void expr(Expr e0, int r) {
        Expr e = Expr.unparen(e0);
        if (r > R4) {
            throw new IllegalStateException(name + ": register " + r + " out of range");
        }
        line(e);
        if (isConst(e)) {
            constant(e.value, basicOf(e.type, e.pos), r);
            return;
        }
        if (e instanceof Expr.Name n) {
            if (n.obj instanceof Obj.Var v) {
                load(addrOf(v, n.pos), basicOf(v.type, n.pos), r);
                return;
            }
            if (n.obj instanceof Obj.Nil) {
                f.movi(r, 0);
                return;
            }
            if (n.obj instanceof Obj.Func fn && fn.decl != null && fn.pkg == null) {
                // a package function as a value: its static FuncVal (main.f·f) in rodata
                f.movi(r, arch.uintptr(dataStart + data.funcval(CodeGen.objName(fn))));
                return;
            }
            throw new CannotCompile(n.pos, "this identifier");
        }
        if (e instanceof Expr.Operation o) {
            if (o.y == null) {
                unary(o, r);
            } else {
                binary(o.op, o.x, o.y, basicOf(o.type, o.pos), r, o.pos);
            }
            return;
        }
        if (e instanceof Expr.Call c) {
            call(c, r, true);
            return;
        }
        if (e instanceof Expr.Index ix && basicIsString(ix.x.type)) {
            stringIndex(ix, r);
            return;
        }
        if (e instanceof Expr.Index || e instanceof Expr.Selector) {
            if (!scalar(e.type)) {
                throw new CannotCompile(e.pos, "this use of structs and arrays");
            }
            load(place(e, r, true), basicOf(e.type, e.pos), r);
            return;
        }
        if (e instanceof Expr.Slice sl && basicIsString(sl.type)) {
            load(place(sl, r), Types.STRING, r);
            return;
        }
        if (e instanceof Expr.CompositeLit) {
            throw new CannotCompile(e.pos, "this use of composite literals");
        }
        if (e instanceof Expr.FuncLit fl) {
            funcLit(fl, r);
            return;
        }
        if (e instanceof Expr.Assert as) {
            Type tt = as.type instanceof Type.Tuple tu ? tu.at(0) : as.type;
            Addr t = temp(tt);
            assertTo(as, t, null);
            load(t, basicOf(tt, as.pos), r);
            return;
        }
        throw new CannotCompile(e.pos, "this expression");
    }

    /**
     * r = the func value of a function literal: its static FuncVal when it captures nothing, else a
     * fresh FuncVal {fn, &captured...} from runtime.new (Go 1.3's closure: the captured variables
     * live in the heap and the closure holds their addresses).
     */
    void funcLit(Expr.FuncLit fl, int r) {
        String sym = env.lits().get(fl);
        if (fl.captures.isEmpty()) {
            f.movi(r, arch.uintptr(dataStart + data.funcval(sym)));
            return;
        }
        newobject(closureType(fl), fl.pos);
        Addr t = temp(PTR);
        store(t, PTR, R0);
        f.movaddr(R1, sym).store(R0, 0, R1, ptrWidth());
        for (int i = 0; i < fl.captures.size(); i++) {
            Addr a = addrOf(fl.captures.get(i), fl.pos);
            if (a.base() != IND) {
                throw new IllegalStateException(
                        "captured variable not in the heap: " + fl.captures.get(i).name);
            }
            f.load(R1, SP, (int) a.abs(), ptrWidth());
            load(t, PTR, R0);
            f.store(R0, (i + 1) * w, R1, ptrWidth());
        }
        load(t, PTR, r);
    }

    /**
     * Whether {@code e} is a constant. The checker leaves a value on a non-constant shift of an
     * untyped constant ({@code 1 << n} carries the value 1), so an operation counts as constant
     * only when its operands are.
     */
    static boolean isConst(Expr e0) {
        Expr e = Expr.unparen(e0);
        if (e.value == null || e.value.kind == Constant.Kind.UNKNOWN) {
            return false;
        }
        if (e instanceof Expr.Operation o) {
            return isConst(o.x) && (o.y == null || isConst(o.y));
        }
        return true;
    }

    void constant(Constant c, Type.Basic b, int r) {
        switch (c.kind) {
            case BOOL -> f.movi(r, c.boolValue() ? 1 : 0);
            case INT -> f.movi(r, Isa.norm(c.intValue().longValue(), wcode(b)));
            case STRING -> {
                String s = c.bytes();
                if (s.isEmpty()) {
                    f.movi(r, 0).movi(r + 1, 0);
                } else {
                    f.movi(r, arch.uintptr(dataStart + data.intern(s))).movi(r + 1, s.length());
                }
            }
            default -> throw new IllegalStateException("unknown constant");
        }
    }

    void unary(Expr.Operation o, int r) {
        Type.Basic t = basicOf(o.type, o.pos);
        switch (o.op) {
            case ADD -> expr(o.x, r);
            case SUB -> {
                expr(o.x, r);
                f.neg(r, r, wcode(t));
            }
            case XOR -> {
                expr(o.x, r);
                f.not(r, r, wcode(t));
            }
            case NOT -> {
                expr(o.x, r);
                f.movi(R7, 1).alu(Isa.XOR, r, r, R7, Isa.W1);
            }
            case MUL -> {
                // *p: Go 1.3 relies on the fault at the nil page for a nil p
                expr(o.x, r);
                if (t.isString()) {
                    f.load(r + 1, r, w, intWidth()).load(r, r, 0, ptrWidth());
                } else {
                    f.load(r, r, 0, wcode(t));
                }
            }
            case AND -> addressOf(o, r);
            case RECV -> {
                Type et = o.type instanceof Type.Tuple tu ? tu.at(0) : o.type;
                Addr v = temp(et);
                recv(o, v, null);
                load(v, t, r);
            }
            default -> throw new CannotCompile(o.pos, "operator " + o.op);
        }
    }

    /**
     * r = &x for an addressable x rooted in a package variable, a variable moved to the heap or a
     * pointer indirection; or &T{...}: a new object (runtime.new) filled with the literal.
     */
    void addressOf(Expr.Operation o, int r) {
        Expr x = Expr.unparen(o.x);
        if (x instanceof Expr.CompositeLit cl) {
            newobject(cl.type, cl.pos);
            Addr t = temp(PTR);
            store(t, PTR, R0);
            fill(new Addr(IND, 0, t.off()), cl, false);
            load(t, PTR, r);
            return;
        }
        if (x instanceof Expr.Name
                || x instanceof Expr.Selector
                || x instanceof Expr.Index
                || x instanceof Expr.Operation d && d.op == Operator.MUL && d.y == null) {
            Addr a = place(x, r);
            if (a.base() != ABS && a.base() != IND) {
                throw new IllegalStateException("address of a stack slot: " + x);
            }
            addrInto(a, r);
            return;
        }
        throw new CannotCompile(o.pos, "taking addresses of " + describe(x));
    }

    /**
     * Where the value of {@code e} lives, for an addressable expression (variable, {@code *p},
     * field, array element) or a value of struct or array type (a call's result or a composite
     * literal, copied to a temporary). Uses registers from {@code r} up, R6 and R7; pointers and
     * computed element addresses are kept in pointer temporaries, so the address stays valid across
     * later evaluation.
     */
    Addr place(Expr e0, int r) {
        return place(e0, r, false);
    }

    /**
     * {@link #place(Expr, int)}; with {@code now}, for a place used at once (before anything else
     * is evaluated), the element of a stack or package array may come back as an address held in
     * register {@code r} rather than in a pointer temporary.
     */
    Addr place(Expr e0, int r, boolean now) {
        Expr e = Expr.unparen(e0);
        if (e instanceof Expr.Name n && n.obj instanceof Obj.Var v) {
            return addrOf(v, n.pos);
        }
        if (e instanceof Expr.Operation o && o.op == Operator.MUL && o.y == null) {
            return now ? derefNow(o.x, r) : deref(o.x, r);
        }
        if (e instanceof Expr.Selector s) {
            if (s.fieldIndex < 0) {
                throw new CannotCompile(s.pos, "selectors of this kind");
            }
            Type xt = s.x.type.underlying();
            Type.Struct st =
                    (Type.Struct) (s.implicitDeref ? ((Type.Pointer) xt).elem.underlying() : xt);
            Addr base =
                    s.implicitDeref ? (now ? derefNow(s.x, r) : deref(s.x, r)) : place(s.x, r, now);
            return base.plus(fieldOffset(st, s.fieldIndex, s.pos));
        }
        if (e instanceof Expr.Index ix && ix.x.type.underlying() instanceof Type.Slice st) {
            return sliceIndex(place(ix.x, r), ix.index, sizeof(st.elem, ix.pos), r, now);
        }
        if (e instanceof Expr.Slice sl) {
            return sliceExpr(sl, r);
        }
        if (e instanceof Expr.Assert as) {
            Addr t = temp(as.type);
            assertTo(as, t, null);
            return t;
        }
        if (e instanceof Expr.Operation o && o.op == Operator.RECV && o.y == null) {
            Addr t = temp(e.type);
            recv(o, t, null);
            return t;
        }
        if (e instanceof Expr.Name n && n.obj instanceof Obj.Nil) {
            Addr t = temp(e.type);
            zero(t, e.type, e.pos);
            return t;
        }
        if (e instanceof Expr.CompositeLit cl && cl.type.underlying() instanceof Type.Slice st) {
            return sliceLit(cl, st);
        }
        if (e instanceof Expr.Call c
                && (c.kind == Expr.CallKind.BUILTIN || c.kind == Expr.CallKind.CONVERSION)
                && !scalar(e.type)) {
            Addr t = temp(e.type);
            if (c.kind == Expr.CallKind.CONVERSION) {
                conversionTo(c, t);
            } else {
                builtinTo(c, t);
            }
            return t;
        }
        if (e instanceof Expr.Index ix) {
            Type xt = ix.x.type.underlying();
            if (ix.implicitDeref || xt instanceof Type.Pointer) {
                xt = ((Type.Pointer) xt).elem.underlying();
            }
            if (!(xt instanceof Type.Array a)) {
                throw new CannotCompile(ix.pos, "index expressions on " + describe(xt));
            }
            int es = sizeof(a.elem, ix.pos);
            Addr base =
                    ix.x.type.underlying() instanceof Type.Pointer
                            ? deref(ix.x, r)
                            : place(ix.x, r);
            if (isConst(ix.index)) {
                return base.plus((int) (ix.index.value.intValue().longValue() * es));
            }
            if (base.base() != IND) {
                // an array in the frame, the arguments or the bss: its address needs no evaluation,
                // so
                // it is formed after the index, which is checked against the length
                expr(ix.index, r);
                f.movi(R7, a.len);
                checkIndex(r);
                scaleIndex(r, es);
                addrInto(base, R7);
                f.add(r, r, R7, ptrWidth());
                return elementAt(r, now);
            }
            // base pointer in a temporary, then the index, checked against the length
            Addr t = temp(PTR);
            addrInto(base, r);
            store(t, PTR, r);
            expr(ix.index, r);
            f.movi(R7, a.len);
            checkIndex(r);
            scaleIndex(r, es);
            f.load(R7, SP, t.off(), ptrWidth()).add(r, r, R7, ptrWidth());
            store(t, PTR, r);
            return new Addr(IND, 0, t.off());
        }
        if (e instanceof Expr.CompositeLit cl) {
            Addr t = temp(cl.type);
            fill(t, cl, true);
            return t;
        }
        if (e instanceof Expr.Call c && !scalar(e.type)) {
            ArgLayout l = call(c, r, false);
            if (l == null) {
                throw new CannotCompile(c.pos, "this call");
            }
            Addr t = temp(e.type);
            copyVal(t, out(l.results()[0]), e.type, c.pos);
            return t;
        }
        throw new CannotCompile(e.pos, "this use of structs and arrays");
    }

    /**
     * The place of element {@code index} of the slice whose header is at {@code hdr}: the index
     * checked (unsigned) against the length, runtime.panicindex when out of range, the element's
     * address kept in a pointer temporary (with {@code now}, for a header not reached through a
     * pointer, in r).
     */
    Addr sliceIndex(Addr hdr, Expr index, int es, int r, boolean now) {
        if (hdr.base() != IND) {
            // a header in the frame, the arguments or the bss: read where it is, after the index
            // (as through a temporary holding its address), the element's address in r when used at
            // once
            expr(index, r);
            f.load(R7, base(hdr), hdr.off() + w, intWidth());
            checkIndex(r);
            scaleIndex(r, es);
            f.load(R7, base(hdr), hdr.off(), ptrWidth()).add(r, r, R7, ptrWidth());
            return elementAt(r, now);
        }
        Addr t = temp(PTR);
        addrInto(hdr, r);
        store(t, PTR, r);
        expr(index, r);
        f.load(R6, SP, t.off(), ptrWidth()).load(R7, R6, w, intWidth());
        checkIndex(r);
        scaleIndex(r, es);
        f.load(R6, SP, t.off(), ptrWidth()).load(R7, R6, 0, ptrWidth()).add(r, r, R7, ptrWidth());
        store(t, PTR, r);
        return new Addr(IND, 0, t.off());
    }

    /** With the length in R7: runtime.panicindex unless the index in r is below it (unsigned). */
    void checkIndex(int r) {
        Label ok = f.newLabel();
        f.setcc(Isa.LTU, R7, r, R7).jnz(R7, ok);
        rtcall("runtime.panicindex");
        f.bind(ok);
    }

    /** Scales the checked index in r by the element size es, to a byte offset. */
    void scaleIndex(int r, int es) {
        if (es != 1) {
            f.movi(R7, es).alu(Isa.MUL, r, r, R7, ptrWidth());
        }
    }

    /**
     * The element whose address is in r: there when used at once, else kept in a pointer temporary.
     */
    Addr elementAt(int r, boolean now) {
        if (now) {
            return new Addr(r, 0);
        }
        Addr t = temp(PTR);
        store(t, PTR, r);
        return new Addr(IND, 0, t.off());
    }

    /** r = s[i] for a string s: the byte, the index checked against the length. */
    void stringIndex(Expr.Index ix, int r) {
        Addr ts = temp(Types.STRING);
        expr(ix.x, r);
        store(ts, Types.STRING, r);
        expr(ix.index, r);
        f.load(R7, SP, ts.off() + w, intWidth());
        checkIndex(r);
        f.load(R7, SP, ts.off(), ptrWidth()).add(r, r, R7, ptrWidth()).load(r, r, 0, Isa.W1);
    }

    /**
     * x[lo:hi] of a string, slice, array (addressable) or pointer to array, built in a temporary:
     * {ptr + lo*size, hi - lo, cap - lo} ({ptr + lo, hi - lo} for a string). As 6g's cgen_slice, hi
     * is checked against the capacity (the length for a string) and lo against hi, unsigned; either
     * failure calls runtime.panicslice.
     */
    Addr sliceExpr(Expr.Slice e, int r) {
        if (e.full) {
            throw new CannotCompile(e.pos, "3-index slices");
        }
        Type xt = e.x.type.underlying();
        boolean str = basicIsString(e.x.type);
        Type.Slice tmpType = new Type.Slice(Types.UINT8);
        Addr h = temp(tmpType); // {ptr, len, cap} of the operand
        int es = 1;
        if (str) {
            expr(e.x, r);
            f.store(SP, h.off(), r, ptrWidth())
                    .store(SP, h.off() + w, r + 1, intWidth())
                    .store(SP, h.off() + 2 * w, r + 1, intWidth());
        } else if (xt instanceof Type.Slice st) {
            es = sizeof(st.elem, e.pos);
            copyVal(h, place(e.x, r), e.x.type, e.pos);
        } else {
            Type.Array a = (Type.Array) (xt instanceof Type.Pointer p ? p.elem.underlying() : xt);
            es = sizeof(a.elem, e.pos);
            if (xt instanceof Type.Pointer) {
                expr(e.x, r);
            } else {
                addrInto(place(e.x, r), r);
            }
            f.store(SP, h.off(), r, ptrWidth())
                    .movi(r, a.len)
                    .store(SP, h.off() + w, r, intWidth())
                    .store(SP, h.off() + 2 * w, r, intWidth());
        }
        Addr lo = temp(Types.INT);
        Addr hi = temp(Types.INT);
        if (e.lo != null) {
            expr(e.lo, r);
        } else {
            f.movi(r, 0);
        }
        store(lo, Types.INT, r);
        if (e.hi != null) {
            expr(e.hi, r);
        } else {
            f.load(r, SP, h.off() + w, intWidth());
        }
        store(hi, Types.INT, r);
        Label bad = f.newLabel();
        Label ok = f.newLabel();
        f.load(R0, SP, hi.off(), intWidth())
                .load(R1, SP, h.off() + (str ? w : 2 * w), intWidth())
                .setcc(Isa.GTU, R2, R0, R1)
                .jnz(R2, bad);
        f.load(R1, SP, lo.off(), intWidth()).setcc(Isa.GTU, R2, R1, R0).jz(R2, ok);
        f.bind(bad);
        rtcall("runtime.panicslice");
        f.bind(ok);
        // R0 = hi, R1 = lo
        Addr res = temp(e.type);
        f.sub(R2, R0, R1, intWidth()).store(SP, res.off() + w, R2, intWidth());
        if (!str) {
            f.load(R2, SP, h.off() + 2 * w, intWidth())
                    .sub(R2, R2, R1, intWidth())
                    .store(SP, res.off() + 2 * w, R2, intWidth());
        }
        if (es != 1) {
            f.movi(R7, es).alu(Isa.MUL, R1, R1, R7, ptrWidth());
        }
        f.load(R2, SP, h.off(), ptrWidth())
                .add(R2, R2, R1, ptrWidth())
                .store(SP, res.off(), R2, ptrWidth());
        return res;
    }

    /** []T{...}: a backing array from runtime.new, filled, and a header {p, n, n}. */
    Addr sliceLit(Expr.CompositeLit cl, Type.Slice st) {
        long n = 0;
        long index = 0;
        for (Expr el : cl.elems) {
            if (el instanceof Expr.KeyValue kv) {
                index = kv.key.value.intValue().longValue();
            }
            index++;
            n = Math.max(n, index);
        }
        Type.Array at = new Type.Array(n, st.elem);
        Addr res = temp(cl.type);
        newobject(at, cl.pos);
        Addr p = temp(PTR);
        store(p, PTR, R0);
        int es = sizeof(st.elem, cl.pos);
        index = 0;
        for (Expr el : cl.elems) {
            Expr val = el;
            if (el instanceof Expr.KeyValue kv) {
                index = kv.key.value.intValue().longValue();
                val = kv.val;
            }
            elem(new Addr(IND, (int) (index * es), p.off()), st.elem, val);
            index++;
        }
        load(p, PTR, R0);
        f.store(SP, res.off(), R0, ptrWidth())
                .movi(R0, n)
                .store(SP, res.off() + w, R0, intWidth())
                .store(SP, res.off() + 2 * w, R0, intWidth());
        return res;
    }

    /** The rodata address of the type descriptor of {@code t} (for makeslice, growslice ...). */
    long typeAddr(Type t, Pos pos) {
        return arch.uintptr(dataStart + data.typedesc(t, null, pos));
    }

    /**
     * The type of a closure's context, as 6g's walkclosure builds it: {@code struct { F uintptr; A
     * *T1; B *T2 ... }}, the function's entry then the addresses of the captured variables.
     */
    Type closureType(Expr.FuncLit fl) {
        Type.Struct st = new Type.Struct();
        st.fields.add(new Obj.Var("F", fl.pos, null, Types.UINTPTR, Obj.VarKind.FIELD));
        for (Obj.Var v : fl.captures) {
            st.fields.add(
                    new Obj.Var(v.name, fl.pos, null, new Type.Pointer(v.type), Obj.VarKind.FIELD));
        }
        return st;
    }

    /** The int64 slot after a first word (Go 1.3 aligns int64 to Int64Align). */
    int int64After(int off) {
        return roundUp(off, arch.Int64Align);
    }

    /** Evaluates a non-scalar builtin call (make, append of slices) into {@code t}. */
    void builtinTo(Expr.Call c, Addr t) {
        Obj.BuiltinId id = ((Obj.Builtin) ((Expr.Name) Expr.unparen(c.fun)).obj).id;
        if (id == Obj.BuiltinId.MAKE && c.type.underlying() instanceof Type.Slice st) {
            need("runtime.makeslice", "make of slices", c.pos);
            // makeslice(typ *SliceType, len int64, cap int64) []T, as in Go 1.3
            Addr ln = temp(Types.INT64);
            Addr cp = temp(Types.INT64);
            expr(c.args.get(1), R0);
            store(ln, Types.INT64, R0);
            if (c.args.size() > 2) {
                expr(c.args.get(2), R0);
            }
            store(cp, Types.INT64, R0);
            int lo = int64After(w);
            int res = roundUp(lo + 16, w);
            f.movi(R0, typeAddr(st, c.pos)).store(SP, f.outarg(0), R0, ptrWidth());
            load(ln, Types.INT64, R0);
            f.store(SP, f.outarg(lo), R0, Isa.W8);
            load(cp, Types.INT64, R0);
            f.store(SP, f.outarg(lo + 8), R0, Isa.W8);
            line(c);
            rtcall("runtime.makeslice");
            copyVal(t, out(res), c.type, c.pos);
            return;
        }
        if (id == Obj.BuiltinId.APPEND) {
            append(c, t);
            return;
        }
        if (id == Obj.BuiltinId.RECOVER) {
            // Go 1.3's runtime.recover(argp): the caller's argument pointer tells whether it is the
            // deferred call itself that recovers
            need("runtime.recover", "recover", c.pos);
            f.lea(R0, FP, 0).store(SP, f.outarg(0), R0, ptrWidth());
            line(c);
            rtcall("runtime.recover");
            copyVal(t, out(w), Types.EMPTY_INTERFACE, c.pos);
            return;
        }
        throw new CannotCompile(c.pos, "the builtin " + id.goName + " here");
    }

    /**
     * append(s, x...) as walk.c's append of Go 1.3: s is copied to t; when len + n exceeds cap, t =
     * runtime.growslice(typ, t, n); the values are stored after the old length and the length grows
     * by n. With {@code s, y...}, y (a slice or a string) is copied by memmove.
     */
    void append(Expr.Call c, Addr t) {
        Type.Slice st = (Type.Slice) c.type.underlying();
        int es = sizeof(st.elem, c.pos);
        assignTo(t, c.type, c.args.get(0));
        List<Addr> vals = new ArrayList<>();
        Addr spread = null;
        if (c.hasDots) {
            Type yt = c.args.get(1).type;
            if (basicIsString(yt)) {
                spread = temp(Types.STRING);
                expr(c.args.get(1), R0);
                store(spread, Types.STRING, R0);
            } else {
                spread = temp(yt);
                assignTo(spread, yt, c.args.get(1));
            }
        } else {
            for (int i = 1; i < c.args.size(); i++) {
                Addr v = temp(st.elem);
                assignTo(v, st.elem, c.args.get(i));
                vals.add(v);
            }
        }
        if (spread == null && vals.isEmpty()) {
            return;
        }
        Addr n = temp(Types.INT);
        if (spread != null) {
            f.load(R0, SP, spread.off() + w, intWidth());
        } else {
            f.movi(R0, vals.size());
        }
        store(n, Types.INT, R0);
        Label fits = f.newLabel();
        f.load(R1, SP, t.off() + w, intWidth())
                .add(R1, R1, R0, intWidth())
                .load(R2, SP, t.off() + 2 * w, intWidth())
                .setcc(Isa.LEU, R3, R1, R2)
                .jnz(R3, fits);
        need("runtime.growslice", "append", c.pos);
        int noff = int64After(4 * w);
        int res = roundUp(noff + 8, w);
        f.movi(R0, typeAddr(st, c.pos)).store(SP, f.outarg(0), R0, ptrWidth());
        copyVal(out(w), t, c.type, c.pos);
        load(n, Types.INT, R0);
        f.store(SP, f.outarg(noff), R0, Isa.W8);
        line(c);
        rtcall("runtime.growslice");
        copyVal(t, out(res), c.type, c.pos);
        f.bind(fits);
        if (spread != null) {
            // memmove(t.ptr + t.len*es, y.ptr, n*es)
            f.load(R0, SP, t.off() + w, intWidth())
                    .movi(R7, es)
                    .alu(Isa.MUL, R0, R0, R7, ptrWidth())
                    .load(R7, SP, t.off(), ptrWidth())
                    .add(R0, R0, R7, ptrWidth());
            f.load(R1, SP, spread.off(), ptrWidth());
            f.load(R2, SP, n.off(), intWidth()).movi(R7, es).alu(Isa.MUL, R2, R2, R7, ptrWidth());
            f.memmove(R0, R1, R2);
        } else {
            Addr p = temp(PTR);
            f.load(R0, SP, t.off() + w, intWidth())
                    .movi(R7, es)
                    .alu(Isa.MUL, R0, R0, R7, ptrWidth())
                    .load(R7, SP, t.off(), ptrWidth())
                    .add(R0, R0, R7, ptrWidth());
            store(p, PTR, R0);
            for (int i = 0; i < vals.size(); i++) {
                copyVal(new Addr(IND, i * es, p.off()), vals.get(i), st.elem, c.pos);
            }
        }
        f.load(R0, SP, t.off() + w, intWidth())
                .load(R1, SP, n.off(), intWidth())
                .add(R0, R0, R1, intWidth())
                .store(SP, t.off() + w, R0, intWidth());
    }

    /**
     * {@code <-c} into {@code v} (null: discarded): runtime.chanrecv1(c, &v), or with {@code ok}
     * runtime.chanrecv2(c, &v) (received bool), as chan.goc's entry points.
     */
    void recv(Expr.Operation o, Addr v, Addr ok) {
        String fn = ok == null ? "runtime.chanrecv1" : "runtime.chanrecv2";
        need(fn, "channel receives", o.pos);
        expr(o.x, R0);
        f.store(SP, f.outarg(0), R0, ptrWidth());
        if (v == null) {
            f.movi(R0, 0);
        } else {
            addrInto(v, R0);
        }
        f.store(SP, f.outarg(w), R0, ptrWidth());
        line(o);
        rtcall(fn);
        if (ok != null) {
            f.load(R0, SP, f.outarg(2 * w), Isa.W1).store(SP, ok.off(), R0, Isa.W1);
        }
    }

    /** {@code c <- x}: x in a temporary, runtime.chansend1(c, &tmp). */
    void send(Stmt.Send s) {
        need("runtime.chansend1", "channel sends", s.pos);
        Type et = ((Type.Chan) s.chan.type.underlying()).elem;
        Addr c = temp(PTR);
        expr(s.chan, R0);
        store(c, PTR, R0);
        Addr v = temp(et);
        assignTo(v, et, s.val);
        load(c, PTR, R0);
        f.store(SP, f.outarg(0), R0, ptrWidth());
        addrInto(v, R0);
        f.store(SP, f.outarg(w), R0, ptrWidth());
        line(s);
        rtcall("runtime.chansend1");
    }

    /** The place *p: p evaluated into a pointer temporary. */
    Addr deref(Expr p, int r) {
        expr(p, r);
        Addr t = temp(PTR);
        store(t, PTR, r);
        return new Addr(IND, 0, t.off());
    }

    /** The place *p for a use at once: p evaluated into r, which addresses the place. */
    Addr derefNow(Expr p, int r) {
        expr(p, r);
        return new Addr(r, 0);
    }

    /**
     * Stores the composite literal {@code cl} at {@code a}, zeroing it first when {@code clear}.
     */
    void fill(Addr a, Expr.CompositeLit cl, boolean clear) {
        Type u = cl.type.underlying();
        if (clear) {
            zero(a, cl.type, cl.pos);
        }
        if (u instanceof Type.Struct st) {
            for (int k = 0; k < cl.elems.size(); k++) {
                Expr el = cl.elems.get(k);
                Expr val = el instanceof Expr.KeyValue kv ? kv.val : el;
                int i = cl.fieldIndex[k];
                elem(a.plus(fieldOffset(st, i, cl.pos)), st.fields.get(i).type, val);
            }
            return;
        }
        if (u instanceof Type.Array arr) {
            int es = sizeof(arr.elem, cl.pos);
            long index = 0;
            for (Expr el : cl.elems) {
                Expr val = el;
                if (el instanceof Expr.KeyValue kv) {
                    index = kv.key.value.intValue().longValue();
                    val = kv.val;
                }
                elem(a.plus((int) (index * es)), arr.elem, val);
                index++;
            }
            return;
        }
        throw new CannotCompile(cl.pos, "composite literals of " + describe(u));
    }

    void elem(Addr at, Type t, Expr val) {
        if (Expr.unparen(val) instanceof Expr.CompositeLit inner
                && !scalar(t)
                && !(t.underlying() instanceof Type.Slice)
                && !(t.underlying() instanceof Type.Interface)) {
            fill(at, inner, false);
        } else {
            assignTo(at, t, val);
        }
    }

    static String describe(Expr x) {
        if (x instanceof Expr.CompositeLit) {
            return "composite literals";
        } else if (x instanceof Expr.Index) {
            return "index expressions";
        } else if (x instanceof Expr.Selector) {
            return "selectors";
        }
        return "this expression";
    }

    /**
     * Evaluates x into r and y into the returned register: r+1 when there is room and y makes no
     * call, R7 for a constant y, else R6 after spilling x around y's evaluation.
     */
    int operands(Expr x, Expr y, Type.Basic xt, int r) {
        Expr uy = Expr.unparen(y);
        if (isConst(uy) && uy.value.kind == Constant.Kind.INT) {
            expr(x, r);
            constant(uy.value, basicOf(uy.type, uy.pos), R7);
            return R7;
        }
        if (!hasCall(y) && r + 1 <= R4) {
            expr(x, r);
            expr(y, r + 1);
            return r + 1;
        }
        int mark = tempMark();
        expr(x, r);
        Addr t = temp(xt);
        store(t, xt, r);
        expr(y, r);
        f.mov(R6, r);
        load(t, xt, r);
        release(mark);
        return R6;
    }

    void binary(Operator op, Expr x, Expr y, Type.Basic t, int r, Pos pos) {
        if (op == Operator.ANDAND || op == Operator.OROR) {
            Label done = f.newLabel();
            expr(x, r);
            if (op == Operator.ANDAND) {
                f.jz(r, done);
            } else {
                f.jnz(r, done);
            }
            expr(y, r);
            f.bind(done);
            return;
        }
        if (op.isComparison()) {
            Type xt0 = isNil(x) ? y.type : x.type;
            if (xt0 != null && !scalar(xt0)) {
                Type.Kind k = null;
                if (isNil(x) || isNil(y)) {
                    // a slice's pointer word or an interface's type word against nil
                    Addr a = place(isNil(x) ? y : x, r);
                    load(a, PTR, r);
                    f.movi(R7, 0).setcc(op == Operator.EQL ? Isa.EQ : Isa.NE, r, r, R7);
                    return;
                }
                aggregateEqual(x, y, r, pos);
                if (op == Operator.NEQ) {
                    f.movi(R7, 1).alu(Isa.XOR, r, r, R7, Isa.W1);
                }
                return;
            }
            Type.Basic ot = operandType(x, y);
            if (ot.isString()) {
                stringCompare(op, x, y, r, pos);
                return;
            }
            int rb = operands(x, y, ot, r);
            f.setcc(cond(op, signed(ot)), r, r, rb);
            return;
        }
        if (t.isString()) {
            concat(x, y, r, pos);
            return;
        }
        int rb = operands(x, y, t, r);
        int alu =
                switch (op) {
                    case ADD -> Isa.ADD;
                    case SUB -> Isa.SUB;
                    case MUL -> Isa.MUL;
                    case DIV -> Isa.DIV;
                    case REM -> Isa.MOD;
                    case AND -> Isa.AND;
                    case OR -> Isa.OR;
                    case XOR -> Isa.XOR;
                    case ANDNOT -> Isa.ANDNOT;
                    case SHL -> Isa.SHL;
                    case SHR -> Isa.SHR;
                    default -> throw new CannotCompile(pos, "operator " + op);
                };
        if ((alu == Isa.DIV || alu == Isa.MOD) && rb != R7) {
            // Go panics on integer division by zero; the CPU leaves the check to the compiler
            Label ok = f.newLabel();
            f.jnz(rb, ok);
            rtcall("runtime.panicdivide");
            f.bind(ok);
        }
        f.alu(alu, r, r, rb, wcode(t));
    }

    static boolean isNil(Expr e) {
        return Expr.unparen(e) instanceof Expr.Name n && n.obj instanceof Obj.Nil;
    }

    /**
     * r = x + y for strings: runtime.concatstring2(a, b string) string (Go 1.3's name; a longer sum
     * is a chain of them, left to right).
     */
    void concat(Expr x, Expr y, int r, Pos pos) {
        need("runtime.concatstring2", "string concatenation", pos);
        Addr tx = temp(Types.STRING);
        expr(x, R0);
        store(tx, Types.STRING, R0);
        Addr ty = temp(Types.STRING);
        expr(y, R0);
        store(ty, Types.STRING, R0);
        copyVal(out(0), tx, Types.STRING, pos);
        copyVal(out(2 * w), ty, Types.STRING, pos);
        line(pos);
        rtcall("runtime.concatstring2");
        load(out(4 * w), Types.STRING, r);
    }

    /**
     * r = (x == y) for structs and arrays: field by field (element by element), strings by their
     * bytes, as the compiler's generated eq functions compare them.
     */
    void aggregateEqual(Expr x, Expr y, int r, Pos pos) {
        Type t = x.type;
        Addr px = temp(PTR);
        addrInto(place(x, R0), R0);
        store(px, PTR, R0);
        Addr py = temp(PTR);
        addrInto(place(y, R0), R0);
        store(py, PTR, R0);
        Label no = f.newLabel();
        Label done = f.newLabel();
        equalLeaves(t, 0, px, py, no, pos);
        f.movi(r, 1).jmp(done);
        f.bind(no).movi(r, 0);
        f.bind(done);
    }

    void equalLeaves(Type t, int off, Addr px, Addr py, Label no, Pos pos) {
        Type u = t.underlying();
        if (u instanceof Type.Struct st) {
            for (int i = 0; i < st.fields.size(); i++) {
                if (!st.fields.get(i).name.equals("_")) {
                    equalLeaves(
                            st.fields.get(i).type, off + fieldOffset(st, i, pos), px, py, no, pos);
                }
            }
            return;
        }
        if (u instanceof Type.Array a) {
            int es = sizeof(a.elem, pos);
            for (long i = 0; i < a.len; i++) {
                equalLeaves(a.elem, off + (int) (i * es), px, py, no, pos);
            }
            return;
        }
        if (u instanceof Type.Interface) {
            throw new CannotCompile(pos, "comparisons of interfaces");
        }
        Type.Basic b = basicOf(t, pos);
        load(new Addr(IND, off, px.off()), b, R0);
        load(new Addr(IND, off, py.off()), b, R2);
        if (b.isString()) {
            stringEqual(R0, R2);
        } else {
            f.setcc(Isa.EQ, R0, R0, R2);
        }
        f.jz(R0, no);
    }

    Type.Basic operandType(Expr x, Expr y) {
        Type xt = x.type;
        if (xt == null || (xt instanceof Type.Basic b && b.isUntyped())) {
            if (y.type != null && !(y.type instanceof Type.Basic yb && yb.isUntyped())) {
                return basicOf(y.type, y.pos);
            }
        }
        return basicOf(xt, x.pos);
    }

    static int cond(Operator op, boolean signed) {
        return switch (op) {
            case EQL -> Isa.EQ;
            case NEQ -> Isa.NE;
            case LSS -> signed ? Isa.LT : Isa.LTU;
            case LEQ -> signed ? Isa.LE : Isa.LEU;
            case GTR -> signed ? Isa.GT : Isa.GTU;
            case GEQ -> signed ? Isa.GE : Isa.GEU;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    /**
     * A string comparison. Both strings are spilled to temporaries (they take four registers) and
     * compared by an inline loop: bytes first, then lengths, as runtime·cmpstring orders them.
     */
    void stringCompare(Operator op, Expr x, Expr y, int r, Pos pos) {
        int mark = tempMark();
        Addr tx = temp(Types.STRING);
        if (hasCall(y) || r > R0) {
            expr(x, r);
            store(tx, Types.STRING, r);
            Addr ty = temp(Types.STRING);
            expr(y, r);
            store(ty, Types.STRING, r);
            if (r != R0) {
                throw new CannotCompile(pos, "string comparisons inside larger expressions");
            }
            load(tx, Types.STRING, R0);
            load(ty, Types.STRING, R0 + 2);
        } else {
            expr(x, R0);
            expr(y, R0 + 2);
        }
        release(mark);
        // R0,R1 = x; R2,R3 = y; result in R0
        if (op == Operator.EQL || op == Operator.NEQ) {
            stringEqual(R0, R0 + 2);
            if (op == Operator.NEQ) {
                f.movi(R7, 1).alu(Isa.XOR, R0, R0, R7, Isa.W1);
            }
            return;
        }
        stringOrder(op);
    }

    /** r = (string at r,r+1 == string at s,s+1); clobbers r..r+3 (s == r+2), R4..R7. */
    void stringEqual(int r, int s) {
        if (r != R0 || s != R0 + 2) {
            throw new IllegalStateException("stringEqual registers");
        }
        // R0 ptr x, R1 len x, R2 ptr y, R3 len y
        Label no = f.newLabel();
        Label yes = f.newLabel();
        Label loop = f.newLabel();
        Label done = f.newLabel();
        int pw = ptrWidth();
        f.setcc(Isa.NE, R4, R1, R3).jnz(R4, no);
        f.movi(R4, 0);
        f.bind(loop);
        f.setcc(Isa.GEU, R5, R4, R1).jnz(R5, yes);
        f.add(R5, R0, R4, pw).load(R6, R5, 0, Isa.W1);
        f.add(R5, R2, R4, pw).load(R7, R5, 0, Isa.W1);
        f.setcc(Isa.NE, R5, R6, R7).jnz(R5, no);
        f.movi(R5, 1).add(R4, R4, R5, pw).jmp(loop);
        f.bind(yes).movi(R0, 1).jmp(done);
        f.bind(no).movi(R0, 0);
        f.bind(done);
    }

    /**
     * R0 = (x op y) for an ordering op, x in R0,R1 and y in R2,R3: the first differing byte
     * decides, else the lengths (both compared unsigned).
     */
    void stringOrder(Operator op) {
        Label keep = f.newLabel();
        Label loop = f.newLabel();
        Label diff = f.newLabel();
        Label lens = f.newLabel();
        Label done = f.newLabel();
        int pw = ptrWidth();
        int iw = intWidth();
        int cc = cond(op, false);
        // R5 = min(len x, len y), counted down while R0 and R2 walk the bytes
        f.mov(R5, R1).setcc(Isa.LT, R6, R3, R1).jz(R6, keep).mov(R5, R3).bind(keep);
        f.bind(loop).jz(R5, lens);
        f.load(R6, R0, 0, Isa.W1).load(R7, R2, 0, Isa.W1);
        f.setcc(Isa.NE, R4, R6, R7).jnz(R4, diff);
        f.movi(R4, 1).add(R0, R0, R4, pw).add(R2, R2, R4, pw).sub(R5, R5, R4, iw).jmp(loop);
        f.bind(diff).setcc(cc, R0, R6, R7).jmp(done);
        f.bind(lens).setcc(cc, R0, R1, R3);
        f.bind(done);
    }

    // ---- calls ----

    /** Evaluates {@code e} and stores its value, of type {@code t}, at {@code dst}. */
    void assignTo(Addr dst, Type t, Expr e) {
        if (t.underlying() instanceof Type.Interface
                && e.type != null
                && !(e.type.underlying() instanceof Type.Interface)) {
            // the implicit conversion of a concrete value to interface{} (convT2E)
            Addr tmp = temp(Types.EMPTY_INTERFACE);
            toEface(e, tmp);
            copyVal(dst, tmp, t, e.pos);
            return;
        }
        if (scalar(t)) {
            Type.Basic b = basicOf(t, e.pos);
            line(e);
            expr(b.isString() ? e : storedOperand(e, size(b), w), R0);
            store(dst, b, R0);
            return;
        }
        Addr src = place(e, R0);
        copyVal(dst, src, t, e.pos);
    }

    /**
     * The expression whose value a store of {@code n} bytes of {@code e} writes: {@code e} without
     * its integer conversions to types of at least n bytes, since such a conversion changes only
     * bytes the store does not write ({@code pad[i] = byte(i)} stores i's low byte).
     */
    static Expr storedOperand(Expr e, int n, int ptrSize) {
        Expr x = Expr.unparen(e);
        while (x instanceof Expr.Call c
                && c.kind == Expr.CallKind.CONVERSION
                && c.args.size() == 1
                && isIntegerType(c.type)
                && isIntegerType(c.args.get(0).type)
                && !isConst(c)
                && ((Type.Basic) c.type.underlying()).size(ptrSize) >= n) {
            x = Expr.unparen(c.args.get(0));
        }
        return x;
    }

    static boolean isIntegerType(Type t) {
        return t != null
                && t.underlying() instanceof Type.Basic b
                && b.isInteger()
                && !b.isUntyped();
    }

    // ---- provided by the layers above ----

    abstract void toEface(Expr x, Addr t);

    abstract ArgLayout call(Expr.Call c, int r, boolean want);

    abstract void assertTo(Expr.Assert e, Addr t, Addr ok);

    abstract void conversionTo(Expr.Call c, Addr t);
}
