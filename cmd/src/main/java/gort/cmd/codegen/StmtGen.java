package gort.cmd.codegen;

import static gort.runtime.cpu.FuncBuilder.FP;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.R1;
import static gort.runtime.cpu.Isa.R2;
import static gort.runtime.cpu.Isa.R3;
import static gort.runtime.cpu.Isa.R7;
import static gort.runtime.cpu.Isa.SP;

import gort.cmd.syntax.Decl;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Operator;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.syntax.Token;
import gort.cmd.types.Constant;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.cmd.types.Types;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements of a function's generator ({@link FuncGen}): declarations, assignments, returns, if,
 * for and range loops, switch, select, and branches.
 */
abstract class StmtGen extends BuiltinGen {
    StmtGen(
            Env env,
            String name,
            Node owner,
            Type.Signature sig,
            Stmt.Block body,
            Pos pos,
            List<Obj.Var> captures) {
        super(env, name, owner, sig, body, pos, captures);
    }

    StmtGen(Env env, Pos pos) {
        super(env, pos);
    }

    void stmts(List<Stmt> list) {
        for (Stmt s : list) {
            stmt(s);
        }
    }

    void stmt(Stmt s) {
        line(s);
        int mark = tempMark();
        if (s instanceof Stmt.Empty) {
            // nothing
        } else if (s instanceof Stmt.Block b) {
            stmts(b.list);
        } else if (s instanceof Stmt.Labeled l) {
            stmt(l.stmt);
        } else if (s instanceof Stmt.ExprStmt e) {
            exprStmt(e);
        } else if (s instanceof Stmt.DeclStmt d) {
            declStmt(d);
        } else if (s instanceof Stmt.Assign a) {
            assign(a);
        } else if (s instanceof Stmt.Return r) {
            ret(r);
        } else if (s instanceof Stmt.If i) {
            ifStmt(i);
        } else if (s instanceof Stmt.For fs) {
            forStmt(fs);
        } else if (s instanceof Stmt.Switch sw) {
            switchStmt(sw);
        } else if (s instanceof Stmt.Branch br) {
            branch(br);
        } else if (s instanceof Stmt.CallStmt c) {
            goStmt(c);
        } else if (s instanceof Stmt.Send sn) {
            send(sn);
        } else if (s instanceof Stmt.Select sel) {
            selectStmt(sel);
        } else {
            throw new CannotCompile(s.pos, "this statement");
        }
        release(mark);
    }

    void exprStmt(Stmt.ExprStmt s) {
        Expr x = Expr.unparen(s.x);
        if (x instanceof Expr.Call c) {
            call(c, R0, false);
        } else if (x instanceof Expr.Operation o && o.op == Operator.RECV && o.y == null) {
            recv(o, null, null);
        } else {
            throw new CannotCompile(x.pos, "this expression statement");
        }
    }

    void declStmt(Stmt.DeclStmt d) {
        for (Decl dd : d.decls) {
            if (dd instanceof Decl.Var v) {
                List<Expr> lhs = new ArrayList<>(v.names);
                for (Expr.Name n : v.names) {
                    if (n.obj instanceof Obj.Var var && isHeap(var)) {
                        allocHeap(var, n.pos);
                    }
                }
                if (v.values == null) {
                    for (Expr.Name n : v.names) {
                        if (n.obj instanceof Obj.Var var) {
                            zero(addrOf(var, n.pos), var.type, n.pos);
                        }
                    }
                } else {
                    assignLists(lhs, elems(v.values), v.pos);
                }
            }
        }
    }

    static List<Expr> elems(Expr e) {
        if (e == null) {
            return List.of();
        }
        return e instanceof Expr.ListExpr l ? l.elems : List.of(e);
    }

    /** A left-hand side: the variable's slot, or null for the blank identifier. */
    Addr lvalue(Expr e) {
        Expr x = Expr.unparen(e);
        if (x instanceof Expr.Name n) {
            if (n.obj == null && n.value.equals("_")) {
                return null;
            }
            if (n.obj instanceof Obj.Var v) {
                return addrOf(v, n.pos);
            }
        }
        if (x instanceof Expr.Index
                || x instanceof Expr.Selector
                || x instanceof Expr.Operation o && o.op == Operator.MUL && o.y == null) {
            // *p, s.f, a[i]: pointers and indexes are evaluated now, kept in temporaries
            return place(x, R0);
        }
        throw new CannotCompile(x.pos, "this assignment");
    }

