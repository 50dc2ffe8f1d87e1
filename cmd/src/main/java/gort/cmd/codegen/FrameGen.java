package gort.cmd.codegen;

import static gort.runtime.cpu.FuncBuilder.FP;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.R1;
import static gort.runtime.cpu.Isa.R2;
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
 * The base of a function's generator ({@link FuncGen}): what one function's code shares (its {@link
 * Emitter}, signature and argument layout), Go 1.3's sizes and alignments, the frame (its slots and
 * temporaries, the clearing of its pointer words at entry, the outgoing-argument area found by a
 * prepass) and its stack maps, and moving values between places and registers. The layers above add
 * expressions ({@link ExprGen}), calls ({@link CallGen}), builtins and conversions ({@link
 * BuiltinGen}) and statements ({@link StmtGen}); a layer that needs a method of a layer above
 * declares it abstract at its end.
 */
abstract class FrameGen {
    final Arch arch;
    final int w;
    final TypeSizes sizes;
    final String file;
    final String name;
    final Env env;
    final Decl.Func decl;

    /** The node that declares this function's variables (Decl.Func or Expr.FuncLit). */
    final Node owner;

    final Stmt.Block body;

    /** A function literal's captured variables, in FuncVal order (after the fn word). */
    final List<Obj.Var> captures;

    final DataSegment data;
    final long dataStart;
    final long bssStart;
    final Pos funcPos;
    final Emitter f;
    final Type.Signature sig;
    final ArgLayout args;

    final Map<Obj.Var, Integer> argOff = new IdentityHashMap<>();
    final Map<Obj.Var, Integer> localOff = new IdentityHashMap<>();

    /** Every frame slot (variables and temporaries) with its type, for the stack maps. */
    final List<Slot> slots = new ArrayList<>();

    final List<Slot> temps = new ArrayList<>();
    final List<Slot> tempsInUse = new ArrayList<>();
    final Map<Stmt, Label> breakTo = new IdentityHashMap<>();
    final Map<Stmt, Label> continueTo = new IdentityHashMap<>();
    Label fallTo;

    /** Whether the function has defer statements (then every return runs deferreturn). */
    boolean hasDefer;

    /** The return epilogue that a recovered panic's deferproc (R0 = 1) jumps to. */
    Label deferRet;

    int outSize;
    int frameTop;

    /** The locals' word kinds when some word past the outgoing area holds a pointer, else null. */
    int[] frameKinds;

    /** On a second pass: the frame's word kinds from the first, whose pointer words it clears. */
    int[] clearKinds;

    int callSites;

    record Slot(int off, Type type) {}

    /** Base of an {@link Addr} at an absolute address (a package variable). */
    static final int ABS = -1;

    /** Base of an {@link Addr} through a pointer held in the frame slot at SP+abs. */
    static final int IND = -2;

    /**
     * How the generator represents every pointer type (and nil): one word, BitsPointer in the stack
     * maps, compared unsigned.
     */
    static final Type.Basic PTR = new Type.Basic(Type.Kind.UNSAFE_POINTER, "unsafe.Pointer");

    /** Variables whose address is taken: they live in the heap, their slot holds the pointer. */
    final Map<Obj.Var, Integer> heapSlot = new IdentityHashMap<>();

