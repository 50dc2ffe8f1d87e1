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

import gort.cmd.syntax.Decl;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Inspector;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Operator;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.syntax.Token;
import gort.cmd.types.Constant;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.cmd.types.Types;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.FuncData;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.StackMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates one declared function. Every variable has a stack slot: parameters and results in
 * the incoming argument area ({@code [FP+off]}), locals and temporaries in the frame above the
 * outgoing-argument area. Expressions are evaluated into registers R0..R5 (a string takes two
 * consecutive registers, pointer then length); R6 and R7 are scratch for one instruction pair.
 * No register is live across a call: a value that must survive the evaluation of an operand
 * containing a call is spilled to a temporary slot first.
 *
 * <p>Stack maps: vector 0 is the entry map (used by the prologue's morestack, whose pcdata is
 * -1): the parameters live, results and locals dead. Every call site (CALL and RTCALL) has its
 * own vector, with the parameters, the results (zeroed at entry, as 6g/5g zero them) and every
 * variable and temporary slot classified by its Go type. Slots of types with pointers are zeroed
 * at entry, so they hold a valid value at every call site.
 */
final class FuncGen {
  private final Arch arch;
  private final int w;
  private final String file;
  private final String name;
  private final Decl.Func decl;
  private final DataSegment data;
  private final long dataStart;
  private final FuncBuilder f;
  private final Type.Signature sig;
  private final ArgLayout args;

  private final Map<Obj.Var, Integer> argOff = new IdentityHashMap<>();
  private final Map<Obj.Var, Integer> localOff = new IdentityHashMap<>();
  /** Every frame slot (variables and temporaries) with its type, for the stack maps. */
  private final List<Slot> slots = new ArrayList<>();
  private final List<Slot> temps = new ArrayList<>();
  private final List<Slot> tempsInUse = new ArrayList<>();
  private final Map<Stmt, Label> breakTo = new IdentityHashMap<>();
  private final Map<Stmt, Label> continueTo = new IdentityHashMap<>();
  private Label fallTo;
  private int outSize;
  private int frameTop;
  private int callSites;

  private record Slot(int off, Type.Basic type) {}

  /** Where a value lives: a base register (SP or FP) and an offset. */
  private record Addr(int base, int off) {
    Addr plus(int d) {
      return new Addr(base, off + d);
    }
  }

  /** Offsets of a signature's parameters and results in an argument area, and its size. */
  record ArgLayout(int[] params, int[] results, List<Type.Basic> paramTypes,
      List<Type.Basic> resultTypes, int size) {}

  FuncGen(Arch arch, String file, String name, Decl.Func decl, DataSegment data, long dataStart) {
    this.arch = arch;
    this.w = arch.PtrSize;
    this.file = file;
    this.name = name;
    this.decl = decl;
    this.data = data;
    this.dataStart = dataStart;
    this.sig = decl.obj.sig();
    this.args = layout(sig, decl.pos);
    this.f = new FuncBuilder(arch, name).args(args.size()).pos(file, decl.pos.line());
    for (int i = 0; i < sig.params.size(); i++) {
      argOff.put(sig.params.vars.get(i), args.params()[i]);
    }
    for (int i = 0; i < sig.results.size(); i++) {
      argOff.put(sig.results.vars.get(i), args.results()[i]);
    }
  }

  // ---- types ----

  private static Type.Basic basicOf(Type t, Pos pos) {
    Type u = t == null ? null : t.underlying();
    if (u instanceof Type.Basic b) {
      switch (b.kind) {
        case UNTYPED_BOOL:
          return Types.BOOL;
        case UNTYPED_INT:
          return Types.INT;
        case UNTYPED_RUNE:
          return Types.INT32;
        case UNTYPED_STRING:
          return Types.STRING;
        case BOOL, INT, INT8, INT16, INT32, INT64, UINT, UINT8, UINT16, UINT32, UINT64, UINTPTR,
            STRING:
          return b;
        case UNTYPED_NIL:
          throw new CannotCompile(pos, "nil");
        default:
          throw new CannotCompile(pos, "values of type " + t);
      }
    }
    throw new CannotCompile(pos, describe(u));
  }