    /** The type of a left-hand side (the right side's for the blank identifier). */
    static Type lhsTypeT(Expr e, Expr rhs) {
        Expr x = Expr.unparen(e);
        if (x instanceof Expr.Name n && n.obj instanceof Obj.Var v) {
            return v.type;
        }
        return x.type != null ? x.type : rhs.type;
    }

    Type.Basic lhsType(Expr e, Expr rhs) {
        Expr x = Expr.unparen(e);
        if (x instanceof Expr.Name n && n.obj instanceof Obj.Var v) {
            return basicOf(v.type, n.pos);
        }
        if (x.type != null) {
            return basicOf(x.type, x.pos);
        }
        return basicOf(rhs.type, rhs.pos);
    }

    void assign(Stmt.Assign a) {
        if (a.rhs == null) {
            // x++ / x--
            Addr l = lvalue(a.lhs);
            Type.Basic t = lhsType(a.lhs, a.lhs);
            load(l, t, R0);
            f.movi(R7, 1).alu(a.op == Operator.ADD ? Isa.ADD : Isa.SUB, R0, R0, R7, wcode(t));
            store(l, t, R0);
            return;
        }
        if (a.op == Operator.DEF) {
            for (Obj.Var v : a.newVars) {
                if (isHeap(v)) {
                    allocHeap(v, a.pos);
                }
            }
        }
        if (a.op != null && a.op != Operator.DEF) {
            if (hasCall(a.lhs)) {
                throw new CannotCompile(a.pos, "op-assignments to operands with calls");
            }
            Addr l = lvalue(a.lhs);
            Type.Basic t = lhsType(a.lhs, a.rhs);
            binary(a.op, a.lhs, a.rhs, t, R0, a.pos);
            store(l, t, R0);
            return;
        }
        assignLists(elems(a.lhs), elems(a.rhs), a.pos);
    }

    void assignLists(List<Expr> lhs, List<Expr> rhs, Pos pos) {
        if (rhs.size() == 1 && lhs.size() > 1) {
            Expr r = Expr.unparen(rhs.get(0));
            if (r instanceof Expr.Assert
                    || r instanceof Expr.Operation ro && ro.op == Operator.RECV) {
                // v, ok := x.(T) / v, ok := <-c: the value and ok in temporaries, then assigned
                Type vt = lhsTypeT(lhs.get(0), r);
                if (vt instanceof Type.Tuple tu) {
                    vt = tu.at(0);
                }
                Addr v = temp(vt);
                Addr ok = temp(Types.BOOL);
                if (r instanceof Expr.Assert as) {
                    assertTo(as, v, ok);
                } else {
                    recv((Expr.Operation) r, v, ok);
                }
                Addr l0 = lvalue(lhs.get(0));
                if (l0 != null) {
                    copyVal(l0, v, vt, pos);
                }
                Addr l1 = lvalue(lhs.get(1));
                if (l1 != null) {
                    copyVal(l1, ok, Types.BOOL, pos);
                }
                return;
            }
            if (!(r instanceof Expr.Call c)) {
                throw new CannotCompile(r.pos, "comma-ok expressions");
            }
            ArgLayout cl = call(c, R0, false);
            for (int i = 0; i < lhs.size(); i++) {
                Addr l = lvalue(lhs.get(i));
                if (l != null) {
                    copyVal(l, out(cl.results()[i]), cl.resultTypes().get(i), pos);
                }
            }
            return;
        }
        if (lhs.size() == 1
                && Expr.unparen(lhs.get(0)) instanceof Expr.Index ix
                && ix.type != null
                && scalar(ix.type)
                && !basicIsString(ix.type)
                && simpleScalar(rhs.get(0))) {
            // a[i] = x where x can neither call nor panic: the element's address stays in R0 while
            // x is evaluated into R1, with no pointer temporary
            Type.Basic b = basicOf(ix.type, ix.pos);
            Addr l = place(ix, R0, true);
            line(rhs.get(0));
            expr(storedOperand(rhs.get(0), size(b), w), R1);
            store(l, b, R1);
            return;
        }
        if (lhs.size() == 1) {
            Addr l = lvalue(lhs.get(0));
            Expr r = rhs.get(0);
            if (l == null) {
                if (Expr.unparen(r) instanceof Expr.Call c) {
                    call(c, R0, false);
                } else if (scalar(r.type)) {
                    expr(r, R0);
                } else {
                    place(r, R0);
                }
                return;
            }
            assignTo(l, lhsTypeT(lhs.get(0), r), r);
            return;
        }
        // a, b = x, y: every right side is evaluated before any assignment
        List<Addr> tmp = new ArrayList<>();
        for (int i = 0; i < rhs.size(); i++) {
            Type t = lhsTypeT(lhs.get(i), rhs.get(i));
            Addr ta = temp(t);
            assignTo(ta, t, rhs.get(i));
            tmp.add(ta);
        }
        for (int i = 0; i < lhs.size(); i++) {
            Addr l = lvalue(lhs.get(i));
            if (l != null) {
                copyVal(l, tmp.get(i), lhsTypeT(lhs.get(i), rhs.get(i)), pos);
            }
        }
    }