    final java.util.Set<Obj.Var> heapVars =
            java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Where a value lives: a base register (SP or FP) and an offset, or (base {@link #ABS}) the
     * absolute address {@code abs + off}, loaded into R6 for each access.
     */
    record Addr(int base, int off, long abs) {
        Addr(int base, int off) {
            this(base, off, 0);
        }

        Addr plus(int d) {
            return new Addr(base, off + d, abs);
        }
    }

    /** Offsets of a signature's parameters and results in an argument area, and its size. */
    record ArgLayout(
            int[] params, int[] results, List<Type> paramTypes, List<Type> resultTypes, int size) {}

    /** What every function of one generation pass shares. */
    record Env(
            Arch arch,
            String file,
            DataSegment data,
            long dataStart,
            long bssStart,
            Map<Expr.FuncLit, String> lits,
            java.util.Set<String> rt,
            Map<Stmt.CallStmt, Expr.FuncLit> wrappers) {}

    /**
     * A declared function or method ({@code decl}, owner of its variables) or a function literal
     * ({@code lit}: its captured variables reach it through CTXT, in its FuncVal); with a null
     * {@code sig}, the package initializer.
     */
    FrameGen(
            Env env,
            String name,
            Node owner,
            Type.Signature sig,
            Stmt.Block body,
            Pos pos,
            List<Obj.Var> captures) {
        this.env = env;
        this.arch = env.arch();
        this.w = arch.PtrSize;
        this.sizes = env.data().sizes();
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
        this.args =
                sig == null
                        ? new ArgLayout(new int[0], new int[0], List.of(), List.of(), 0)
                        : layout(sig, pos);
        this.f = new Emitter(arch, name).args(args.size()).pos(file, pos.line());
        if (!captures.isEmpty()) {
            f.needctxt(true);
        }
        if (sig != null) {
            List<Obj.Var> params = paramVars();
            for (int i = 0; i < params.size(); i++) {
                argOff.put(params.get(i), args.params()[i]);
            }
            for (int i = 0; i < sig.results.size(); i++) {
                argOff.put(sig.results.vars.get(i), args.results()[i]);
            }
        }
    }

    /** The package initializer {@code main.init}: no signature, no arguments, no declaration. */
    FrameGen(Env env, Pos pos) {
        this(env, "main.init", null, null, null, pos, List.of());
    }

    /** The receiver (if any) then the parameters, as they sit in the argument area. */
    List<Obj.Var> paramVars() {
        List<Obj.Var> l = new ArrayList<>();
        if (sig.recv != null) {
            l.add(sig.recv);
        }
        l.addAll(sig.params.vars);
        return l;
    }

    static Type.Basic basicOf(Type t, Pos pos) {
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
                case BOOL,
                INT,
                INT8,
                INT16,
                INT32,
                INT64,
                UINT,
                UINT8,
                UINT16,
                UINT32,
                UINT64,
                UINTPTR,
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

    static String describe(Type u) {
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

    int size(Type.Basic b) {
        return sizes.size(b);
    }

    int align(Type.Basic b) {
        return sizes.align(b);
    }

    static boolean signed(Type.Basic b) {
        return switch (b.kind) {
            case INT, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    /** The width code of a scalar (bool, integers); strings are handled word by word. */
    int wcode(Type.Basic b) {
        return Isa.width(size(b), signed(b));
    }

    /** Whether values of {@code t} fit a register (pair): bool, integers, strings, pointers. */
    static boolean scalar(Type t) {
        Type u = t == null ? null : t.underlying();
        return u instanceof Type.Basic
                || u instanceof Type.Pointer
                || u instanceof Type.Signature
                || u instanceof Type.Chan;
    }

    /** Go 1.3's size of a value of type {@code t} (structs padded to their alignment). */
    int sizeof(Type t, Pos pos) {
        return sizes.sizeof(t, pos);
    }

    int alignof(Type t, Pos pos) {
        return sizes.alignof(t, pos);
    }

    int fieldOffset(Type.Struct st, int index, Pos pos) {
        return sizes.fieldOffset(st, index, pos);
    }

    static boolean hasPointers(Type t) {
        Type u = t == null ? null : t.underlying();
        if (u instanceof Type.Basic b) {
            return b.isString() || b.kind == Type.Kind.UNSAFE_POINTER;
        }
        if (u instanceof Type.Pointer
                || u instanceof Type.Slice
                || u instanceof Type.Interface
                || u instanceof Type.Signature
                || u instanceof Type.Chan) {
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

    int ptrWidth() {
        return Isa.width(w, false);
    }

    int intWidth() {
        return Isa.width(w, true);
    }

    static int roundUp(int n, int a) {
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

    /**
     * Whether variable {@code v} lives in the heap: its address is taken or a closure shares it.
     */
    boolean isHeap(Obj.Var v) {
        return v.kind != Obj.VarKind.GLOBAL && (heapVars.contains(v) || v.captured);
    }

    /**
     * The function around {@code body}: the clearing of the frame's pointer words at entry (on the
     * second pass, see {@link #twoPass}), RET for main.init, frame size, maps.
     */
    FuncBuilder emit(List<Node> roots, Runnable body0) {
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
     * words, in runs, not the scalars (which the body writes first); a run under 4 words by stores
     * of a zero register, a longer one by MEMCLR.
     */
    void clearFrame(int[] kinds) {
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
     * whether the function has any value with pointers (strings), so that its frame needs clearing
     * at entry.
     */
    boolean prepass(List<Node> roots) {
        boolean[] pointers = {false};
        int[] out = {0};
        for (Node root : roots) {
            Inspector.inspect(root, n -> previsit(n, pointers, out));
        }
        outSize = roundUp(out[0], w);
        return pointers[0];
    }

    /** One node of the prepass: pointers, heap variables, the outgoing area's size. */
    boolean previsit(Node n, boolean[] pointers, int[] out) {
        if (n instanceof Expr.FuncLit) {
            // the literal's body is a function of its own; here it is a FuncVal from runtime.new
            pointers[0] = true;
            out[0] = Math.max(out[0], 2 * w);
            return false;
        }
        if (n instanceof Expr e
                && !e.isType
                && e.type != null
                && !(e.type instanceof Type.Tuple)
                && hasPointers(e.type)) {
            pointers[0] = true;
        }
        if (n instanceof Expr.Index
                || n instanceof Expr.Selector
                || n instanceof Expr.Slice
                || n instanceof Stmt.Range
                || n instanceof Expr.Operation o && o.op == Operator.MUL && o.y == null) {
            pointers[0] = true; // places keep pointers in temporaries (BitsPointer slots)
        }
        if (n instanceof Stmt.Range r) {
            out[0] = Math.max(out[0], 6 * w); // runtime.stringiter2(s, k) (retk, retv)
        }
        if (n instanceof Stmt.Send
                || n instanceof Stmt.Select
                || n instanceof Expr.Operation o && o.op == Operator.RECV) {
            out[0] = Math.max(out[0], 4 * w); // chansend1, chanrecv2, selectgo
        }
        if (n instanceof Expr.Operation o
                && o.y != null
                && o.type != null
                && o.op == Operator.ADD
                && basicIsString(o.type)) {
            out[0] = Math.max(out[0], 6 * w); // runtime.concatstring2(a, b string) string
        }
        if (n instanceof Stmt.Assign a
                && a.op == Operator.ADD
                && a.rhs != null
                && basicIsString(a.rhs.type)) {
            out[0] = Math.max(out[0], 6 * w);
        }
        if (n instanceof Expr.Operation o && o.op == Operator.AND && o.y == null) {
            out[0] = Math.max(out[0], 2 * w); // &T{...} calls runtime.new
        }
        if (n instanceof Expr.Operation o && o.op == Operator.AND && o.y == null) {
            markHeap(rootVar(o.x), o.pos, pointers, out);
        }
        if (n instanceof Expr.Slice sl
                && sl.x.type != null
                && sl.x.type.underlying() instanceof Type.Array) {
            markHeap(rootVar(sl.x), sl.pos, pointers, out); // a[i:j] takes a's address
        }
        if (n instanceof Expr.Call c
                && c.kind == Expr.CallKind.METHOD
                && Expr.unparen(c.fun) instanceof Expr.Selector s
                && s.sel.obj instanceof Obj.Func m
                && m.ptrRecv
                && !s.implicitDeref
                && !(s.x.type.underlying() instanceof Type.Pointer)) {
            markHeap(rootVar(s.x), s.pos, pointers, out); // x.m() is (&x).m()
        }
        if (n instanceof Expr.Call c && c.kind != null) {
            out[0] = Math.max(out[0], callArgsSize(c));
        }
        if (n instanceof Stmt.CallStmt cs && cs.call != null && cs.call.kind != null) {
            // runtime.newproc / runtime.deferproc(siz, fn, args...)
            Expr.FuncLit wrap = env.wrappers() == null ? null : env.wrappers().get(cs);
            out[0] =
                    Math.max(
                            out[0],
                            2 * w
                                    + (wrap != null
                                            ? layout((Type.Signature) wrap.type, cs.pos).size()
                                            : callArgsSize(cs.call)));
            if (cs.tok == Token.DEFER) {
                hasDefer = true;
            }
        }
        return true;
    }

    static boolean basicIsString(Type t) {
        return t != null && t.underlying() instanceof Type.Basic b && b.isString();
    }

    /** A variable whose address is taken moves to the heap (as 6g did before escape analysis). */
    void markHeap(Obj root, Pos pos, boolean[] pointers, int[] out) {
        if (root instanceof Obj.Var v && v.kind != Obj.VarKind.GLOBAL) {
            heapVars.add(v);
            pointers[0] = true;
            out[0] = Math.max(out[0], 2 * w);
        }
    }

    /** The outgoing-argument bytes a call needs (its callee's arguments and results). */
    int callArgsSize(Expr.Call c) {
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
                Obj.BuiltinId id =
                        fun instanceof Expr.Name nm && nm.obj instanceof Obj.Builtin b
                                ? b.id
                                : null;
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

    void buildMaps(int locals) {
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
    int[] localsSiteKinds(int locals) {
        int[] kinds = new int[locals / w];
        for (Slot s : slots) {
            classify(kinds, s.off(), s.type());
        }
        return kinds;
    }

    /** Marks the words of a value of type {@code b} at byte {@code off}: pointers, then scalars. */
    void classify(int[] kinds, int off, Type t) {
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

    int newSlot(Type b) {
        int off = roundUp(frameTop, Math.max(w, alignof(b, Pos.NONE)));
        frameTop = off + roundUp(sizeof(b, Pos.NONE), w);
        slots.add(new Slot(off, b));
        return off;
    }

    Addr addrOf(Obj.Var v, Pos pos) {
        if (v.kind == Obj.VarKind.GLOBAL) {
            return new Addr(
                    ABS,
                    0,
                    bssStart + data.global(v, sizeof(v.type, pos), alignof(v.type, pos), v.type));
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
    int heapSlot(Obj.Var v) {
        return heapSlot.computeIfAbsent(v, k -> newSlot(PTR));
    }

    /**
     * Allocates heap variable {@code v} (Go's {@code v = new(T)} at its declaration, as gc's
     * moved-to-heap variables) and stores its address in its slot.
     */
    void allocHeap(Obj.Var v, Pos pos) {
        newobject(v.type, pos);
        f.store(SP, f.local(heapSlot(v)), R0, ptrWidth());
    }

    /** R0 = runtime.new(typ): a fresh zeroed object of type {@code t}, typ its descriptor. */
    void newobject(Type t, Pos pos) {
        sizeof(t, pos); // reports a type the generator cannot lay out at pos
        f.movi(R0, arch.uintptr(dataStart + data.typedesc(t, null, pos)))
                .store(SP, f.outarg(0), R0, ptrWidth());
        rtcall("runtime.new");
        f.load(R0, SP, f.outarg(w), ptrWidth());
    }

    /** A temporary slot for a value of type {@code b}, reused once released. */
    Addr temp(Type b) {
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
    int[] shape(Type t) {
        int[] k = new int[roundUp(sizeof(t, Pos.NONE), w) / w];
        classify(k, 0, t);
        return k;
    }

    int tempMark() {
        return tempsInUse.size();
    }

    void release(int mark) {
        while (tempsInUse.size() > mark) {
            tempsInUse.remove(tempsInUse.size() - 1);
        }
    }

    Addr out(int off) {
        return new Addr(SP, f.outarg(off));
    }

    // ---- moving values ----

    /** The base register of {@code a}: R6 loaded with the address when it is absolute. */
    int base(Addr a) {
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

    void load(Addr a, Type.Basic b, int r) {
        int base = base(a);
        if (b.isString() && base == r) {
            f.load(r + 1, base, a.off() + w, intWidth()).load(r, base, a.off(), ptrWidth());
        } else if (b.isString()) {
            f.load(r, base, a.off(), ptrWidth()).load(r + 1, base, a.off() + w, intWidth());
        } else {
            f.load(r, base, a.off(), wcode(b));
        }
    }

    void store(Addr a, Type.Basic b, int r) {
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
    void zero(Addr a, Type t, Pos pos) {
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
    void copyVal(Addr dst, Addr src, Type t, Pos pos) {
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

    /** r = the address {@code a} denotes (uses R7 for an offset from a pointer). */
    void addrInto(Addr a, int r) {
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

    void zeroValue(Addr a, Type.Basic b) {
        int base = base(a);
        f.movi(R7, 0);
        if (b.isString()) {
            f.store(base, a.off(), R7, ptrWidth()).store(base, a.off() + w, R7, intWidth());
        } else {
            f.store(base, a.off(), R7, wcode(b));
        }
    }

    void line(Node n) {
        if (n.pos.known()) {
            f.line(n.pos.line());
        }
    }

    void line(Pos p) {
        if (p.known()) {
            f.line(p.line());
        }
    }

    int site() {
        return ++callSites;
    }

    void rtcall(String fn) {
        f.pcdata(FuncData.PCDATA_StackMapIndex, site())
                .rtcall(fn)
                .pcdata(FuncData.PCDATA_StackMapIndex, -1);
    }

    // ---- statements ----

    /**
     * The variable an addressable expression lives in ({@code x} of {@code x.f[i].g}), or null when
     * it goes through a pointer.
     */
    static Obj rootVar(Expr e0) {
        Expr e = Expr.unparen(e0);
        if (e instanceof Expr.Name n) {
            return n.obj;
        }
        if (e instanceof Expr.Selector s && !s.implicitDeref && s.fieldIndex >= 0) {
            return rootVar(s.x);
        }
        if (e instanceof Expr.Index ix
                && !ix.implicitDeref
                && ix.x.type != null
                && ix.x.type.underlying() instanceof Type.Array) {
            return rootVar(ix.x);
        }
        return null;
    }

    /** Go 1.3's Kind of a type (type.h): Bool 1 ... Uintptr 12, Array 17 ... Struct 25. */
    int kindOf(Type t, Pos pos) {
        return sizes.kindOf(t, pos);
    }

    /** Reports a construct whose runtime function is not registered (yet) in the runtime. */
    void need(String rtName, Pos pos) {
        need(rtName, rtName, pos);
    }

    void need(String rtName, String what, Pos pos) {
        boolean there =
                env.rt() != null
                        ? env.rt().contains(rtName)
                        : CodeGen.RUNTIME_FUNCS.contains(rtName)
                                || CodeGen.ASSUMED_FUNCS.contains(rtName);
        if (!there) {
            throw new CannotCompile(pos, what);
        }
    }
}
