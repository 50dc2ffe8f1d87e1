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
  private final Env env;
  private final Decl.Func decl;
  /** The node that declares this function's variables (Decl.Func or Expr.FuncLit). */
  private final Node owner;
  private final Stmt.Block body;
  /** A function literal's captured variables, in FuncVal order (after the fn word). */
  private final List<Obj.Var> captures;
  private final DataSegment data;
  private final long dataStart;
  private final long bssStart;
  private final Pos funcPos;
  private final Emitter f;
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
  /** Whether the function has defer statements (then every return runs deferreturn). */
  private boolean hasDefer;
  /** The return epilogue that a recovered panic's deferproc (R0 = 1) jumps to. */
  private Label deferRet;
  private int outSize;
  private int frameTop;
  /** The locals' word kinds when some word past the outgoing area holds a pointer, else null. */
  private int[] frameKinds;
  /** On a second pass: the frame's word kinds from the first, whose pointer words it clears. */
  private int[] clearKinds;
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

  /** What every function of one generation pass shares. */
  record Env(Arch arch, String file, DataSegment data, long dataStart, long bssStart,
      Map<Expr.FuncLit, String> lits, java.util.Set<String> rt,
      Map<Stmt.CallStmt, Expr.FuncLit> wrappers) {}

  /**
   * A declared function or method ({@code decl}, owner of its variables) or a function literal
   * ({@code lit}: its captured variables reach it through CTXT, in its FuncVal).
   */
  FuncGen(Env env, String name, Node owner, Type.Signature sig, Stmt.Block body, Pos pos,
      List<Obj.Var> captures) {
    this.env = env;
    this.arch = env.arch();
    this.w = arch.PtrSize;
    this.file = env.file();
    this.name = name;
    this.decl = owner instanceof Decl.Func d ? d : null;
    this.owner = owner;
    this.body = body;
    this.captures = captures;
    this.data = env.data();
    this.dataStart = env.dataStart();
    this.bssStart = env.bssStart();
    this.funcPos = pos;
    this.sig = sig;
    this.args = layout(sig, pos);
    this.f = new Emitter(arch, name).args(args.size()).pos(file, pos.line());
    if (!captures.isEmpty()) {
      f.needctxt(true);
    }
    for (int i = 0; i < paramVars().size(); i++) {
      argOff.put(paramVars().get(i), args.params()[i]);
    }
    for (int i = 0; i < sig.results.size(); i++) {
      argOff.put(sig.results.vars.get(i), args.results()[i]);
    }
  }

  /** The package initializer {@code main.init}: no arguments, no declaration. */
  private FuncGen(Env env, Pos pos) {
    this.env = env;
    this.arch = env.arch();
    this.w = arch.PtrSize;
    this.file = env.file();
    this.name = "main.init";
    this.decl = null;
    this.owner = null;
    this.body = null;
    this.captures = List.of();
    this.data = env.data();
    this.dataStart = env.dataStart();
    this.bssStart = env.bssStart();
    this.funcPos = pos;
    this.sig = null;
    this.args = new ArgLayout(new int[0], new int[0], List.of(), List.of(), 0);
    this.f = new Emitter(arch, name).args(0).pos(file, pos.line());
  }

  /** The receiver (if any) then the parameters, as they sit in the argument area. */
  private List<Obj.Var> paramVars() {
    List<Obj.Var> l = new ArrayList<>();
    if (sig.recv != null) {
      l.add(sig.recv);
    }
    l.addAll(sig.params.vars);
    return l;
  }

  /**
   * Generates {@code main.init} as 6g does: the package variables' initializers in dependency
   * order ({@code varInits}), then the init functions ({@code inits}) in source order.
   */
  static FuncBuilder packageInit(Env env, Pos pos, List<Checker.VarInit> varInits,
      List<String> inits) {
    return twoPass(new FuncGen(env, pos), () -> new FuncGen(env, pos),
        g -> g.packageInitOnce(pos, varInits, inits));
  }

  private FuncBuilder packageInitOnce(Pos pos, List<Checker.VarInit> varInits,
      List<String> inits) {
    FuncGen g = this;
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
    if (u instanceof Type.Pointer || u instanceof Type.Signature || u instanceof Type.Chan) {
      return PTR; // a func value is a FuncVal*, a channel an Hchan*
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
    return u instanceof Type.Basic || u instanceof Type.Pointer || u instanceof Type.Signature
        || u instanceof Type.Chan;
  }

  /** Go 1.3's size of a value of type {@code t} (structs padded to their alignment). */
  private int sizeof(Type t, Pos pos) {
    Type u = t.underlying();
    if (u instanceof Type.Slice) {
      return 3 * w; // {ptr, len, cap}
    }
    if (u instanceof Type.Interface) {
      return 2 * w; // {type, data}
    }
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
    if (u instanceof Type.Slice || u instanceof Type.Interface) {
      return w;
    }
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
    if (u instanceof Type.Pointer || u instanceof Type.Slice || u instanceof Type.Interface
        || u instanceof Type.Signature || u instanceof Type.Chan) {
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
    List<Type> in = new ArrayList<>();
    if (s.recv != null) {
      in.add(s.recv.type); // the receiver is the first argument
    }
    for (int i = 0; i < s.params.size(); i++) {
      in.add(s.params.at(i));
    }
    int[] ps = new int[in.size()];
    List<Type> pt = new ArrayList<>();
    for (int i = 0; i < ps.length; i++) {
      Type b = in.get(i);
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
    if (body == null) {
      throw new CannotCompile(funcPos, "functions without a body");
    }
    return twoPass(this, () -> new FuncGen(env, name, owner, sig, body, funcPos, captures),
        FuncGen::generateOnce);
  }

  /**
   * Generates with {@code first}; when its frame has pointer words to clear, generates again
   * with a fresh generator from {@code again} that clears them at entry, since only a whole
   * pass knows the frame's slots. The passes differ only in the clearing code, which allocates
   * no slot, so the frames agree (checked).
   */
  private static FuncBuilder twoPass(FuncGen first, java.util.function.Supplier<FuncGen> again,
      java.util.function.Function<FuncGen, FuncBuilder> gen) {
    FuncBuilder fb = gen.apply(first);
    if (first.frameKinds == null) {
      return fb;
    }
    FuncGen g = again.get();
    g.clearKinds = first.frameKinds;
    FuncBuilder out = gen.apply(g);
    if (!Arrays.equals(g.frameKinds, first.frameKinds)) {
      throw new IllegalStateException(first.name + ": the frame changed between passes");
    }
    return out;
  }

  private FuncBuilder generateOnce() {
    return emit(List.of(body), () -> {
      // a closure's captured variables: the pointers in its FuncVal (CTXT) go to frame slots
      // before anything else can clobber CTXT
      for (int i = 0; i < captures.size(); i++) {
        f.load(R0, Isa.CTXT, (i + 1) * w, ptrWidth())
            .store(SP, f.local(heapSlot(captures.get(i))), R0, ptrWidth());
      }
      List<Obj.Var> ps = paramVars();
      for (int i = 0; i < ps.size(); i++) {
        Obj.Var p = ps.get(i);
        if (isHeap(p)) {
          // a parameter whose address is taken (or that a closure captures) is copied to the
          // heap at entry
          allocHeap(p, funcPos);
          copyVal(addrOf(p, funcPos), new Addr(FP, args.params()[i]), args.paramTypes().get(i),
              funcPos);
        }
      }
      for (int i = 0; i < sig.results.size(); i++) {
        zero(new Addr(FP, args.results()[i]), args.resultTypes().get(i), funcPos);
        Obj.Var rv = sig.results.vars.get(i);
        if (isHeap(rv)) {
          allocHeap(rv, funcPos);
        }
      }
      stmts(body.list);
      line(body.rbrace.known() ? body.rbrace : funcPos);
      epilogue();
      if (deferRet != null) {
        f.bind(deferRet);
        epilogue();
      }
    });
  }

  /**
   * What every return does after storing the results, as 6g's cgen_ret: runs the deferred
   * calls (deferreturn) when the function defers, copies results that live in the heap back to
   * their slots (Go's curfn->exit), then RET.
   */
  private void epilogue() {
    if (hasDefer) {
      rtcall("runtime.deferreturn");
    }
    if (sig != null) {
      for (int i = 0; i < sig.results.size(); i++) {
        Obj.Var rv = sig.results.vars.get(i);
        if (isHeap(rv)) {
          copyVal(new Addr(FP, args.results()[i]), addrOf(rv, funcPos),
              args.resultTypes().get(i), funcPos);
        }
      }
    }
    f.ret();
  }

  /** Whether variable {@code v} lives in the heap: its address is taken or a closure shares it. */
  private boolean isHeap(Obj.Var v) {
    return v.kind != Obj.VarKind.GLOBAL && (heapVars.contains(v) || v.captured);
  }

  /**
   * The function around {@code body}: the clearing of the frame's pointer words at entry (on
   * the second pass, see {@link #twoPass}), RET for main.init, frame size, maps.
   */
  private FuncBuilder emit(List<Node> roots, Runnable body0) {
    boolean pointerful = prepass(roots);
    frameTop = outSize;
    if (pointerful && clearKinds != null) {
      clearFrame(clearKinds);
    }
    body0.run();
    if (sig == null) {
      f.ret();
    }
    int locals = roundUp(frameTop, w);
    if (pointerful) {
      int[] kinds = localsSiteKinds(locals);
      for (int i = outSize / w; i < kinds.length; i++) {
        if (kinds[i] >= FuncData.BitsPointer) {
          frameKinds = kinds;
          break;
        }
      }
    }
    f.locals(locals);
    buildMaps(locals);
    return f.builder();
  }

  /**
   * Clears the frame's pointer words before the body runs, so that every slot a stack map marks
   * as a pointer holds nil or a valid pointer at every call site. As 6g's defframe: only those
   * words, in runs, not the scalars (which the body writes first); a run under 4 words by
   * stores of a zero register, a longer one by MEMCLR.
   */
  private void clearFrame(int[] kinds) {
    f.line(funcPos.line());
    for (int i = outSize / w; i < kinds.length; ) {
      if (kinds[i] < FuncData.BitsPointer) {
        i++;
        continue;
      }
      int j = i;
      while (j < kinds.length && kinds[j] >= FuncData.BitsPointer) {
        j++;
      }
      if (j - i < 4) {
        f.movi(R7, 0);
        for (int k = i; k < j; k++) {
          f.store(SP, f.local(k * w), R7, ptrWidth());
        }
      } else {
        f.lea(R0, SP, f.local(i * w)).movi(R1, (j - i) * w).memclr(R0, R1);
      }
      i = j;
    }
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
    if (n instanceof Expr.FuncLit) {
      // the literal's body is a function of its own; here it is a FuncVal from runtime.new
      pointers[0] = true;
      out[0] = Math.max(out[0], 2 * w);
      return false;
    }
    if (n instanceof Expr e && !e.isType && e.type != null && !(e.type instanceof Type.Tuple)
        && hasPointers(e.type)) {
      pointers[0] = true;
    }
    if (n instanceof Expr.Index || n instanceof Expr.Selector || n instanceof Expr.Slice
        || n instanceof Stmt.Range
        || n instanceof Expr.Operation o && o.op == Operator.MUL && o.y == null) {
      pointers[0] = true; // places keep pointers in temporaries (BitsPointer slots)
    }
    if (n instanceof Stmt.Range r) {
      out[0] = Math.max(out[0], 6 * w); // runtime.stringiter2(s, k) (retk, retv)
    }
    if (n instanceof Stmt.Send || n instanceof Stmt.Select
        || n instanceof Expr.Operation o && o.op == Operator.RECV) {
      out[0] = Math.max(out[0], 4 * w); // chansend1, chanrecv2, selectgo
    }
    if (n instanceof Expr.Operation o && o.y != null && o.type != null
        && o.op == Operator.ADD && basicIsString(o.type)) {
      out[0] = Math.max(out[0], 6 * w); // runtime.concatstring2(a, b string) string
    }
    if (n instanceof Stmt.Assign a && a.op == Operator.ADD && a.rhs != null
        && basicIsString(a.rhs.type)) {
      out[0] = Math.max(out[0], 6 * w);
    }
    if (n instanceof Expr.Operation o && o.op == Operator.AND && o.y == null) {
      out[0] = Math.max(out[0], 2 * w); // &T{...} calls runtime.new
    }
    if (n instanceof Expr.Operation o && o.op == Operator.AND && o.y == null) {
      markHeap(rootVar(o.x), o.pos, pointers, out);
    }
    if (n instanceof Expr.Slice sl && sl.x.type != null
        && sl.x.type.underlying() instanceof Type.Array) {
      markHeap(rootVar(sl.x), sl.pos, pointers, out); // a[i:j] takes a's address
    }
    if (n instanceof Expr.Call c && c.kind == Expr.CallKind.METHOD
        && Expr.unparen(c.fun) instanceof Expr.Selector s && s.sel.obj instanceof Obj.Func m
        && m.ptrRecv && !s.implicitDeref && !(s.x.type.underlying() instanceof Type.Pointer)) {
      markHeap(rootVar(s.x), s.pos, pointers, out); // x.m() is (&x).m()
    }
    if (n instanceof Expr.Call c && c.kind != null) {
      out[0] = Math.max(out[0], callArgsSize(c));
    }
    if (n instanceof Stmt.CallStmt cs && cs.call != null && cs.call.kind != null) {
      // runtime.newproc / runtime.deferproc(siz, fn, args...)
      Expr.FuncLit wrap = env.wrappers() == null ? null : env.wrappers().get(cs);
      out[0] = Math.max(out[0], 2 * w + (wrap != null
          ? layout((Type.Signature) wrap.type, cs.pos).size() : callArgsSize(cs.call)));
      if (cs.tok == Token.DEFER) {
        hasDefer = true;
      }
    }
    return true;
  }

  private static boolean basicIsString(Type t) {
    return t != null && t.underlying() instanceof Type.Basic b && b.isString();
  }

  /** A variable whose address is taken moves to the heap (as 6g did before escape analysis). */
  private void markHeap(Obj root, Pos pos, boolean[] pointers, int[] out) {
    if (root instanceof Obj.Var v && v.kind != Obj.VarKind.GLOBAL) {
      heapVars.add(v);
      pointers[0] = true;
      out[0] = Math.max(out[0], 2 * w);
    }
  }

  /** The outgoing-argument bytes a call needs (its callee's arguments and results). */
  private int callArgsSize(Expr.Call c) {
    Expr fun = Expr.unparen(c.fun);
    switch (c.kind) {
      case FUNC -> {
        if (fun instanceof Expr.Name nm && nm.obj instanceof Obj.Func fn) {
          return layout(fn.sig(), c.pos).size();
        }
        if (fun instanceof Expr.Selector sel && sel.sel.obj instanceof Obj.Func fn) {
          return Math.max(2 * w, layout(fn.sig(), c.pos).size()); // runtime, os ...
        }
        return 2 * w;
      }
      case METHOD -> {
        return layout(((Obj.Func) ((Expr.Selector) fun).sel.obj).sig(), c.pos).size();
      }
      case FUNC_VALUE -> {
        return layout((Type.Signature) fun.type.underlying(), c.pos).size();
      }
      case BUILTIN -> {
        // makeslice(typ, len, cap int64) []T; growslice(typ, old []T, n int64) []T;
        // recover(argp) interface{}: at most 7 words and 16 bytes
        Obj.BuiltinId id = fun instanceof Expr.Name nm && nm.obj instanceof Obj.Builtin b
            ? b.id : null;
        if (id == null) {
          return Math.max(8, 2 * w);
        }
        return switch (id) {
          case PRINT, PRINTLN, LEN, CAP, NEW, COPY -> Math.max(8, 2 * w);
          default -> 7 * w + 16;
        };
      }
      case CONVERSION -> {
        return 5 * w + 8; // slicebytetostring, stringtoslicebyte, intstring
      }
      default -> {
        return 0;
      }
    }
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
    int[] localsSite = localsSiteKinds(locals);
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

  /** The kind of each word of the locals at a call site: every slot classified by its type. */
  private int[] localsSiteKinds(int locals) {
    int[] kinds = new int[locals / w];
    for (Slot s : slots) {
      classify(kinds, s.off(), s.type());
    }
    return kinds;
  }

  /** Marks the words of a value of type {@code b} at byte {@code off}: pointers, then scalars. */
  private void classify(int[] kinds, int off, Type t) {
    Type u = t.underlying();
    if (u instanceof Type.Slice) {
      kinds[off / w] = FuncData.BitsPointer;
      kinds[off / w + 1] = FuncData.BitsScalar;
      kinds[off / w + 2] = FuncData.BitsScalar;
      return;
    }
    if (u instanceof Type.Interface) {
      kinds[off / w] = FuncData.BitsMultiWord;
      kinds[off / w + 1] = FuncData.BitsEface;
      return;
    }
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
    if (v.kind == Obj.VarKind.GLOBAL) {
      return new Addr(ABS, 0, bssStart + data.global(v, sizeof(v.type, pos),
          alignof(v.type, pos)));
    }
    if (v.kind == Obj.VarKind.FIELD) {
      throw new CannotCompile(pos, "this variable");
    }
    if (v.owner != null && v.owner != owner) {
      // a variable of an enclosing function: its heap address came in the FuncVal
      if (!captures.contains(v)) {
        throw new CannotCompile(pos, "variables of enclosing functions");
      }
      return new Addr(IND, 0, f.local(heapSlot(v)));
    }
    if (isHeap(v)) {
      return new Addr(IND, 0, f.local(heapSlot(v)));
    }
    if (v.kind != Obj.VarKind.LOCAL) {
      Integer off = argOff.get(v);
      if (off == null) {
        throw new CannotCompile(pos, "variables of enclosing functions");
      }
      return new Addr(FP, off);
    }
    Integer off = localOff.get(v);
    if (off == null) {
      sizeof(v.type, pos); // reports unsupported types at the variable
      off = newSlot(v.type);
      localOff.put(v, off);
    }
    return new Addr(SP, f.local(off));
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
    } else if (u instanceof Type.Slice) {
      kind = 23;
    } else if (u instanceof Type.Interface) {
      kind = 20;
    } else if (u instanceof Type.Signature) {
      kind = 19;
    } else if (u instanceof Type.Chan) {
      kind = 18;
    } else {
      Type.Basic b = basicOf(t, pos);
      kind = switch (b.kind) {
        case STRING -> 24;
        case UNSAFE_POINTER -> 22;
        default -> b.kind.ordinal(); // BOOL..UINTPTR: Go 1.3's KindBool (1)..KindUintptr (12)
      };
    }
    newobject(sizeof(t, pos), alignof(t, pos), kind, hasPointers(t), pos);
  }

  /** R0 = runtime.new(typ) for a type descriptor of the given size, alignment and kind. */
  private void newobject(int size, int align, int kind, boolean pointers, Pos pos) {
    f.movi(R0, arch.uintptr(dataStart + typedesc(size, align, kind, pointers)))
        .store(SP, f.outarg(0), R0, ptrWidth());
    rtcall("runtime.new");
    f.load(R0, SP, f.outarg(w), ptrWidth());
  }

  /** The rodata offset of a type descriptor (see DataSegment.typedesc). */
  private int typedesc(int size, int align, int kind, boolean pointers) {
    return data.typedesc(size + "/" + align + "/" + kind + "/" + pointers, size, align, kind,
        pointers);
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
    if (b.isString() && base == r) {
      f.load(r + 1, base, a.off() + w, intWidth()).load(r, base, a.off(), ptrWidth());
    } else if (b.isString()) {
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
    if (t.underlying() instanceof Type.Interface && e.type != null
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

  private void exprStmt(Stmt.ExprStmt s) {
    Expr x = Expr.unparen(s.x);
    if (x instanceof Expr.Call c) {
      call(c, R0, false);
    } else if (x instanceof Expr.Operation o && o.op == Operator.RECV && o.y == null) {
      recv(o, null, null);
    } else {
      throw new CannotCompile(x.pos, "this expression statement");
    }
  }

  private void declStmt(Stmt.DeclStmt d) {
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

  private void assignLists(List<Expr> lhs, List<Expr> rhs, Pos pos) {
    if (rhs.size() == 1 && lhs.size() > 1) {
      Expr r = Expr.unparen(rhs.get(0));
      if (r instanceof Expr.Assert || r instanceof Expr.Operation ro && ro.op == Operator.RECV) {
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
        copyVal(resultAddr(i, r.pos), out(cl.results()[i]), cl.resultTypes().get(i),
            r.pos);
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
  private Addr resultAddr(int i, Pos pos) {
    Obj.Var rv = sig.results.vars.get(i);
    return isHeap(rv) ? addrOf(rv, pos) : new Addr(FP, args.results()[i]);
  }

  private void ifStmt(Stmt.If s) {
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
   * integer x test x's register itself, which holds x in its normal form (docs/machine.md), so
   * it is zero exactly when x is.
   */
  private void branchIfFalse(Expr cond, Label no) {
    Expr c = Expr.unparen(cond);
    if (c instanceof Expr.Operation o && o.y != null
        && (o.op == Operator.EQL || o.op == Operator.NEQ) && isIntegerType(o.x.type)
        && !isConst(o.x) && isConst(o.y) && o.y.value.kind == Constant.Kind.INT
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

  private void forStmt(Stmt.For s) {
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
   * {@code for k, v := range x} as walk/range.c of Go 1.3: x evaluated once (an array copied
   * when its values are used; a slice's header copied), a hidden index counting up to the
   * length; a string decodes runes (ASCII inline, else runtime.stringiter2); a channel
   * receives until it is closed (runtime.chanrecv2). The iteration variables are declared once
   * (before Go 1.22) and assigned each iteration.
   */
  private void rangeLoop(Stmt.For s, Stmt.Range rg) {
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
      f.load(R0, SP, next.off(), intWidth()).store(SP, hv.off(), R0, intWidth())
          .load(R1, SP, str.off() + w, intWidth()).setcc(Isa.LT, R2, R0, R1).jz(R2, brk);
      Label ascii = f.newLabel();
      Label got = f.newLabel();
      f.load(R1, SP, str.off(), ptrWidth()).add(R1, R1, R0, ptrWidth()).load(R1, R1, 0, Isa.W1)
          .movi(R2, 0x80).setcc(Isa.LTU, R3, R1, R2).jnz(R3, ascii);
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
      f.store(SP, rune.off(), R1, Isa.W4).movi(R2, 1).add(R0, R0, R2, intWidth())
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
      f.store(SP, hdr.off(), R0, ptrWidth()).movi(R0, a.len).store(SP, hdr.off() + w, R0, intWidth());
    }
    int es = sizeof(elem, rg.pos);
    f.movi(R0, 0);
    store(hv, Types.INT, R0);
    f.bind(top);
    line(rg);
    f.load(R0, SP, hv.off(), intWidth()).load(R1, SP, hdr.off() + w, intWidth())
        .setcc(Isa.LT, R2, R0, R1).jz(R2, brk);
    if (key != null) {
      copyVal(lvalue(key), hv, Types.INT, rg.pos);
    }
    if (val != null) {
      Addr p = temp(PTR);
      f.load(R0, SP, hv.off(), intWidth()).movi(R7, es).alu(Isa.MUL, R0, R0, R7, ptrWidth())
          .load(R7, SP, hdr.off(), ptrWidth()).add(R0, R0, R7, ptrWidth());
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
   * select, per the contract with the runtime (docs/machine.md, "Runtime calls the compiler emits"): every case's channel and
   * sent value evaluated in source order into temporaries, an array of scase records {kind
   * (0 recv, 1 send), c, elem, receivedp} built in the frame, then chosen =
   * runtime.selectgo(cases, n, block) (block false with a default clause, which runs on -1),
   * and a jump to the chosen case, whose receive assignments are done first. {@code select {}}
   * is runtime.block(). gort differs from Go 1.3's newselect/selectsend/selectrecv and selectgo
   * returning to the case's pc.
   */
  private void selectStmt(Stmt.Select s) {
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
        f.store(SP, at + 2 * w, R0, ptrWidth()).movi(R0, 0).store(SP, at + 3 * w, R0, ptrWidth());
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
    f.store(SP, f.outarg(0), R0, ptrWidth()).movi(R0, n).store(SP, f.outarg(w), R0, intWidth())
        .movi(R0, dflt == null ? 1 : 0).store(SP, f.outarg(2 * w), R0, Isa.W1);
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

  /** The receive operation of a select case ({@code <-c}, {@code v = <-c}, {@code v, ok := <-c}). */
  private static Expr.Operation recvOf(Stmt comm) {
    Expr x = comm instanceof Stmt.ExprStmt es ? es.x
        : comm instanceof Stmt.Assign as ? as.rhs : null;
    if (x != null && Expr.unparen(x) instanceof Expr.Operation o && o.op == Operator.RECV) {
      return o;
    }
    throw new CannotCompile(comm.pos, "this select case");
  }

  private static boolean isBlank(Expr e) {
    return Expr.unparen(e) instanceof Expr.Name n && n.value.equals("_");
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
      if (n instanceof Expr.FuncLit || n instanceof Expr.Slice || n instanceof Expr.Assert
          || n instanceof Expr.Operation ro && ro.op == Operator.RECV && ro.y == null) {
        found[0] = true; // runtime.new for a closure; slices go through temporaries
      }
      if (n instanceof Expr.Operation o && o.y != null && o.type != null
          && (o.op == Operator.ADD && basicIsString(o.type)
              || o.op.isComparison() && o.x.type != null && !scalar(o.x.type))) {
        found[0] = true; // concatstring2; aggregate comparisons use every register
      }
      if (n instanceof Expr.Call c && c.kind == Expr.CallKind.CONVERSION && c.type != null
          && (!scalar(c.type) || basicIsString(c.type) && !c.args.isEmpty()
              && !basicIsString(c.args.get(0).type))) {
        found[0] = true; // conversions through the runtime
      }
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
   * r = the func value of a function literal: its static FuncVal when it captures nothing,
   * else a fresh FuncVal {fn, &captured...} from runtime.new (Go 1.3's closure: the captured
   * variables live in the heap and the closure holds their addresses).
   */
  private void funcLit(Expr.FuncLit fl, int r) {
    String sym = env.lits().get(fl);
    if (fl.captures.isEmpty()) {
      f.movi(r, arch.uintptr(dataStart + data.funcval(sym)));
      return;
    }
    int size = (1 + fl.captures.size()) * w;
    newobject(size, w, 25, true, fl.pos);
    Addr t = temp(PTR);
    store(t, PTR, R0);
    f.movaddr(R1, sym).store(R0, 0, R1, ptrWidth());
    for (int i = 0; i < fl.captures.size(); i++) {
      Addr a = addrOf(fl.captures.get(i), fl.pos);
      if (a.base() != IND) {
        throw new IllegalStateException("captured variable not in the heap: " + fl.captures.get(i).name);
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
    return place(e0, r, false);
  }

  /**
   * {@link #place(Expr, int)}; with {@code now}, for a place used at once (before anything else
   * is evaluated), the element of a stack or package array may come back as an address held in
   * register {@code r} rather than in a pointer temporary.
   */
  private Addr place(Expr e0, int r, boolean now) {
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
      Addr base = s.implicitDeref ? deref(s.x, r) : place(s.x, r, now);
      return base.plus(fieldOffset(st, s.fieldIndex, s.pos));
    }
    if (e instanceof Expr.Index ix && ix.x.type.underlying() instanceof Type.Slice st) {
      return sliceIndex(place(ix.x, r), ix.index, sizeof(st.elem, ix.pos), r);
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
    if (e instanceof Expr.Call c && (c.kind == Expr.CallKind.BUILTIN
        || c.kind == Expr.CallKind.CONVERSION) && !scalar(e.type)) {
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
      Addr base = ix.x.type.underlying() instanceof Type.Pointer ? deref(ix.x, r)
          : place(ix.x, r);
      if (isConst(ix.index)) {
        return base.plus((int) (ix.index.value.intValue().longValue() * es));
      }
      if (base.base() != IND) {
        // an array in the frame, the arguments or the bss: its address needs no evaluation, so
        // it is formed after the index, which is checked against the length
        expr(ix.index, r);
        Label ok = f.newLabel();
        f.movi(R7, a.len).setcc(Isa.LTU, R7, r, R7).jnz(R7, ok);
        rtcall("runtime.panicindex");
        f.bind(ok);
        if (es != 1) {
          f.movi(R7, es).alu(Isa.MUL, r, r, R7, ptrWidth());
        }
        addrInto(base, R7);
        f.add(r, r, R7, ptrWidth());
        if (now) {
          return new Addr(r, 0);
        }
        Addr t = temp(PTR);
        store(t, PTR, r);
        return new Addr(IND, 0, t.off());
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

  /**
   * The place of element {@code index} of the slice whose header is at {@code hdr}: the index
   * checked (unsigned) against the length, runtime.panicindex when out of range, the element's
   * address kept in a pointer temporary.
   */
  private Addr sliceIndex(Addr hdr, Expr index, int es, int r) {
    Addr t = temp(PTR);
    addrInto(hdr, r);
    store(t, PTR, r);
    expr(index, r);
    Label ok = f.newLabel();
    f.load(R6, SP, t.off(), ptrWidth()).load(R7, R6, w, intWidth())
        .setcc(Isa.LTU, R7, r, R7).jnz(R7, ok);
    rtcall("runtime.panicindex");
    f.bind(ok);
    if (es != 1) {
      f.movi(R7, es).alu(Isa.MUL, r, r, R7, ptrWidth());
    }
    f.load(R6, SP, t.off(), ptrWidth()).load(R7, R6, 0, ptrWidth()).add(r, r, R7, ptrWidth());
    store(t, PTR, r);
    return new Addr(IND, 0, t.off());
  }

  /** r = s[i] for a string s: the byte, the index checked against the length. */
  private void stringIndex(Expr.Index ix, int r) {
    Addr ts = temp(Types.STRING);
    expr(ix.x, r);
    store(ts, Types.STRING, r);
    expr(ix.index, r);
    Label ok = f.newLabel();
    f.load(R7, SP, ts.off() + w, intWidth()).setcc(Isa.LTU, R7, r, R7).jnz(R7, ok);
    rtcall("runtime.panicindex");
    f.bind(ok);
    f.load(R7, SP, ts.off(), ptrWidth()).add(r, r, R7, ptrWidth()).load(r, r, 0, Isa.W1);
  }

  /**
   * x[lo:hi] of a string, slice, array (addressable) or pointer to array, built in a
   * temporary: {ptr + lo*size, hi - lo, cap - lo} ({ptr + lo, hi - lo} for a string). As 6g's
   * cgen_slice, hi is checked against the capacity (the length for a string) and lo against
   * hi, unsigned; either failure calls runtime.panicslice.
   */
  private Addr sliceExpr(Expr.Slice e, int r) {
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
      f.store(SP, h.off(), r, ptrWidth()).store(SP, h.off() + w, r + 1, intWidth())
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
      f.store(SP, h.off(), r, ptrWidth()).movi(r, a.len)
          .store(SP, h.off() + w, r, intWidth()).store(SP, h.off() + 2 * w, r, intWidth());
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
    f.load(R0, SP, hi.off(), intWidth()).load(R1, SP, h.off() + (str ? w : 2 * w), intWidth())
        .setcc(Isa.GTU, R2, R0, R1).jnz(R2, bad);
    f.load(R1, SP, lo.off(), intWidth()).setcc(Isa.GTU, R2, R1, R0).jz(R2, ok);
    f.bind(bad);
    rtcall("runtime.panicslice");
    f.bind(ok);
    // R0 = hi, R1 = lo
    Addr res = temp(e.type);
    f.sub(R2, R0, R1, intWidth()).store(SP, res.off() + w, R2, intWidth());
    if (!str) {
      f.load(R2, SP, h.off() + 2 * w, intWidth()).sub(R2, R2, R1, intWidth())
          .store(SP, res.off() + 2 * w, R2, intWidth());
    }
    if (es != 1) {
      f.movi(R7, es).alu(Isa.MUL, R1, R1, R7, ptrWidth());
    }
    f.load(R2, SP, h.off(), ptrWidth()).add(R2, R2, R1, ptrWidth())
        .store(SP, res.off(), R2, ptrWidth());
    return res;
  }

  /** []T{...}: a backing array from runtime.new, filled, and a header {p, n, n}. */
  private Addr sliceLit(Expr.CompositeLit cl, Type.Slice st) {
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
    f.store(SP, res.off(), R0, ptrWidth()).movi(R0, n).store(SP, res.off() + w, R0, intWidth())
        .store(SP, res.off() + 2 * w, R0, intWidth());
    return res;
  }

  /** The rodata address of the type descriptor of {@code t} (for makeslice, growslice ...). */
  private long typeAddr(Type t, Pos pos) {
    return arch.uintptr(dataStart + typedesc(sizeof(t, pos), alignof(t, pos), kindOf(t, pos),
        hasPointers(t)));
  }

  /** The int64 slot after a first word (Go 1.3 aligns int64 to Int64Align). */
  private int int64After(int off) {
    return roundUp(off, arch.Int64Align);
  }

  /** Evaluates a non-scalar builtin call (make, append of slices) into {@code t}. */
  private void builtinTo(Expr.Call c, Addr t) {
    Obj.BuiltinId id = ((Obj.Builtin) ((Expr.Name) Expr.unparen(c.fun)).obj).id;
    if (id == Obj.BuiltinId.MAKE && c.type.underlying() instanceof Type.Slice st) {
      need("runtime.makeslice", "make of slices", c.pos);
      // makeslice(typ, len int64, cap int64) []T, gort's elem-typed version of Go 1.3's
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
      f.movi(R0, typeAddr(st.elem, c.pos)).store(SP, f.outarg(0), R0, ptrWidth());
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
   * append(s, x...) as walk.c's append of Go 1.3: s is copied to t; when len + n exceeds cap,
   * t = runtime.growslice(typ, t, n); the values are stored after the old length and the
   * length grows by n. With {@code s, y...}, y (a slice or a string) is copied by memmove.
   */
  private void append(Expr.Call c, Addr t) {
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
    f.load(R1, SP, t.off() + w, intWidth()).add(R1, R1, R0, intWidth())
        .load(R2, SP, t.off() + 2 * w, intWidth()).setcc(Isa.LEU, R3, R1, R2).jnz(R3, fits);
    need("runtime.growslice", "append", c.pos);
    int noff = int64After(4 * w);
    int res = roundUp(noff + 8, w);
    f.movi(R0, typeAddr(st.elem, c.pos)).store(SP, f.outarg(0), R0, ptrWidth());
    copyVal(out(w), t, c.type, c.pos);
    load(n, Types.INT, R0);
    f.store(SP, f.outarg(noff), R0, Isa.W8);
    line(c);
    rtcall("runtime.growslice");
    copyVal(t, out(res), c.type, c.pos);
    f.bind(fits);
    if (spread != null) {
      // memmove(t.ptr + t.len*es, y.ptr, n*es)
      f.load(R0, SP, t.off() + w, intWidth()).movi(R7, es).alu(Isa.MUL, R0, R0, R7, ptrWidth())
          .load(R7, SP, t.off(), ptrWidth()).add(R0, R0, R7, ptrWidth());
      f.load(R1, SP, spread.off(), ptrWidth());
      f.load(R2, SP, n.off(), intWidth()).movi(R7, es).alu(Isa.MUL, R2, R2, R7, ptrWidth());
      f.memmove(R0, R1, R2);
    } else {
      Addr p = temp(PTR);
      f.load(R0, SP, t.off() + w, intWidth()).movi(R7, es).alu(Isa.MUL, R0, R0, R7, ptrWidth())
          .load(R7, SP, t.off(), ptrWidth()).add(R0, R0, R7, ptrWidth());
      store(p, PTR, R0);
      for (int i = 0; i < vals.size(); i++) {
        copyVal(new Addr(IND, i * es, p.off()), vals.get(i), st.elem, c.pos);
      }
    }
    f.load(R0, SP, t.off() + w, intWidth()).load(R1, SP, n.off(), intWidth())
        .add(R0, R0, R1, intWidth()).store(SP, t.off() + w, R0, intWidth());
  }

  /**
   * {@code <-c} into {@code v} (null: discarded): runtime.chanrecv1(c, &v), or with {@code ok}
   * runtime.chanrecv2(c, &v) (received bool), as chan.goc's entry points.
   */
  private void recv(Expr.Operation o, Addr v, Addr ok) {
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
  private void send(Stmt.Send s) {
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
    if (Expr.unparen(val) instanceof Expr.CompositeLit inner && !scalar(t)
        && !(t.underlying() instanceof Type.Slice) && !(t.underlying() instanceof Type.Interface)) {
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

  private static boolean isNil(Expr e) {
    return Expr.unparen(e) instanceof Expr.Name n && n.obj instanceof Obj.Nil;
  }

  /**
   * r = x + y for strings: runtime.concatstring2(a, b string) string (Go 1.3's name; a longer
   * sum is a chain of them, left to right).
   */
  private void concat(Expr x, Expr y, int r, Pos pos) {
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
  private void aggregateEqual(Expr x, Expr y, int r, Pos pos) {
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

  private void equalLeaves(Type t, int off, Addr px, Addr py, Label no, Pos pos) {
    Type u = t.underlying();
    if (u instanceof Type.Struct st) {
      for (int i = 0; i < st.fields.size(); i++) {
        if (!st.fields.get(i).name.equals("_")) {
          equalLeaves(st.fields.get(i).type, off + fieldOffset(st, i, pos), px, py, no, pos);
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
      default:
        break;
    }
    Expr fun = Expr.unparen(c.fun);
    if (c.kind == Expr.CallKind.FUNC && fun instanceof Expr.Selector sel
        && sel.sel.obj instanceof Obj.Func rf && rf.pkg != null) {
      return runtimeCall(c, rf, r, want);
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
  private record Callee(String sym, Addr fv, ArgLayout layout) {}

  /**
   * Evaluates what a call needs, in Go's order: the func value (saved in a temporary) or the
   * method's receiver, then the arguments, stored in the outgoing area from byte {@code base}
   * (0 for a call; 2 words for newproc and deferproc, after siz and fn).
   */
  private Callee prepareCall(Expr.Call c, int base) {
    Expr fun = Expr.unparen(c.fun);
    String sym = null;
    Addr fv = null;
    Addr recv = null;
    Type recvType = null;
    Type.Signature sg;
    if (c.kind == Expr.CallKind.FUNC && fun instanceof Expr.Name n && n.obj instanceof Obj.Func fn
        && fn.decl != null && fn.pkg == null) {
      sg = fn.sig();
      sym = CodeGen.objName(fn);
    } else if (c.kind == Expr.CallKind.METHOD && fun instanceof Expr.Selector s
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
      throw new CannotCompile(c.pos, "calls of " + (fun instanceof Expr.Selector s
          && s.x instanceof Expr.Name pn ? pn.value + "." + s.sel.value : "this function"));
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
  private void emitCall(Callee ce) {
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
   * runtime.newproc or runtime.deferproc(siz int32, fn *FuncVal, args...), with siz the
   * callee's argument size (argsize: parameters and results) and fn the func value, or for a
   * package function or method its static FuncVal ({@code main.f·f}) in rodata. After
   * deferproc, a non-zero R0 (a deferred call recovered a panic) jumps to the return epilogue.
   */
  private void goStmt(Stmt.CallStmt s) {
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
    if (c.kind == Expr.CallKind.BUILTIN || c.kind == Expr.CallKind.CONVERSION
        || c.kind == Expr.CallKind.FUNC && Expr.unparen(c.fun) instanceof Expr.Selector) {
      throw new CannotCompile(s.pos, (defer ? "defer" : "go") + " of builtins and package "
          + "runtime's functions");
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

  /** Reports a construct whose runtime function is not registered (yet) in the runtime. */
  private void need(String rtName, Pos pos) {
    need(rtName, rtName, pos);
  }

  private void need(String rtName, String what, Pos pos) {
    boolean there = env.rt() != null ? env.rt().contains(rtName)
        : CodeGen.RUNTIME_FUNCS.contains(rtName) || CodeGen.ASSUMED_FUNCS.contains(rtName);
    if (!there) {
      throw new CannotCompile(pos, what);
    }
  }

  /**
   * A call of a function of runtime, runtime/debug, time, os or syscall: an RTCALL with the
   * arguments and results laid out as for the Go function. runtime.Gosched() is RTCALL
   * runtime.gosched, os.Exit runtime.exit, runtime.NumGoroutine runtime.NumGoroutine; every
   * other is RTCALL "pkg.Func" (pkg the last element of the import path), which must be
   * registered in the runtime the program is linked with (else: "gort cannot compile ... yet").
   */
  private ArgLayout runtimeCall(Expr.Call c, Obj.Func fn, int r, boolean want) {
    String pkg = fn.pkg.substring(fn.pkg.lastIndexOf('/') + 1);
    String q = pkg + "." + fn.name;
    String rt = switch (q) {
      case "runtime.Gosched" -> "runtime.gosched";
      case "os.Exit" -> "runtime.exit";
      default -> q;
    };
    need(rt, q, c.pos);
    ArgLayout cl = layout(fn.sig(), c.pos);
    passArgs(c.args, cl.params(), cl.paramTypes());
    line(c);
    rtcall(rt);
    if (want) {
      if (cl.results().length != 1) {
        throw new CannotCompile(c.pos, "multi-valued expressions here");
      }
      load(out(cl.results()[0]), basicOf(cl.resultTypes().get(0), c.pos), r);
    }
    return cl;
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
   * The expression whose value a store of {@code n} bytes of {@code e} writes: {@code e}
   * without its integer conversions to types of at least n bytes, since such a conversion
   * changes only bytes the store does not write ({@code pad[i] = byte(i)} stores i's low byte).
   */
  private static Expr storedOperand(Expr e, int n, int ptrSize) {
    Expr x = Expr.unparen(e);
    while (x instanceof Expr.Call c && c.kind == Expr.CallKind.CONVERSION && c.args.size() == 1
        && isIntegerType(c.type) && isIntegerType(c.args.get(0).type)
        && !isConst(c) && ((Type.Basic) c.type.underlying()).size(ptrSize) >= n) {
      x = Expr.unparen(c.args.get(0));
    }
    return x;
  }

  private static boolean isIntegerType(Type t) {
    return t != null && t.underlying() instanceof Type.Basic b && b.isInteger() && !b.isUntyped();
  }

  /**
   * Whether a register holding a value of width code {@code from} in its normal form already
   * holds it in the normal form of the wider {@code to}: a zero-extended unsigned value fits
   * any wider type, a sign-extended signed one any wider signed type (docs/machine.md).
   */
  private static boolean widensInPlace(int from, int to) {
    return (to & 3) > (from & 3) && ((from & Isa.SIGNED) == 0 || (to & Isa.SIGNED) != 0);
  }

  private void builtin(Expr.Call c, int r, boolean want) {
    Obj.BuiltinId id = Expr.unparen(c.fun) instanceof Expr.Name n && n.obj instanceof Obj.Builtin b
        ? b.id : null;
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
  private void lenCap(Expr.Call c, boolean cap, int r) {
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
  private void copyBuiltin(Expr.Call c, int r) {
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
    f.load(R2, SP, d.off() + w, intWidth()).load(R3, SP, sa.off() + w, intWidth())
        .setcc(Isa.LT, R4, R3, R2).jz(R4, keep).mov(R2, R3).bind(keep);
    f.mov(R5, R2).movi(R7, es).alu(Isa.MUL, R2, R2, R7, ptrWidth());
    f.load(R0, SP, d.off(), ptrWidth()).load(R1, SP, sa.off(), ptrWidth()).memmove(R0, R1, R2);
    f.mov(r, R5);
  }

  /** make(chan T[, n]): runtime.makechan(typ, size) (elem's type descriptor). */
  private void makechan(Expr.Call c, int r) {
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
   * panic(v): v converted to interface{} in the outgoing area, then a call of runtime.panic
   * (Go 1.3's runtime·panic(Eface), a function of the runtime's text).
   */
  private void panicBuiltin(Expr.Call c) {
    need("runtime.panic", "panic", c.pos);
    Addr t = temp(Types.EMPTY_INTERFACE);
    toEface(c.args.get(0), t);
    copyVal(out(0), t, Types.EMPTY_INTERFACE, c.pos);
    line(c);
    f.pcdata(FuncData.PCDATA_StackMapIndex, site()).call("runtime.panic")
        .pcdata(FuncData.PCDATA_StackMapIndex, -1);
  }

  /**
   * Stores {@code x} converted to interface{} at {@code t}, as Go 1.3's convT2E: the type
   * descriptor's address, and the value itself when it fits a word (zero-extended), else a
   * pointer to a copy from runtime.new. An interface value is copied; nil is {0, 0}.
   */
  private void toEface(Expr x, Addr t) {
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
  private long efaceType(Type t, Pos pos) {
    String n = rtTypeName(t);
    return arch.uintptr(dataStart + data.typedesc("T:" + n, sizeof(t, pos), alignof(t, pos),
        kindOf(t, pos), hasPointers(t), n));
  }

  /** A type's name as Go 1.3's type.string holds it (main.T, *main.T, []int, uint8 ...). */
  private static String rtTypeName(Type t) {
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

  /** Go 1.3's Kind of a type (type.h): Bool 1 ... Uintptr 12, Array 17 ... Struct 25. */
  private int kindOf(Type t, Pos pos) {
    Type u = t.underlying();
    if (u instanceof Type.Array) {
      return 17;
    } else if (u instanceof Type.Struct) {
      return 25;
    } else if (u instanceof Type.Slice) {
      return 23;
    } else if (u instanceof Type.Interface) {
      return 20;
    } else if (u instanceof Type.Signature) {
      return 19;
    } else if (u instanceof Type.Chan) {
      return 18;
    }
    Type.Basic b = basicOf(t, pos);
    return switch (b.kind) {
      case STRING -> 24;
      case UNSAFE_POINTER -> 22;
      default -> b.kind.ordinal(); // BOOL..UINTPTR: Go 1.3's KindBool (1)..KindUintptr (12)
    };
  }

  /**
   * x.(T) for an interface{} x and a non-interface T into {@code t}: the type word compared with
   * T's descriptor; a mismatch panics (runtime.panicdottype) unless {@code ok} receives the
   * comma-ok result (then t is T's zero value).
   */
  private void assertTo(Expr.Assert e, Addr t, Addr ok) {
    Type tt = e.type instanceof Type.Tuple tu ? tu.at(0) : e.type;
    if (tt.underlying() instanceof Type.Interface) {
      throw new CannotCompile(e.pos, "type assertions to interfaces");
    }
    Addr x = temp(Types.EMPTY_INTERFACE);
    assignTo(x, Types.EMPTY_INTERFACE, e.x);
    Label match = f.newLabel();
    Label done = f.newLabel();
    f.load(R0, SP, x.off(), ptrWidth()).movi(R1, efaceType(tt, e.pos)).setcc(Isa.EQ, R2, R0, R1)
        .jnz(R2, match);
    if (ok == null) {
      need("runtime.panicdottype", "type assertions", e.pos);
      // panicdottype(have, want, iface *Type)
      f.store(SP, f.outarg(0), R0, ptrWidth()).store(SP, f.outarg(w), R1, ptrWidth())
          .movi(R0, 0).store(SP, f.outarg(2 * w), R0, ptrWidth());
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
  private void conversionTo(Expr.Call c, Addr t) {
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

  /** r = string(x) for x a []byte, []rune or an integer (a rune's UTF-8, as Go 1.3's intstring). */
  private void stringConversion(Expr.Call c, int r) {
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
  private static Type printType(Expr a) {
    return a.type instanceof Type.Basic b ? basicOf(b, a.pos) : a.type;
  }

  /**
   * print/println as walk.c's walkprint of Go 1.3 lowers them: one runtime call per argument
   * (printsp between and printnl after, for println). A signed or narrower-than-64-bit unsigned
   * integer is converted to int64 for printint; only uint64 goes to printuint. Arguments that
   * call functions are evaluated, in order, before anything is printed (order.c's temporaries).
   */
  private void print(Expr.Call c, boolean ln) {
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