    /**
     * Whether {@code e} is a constant, a scalar variable or integer conversions of one (not a
     * string): its evaluation into a register r touches only r and R6, and cannot call or panic.
     */
    static boolean simpleScalar(Expr e) {
        Expr x = Expr.unparen(e);
        if (isConst(x)) {
            return x.value.kind == Constant.Kind.INT || x.value.kind == Constant.Kind.BOOL;
        }
        if (x instanceof Expr.Name n) {
            return n.obj instanceof Obj.Var v
                    && v.type.underlying() instanceof Type.Basic bt
                    && !bt.isString();
        }
        return x instanceof Expr.Call c
                && c.kind == Expr.CallKind.CONVERSION
                && c.args.size() == 1
                && isIntegerType(c.type)
                && isIntegerType(c.args.get(0).type)
                && simpleScalar(c.args.get(0));
    }

    void ret(Stmt.Return r) {
        List<Expr> res = elems(r.results);
        if (res.size() == 1 && sig.results.size() > 1) {
            Expr x = Expr.unparen(res.get(0));
            if (!(x instanceof Expr.Call c)) {
                throw new CannotCompile(x.pos, "this return");
            }
            ArgLayout cl = call(c, R0, false);
            for (int i = 0; i < sig.results.size(); i++) {
                copyVal(resultAddr(i, r.pos), out(cl.results()[i]), cl.resultTypes().get(i), r.pos);
            }
        } else if (res.size() == 1) {
            assignTo(resultAddr(0, r.pos), args.resultTypes().get(0), res.get(0));
        } else if (!res.isEmpty() && res.stream().noneMatch(FuncGen::callsOrReadsResults)) {
            // nothing can see a result slot before all are written: store them directly
            for (int i = 0; i < res.size(); i++) {
                assignTo(resultAddr(i, r.pos), args.resultTypes().get(i), res.get(i));
            }
        } else if (!res.isEmpty()) {
            List<Addr> tmp = new ArrayList<>();
            for (int i = 0; i < res.size(); i++) {
                Type t = args.resultTypes().get(i);
                Addr ta = temp(t);
                assignTo(ta, t, res.get(i));
                tmp.add(ta);
            }
            for (int i = 0; i < res.size(); i++) {
                copyVal(resultAddr(i, r.pos), tmp.get(i), args.resultTypes().get(i), r.pos);
            }
        }
        line(r);
        epilogue();
    }

    /** Where result i is stored by a return: its slot, or its heap cell when it moved there. */
    Addr resultAddr(int i, Pos pos) {
        Obj.Var rv = sig.results.vars.get(i);
        return isHeap(rv) ? addrOf(rv, pos) : new Addr(FP, args.results()[i]);
    }

    void ifStmt(Stmt.If s) {
        if (s.init != null) {
            stmt(s.init);
        }
        line(s.cond);
        Label els = f.newLabel();
        Label end = f.newLabel();
        branchIfFalse(s.cond, els);
        stmt(s.then);
        if (s.els != null) {
            f.jmp(end);
        }
        f.bind(els);
        if (s.els != null) {
            stmt(s.els);
        }
        f.bind(end);
    }