  private static String describe(Type u) {
    if (u instanceof Type.Pointer) {
      return "pointers";
    } else if (u instanceof Type.Array) {
      return "arrays";
    } else if (u instanceof Type.Slice) {
      return "slices";
    } else if (u instanceof Type.Struct) {
      return "structs";
    } else if (u instanceof Type.Chan) {
      return "channels";
    } else if (u instanceof Type.Signature) {
      return "function values";
    } else if (u instanceof Type.Interface) {
      return "interfaces";
    } else if (u instanceof Type.Tuple) {
      return "multi-valued expressions here";
    }
    return "values of type " + u;
  }

  private int size(Type.Basic b) {
    return b.size(w);
  }

  private int align(Type.Basic b) {
    return switch (b.kind) {
      case INT64, UINT64 -> arch.Int64Align;
      case STRING -> w;
      default -> size(b);
    };
  }

  private static boolean signed(Type.Basic b) {
    return switch (b.kind) {
      case INT, INT8, INT16, INT32, INT64 -> true;
      default -> false;
    };
  }

  /** The width code of a scalar (bool, integers); strings are handled word by word. */
  private int wcode(Type.Basic b) {
    return Isa.width(size(b), signed(b));
  }

  private int ptrWidth() {
    return Isa.width(w, false);
  }

  private int intWidth() {
    return Isa.width(w, true);
  }

  private static int roundUp(int n, int a) {
    return (n + a - 1) / a * a;
  }

  /** Go 1.3's argument frame: parameters in order, results from the next PtrSize boundary. */
  ArgLayout layout(Type.Signature s, Pos pos) {
    int off = 0;
    int[] ps = new int[s.params.size()];
    List<Type.Basic> pt = new ArrayList<>();
    for (int i = 0; i < ps.length; i++) {
      Type.Basic b = basicOf(s.params.at(i), pos);
      off = roundUp(off, align(b));
      ps[i] = off;
      off += size(b);
      pt.add(b);
    }
    off = roundUp(off, w);
    int[] rs = new int[s.results.size()];
    List<Type.Basic> rt = new ArrayList<>();
    for (int i = 0; i < rs.length; i++) {
      Type.Basic b = basicOf(s.results.at(i), pos);
      off = roundUp(off, align(b));
      rs[i] = off;
      off += size(b);
      rt.add(b);
    }
    return new ArgLayout(ps, rs, pt, rt, roundUp(off, w));
  }

  // ---- the function ----

  FuncBuilder generate() {
    if (decl.body == null) {
      throw new CannotCompile(decl.pos, "functions without a body");
    }
    boolean pointerful = prepass();
    frameTop = outSize;
    Label body = f.newLabel();
    Label zero = f.newLabel();
    if (pointerful) {
      f.jmp(zero);
    }
    f.bind(body);
    for (int i = 0; i < sig.results.size(); i++) {
      zeroValue(new Addr(FP, args.results()[i]), args.resultTypes().get(i));
    }
    stmts(decl.body.list);
    line(decl.body.rbrace.known() ? decl.body.rbrace : decl.pos);
    f.ret();
    if (pointerful) {
      // the frame's slots are cleared before the body runs, so that every slot a stack map
      // marks as a pointer holds nil or a valid pointer at every call site
      f.line(decl.pos.line());
      f.bind(zero);
      if (frameTop > outSize) {
        f.lea(R0, SP, f.local(outSize)).movi(R1, frameTop - outSize).memclr(R0, R1);
      }
      f.jmp(body);
    }
    int locals = roundUp(frameTop, w);
    f.locals(locals);
    buildMaps(locals);
    return f;
  }

