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
import gort.cmd.types.Checker;
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
 * Generates one declared function (or the package initializer main.init). Every variable has a
 * stack slot: parameters and results in the incoming argument area ({@code [FP+off]}), locals
 * and temporaries in the frame above the outgoing-argument area; package variables live in the
 * bss, and a variable whose address is taken lives in the heap, its slot holding the pointer.
 * Structs and arrays are never in registers: they are copied between places. Expressions are evaluated into registers R0..R5 (a string takes two
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
  private final long bssStart;
  private final Pos funcPos;
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

  private record Slot(int off, Type type) {}

  /** Base of an {@link Addr} at an absolute address (a package variable). */
  private static final int ABS = -1;
  /** Base of an {@link Addr} through a pointer held in the frame slot at SP+abs. */
  private static final int IND = -2;
  /**
   * How the generator represents every pointer type (and nil): one word, BitsPointer in the
   * stack maps, compared unsigned.
   */
  static final Type.Basic PTR = new Type.Basic(Type.Kind.UNSAFE_POINTER, "unsafe.Pointer");

  /** Variables whose address is taken: they live in the heap, their slot holds the pointer. */
  private final Map<Obj.Var, Integer> heapSlot = new IdentityHashMap<>();
  private final java.util.Set<Obj.Var> heapVars =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * Where a value lives: a base register (SP or FP) and an offset, or (base {@link #ABS}) the
   * absolute address {@code abs + off}, loaded into R6 for each access.
   */
  private record Addr(int base, int off, long abs) {
    Addr(int base, int off) {
      this(base, off, 0);
    }

    Addr plus(int d) {
      return new Addr(base, off + d, abs);
    }
  }

  /** Offsets of a signature's parameters and results in an argument area, and its size. */
  record ArgLayout(int[] params, int[] results, List<Type> paramTypes,
      List<Type> resultTypes, int size) {}

  FuncGen(Arch arch, String file, String name, Decl.Func decl, DataSegment data, long dataStart,
      long bssStart) {
    this.arch = arch;
    this.w = arch.PtrSize;
    this.file = file;
    this.name = name;
    this.decl = decl;
    this.data = data;
    this.dataStart = dataStart;
    this.bssStart = bssStart;
    this.funcPos = decl.pos;
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

  /** The package initializer {@code main.init}: no arguments, no declaration. */
  private FuncGen(Arch arch, String file, Pos pos, DataSegment data, long dataStart,
      long bssStart) {
    this.arch = arch;
    this.w = arch.PtrSize;
    this.file = file;
    this.name = "main.init";
    this.decl = null;
    this.data = data;
    this.dataStart = dataStart;
    this.bssStart = bssStart;
    this.funcPos = pos;
    this.sig = null;
    this.args = new ArgLayout(new int[0], new int[0], List.of(), List.of(), 0);
    this.f = new FuncBuilder(arch, name).args(0).pos(file, pos.line());
  }

  /**
   * Generates {@code main.init} as 6g does: the package variables' initializers in dependency
   * order ({@code varInits}), then the init functions ({@code inits}) in source order.
   */
  static FuncBuilder packageInit(Arch arch, String file, Pos pos, List<Checker.VarInit> varInits,
      List<String> inits, DataSegment data, long dataStart, long bssStart) {
    FuncGen g = new FuncGen(arch, file, pos, data, dataStart, bssStart);
    List<Node> roots = new ArrayList<>();
    for (Checker.VarInit vi : varInits) {
      roots.add(vi.init());
    }
    return g.emit(roots, () -> {
      for (Checker.VarInit vi : varInits) {
        g.line(vi.init());
        int mark = g.tempMark();
        List<Expr> lhs = new ArrayList<>();
        for (Obj.Var v : vi.lhs()) {
          Expr.Name n = new Expr.Name(v.pos, v.name);
          n.obj = v;
          lhs.add(n);
        }
        g.assignLists(lhs, List.of(vi.init()), vi.init().pos);
        g.release(mark);
      }
      for (String init : inits) {
        g.f.pcdata(FuncData.PCDATA_StackMapIndex, g.site()).call(init)
            .pcdata(FuncData.PCDATA_StackMapIndex, -1);
      }
      g.line(pos);
    });
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
        case UNTYPED_NIL, UNSAFE_POINTER:
          return PTR;
        default:
          throw new CannotCompile(pos, "values of type " + t);
      }
    }
    if (u instanceof Type.Pointer) {
      return PTR;
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

  /** Whether values of {@code t} fit a register (pair): bool, integers, strings, pointers. */
  private static boolean scalar(Type t) {
    Type u = t == null ? null : t.underlying();
    return u instanceof Type.Basic || u instanceof Type.Pointer;
  }

  /** Go 1.3's size of a value of type {@code t} (structs padded to their alignment). */
  private int sizeof(Type t, Pos pos) {
    Type u = t.underlying();
    if (u instanceof Type.Array a) {
      long n = a.len * sizeof(a.elem, pos);
      if (n > Integer.MAX_VALUE / 2) {
        throw new CannotCompile(pos, "values this large");
      }
      return (int) n;
    }
    if (u instanceof Type.Struct st) {
      int off = 0;
      for (Obj.Var fld : st.fields) {
        off = roundUp(off, alignof(fld.type, pos)) + sizeof(fld.type, pos);
      }
      return roundUp(off, alignof(t, pos));
    }
    return size(basicOf(t, pos));
  }

  private int alignof(Type t, Pos pos) {
    Type u = t.underlying();
    if (u instanceof Type.Array a) {
      return alignof(a.elem, pos);
    }
    if (u instanceof Type.Struct st) {
      int al = 1;
      for (Obj.Var fld : st.fields) {
        al = Math.max(al, alignof(fld.type, pos));
      }
      return al;
    }
    return align(basicOf(t, pos));
  }

  private int fieldOffset(Type.Struct st, int index, Pos pos) {
    int off = 0;
    for (int i = 0; ; i++) {
      Obj.Var fld = st.fields.get(i);
      off = roundUp(off, alignof(fld.type, pos));
      if (i == index) {
        return off;
      }
      off += sizeof(fld.type, pos);
    }
  }

  private static boolean hasPointers(Type t) {
    Type u = t == null ? null : t.underlying();
    if (u instanceof Type.Basic b) {
      return b.isString() || b.kind == Type.Kind.UNSAFE_POINTER;
    }
    if (u instanceof Type.Pointer) {
      return true;
    }
    if (u instanceof Type.Array a) {
      return a.len > 0 && hasPointers(a.elem);
    }
    if (u instanceof Type.Struct st) {
      return st.fields.stream().anyMatch(fld -> hasPointers(fld.type));
    }
    return false;
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
    List<Type> pt = new ArrayList<>();
    for (int i = 0; i < ps.length; i++) {
      Type b = s.params.at(i);
      off = roundUp(off, alignof(b, pos));
      ps[i] = off;
      off += sizeof(b, pos);
      pt.add(b);
    }
    off = roundUp(off, w);
    int[] rs = new int[s.results.size()];
    List<Type> rt = new ArrayList<>();
    for (int i = 0; i < rs.length; i++) {
      Type b = s.results.at(i);
      off = roundUp(off, alignof(b, pos));
      rs[i] = off;
      off += sizeof(b, pos);
      rt.add(b);
    }
    return new ArgLayout(ps, rs, pt, rt, roundUp(off, w));
  }

  // ---- the function ----

  FuncBuilder generate() {
    if (decl.body == null) {
      throw new CannotCompile(decl.pos, "functions without a body");
    }
    return emit(List.of(decl.body), () -> {
      for (int i = 0; i < sig.params.size(); i++) {
        Obj.Var p = sig.params.vars.get(i);
        if (heapVars.contains(p)) {
          // a parameter whose address is taken is copied to the heap at entry
          allocHeap(p, decl.pos);
          copyVal(addrOf(p, decl.pos), new Addr(FP, args.params()[i]), args.paramTypes().get(i),
              decl.pos);
        }
      }
      for (int i = 0; i < sig.results.size(); i++) {
        zero(new Addr(FP, args.results()[i]), args.resultTypes().get(i), decl.pos);
      }
      stmts(decl.body.list);
      line(decl.body.rbrace.known() ? decl.body.rbrace : decl.pos);
    });
  }

  /** The function around {@code body}: the frame-clearing trailer, RET, frame size, maps. */
  private FuncBuilder emit(List<Node> roots, Runnable body0) {
    boolean pointerful = prepass(roots);
    frameTop = outSize;
    Label body = f.newLabel();
    Label zero = f.newLabel();
    if (pointerful) {
      f.jmp(zero);
    }
    f.bind(body);
    body0.run();
    f.ret();
    if (pointerful) {
      // the frame's slots are cleared before the body runs, so that every slot a stack map
      // marks as a pointer holds nil or a valid pointer at every call site
      f.line(funcPos.line());
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
  private boolean prepass(List<Node> roots) {
    boolean[] pointers = {false};
    int[] out = {0};
    for (Node root : roots) {
      Inspector.inspect(root, n -> previsit(n, pointers, out));
    }
    outSize = roundUp(out[0], w);
    return pointers[0];
  }

  /** One node of the prepass: pointers, heap variables, the outgoing area's size. */
  private boolean previsit(Node n, boolean[] pointers, int[] out) {
    if (n instanceof Expr.FuncLit fl) {
      throw new CannotCompile(fl.pos, "function literals");
    }
    if (n instanceof Expr e && !e.isType && e.type != null
        && hasPointers(e.type)) {
      pointers[0] = true;
    }
    if (n instanceof Expr.Index || n instanceof Expr.Selector
        || n instanceof Expr.Operation o && o.op == Operator.MUL && o.y == null) {
      pointers[0] = true; // places keep pointers in temporaries (BitsPointer slots)
    }
    if (n instanceof Expr.Operation o && o.op == Operator.AND && o.y == null) {
      out[0] = Math.max(out[0], 2 * w); // &T{...} calls runtime.new
    }
    if (n instanceof Expr.Operation o && o.op == Operator.AND && o.y == null
        && rootVar(o.x) instanceof Obj.Var v && v.kind != Obj.VarKind.GLOBAL) {
      // Go 1.3's escape analysis would keep some of these on the stack; gort moves every
      // variable whose address is taken to the heap (as 6g did before escape analysis)
      if (v.kind != Obj.VarKind.LOCAL && v.kind != Obj.VarKind.PARAM) {
        throw new CannotCompile(o.pos, "taking the address of results and receivers");
      }
      heapVars.add(v);
      pointers[0] = true;
      out[0] = Math.max(out[0], 2 * w);
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
      if (c.kind == Expr.CallKind.FUNC && Expr.unparen(c.fun) instanceof Expr.Selector sel
          && sel.sel.obj instanceof Obj.Func fn && fn.pkg != null) {
        out[0] = Math.max(out[0], 2 * w); // runtime, os: one word of argument or result
      }
    }
    if (n instanceof Stmt.CallStmt cs && cs.tok == Token.GO && cs.call != null
        && Expr.unparen(cs.call.fun) instanceof Expr.Name nm && nm.obj instanceof Obj.Func fn
        && fn.decl != null && fn.pkg == null) {
      // runtime.newproc(siz, fn, args...)
      out[0] = Math.max(out[0], 2 * w + layout(fn.sig(), cs.pos).size());
    }
    return true;
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
  private void classify(int[] kinds, int off, Type t) {
    Type u = t.underlying();
    if (u instanceof Type.Array a) {
      int es = sizeof(a.elem, Pos.NONE);
      for (long i = 0; i < a.len; i++) {
        classify(kinds, off + (int) i * es, a.elem);
      }
      return;
    }
    if (u instanceof Type.Struct st) {
      for (int i = 0; i < st.fields.size(); i++) {
        classify(kinds, off + fieldOffset(st, i, Pos.NONE), st.fields.get(i).type);
      }
      return;
    }
    Type.Basic b = basicOf(t, Pos.NONE);
    if (b.kind == Type.Kind.UNSAFE_POINTER) {
      kinds[off / w] = FuncData.BitsPointer;
      return;
    }
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

  private int newSlot(Type b) {
    int off = roundUp(frameTop, Math.max(w, alignof(b, Pos.NONE)));
    frameTop = off + roundUp(sizeof(b, Pos.NONE), w);
    slots.add(new Slot(off, b));
    return off;
  }

  private Addr addrOf(Obj.Var v, Pos pos) {
    if (v.captured) {
      throw new CannotCompile(pos, "variables captured by closures");
    }
    switch (v.kind) {
      case PARAM, RESULT: {
        if (heapVars.contains(v)) {
          return new Addr(IND, 0, f.local(heapSlot(v)));
        }
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
        if (heapVars.contains(v)) {
          return new Addr(IND, 0, f.local(heapSlot(v)));
        }
        Integer off = localOff.get(v);
        if (off == null) {
          sizeof(v.type, pos); // reports unsupported types at the variable
          off = newSlot(v.type);
          localOff.put(v, off);
        }
        return new Addr(SP, f.local(off));
      }
      case GLOBAL: {
        return new Addr(ABS, 0, bssStart + data.global(v, sizeof(v.type, pos),
            alignof(v.type, pos)));
      }
      default:
        throw new CannotCompile(pos, "methods");
    }
  }

  /** The frame slot that holds the heap address of variable {@code v}. */
  private int heapSlot(Obj.Var v) {
    return heapSlot.computeIfAbsent(v, k -> newSlot(PTR));
  }

  /**
   * Allocates heap variable {@code v} (Go's {@code v = new(T)} at its declaration, as gc's
   * moved-to-heap variables) and stores its address in its slot.
   */
  private void allocHeap(Obj.Var v, Pos pos) {
    newobject(v.type, pos);
    f.store(SP, f.local(heapSlot(v)), R0, ptrWidth());
  }

  /** R0 = runtime.new(typ): a fresh zeroed object of type {@code t}. */
  private void newobject(Type t, Pos pos) {
    Type u = t.underlying();
    int kind;
    if (u instanceof Type.Array) {
      kind = 17;
    } else if (u instanceof Type.Struct) {
      kind = 25;
    } else {
      Type.Basic b = basicOf(t, pos);
      kind = switch (b.kind) {
        case STRING -> 24;
        case UNSAFE_POINTER -> 22;
        default -> b.kind.ordinal(); // BOOL..UINTPTR: Go 1.3's KindBool (1)..KindUintptr (12)
      };
    }
    int size = sizeof(t, pos);
    int align = alignof(t, pos);
    boolean pointers = hasPointers(t);
    int desc = data.typedesc(size + "/" + align + "/" + kind + "/" + pointers, size, align, kind,
        pointers);
    f.movi(R0, arch.uintptr(dataStart + desc)).store(SP, f.outarg(0), R0, ptrWidth());
    rtcall("runtime.new");
    f.load(R0, SP, f.outarg(w), ptrWidth());
  }

  /** A temporary slot for a value of type {@code b}, reused once released. */
  private Addr temp(Type b) {
    int[] shape = shape(b);
    for (Slot s : temps) {
      if (!tempsInUse.contains(s) && Arrays.equals(shape(s.type()), shape)) {
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

  /** The words of a value of type {@code t} as the stack maps classify them. */
  private int[] shape(Type t) {
    int[] k = new int[roundUp(sizeof(t, Pos.NONE), w) / w];
    classify(k, 0, t);
    return k;
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

  /** The base register of {@code a}: R6 loaded with the address when it is absolute. */
  private int base(Addr a) {
    if (a.base() == ABS) {
      f.movi(R6, arch.uintptr(a.abs()));
      return R6;
    }
    if (a.base() == IND) {
      f.load(R6, SP, (int) a.abs(), ptrWidth());
      return R6;
    }
    return a.base();
  }

  private void load(Addr a, Type.Basic b, int r) {
    int base = base(a);
    if (b.isString()) {
      f.load(r, base, a.off(), ptrWidth()).load(r + 1, base, a.off() + w, intWidth());
    } else {
      f.load(r, base, a.off(), wcode(b));
    }
  }

  private void store(Addr a, Type.Basic b, int r) {
    if (a.base() < 0 && (r == R6 || r + 1 == R6)) {
      throw new IllegalStateException("store of R6 to a package variable");
    }
    int base = base(a);
    if (b.isString()) {
      f.store(base, a.off(), r, ptrWidth()).store(base, a.off() + w, r + 1, intWidth());
    } else {
      f.store(base, a.off(), r, wcode(b));
    }
  }

  /** Zeroes the value of type {@code t} at {@code a}. */
  private void zero(Addr a, Type t, Pos pos) {
    if (scalar(t)) {
      zeroValue(a, basicOf(t, pos));
      return;
    }
    int n = sizeof(t, pos);
    if (n > 0) {
      addrInto(a, R0);
      f.movi(R1, n).memclr(R0, R1);
    }
  }

  /** Copies the value of type {@code t} at {@code src} to {@code dst}; clobbers R0..R2. */
  private void copyVal(Addr dst, Addr src, Type t, Pos pos) {
    if (scalar(t)) {
      Type.Basic b = basicOf(t, pos);
      load(src, b, R0);
      store(dst, b, R0);
      return;
    }
    int n = sizeof(t, pos);
    if (n > 0) {
      addrInto(src, R1);
      addrInto(dst, R0);
      f.movi(R2, n).memmove(R0, R1, R2);
    }
  }

  /** Evaluates {@code e} and stores its value, of type {@code t}, at {@code dst}. */
  private void assignTo(Addr dst, Type t, Expr e) {
    if (scalar(t)) {
      Type.Basic b = basicOf(t, e.pos);
      expr(e, R0);
      store(dst, b, R0);
      return;
    }
    Addr src = place(e, R0);
    copyVal(dst, src, t, e.pos);
  }

  /** r = the address {@code a} denotes (uses R7 for an offset from a pointer). */
  private void addrInto(Addr a, int r) {
    switch (a.base()) {
      case ABS -> f.movi(r, arch.uintptr(a.abs() + a.off()));
      case IND -> {
        f.load(r, SP, (int) a.abs(), ptrWidth());
        if (a.off() != 0) {
          f.movi(R7, a.off()).add(r, r, R7, ptrWidth());
        }
      }
      default -> f.lea(r, a.base(), a.off());
    }
  }

  private void zeroValue(Addr a, Type.Basic b) {
    int base = base(a);
    f.movi(R7, 0);
    if (b.isString()) {
      f.store(base, a.off(), R7, ptrWidth()).store(base, a.off() + w, R7, intWidth());
    } else {
      f.store(base, a.off(), R7, wcode(b));
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
      if (c.tok != Token.GO) {
        throw new CannotCompile(s.pos, "defer statements");
      }
      goStmt(c);
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
        for (Expr.Name n : v.names) {
          if (n.obj instanceof Obj.Var var && heapVars.contains(var)) {
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
    if (x instanceof Expr.Index || x instanceof Expr.Selector
        || x instanceof Expr.Operation o && o.op == Operator.MUL && o.y == null) {
      // *p, s.f, a[i]: pointers and indexes are evaluated now, kept in temporaries
      return place(x, R0);
    }
    throw new CannotCompile(x.pos, "this assignment");
  }

  /** The type of a left-hand side (the right side's for the blank identifier). */
  private static Type lhsTypeT(Expr e, Expr rhs) {
    Expr x = Expr.unparen(e);
    if (x instanceof Expr.Name n && n.obj instanceof Obj.Var v) {
      return v.type;
    }
    return x.type != null ? x.type : rhs.type;
  }

  private Type.Basic lhsType(Expr e, Expr rhs) {
    Expr x = Expr.unparen(e);
    if (x instanceof Expr.Name n && n.obj instanceof Obj.Var v) {
      return basicOf(v.type, n.pos);
    }
    if (x.type != null) {
      return basicOf(x.type, x.pos);
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
    if (a.op == Operator.DEF) {
      for (Obj.Var v : a.newVars) {
        if (heapVars.contains(v)) {
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
          copyVal(l, out(cl.results()[i]), cl.resultTypes().get(i), pos);
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

  private void ret(Stmt.Return r) {
    List<Expr> res = elems(r.results);
    if (res.size() == 1 && sig.results.size() > 1) {
      Expr x = Expr.unparen(res.get(0));
      if (!(x instanceof Expr.Call c)) {
        throw new CannotCompile(x.pos, "this return");
      }
      ArgLayout cl = call(c, R0, false);
      for (int i = 0; i < sig.results.size(); i++) {
        copyVal(new Addr(FP, args.results()[i]), out(cl.results()[i]), cl.resultTypes().get(i),
            r.pos);
      }
    } else if (res.size() == 1) {
      assignTo(new Addr(FP, args.results()[0]), args.resultTypes().get(0), res.get(0));
    } else if (!res.isEmpty() && res.stream().noneMatch(FuncGen::callsOrReadsResults)) {
      // nothing can see a result slot before all are written: store them directly
      for (int i = 0; i < res.size(); i++) {
        assignTo(new Addr(FP, args.results()[i]), args.resultTypes().get(i), res.get(i));
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
        copyVal(new Addr(FP, args.results()[i]), tmp.get(i), args.resultTypes().get(i), r.pos);
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
      if (n instanceof Expr.CompositeLit) {
        // &T{...} calls runtime.new; a literal built in a temporary uses R0..R2 (memclr,
        // memmove), so either is treated as a call: no register is live across it
        found[0] = true;
      }
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
        f.movi(r, 0);
        return;
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
    if (e instanceof Expr.Index || e instanceof Expr.Selector) {
      if (!scalar(e.type)) {
        throw new CannotCompile(e.pos, "this use of structs and arrays");
      }
      load(place(e, r), basicOf(e.type, e.pos), r);
      return;
    }
    if (e instanceof Expr.Slice) {
      throw new CannotCompile(e.pos, "slice expressions");
    }
    if (e instanceof Expr.CompositeLit) {
      throw new CannotCompile(e.pos, "this use of composite literals");
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
      case RECV -> throw new CannotCompile(o.pos, "channel receives");
      default -> throw new CannotCompile(o.pos, "operator " + o.op);
    }
  }

  /**
   * r = &x for an addressable x rooted in a package variable, a variable moved to the heap or a
   * pointer indirection; or &T{...}: a new object (runtime.new) filled with the literal.
   */
  private void addressOf(Expr.Operation o, int r) {
    Expr x = Expr.unparen(o.x);
    if (x instanceof Expr.CompositeLit cl) {
      newobject(cl.type, cl.pos);
      Addr t = temp(PTR);
      store(t, PTR, R0);
      fill(new Addr(IND, 0, t.off()), cl, false);
      load(t, PTR, r);
      return;
    }
    if (x instanceof Expr.Name || x instanceof Expr.Selector || x instanceof Expr.Index
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
   * The variable an addressable expression lives in ({@code x} of {@code x.f[i].g}), or null
   * when it goes through a pointer.
   */
  private static Obj rootVar(Expr e0) {
    Expr e = Expr.unparen(e0);
    if (e instanceof Expr.Name n) {
      return n.obj;
    }
    if (e instanceof Expr.Selector s && !s.implicitDeref && s.fieldIndex >= 0) {
      return rootVar(s.x);
    }
    if (e instanceof Expr.Index ix && !ix.implicitDeref
        && ix.x.type != null && ix.x.type.underlying() instanceof Type.Array) {
      return rootVar(ix.x);
    }
    return null;
  }

  /**
   * Where the value of {@code e} lives, for an addressable expression (variable, {@code *p},
   * field, array element) or a value of struct or array type (a call's result or a composite
   * literal, copied to a temporary). Uses registers from {@code r} up, R6 and R7; pointers and
   * computed element addresses are kept in pointer temporaries, so the address stays valid
   * across later evaluation.
   */
  private Addr place(Expr e0, int r) {
    Expr e = Expr.unparen(e0);
    if (e instanceof Expr.Name n && n.obj instanceof Obj.Var v) {
      return addrOf(v, n.pos);
    }
    if (e instanceof Expr.Operation o && o.op == Operator.MUL && o.y == null) {
      return deref(o.x, r);
    }
    if (e instanceof Expr.Selector s) {
      if (s.fieldIndex < 0) {
        throw new CannotCompile(s.pos, "selectors of this kind");
      }
      Type xt = s.x.type.underlying();
      Type.Struct st = (Type.Struct) (s.implicitDeref
          ? ((Type.Pointer) xt).elem.underlying() : xt);
      Addr base = s.implicitDeref ? deref(s.x, r) : place(s.x, r);
      return base.plus(fieldOffset(st, s.fieldIndex, s.pos));
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
      Addr base = ix.x.type.underlying() instanceof Type.Pointer ? deref(ix.x, r)
          : place(ix.x, r);
      if (isConst(ix.index)) {
        return base.plus((int) (ix.index.value.intValue().longValue() * es));
      }
      // base pointer in a temporary, then the index, checked against the length
      Addr t = temp(PTR);
      addrInto(base, r);
      store(t, PTR, r);
      expr(ix.index, r);
      Label ok = f.newLabel();
      f.movi(R7, a.len).setcc(Isa.LTU, R7, r, R7).jnz(R7, ok);
      rtcall("runtime.panicindex");
      f.bind(ok);
      if (es != 1) {
        f.movi(R7, es).alu(Isa.MUL, r, r, R7, ptrWidth());
      }
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

  /** The place *p: p evaluated into a pointer temporary. */
  private Addr deref(Expr p, int r) {
    expr(p, r);
    Addr t = temp(PTR);
    store(t, PTR, r);
    return new Addr(IND, 0, t.off());
  }

  /** Stores the composite literal {@code cl} at {@code a}, zeroing it first when {@code clear}. */
  private void fill(Addr a, Expr.CompositeLit cl, boolean clear) {
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

  private void elem(Addr at, Type t, Expr val) {
    if (Expr.unparen(val) instanceof Expr.CompositeLit inner && !scalar(t)) {
      fill(at, inner, false);
    } else {
      assignTo(at, t, val);
    }
  }

  private static String describe(Expr x) {
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
      if (x.type != null && !scalar(x.type) && !(x.type instanceof Type.Basic)) {
        throw new CannotCompile(pos, "comparisons of structs and arrays");
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
    if (fun instanceof Expr.Selector sel && sel.sel.obj instanceof Obj.Func rf
        && rf.pkg != null) {
      runtimeCall(c, rf, r, want);
      return null;
    }
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
        copyVal(out(cl.params()[i]), out(gl.results()[i]), cl.paramTypes().get(i), c.pos);
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
      load(out(cl.results()[0]), basicOf(cl.resultTypes().get(0), c.pos), r);
    }
    return cl;
  }

  /**
   * {@code go f(args)} for a package function f, as 6g/5g's ginscall(proc=1) of Go 1.3:
   * runtime.newproc(siz int32, fn *FuncVal, args...), with siz f's argument size (argsize:
   * parameters and results) and fn the static FuncVal {@code main.f·f} in rodata.
   */
  private void goStmt(Stmt.CallStmt s) {
    Expr.Call c = s.call;
    Expr fun = Expr.unparen(c.fun);
    if (c.kind != Expr.CallKind.FUNC || !(fun instanceof Expr.Name n
        && n.obj instanceof Obj.Func fn && fn.decl != null && fn.pkg == null
        && fn.decl.recv == null)) {
      throw new CannotCompile(s.pos, "go statements of anything but a package function");
    }
    ArgLayout cl = layout(fn.sig(), c.pos);
    int base = 2 * w;
    int[] offs = cl.params().clone();
    for (int i = 0; i < offs.length; i++) {
      offs[i] += base;
    }
    if (c.args.size() == 1 && c.args.get(0).type instanceof Type.Tuple tt && tt.size() > 1) {
      throw new CannotCompile(c.pos, "go statements with multi-valued arguments");
    }
    passArgs(c.args, offs, cl.paramTypes());
    line(s);
    f.movi(R0, cl.size()).store(SP, f.outarg(0), R0, Isa.W4);
    f.movi(R0, arch.uintptr(dataStart + data.funcval(CodeGen.objName(fn))))
        .store(SP, f.outarg(w), R0, ptrWidth());
    rtcall("runtime.newproc");
  }

  /**
   * A call of a runtime or os function: runtime.Gosched() is RTCALL runtime.gosched,
   * os.Exit(code) RTCALL runtime.exit(int32), runtime.NumGoroutine() RTCALL
   * runtime.NumGoroutine (its int result at argp).
   */
  private boolean runtimeCall(Expr.Call c, Obj.Func fn, int r, boolean want) {
    String q = fn.pkg + "." + fn.name;
    switch (q) {
      case "runtime.Gosched" -> {
        line(c);
        rtcall("runtime.gosched");
        return true;
      }
      case "os.Exit" -> {
        expr(c.args.get(0), R0);
        line(c);
        f.store(SP, f.outarg(0), R0, Isa.W4);
        rtcall("runtime.exit");
        return true;
      }
      case "runtime.NumGoroutine" -> {
        line(c);
        rtcall("runtime.NumGoroutine");
        if (want) {
          f.load(r, SP, f.outarg(0), intWidth());
        }
        return true;
      }
      case "debug.SetMaxStack" -> {
        expr(c.args.get(0), R0);
        line(c);
        f.store(SP, f.outarg(0), R0, intWidth());
        rtcall("debug.SetMaxStack");
        if (want) {
          f.load(r, SP, f.outarg(w), intWidth());
        }
        return true;
      }
      default -> throw new CannotCompile(c.pos, "calls of " + q);
    }
  }

  /** Stores arguments in the outgoing area; with calls among them, all go through temps first. */
  private void passArgs(List<Expr> as, int[] offs, List<Type> types) {
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
    if (id == Obj.BuiltinId.NEW) {
      // walk.c's callnew: runtime.new(typ) returns a pointer to a fresh zeroed object
      newobject(c.args.get(0).type, c.pos);
      f.mov(r, R0);
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
      } else if (t.kind == Type.Kind.UNSAFE_POINTER) {
        f.store(SP, f.outarg(0), R0, ptrWidth());
        fn = "runtime.printpointer";
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