    /**
     * Jumps to {@code no} when {@code cond} is false. {@code x == 0} and {@code x != 0} of an
     * integer x test x's register itself, which holds x in its normal form (docs/machine.md), so it
     * is zero exactly when x is.
     */
    void branchIfFalse(Expr cond, Label no) {
        Expr c = Expr.unparen(cond);
        if (c instanceof Expr.Operation o
                && o.y != null
                && (o.op == Operator.EQL || o.op == Operator.NEQ)
                && isIntegerType(o.x.type)
                && !isConst(o.x)
                && isConst(o.y)
                && o.y.value.kind == Constant.Kind.INT
                && o.y.value.intValue().signum() == 0) {
            line(c);
            expr(o.x, R0);
            if (o.op == Operator.EQL) {
                f.jnz(R0, no);
            } else {
                f.jz(R0, no);
            }
            return;
        }
        expr(cond, R0);
        f.jz(R0, no);
    }

    void forStmt(Stmt.For s) {
        if (s.init instanceof Stmt.Range rg) {
            rangeLoop(s, rg);
            return;
        }
        if (s.init != null) {
            stmt(s.init);
        }
        Label top = f.newLabel();
        Label cont = f.newLabel();
        Label brk = f.newLabel();
        breakTo.put(s, brk);
        continueTo.put(s, cont);
        f.bind(top);
        if (s.cond != null) {
            line(s.cond);
            branchIfFalse(s.cond, brk);
        }
        stmt(s.body);
        f.bind(cont);
        if (s.post != null) {
            stmt(s.post);
        }
        line(s);
        f.jmp(top);
        f.bind(brk);
    }