  /**
   * Sizes the outgoing-argument area (the largest callee's arguments and results) and reports
   * whether the function has any value with pointers (strings), so that its frame needs
   * clearing at entry.
   */
  private boolean prepass() {
    boolean[] pointers = {false};
    int[] out = {0};
    Inspector.inspect(decl.body, n -> {
      if (n instanceof Expr.FuncLit fl) {
        throw new CannotCompile(fl.pos, "function literals");
      }
      if (n instanceof Expr e && !e.isType && e.type != null
          && e.type.underlying() instanceof Type.Basic b && b.isString()) {
        pointers[0] = true;
      }
      if (n instanceof Expr.Call c && c.kind != null) {
        switch (c.kind) {
          case FUNC -> {
            if (Expr.unparen(c.fun) instanceof Expr.Name nm && nm.obj instanceof Obj.Func fn
                && fn.decl != null && fn.pkg == null) {
              out[0] = Math.max(out[0], layout(fn.sig(), c.pos).size());
            }
          }
          case BUILTIN -> out[0] = Math.max(out[0], Math.max(8, 2 * w));
          default -> {}
        }
      }
      return true;
    });
    outSize = roundUp(out[0], w);
    return pointers[0];
  }

  private void buildMaps(int locals) {
    int argWords = args.size() / w;
    int[] argsEntry = new int[argWords];
    int[] argsSite = new int[argWords];
    for (int i = 0; i < args.params().length; i++) {
      classify(argsEntry, args.params()[i], args.paramTypes().get(i));
      classify(argsSite, args.params()[i], args.paramTypes().get(i));
    }
    for (int i = 0; i < args.results().length; i++) {
      classify(argsSite, args.results()[i], args.resultTypes().get(i));
    }
    int[] localsEntry = new int[locals / w];
    int[] localsSite = new int[locals / w];
    for (Slot s : slots) {
      classify(localsSite, s.off(), s.type());
    }
    int[][] a = new int[callSites + 1][];
    int[][] l = new int[callSites + 1][];
    a[0] = argsEntry;
    l[0] = localsEntry;
    for (int i = 1; i <= callSites; i++) {
      a[i] = argsSite;
      l[i] = localsSite;
    }
    f.argsMaps(StackMap.of(a)).localsMaps(StackMap.of(l));
  }

  /** Marks the words of a value of type {@code b} at byte {@code off}: pointers, then scalars. */
  private void classify(int[] kinds, int off, Type.Basic b) {
    if (b.isString()) {
      kinds[off / w] = FuncData.BitsPointer;
      kinds[off / w + 1] = FuncData.BitsScalar;
      return;
    }
    for (int i = off / w; i <= (off + size(b) - 1) / w; i++) {
      if (kinds[i] == FuncData.BitsDead) {
        kinds[i] = FuncData.BitsScalar;
      }
    }
  }

  // ---- slots ----

  private int newSlot(Type.Basic b) {
    int off = roundUp(frameTop, Math.max(w, align(b)));
    frameTop = off + roundUp(size(b), w);
    slots.add(new Slot(off, b));
    return off;
  }

  private Addr addrOf(Obj.Var v, Pos pos) {
    if (v.captured) {
      throw new CannotCompile(pos, "variables captured by closures");
    }
    switch (v.kind) {
      case PARAM, RESULT: {
        Integer off = argOff.get(v);
        if (off == null) {
          throw new CannotCompile(pos, "variables of enclosing functions");
        }
        return new Addr(FP, off);
      }
      case LOCAL: {
        if (v.owner != null && v.owner != decl) {
          throw new CannotCompile(pos, "variables of enclosing functions");
        }
        Integer off = localOff.get(v);
        if (off == null) {
          off = newSlot(basicOf(v.type, pos));
          localOff.put(v, off);
        }
        return new Addr(SP, f.local(off));
      }
      case GLOBAL:
        throw new CannotCompile(pos, "package-level variables");
      default:
        throw new CannotCompile(pos, "methods");
    }
  }