    /**
     * {@code for k, v := range x} as walk/range.c of Go 1.3: x evaluated once (an array copied when
     * its values are used; a slice's header copied), a hidden index counting up to the length; a
     * string decodes runes (ASCII inline, else runtime.stringiter2); a channel receives until it is
     * closed (runtime.chanrecv2). The iteration variables are declared once (before Go 1.22) and
     * assigned each iteration.
     */
    void rangeLoop(Stmt.For s, Stmt.Range rg) {
        Expr key = null;
        Expr val = null;
        if (rg.lhs instanceof Expr.ListExpr l) {
            key = l.elems.get(0);
            val = l.elems.get(1);
        } else {
            key = rg.lhs;
        }
        if (key != null && isBlank(key)) {
            key = null;
        }
        if (val != null && isBlank(val)) {
            val = null;
        }
        if (rg.def) {
            for (Expr e : new Expr[] {key, val}) {
                if (e instanceof Expr.Name n && n.obj instanceof Obj.Var v && isHeap(v)) {
                    allocHeap(v, n.pos);
                }
            }
        }
        Type u = rg.rangeType.underlying();
        Label top = f.newLabel();
        Label cont = f.newLabel();
        Label brk = f.newLabel();
        breakTo.put(s, brk);
        continueTo.put(s, cont);
        Addr hv = temp(Types.INT); // the hidden index
        if (u instanceof Type.Chan ch) {
            Addr c = temp(PTR);
            expr(rg.x, R0);
            store(c, PTR, R0);
            Addr v = temp(ch.elem);
            Addr ok = temp(Types.BOOL);
            need("runtime.chanrecv2", "range over channels", rg.pos);
            f.bind(top);
            line(rg);
            load(c, PTR, R0);
            f.store(SP, f.outarg(0), R0, ptrWidth());
            addrInto(v, R0);
            f.store(SP, f.outarg(w), R0, ptrWidth());
            rtcall("runtime.chanrecv2");
            f.load(R0, SP, f.outarg(2 * w), Isa.W1).jz(R0, brk);
            if (key != null) {
                copyVal(lvalue(key), v, ch.elem, rg.pos);
            }
            stmt(s.body);
            f.bind(cont);
            line(s);
            f.jmp(top);
            f.bind(brk);
            return;
        }
        if (basicIsString(rg.rangeType)) {
            Addr str = temp(Types.STRING);
            expr(rg.x, R0);
            store(str, Types.STRING, R0);
            Addr next = temp(Types.INT);
            Addr rune = temp(Types.INT32);
            f.movi(R0, 0);
            store(next, Types.INT, R0);
            f.bind(top);
            line(rg);
            f.load(R0, SP, next.off(), intWidth())
                    .store(SP, hv.off(), R0, intWidth())
                    .load(R1, SP, str.off() + w, intWidth())
                    .setcc(Isa.LT, R2, R0, R1)
                    .jz(R2, brk);
            Label ascii = f.newLabel();
            Label got = f.newLabel();
            f.load(R1, SP, str.off(), ptrWidth())
                    .add(R1, R1, R0, ptrWidth())
                    .load(R1, R1, 0, Isa.W1)
                    .movi(R2, 0x80)
                    .setcc(Isa.LTU, R3, R1, R2)
                    .jnz(R3, ascii);
            {
                need("runtime.stringiter2", "range over strings", rg.pos);
                copyVal(out(0), str, Types.STRING, rg.pos);
                f.load(R0, SP, hv.off(), intWidth()).store(SP, f.outarg(2 * w), R0, intWidth());
                rtcall("runtime.stringiter2");
                f.load(R0, SP, f.outarg(3 * w), intWidth()).store(SP, next.off(), R0, intWidth());
                f.load(R1, SP, f.outarg(4 * w), Isa.S4).store(SP, rune.off(), R1, Isa.W4);
                f.jmp(got);
            }
            f.bind(ascii);
            f.store(SP, rune.off(), R1, Isa.W4)
                    .movi(R2, 1)
                    .add(R0, R0, R2, intWidth())
                    .store(SP, next.off(), R0, intWidth());
            f.bind(got);
            if (key != null) {
                copyVal(lvalue(key), hv, Types.INT, rg.pos);
            }
            if (val != null) {
                copyVal(lvalue(val), rune, lhsTypeT(val, val), rg.pos);
            }
            stmt(s.body);
            f.bind(cont);
            line(s);
            f.jmp(top);
            f.bind(brk);
            return;
        }
        // arrays, pointers to arrays and slices: a header {ptr, len} and the element size
        Type elem;
        Addr hdr = temp(new Type.Slice(Types.UINT8));
        if (u instanceof Type.Slice sl) {
            elem = sl.elem;
            copyVal(hdr, place(rg.x, R0), rg.rangeType, rg.pos);
        } else {
            Type.Array a = (Type.Array) (u instanceof Type.Pointer p ? p.elem.underlying() : u);
            elem = a.elem;
            if (u instanceof Type.Pointer) {
                expr(rg.x, R0);
            } else if (val != null) {
                Addr copy = temp(rg.rangeType); // the array is copied once: ranging reads the copy
                assignTo(copy, rg.rangeType, rg.x);
                addrInto(copy, R0);
            } else {
                f.movi(R0, 0);
                if (hasCall(rg.x)) {
                    place(rg.x, R0);
                }
            }
            f.store(SP, hdr.off(), R0, ptrWidth())
                    .movi(R0, a.len)
                    .store(SP, hdr.off() + w, R0, intWidth());
        }
        int es = sizeof(elem, rg.pos);
        f.movi(R0, 0);
        store(hv, Types.INT, R0);
        f.bind(top);
        line(rg);
        f.load(R0, SP, hv.off(), intWidth())
                .load(R1, SP, hdr.off() + w, intWidth())
                .setcc(Isa.LT, R2, R0, R1)
                .jz(R2, brk);
        if (key != null) {
            copyVal(lvalue(key), hv, Types.INT, rg.pos);
        }
        if (val != null) {
            Addr p = temp(PTR);
            f.load(R0, SP, hv.off(), intWidth())
                    .movi(R7, es)
                    .alu(Isa.MUL, R0, R0, R7, ptrWidth())
                    .load(R7, SP, hdr.off(), ptrWidth())
                    .add(R0, R0, R7, ptrWidth());
            store(p, PTR, R0);
            copyVal(lvalue(val), new Addr(IND, 0, p.off()), elem, rg.pos);
        }
        stmt(s.body);
        f.bind(cont);
        line(s);
        f.load(R0, SP, hv.off(), intWidth()).movi(R7, 1).add(R0, R0, R7, intWidth());
        store(hv, Types.INT, R0);
        f.jmp(top);
        f.bind(brk);
    }

    /**
     * select, per the contract with the runtime (docs/machine.md, "Runtime calls the compiler
     * emits"): every case's channel and sent value evaluated in source order into temporaries, an
     * array of scase records {kind (0 recv, 1 send), c, elem, receivedp} built in the frame, then
     * chosen = runtime.selectgo(cases, n, block) (block false with a default clause, which runs on
     * -1), and a jump to the chosen case, whose receive assignments are done first. {@code select
     * {}} is runtime.block(). gort differs from Go 1.3's newselect/selectsend/selectrecv and
     * selectgo returning to the case's pc.
     */
    void selectStmt(Stmt.Select s) {
        Label end = f.newLabel();
        breakTo.put(s, end);
        List<Stmt.CommClause> cases = new ArrayList<>();
        Stmt.CommClause dflt = null;
        for (Stmt.CommClause cc : s.body) {
            if (cc.comm == null) {
                dflt = cc;
            } else {
                cases.add(cc);
            }
        }
        if (cases.isEmpty() && dflt == null) {
            need("runtime.block", "select {}", s.pos);
            rtcall("runtime.block");
            return;
        }
        need("runtime.selectgo", "select statements", s.pos);
        int n = cases.size();
        Addr arr = temp(new Type.Array(Math.max(1, 4L * n), Types.UINTPTR));
        Addr[] vals = new Addr[n];
        Addr[] oks = new Addr[n];
        Type[] elems = new Type[n];
        for (int i = 0; i < n; i++) {
            Stmt comm = cases.get(i).comm;
            line(comm);
            int at = arr.off() + 4 * i * w;
            Expr ch;
            if (comm instanceof Stmt.Send sn) {
                ch = sn.chan;
                elems[i] = ((Type.Chan) ch.type.underlying()).elem;
                Addr c = temp(PTR);
                expr(ch, R0);
                store(c, PTR, R0);
                vals[i] = temp(elems[i]);
                assignTo(vals[i], elems[i], sn.val);
                f.movi(R0, 1).store(SP, at, R0, ptrWidth());
                load(c, PTR, R0);
                f.store(SP, at + w, R0, ptrWidth());
                addrInto(vals[i], R0);
                f.store(SP, at + 2 * w, R0, ptrWidth())
                        .movi(R0, 0)
                        .store(SP, at + 3 * w, R0, ptrWidth());
                continue;
            }
            Expr.Operation rx = recvOf(comm);
            ch = rx.x;
            elems[i] = ((Type.Chan) ch.type.underlying()).elem;
            expr(ch, R0);
            f.store(SP, at + w, R0, ptrWidth()).movi(R0, 0).store(SP, at, R0, ptrWidth());
            vals[i] = temp(elems[i]);
            addrInto(vals[i], R0);
            f.store(SP, at + 2 * w, R0, ptrWidth());
            if (comm instanceof Stmt.Assign as && elems(as.lhs).size() > 1) {
                oks[i] = temp(Types.BOOL);
                addrInto(oks[i], R0);
            } else {
                f.movi(R0, 0);
            }
            f.store(SP, at + 3 * w, R0, ptrWidth());
        }
        line(s);
        addrInto(arr, R0);
        f.store(SP, f.outarg(0), R0, ptrWidth())
                .movi(R0, n)
                .store(SP, f.outarg(w), R0, intWidth())
                .movi(R0, dflt == null ? 1 : 0)
                .store(SP, f.outarg(2 * w), R0, Isa.W1);
        rtcall("runtime.selectgo");
        Addr chosen = temp(Types.INT);
        f.load(R0, SP, f.outarg(3 * w), intWidth());
        store(chosen, Types.INT, R0);
        Label[] bodies = new Label[n];
        for (int i = 0; i < n; i++) {
            bodies[i] = f.newLabel();
            load(chosen, Types.INT, R0);
            f.movi(R1, i).setcc(Isa.EQ, R2, R0, R1).jnz(R2, bodies[i]);
        }
        Label dfltLabel = f.newLabel();
        f.jmp(dflt != null ? dfltLabel : end);
        for (int i = 0; i < n; i++) {
            Stmt.CommClause cc = cases.get(i);
            f.bind(bodies[i]);
            if (cc.comm instanceof Stmt.Assign as) {
                List<Expr> lhs = elems(as.lhs);
                if (as.op == Operator.DEF) {
                    for (Obj.Var v : as.newVars) {
                        if (isHeap(v)) {
                            allocHeap(v, as.pos);
                        }
                    }
                }
                Addr l0 = lvalue(lhs.get(0));
                if (l0 != null) {
                    copyVal(l0, vals[i], elems[i], as.pos);
                }
                if (lhs.size() > 1) {
                    Addr l1 = lvalue(lhs.get(1));
                    if (l1 != null) {
                        copyVal(l1, oks[i], Types.BOOL, as.pos);
                    }
                }
            }
            stmts(cc.body);
            f.jmp(end);
        }
        if (dflt != null) {
            f.bind(dfltLabel);
            stmts(dflt.body);
        }
        f.bind(end);
    }