  /** A temporary slot for a value of type {@code b}, reused once released. */
  private Addr temp(Type.Basic b) {
    for (Slot s : temps) {
      if (!tempsInUse.contains(s) && s.type().isString() == b.isString()
          && roundUp(size(s.type()), w) == roundUp(size(b), w)) {
        tempsInUse.add(s);
        return new Addr(SP, f.local(s.off()));
      }
    }
    int off = newSlot(b);
    Slot s = slots.get(slots.size() - 1);
    temps.add(s);
    tempsInUse.add(s);
    return new Addr(SP, f.local(off));
  }

  private int tempMark() {
    return tempsInUse.size();
  }

  private void release(int mark) {
    while (tempsInUse.size() > mark) {
      tempsInUse.remove(tempsInUse.size() - 1);
    }
  }

  private Addr out(int off) {
    return new Addr(SP, f.outarg(off));
  }

  // ---- moving values ----

  private void load(Addr a, Type.Basic b, int r) {
    if (b.isString()) {
      f.load(r, a.base(), a.off(), ptrWidth()).load(r + 1, a.base(), a.off() + w, intWidth());
    } else {
      f.load(r, a.base(), a.off(), wcode(b));
    }
  }

  private void store(Addr a, Type.Basic b, int r) {
    if (b.isString()) {
      f.store(a.base(), a.off(), r, ptrWidth()).store(a.base(), a.off() + w, r + 1, intWidth());
    } else {
      f.store(a.base(), a.off(), r, wcode(b));
    }
  }

  private void zeroValue(Addr a, Type.Basic b) {
    f.movi(R7, 0);
    if (b.isString()) {
      f.store(a.base(), a.off(), R7, ptrWidth()).store(a.base(), a.off() + w, R7, intWidth());
    } else {
      f.store(a.base(), a.off(), R7, wcode(b));
    }
  }

  private void line(Node n) {
    if (n.pos.known()) {
      f.line(n.pos.line());
    }
  }

  private void line(Pos p) {
    if (p.known()) {
      f.line(p.line());
    }
  }

  private int site() {
    return ++callSites;
  }

  private void rtcall(String fn) {
    f.pcdata(FuncData.PCDATA_StackMapIndex, site()).rtcall(fn)
        .pcdata(FuncData.PCDATA_StackMapIndex, -1);
  }

  // ---- statements ----

  private void stmts(List<Stmt> list) {
    for (Stmt s : list) {
      stmt(s);
    }
  }