    /**
     * The receive operation of a select case ({@code <-c}, {@code v = <-c}, {@code v, ok := <-c}).
     */
    static Expr.Operation recvOf(Stmt comm) {
        Expr x =
                comm instanceof Stmt.ExprStmt es
                        ? es.x
                        : comm instanceof Stmt.Assign as ? as.rhs : null;
        if (x != null && Expr.unparen(x) instanceof Expr.Operation o && o.op == Operator.RECV) {
            return o;
        }
        throw new CannotCompile(comm.pos, "this select case");
    }

    static boolean isBlank(Expr e) {
        return Expr.unparen(e) instanceof Expr.Name n && n.value.equals("_");
    }

    void switchStmt(Stmt.Switch s) {
        if (s.init != null) {
            stmt(s.init);
        }
        line(s);
        Addr tag = null;
        Type.Basic tagType = null;
        if (s.tag != null) {
            tagType = basicOf(s.tag.type, s.tag.pos);
            expr(s.tag, R0);
            tag = temp(tagType);
            store(tag, tagType, R0);
        }
        Label end = f.newLabel();
        breakTo.put(s, end);
        Label[] bodies = new Label[s.body.size() + 1];
        Label dflt = end;
        for (int i = 0; i < s.body.size(); i++) {
            bodies[i] = f.newLabel();
        }
        bodies[s.body.size()] = end;
        for (int i = 0; i < s.body.size(); i++) {
            Stmt.CaseClause cc = s.body.get(i);
            if (cc.cases == null) {
                dflt = bodies[i];
                continue;
            }
            for (Expr e : elems(cc.cases)) {
                line(e);
                if (tag != null) {
                    compareWithSaved(tag, tagType, e, R0);
                } else {
                    expr(e, R0);
                }
                f.jnz(R0, bodies[i]);
            }
        }
        f.jmp(dflt);
        Label savedFall = fallTo;
        for (int i = 0; i < s.body.size(); i++) {
            Stmt.CaseClause cc = s.body.get(i);
            f.bind(bodies[i]);
            fallTo = bodies[i + 1];
            stmts(cc.body);
            boolean falls =
                    !cc.body.isEmpty()
                            && cc.body.get(cc.body.size() - 1) instanceof Stmt.Branch b
                            && b.tok == Token.FALLTHROUGH;
            if (!falls) {
                f.jmp(end);
            }
        }
        fallTo = savedFall;
        f.bind(end);
    }

    /** r = (saved == e), for a switch tag saved in a slot and a case expression. */
    void compareWithSaved(Addr saved, Type.Basic t, Expr e, int r) {
        if (t.isString()) {
            expr(e, r + 2);
            load(saved, t, r);
            stringEqual(r, r + 2);
        } else {
            expr(e, r + 1);
            load(saved, t, r);
            f.setcc(Isa.EQ, r, r, r + 1);
        }
    }

    void branch(Stmt.Branch b) {
        Label l =
                switch (b.tok) {
                    case BREAK -> breakTo.get(b.target);
                    case CONTINUE -> continueTo.get(b.target);
                    case FALLTHROUGH -> fallTo;
                    default -> null;
                };
        if (l == null) {
            throw new CannotCompile(b.pos, b.tok == Token.GOTO ? "goto" : "this branch");
        }
        f.jmp(l);
    }

    // ---- expressions ----

    /**
     * What every return does after storing the results, as 6g's cgen_ret: runs the deferred calls
     * (deferreturn) when the function defers, copies results that live in the heap back to their
     * slots (Go's curfn->exit), then RET.
     */
    void epilogue() {
        if (hasDefer) {
            rtcall("runtime.deferreturn");
        }
        if (sig != null) {
            for (int i = 0; i < sig.results.size(); i++) {
                Obj.Var rv = sig.results.vars.get(i);
                if (isHeap(rv)) {
                    copyVal(
                            new Addr(FP, args.results()[i]),
                            addrOf(rv, funcPos),
                            args.resultTypes().get(i),
                            funcPos);
                }
            }
        }
        f.ret();
    }
}