  private void stmt(Stmt s) {
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
      throw new CannotCompile(s.pos, c.tok == Token.GO ? "go statements" : "defer statements");
    } else if (s instanceof Stmt.Send) {
      throw new CannotCompile(s.pos, "channel sends");
    } else if (s instanceof Stmt.Select) {
      throw new CannotCompile(s.pos, "select statements");
    } else {
      throw new CannotCompile(s.pos, "this statement");
    }
    release(mark);
  }

  private void exprStmt(Stmt.ExprStmt s) {
    Expr x = Expr.unparen(s.x);
    if (x instanceof Expr.Call c) {
      call(c, R0, false);
    } else {
      throw new CannotCompile(x.pos, "this expression statement");
    }
  }

  private void declStmt(Stmt.DeclStmt d) {
    for (Decl dd : d.decls) {
      if (dd instanceof Decl.Var v) {
        List<Expr> lhs = new ArrayList<>(v.names);
        if (v.values == null) {
          for (Expr.Name n : v.names) {
            if (n.obj instanceof Obj.Var var) {
              zeroValue(addrOf(var, n.pos), basicOf(var.type, n.pos));
            }
          }
        } else {
          assignLists(lhs, elems(v.values), v.pos);
        }
      }
    }
  }

  private static List<Expr> elems(Expr e) {
    if (e == null) {
      return List.of();
    }
    return e instanceof Expr.ListExpr l ? l.elems : List.of(e);
  }

  /** A left-hand side: the variable's slot, or null for the blank identifier. */
  private Addr lvalue(Expr e) {
    Expr x = Expr.unparen(e);
    if (x instanceof Expr.Name n) {
      if (n.obj == null && n.value.equals("_")) {
        return null;
      }
      if (n.obj instanceof Obj.Var v) {
        return addrOf(v, n.pos);
      }
    }
    if (x instanceof Expr.Index) {
      throw new CannotCompile(x.pos, "index expressions");
    }
    if (x instanceof Expr.Selector) {
      throw new CannotCompile(x.pos, "selectors");
    }
    if (x instanceof Expr.Operation) {
      throw new CannotCompile(x.pos, "pointer indirection");
    }
    throw new CannotCompile(x.pos, "this assignment");
  }

  private Type.Basic lhsType(Expr e, Expr rhs) {
    Expr x = Expr.unparen(e);
    if (x instanceof Expr.Name n && n.obj instanceof Obj.Var v) {
      return basicOf(v.type, n.pos);
    }
    return basicOf(rhs.type, rhs.pos);
  }

  private void assign(Stmt.Assign a) {
    if (a.rhs == null) {
      // x++ / x--
      Addr l = lvalue(a.lhs);
      Type.Basic t = lhsType(a.lhs, a.lhs);
      load(l, t, R0);
      f.movi(R7, 1).alu(a.op == Operator.ADD ? Isa.ADD : Isa.SUB, R0, R0, R7, wcode(t));
      store(l, t, R0);
      return;
    }
    if (a.op != null && a.op != Operator.DEF) {
      Addr l = lvalue(a.lhs);
      Type.Basic t = lhsType(a.lhs, a.rhs);
      binary(a.op, a.lhs, a.rhs, t, R0, a.pos);
      store(l, t, R0);
      return;
    }
    assignLists(elems(a.lhs), elems(a.rhs), a.pos);
  }

  private void assignLists(List<Expr> lhs, List<Expr> rhs, Pos pos) {
    if (rhs.size() == 1 && lhs.size() > 1) {
      Expr r = Expr.unparen(rhs.get(0));
      if (!(r instanceof Expr.Call c)) {
        throw new CannotCompile(r.pos, "comma-ok expressions");
      }
      ArgLayout cl = call(c, R0, false);
      for (int i = 0; i < lhs.size(); i++) {
        Addr l = lvalue(lhs.get(i));
        if (l != null) {
          load(out(cl.results()[i]), cl.resultTypes().get(i), R0);
          store(l, lhsType(lhs.get(i), rhs.get(0)), R0);
        }
      }
      return;
    }
    if (lhs.size() == 1) {
      Addr l = lvalue(lhs.get(0));
      Expr r = rhs.get(0);
      if (l == null) {
        if (Expr.unparen(r) instanceof Expr.Call c) {
          call(c, R0, false);
        } else {
          expr(r, R0);
        }
        return;
      }
      expr(r, R0);
      store(l, lhsType(lhs.get(0), r), R0);
      return;
    }
    // a, b = x, y: every right side is evaluated before any assignment
    List<Addr> tmp = new ArrayList<>();
    for (int i = 0; i < rhs.size(); i++) {
      Type.Basic t = lhsType(lhs.get(i), rhs.get(i));
      expr(rhs.get(i), R0);
      Addr ta = temp(t);
      store(ta, t, R0);
      tmp.add(ta);
    }
    for (int i = 0; i < lhs.size(); i++) {
      Addr l = lvalue(lhs.get(i));
      if (l != null) {
        Type.Basic t = lhsType(lhs.get(i), rhs.get(i));
        load(tmp.get(i), t, R0);
        store(l, t, R0);
      }
    }
  }

  private void ret(Stmt.Return r) {
    List<Expr> res = elems(r.results);
    if (res.size() == 1 && sig.results.size() > 1) {
      Expr x = Expr.unparen(res.get(0));
      if (!(x instanceof Expr.Call c)) {
        throw new CannotCompile(x.pos, "this return");
      }
      ArgLayout cl = call(c, R0, false);
      for (int i = 0; i < sig.results.size(); i++) {
        Type.Basic t = args.resultTypes().get(i);
        load(out(cl.results()[i]), cl.resultTypes().get(i), R0);
        store(new Addr(FP, args.results()[i]), t, R0);
      }
    } else if (res.size() == 1) {
      expr(res.get(0), R0);
      store(new Addr(FP, args.results()[0]), args.resultTypes().get(0), R0);
    } else if (!res.isEmpty() && res.stream().noneMatch(FuncGen::callsOrReadsResults)) {
      // nothing can see a result slot before all are written: store them directly
      for (int i = 0; i < res.size(); i++) {
        expr(res.get(i), R0);
        store(new Addr(FP, args.results()[i]), args.resultTypes().get(i), R0);
      }
    } else if (!res.isEmpty()) {
      List<Addr> tmp = new ArrayList<>();
      for (int i = 0; i < res.size(); i++) {
        Type.Basic t = args.resultTypes().get(i);
        expr(res.get(i), R0);
        Addr ta = temp(t);
        store(ta, t, R0);
        tmp.add(ta);
      }
      for (int i = 0; i < res.size(); i++) {
        Type.Basic t = args.resultTypes().get(i);
        load(tmp.get(i), t, R0);
        store(new Addr(FP, args.results()[i]), t, R0);
      }
    }
    line(r);
    f.ret();
  }

  private void ifStmt(Stmt.If s) {
    if (s.init != null) {
      stmt(s.init);
    }
    line(s.cond);
    Label els = f.newLabel();
    Label end = f.newLabel();
    expr(s.cond, R0);
    f.jz(R0, els);
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

  private void forStmt(Stmt.For s) {
    if (s.init instanceof Stmt.Range) {
      throw new CannotCompile(s.init.pos, "range loops");
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
      expr(s.cond, R0);
      f.jz(R0, brk);
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

  private void switchStmt(Stmt.Switch s) {
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
      boolean falls = !cc.body.isEmpty() && cc.body.get(cc.body.size() - 1) instanceof Stmt.Branch b
          && b.tok == Token.FALLTHROUGH;
      if (!falls) {
        f.jmp(end);
      }
    }
    fallTo = savedFall;
    f.bind(end);
  }

  /** r = (saved == e), for a switch tag saved in a slot and a case expression. */
  private void compareWithSaved(Addr saved, Type.Basic t, Expr e, int r) {
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

  private void branch(Stmt.Branch b) {
    Label l = switch (b.tok) {
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

  /** Whether {@code e} may call a function or reads a result variable. */
  private static boolean callsOrReadsResults(Expr e) {
    boolean[] found = {hasCall(e)};
    Inspector.inspect(e, n -> {
      if (n instanceof Expr.Name nm && nm.obj instanceof Obj.Var v
          && v.kind == Obj.VarKind.RESULT) {
        found[0] = true;
      }
      return !found[0];
    });
    return found[0];
  }

  /** Whether evaluating {@code e} may call a function (and so clobber every register). */
  private static boolean hasCall(Expr e) {
    boolean[] found = {false};
    Inspector.inspect(e, n -> {
      if (n instanceof Expr.Call c && c.kind != Expr.CallKind.CONVERSION
          && !(c.kind == Expr.CallKind.BUILTIN && Expr.unparen(c.fun) instanceof Expr.Name nm
              && nm.obj instanceof Obj.Builtin b && b.id == Obj.BuiltinId.LEN)) {
        found[0] = true;
      }
      return !found[0];
    });
    return found[0];
  }

  /** Evaluates {@code e} into register {@code r} (and r+1 for a string); r is at most R4. */
  private void expr(Expr e0, int r) {
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
        throw new CannotCompile(n.pos, "nil");
      }
      if (n.obj instanceof Obj.Func) {
        throw new CannotCompile(n.pos, "function values");
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
    if (e instanceof Expr.Index) {
      throw new CannotCompile(e.pos, "index expressions");
    }
    if (e instanceof Expr.Slice) {
      throw new CannotCompile(e.pos, "slice expressions");
    }
    if (e instanceof Expr.Selector) {
      throw new CannotCompile(e.pos, "selectors");
    }
    if (e instanceof Expr.CompositeLit) {
      throw new CannotCompile(e.pos, "composite literals");
    }
    if (e instanceof Expr.FuncLit) {
      throw new CannotCompile(e.pos, "function literals");
    }
    throw new CannotCompile(e.pos, "this expression");
  }

  /**
   * Whether {@code e} is a constant. The checker leaves a value on a non-constant shift of an
   * untyped constant ({@code 1 << n} carries the value 1), so an operation counts as constant
   * only when its operands are.
   */
  private static boolean isConst(Expr e0) {
    Expr e = Expr.unparen(e0);
    if (e.value == null || e.value.kind == Constant.Kind.UNKNOWN) {
      return false;
    }
    if (e instanceof Expr.Operation o) {
      return isConst(o.x) && (o.y == null || isConst(o.y));
    }
    return true;
  }

  private void constant(Constant c, Type.Basic b, int r) {
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

  private void unary(Expr.Operation o, int r) {
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
      case MUL -> throw new CannotCompile(o.pos, "pointer indirection");
      case AND -> throw new CannotCompile(o.pos, "taking addresses");
      case RECV -> throw new CannotCompile(o.pos, "channel receives");
      default -> throw new CannotCompile(o.pos, "operator " + o.op);
    }
  }

  /**
   * Evaluates x into r and y into the returned register: r+1 when there is room and y makes no
   * call, R7 for a constant y, else R6 after spilling x around y's evaluation.
   */
  private int operands(Expr x, Expr y, Type.Basic xt, int r) {
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

  private void binary(Operator op, Expr x, Expr y, Type.Basic t, int r, Pos pos) {
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
      throw new CannotCompile(pos, "string concatenation");
    }
    int rb = operands(x, y, t, r);
    int alu = switch (op) {
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

  private Type.Basic operandType(Expr x, Expr y) {
    Type xt = x.type;
    if (xt == null || (xt instanceof Type.Basic b && b.isUntyped())) {
      if (y.type != null && !(y.type instanceof Type.Basic yb && yb.isUntyped())) {
        return basicOf(y.type, y.pos);
      }
    }
    return basicOf(xt, x.pos);
  }

  private static int cond(Operator op, boolean signed) {
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
  private void stringCompare(Operator op, Expr x, Expr y, int r, Pos pos) {
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
  private void stringEqual(int r, int s) {
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
  private void stringOrder(Operator op) {
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

  /**
   * Generates a call; with {@code want}, its single result is loaded into r. Returns the
   * callee's argument layout (results are then in the outgoing area), or null for builtins
   * and conversions.
   */
  private ArgLayout call(Expr.Call c, int r, boolean want) {
    line(c);
    switch (c.kind) {
      case CONVERSION:
        conversion(c, r);
        return null;
      case BUILTIN:
        builtin(c, r, want);
        return null;
      case FUNC:
        break;
      case METHOD:
        throw new CannotCompile(c.pos, "method calls");
      default:
        throw new CannotCompile(c.pos, "calls of function values");
    }
    Expr fun = Expr.unparen(c.fun);
    if (!(fun instanceof Expr.Name n && n.obj instanceof Obj.Func fn && fn.decl != null
        && fn.pkg == null)) {
      throw new CannotCompile(c.pos, "calls of " + (fun instanceof Expr.Selector s
          && s.x instanceof Expr.Name pn ? pn.value + "." + s.sel.value : fun.toString()));
    }
    if (fn.decl.recv != null) {
      throw new CannotCompile(c.pos, "method calls");
    }
    ArgLayout cl = layout(fn.sig(), c.pos);
    if (c.args.size() == 1 && c.args.get(0).type instanceof Type.Tuple tt && tt.size() > 1) {
      // f(g()): g's results become f's arguments; each moves down, so copying in order is safe
      ArgLayout gl = call((Expr.Call) Expr.unparen(c.args.get(0)), R0, false);
      for (int i = 0; i < cl.params().length; i++) {
        load(out(gl.results()[i]), gl.resultTypes().get(i), R0);
        store(out(cl.params()[i]), cl.paramTypes().get(i), R0);
      }
    } else {
      passArgs(c.args, cl.params(), cl.paramTypes());
    }
    line(c);
    f.pcdata(FuncData.PCDATA_StackMapIndex, site()).call(CodeGen.objName(fn))
        .pcdata(FuncData.PCDATA_StackMapIndex, -1);
    if (want) {
      if (cl.results().length != 1) {
        throw new CannotCompile(c.pos, "multi-valued expressions here");
      }
      load(out(cl.results()[0]), cl.resultTypes().get(0), r);
    }
    return cl;
  }

  /** Stores arguments in the outgoing area; with calls among them, all go through temps first. */
  private void passArgs(List<Expr> as, int[] offs, List<Type.Basic> types) {
    boolean calls = as.stream().anyMatch(FuncGen::hasCall);
    if (!calls) {
      for (int i = 0; i < as.size(); i++) {
        expr(as.get(i), R0);
        store(out(offs[i]), types.get(i), R0);
      }
      return;
    }
    int mark = tempMark();
    List<Addr> tmp = new ArrayList<>();
    for (int i = 0; i < as.size(); i++) {
      expr(as.get(i), R0);
      Addr t = temp(types.get(i));
      store(t, types.get(i), R0);
      tmp.add(t);
    }
    for (int i = 0; i < as.size(); i++) {
      load(tmp.get(i), types.get(i), R0);
      store(out(offs[i]), types.get(i), R0);
    }
    release(mark);
  }

  private void conversion(Expr.Call c, int r) {
    Type.Basic to = basicOf(c.type, c.pos);
    Expr x = c.args.get(0);
    Type.Basic from = basicOf(x.type, x.pos);
    if (to.isString() != from.isString()) {
      throw new CannotCompile(c.pos, "conversions between strings and integers");
    }
    expr(x, r);
    if (!to.isString() && wcode(to) != wcode(from)) {
      f.movi(R7, 0).alu(Isa.OR, r, r, R7, wcode(to));
    }
  }

  private void builtin(Expr.Call c, int r, boolean want) {
    Obj.BuiltinId id = Expr.unparen(c.fun) instanceof Expr.Name n && n.obj instanceof Obj.Builtin b
        ? b.id : null;
    if (id == Obj.BuiltinId.PRINT || id == Obj.BuiltinId.PRINTLN) {
      print(c, id == Obj.BuiltinId.PRINTLN);
      return;
    }
    if (id == Obj.BuiltinId.LEN && c.args.size() == 1) {
      Type.Basic t = basicOf(c.args.get(0).type, c.args.get(0).pos);
      if (t.isString()) {
        expr(c.args.get(0), r);
        f.mov(r, r + 1);
        return;
      }
    }
    throw new CannotCompile(c.pos, "the builtin " + (id == null ? c.fun : id.goName));
  }

  /**
   * print/println as walk.c's walkprint of Go 1.3 lowers them: one runtime call per argument
   * (printsp between and printnl after, for println). A signed or narrower-than-64-bit unsigned
   * integer is converted to int64 for printint; only uint64 goes to printuint. Arguments that
   * call functions are evaluated, in order, before anything is printed (order.c's temporaries).
   */
  private void print(Expr.Call c, boolean ln) {
    List<Expr> as = c.args;
    Addr[] saved = new Addr[as.size()];
    int mark = tempMark();
    if (as.stream().anyMatch(FuncGen::hasCall)) {
      for (int i = 0; i < as.size(); i++) {
        Type.Basic t = basicOf(as.get(i).type, as.get(i).pos);
        expr(as.get(i), R0);
        saved[i] = temp(t);
        store(saved[i], t, R0);
      }
    }
    for (int i = 0; i < as.size(); i++) {
      Expr a = as.get(i);
      line(c);
      if (ln && i > 0) {
        rtcall("runtime.printsp");
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
      } else {
        // the register holds the value sign- or zero-extended to 64 bits: the int64 or uint64
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

  @Override
  public String toString() {
    return "FuncGen(" + name + " " + file + " " + Arrays.toString(args.params()) + ")";
  }
}
