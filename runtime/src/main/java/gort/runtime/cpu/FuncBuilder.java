package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;

import gort.runtime.Stack;
import gort.runtime.arch.Arch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Assembles one function for {@link Linker}: the body's instructions with labels, the
 * per-instruction source position and pcdata values, the stack maps, and the facts the prologue
 * needs. It plays the part of 6a/5a plus liblink's per-function pass: the body never contains the
 * prologue, which {@link Linker#link} adds as obj6.c/obj5.c do (STACKCHECK unless NOSPLIT, then
 * ENTER), and the sp-delta table is derived from it, not written by hand.
 *
 * <h2>Offsets</h2>
 *
 * A memory operand's base may be {@link #FP}, the pseudo-register of Go's assembler: {@code
 * [FP+off]} is byte {@code off} of the incoming arguments and results, and the linker rewrites it
 * to {@code [SP+off+d]} once the frame is known (d = locals + 8 on amd64; autosize + 4 on arm).
 * {@link #local(int)} gives the SP offset of byte {@code off} of the locals area, whose bottom
 * holds the outgoing arguments (amd64 {@code off}; arm {@code 4+off}, above the saved LR).
 *
 * <h2>Tables</h2>
 *
 * {@link #pos} and {@link #pcdata} set the value for the instructions emitted after them, like Go's
 * line history and PCDATA pseudo-instruction; pcdata values start at -1. Prologue instructions get
 * the function's first position and pcdata -1.
 *
 * <p>Not thread-safe; one builder per function.
 */
public final class FuncBuilder {
    /** Pseudo base register: the incoming arguments (Go assembler's FP). */
    public static final int FP = 11;

    static final int REF_NONE = 0, REF_LABEL = 1, REF_CALL = 2, REF_FUNCADDR = 3, REF_RT = 4;

    final Arch arch;
    final String name;
    int args;
    int locals;
    boolean nosplit;
    boolean needctxt;
    StackMap argsMaps;
    StackMap localsMaps;

    final List<int[]> insns = new ArrayList<>();
    final List<Object> refs = new ArrayList<>();
    final List<Integer> refKinds = new ArrayList<>();
    final List<String> files = new ArrayList<>();
    final List<Integer> lines = new ArrayList<>();
    final List<int[]> pcdatas = new ArrayList<>();
    final List<Long> imm64 = new ArrayList<>();

    private String curFile = "?";
    private int curLine = 0;
    private int[] curPcdata = {-1, -1};
    boolean calls;

    /** A builder for function {@code name} of {@code arch}: no args, no locals, split-checked. */
    public FuncBuilder(Arch arch, String name) {
        this.arch = Objects.requireNonNull(arch, "arch");
        this.name = Objects.requireNonNull(name, "name");
    }

    // ---- declarations ----

    /** Bytes of arguments and results (Func.args), or FuncData.ArgsSizeUnknown. */
    public FuncBuilder args(int n) {
        this.args = n;
        return this;
    }

    /** Bytes of locals including the outgoing-args area (TEXT's frame size); PtrSize-aligned. */
    public FuncBuilder locals(int n) {
        if (n < 0 || n % arch.PtrSize != 0) {
            throw new IllegalArgumentException(name + ": unaligned stack size " + n);
        }
        this.locals = n;
        return this;
    }

    /** NOSPLIT: no split-stack check in the prologue. */
    public FuncBuilder nosplit(boolean v) {
        this.nosplit = v;
        return this;
    }

    /** NEEDCTXT: the function reads CTXT, so morestack must keep it (a closure body). */
    public FuncBuilder needctxt(boolean v) {
        this.needctxt = v;
        return this;
    }

    /** FUNCDATA_ArgsPointerMaps. */
    public FuncBuilder argsMaps(StackMap m) {
        this.argsMaps = m;
        return this;
    }

    /** FUNCDATA_LocalsPointerMaps: each bitmap covers the locals' words below varp. */
    public FuncBuilder localsMaps(StackMap m) {
        this.localsMaps = m;
        return this;
    }

    /** The source position of the instructions that follow. */
    public FuncBuilder pos(String file, int line) {
        this.curFile = Objects.requireNonNull(file, "file");
        this.curLine = line;
        return this;
    }

    /** The line of the instructions that follow, in the current file. */
    public FuncBuilder line(int line) {
        this.curLine = line;
        return this;
    }

    /** PCDATA: {@code table}'s value for the instructions that follow. */
    public FuncBuilder pcdata(int table, int value) {
        if (table < 0 || table > FuncData.PCDATA_StackMapIndex) {
            throw new IllegalArgumentException("pcdata table " + table);
        }
        curPcdata = curPcdata.clone();
        curPcdata[table] = value;
        return this;
    }

    /** SP offset of byte {@code off} of the locals (whose bottom is the outgoing-args area). */
    public int local(int off) {
        return arch.hasLinkRegister ? arch.PtrSize + off : off;
    }

    /** SP offset of byte {@code off} of the outgoing arguments; the same as {@link #local}. */
    public int outarg(int off) {
        return local(off);
    }

    // ---- labels ----

    public Label newLabel() {
        return new Label(this);
    }

    /** Places {@code l} at the next instruction. */
    public FuncBuilder bind(Label l) {
        if (l.owner != this || l.at >= 0) {
            throw new IllegalArgumentException(name + ": label bound twice or foreign");
        }
        l.at = insns.size();
        return this;
    }

    // ---- instructions ----

    private FuncBuilder emit(int op, int a, int b, int c, int w1, int w2, int refKind, Object ref) {
        insns.add(new int[] {op | a << 8 | b << 16 | c << 24, w1, w2, 0});
        refKinds.add(refKind);
        refs.add(ref);
        files.add(curFile);
        lines.add(curLine);
        pcdatas.add(curPcdata);
        return this;
    }

    private static int reg(int r) {
        if (r < 0 || r > FP || r == LR) {
            throw new IllegalArgumentException("register " + r);
        }
        return r;
    }

    public FuncBuilder halt() {
        return emit(HALT, 0, 0, 0, 0, 0, REF_NONE, null);
    }

    /** {@code MOVI rd, imm}. */
    public FuncBuilder movi(int rd, long imm) {
        if (imm == (int) imm) {
            return emit(MOVI, reg(rd), 0, 0, (int) imm, 0, REF_NONE, null);
        }
        imm64.add(imm);
        return emit(MOVQ, reg(rd), 0, 0, 0, 0, REF_NONE, imm);
    }

    /** {@code MOVI rd, $f}: the entry pc of function {@code f}, resolved by the linker. */
    public FuncBuilder movaddr(int rd, String f) {
        return emit(MOVQ, reg(rd), 0, 0, 0, 0, REF_FUNCADDR, Objects.requireNonNull(f));
    }

    public FuncBuilder mov(int rd, int rs) {
        return emit(MOV, reg(rd), reg(rs), 0, 0, 0, REF_NONE, null);
    }

    /** {@code LOAD rd, [base+off], width} ({@link Isa#width}: sign- or zero-extends). */
    public FuncBuilder load(int rd, int base, int off, int width) {
        return emit(LOAD, reg(rd), reg(base), width, off, 0, REF_NONE, null);
    }

    /** {@code STORE [base+off], rs, width}. */
    public FuncBuilder store(int base, int off, int rs, int width) {
        return emit(STORE, reg(base), reg(rs), width & 3, off, 0, REF_NONE, null);
    }

    /** {@code LEA rd, [base+off]}. */
    public FuncBuilder lea(int rd, int base, int off) {
        return emit(LEA, reg(rd), reg(base), 0, off, 0, REF_NONE, null);
    }

    /** {@code MEMMOVE dst, src, n}: copies r[n] bytes (overlap allowed). */
    public FuncBuilder memmove(int dst, int src, int n) {
        return emit(MEMMOVE, reg(dst), reg(src), reg(n), 0, 0, REF_NONE, null);
    }

    /** {@code MEMCLR dst, n}: zeroes r[n] bytes. */
    public FuncBuilder memclr(int dst, int n) {
        return emit(MEMCLR, reg(dst), reg(n), 0, 0, 0, REF_NONE, null);
    }

    /** {@code op rd, ra, rb} for ADD..SHR, the result normalized to {@code width}. */
    public FuncBuilder alu(int op, int rd, int ra, int rb, int width) {
        if (op < ADD || op > SHR) {
            throw new IllegalArgumentException("not a binary ALU op: " + Isa.name(op));
        }
        return emit(op, reg(rd), reg(ra), width, reg(rb), 0, REF_NONE, null);
    }

    public FuncBuilder add(int rd, int ra, int rb, int width) {
        return alu(ADD, rd, ra, rb, width);
    }

    public FuncBuilder sub(int rd, int ra, int rb, int width) {
        return alu(SUB, rd, ra, rb, width);
    }

    public FuncBuilder neg(int rd, int rs, int width) {
        return emit(NEG, reg(rd), reg(rs), width, 0, 0, REF_NONE, null);
    }

    public FuncBuilder not(int rd, int rs, int width) {
        return emit(NOT, reg(rd), reg(rs), width, 0, 0, REF_NONE, null);
    }

    /** {@code SETcc rd, ra, rb}: rd = (ra cc rb) ? 1 : 0; cc one of Isa.EQ..GEU. */
    public FuncBuilder setcc(int cc, int rd, int ra, int rb) {
        if (cc < EQ || cc > GEU) {
            throw new IllegalArgumentException("condition " + cc);
        }
        return emit(SETCC, reg(rd), reg(ra), cc, reg(rb), 0, REF_NONE, null);
    }

    public FuncBuilder jmp(Label l) {
        return emit(JMP, 0, 0, 0, 0, 0, REF_LABEL, owned(l));
    }

    public FuncBuilder jz(int rs, Label l) {
        return emit(JZ, reg(rs), 0, 0, 0, 0, REF_LABEL, owned(l));
    }

    public FuncBuilder jnz(int rs, Label l) {
        return emit(JNZ, reg(rs), 0, 0, 0, 0, REF_LABEL, owned(l));
    }

    private Label owned(Label l) {
        if (l.owner != this) {
            throw new IllegalArgumentException(name + ": label of another function");
        }
        return l;
    }

    /** {@code CALL f} (static). */
    public FuncBuilder call(String f) {
        calls = true;
        return emit(CALL, 0, 0, 0, 0, 0, REF_CALL, Objects.requireNonNull(f));
    }

    /** {@code CALLCLOSURE rs}: rs holds a FuncVal*. */
    public FuncBuilder callclosure(int rs) {
        calls = true;
        return emit(CALLCLOSURE, reg(rs), 0, 0, 0, 0, REF_NONE, null);
    }

    /** {@code RTCALL fn}: the runtime function registered with the linker under {@code fn}. */
    public FuncBuilder rtcall(String fn) {
        calls = true;
        return emit(RTCALL, 0, 0, 0, 0, 0, REF_RT, Objects.requireNonNull(fn));
    }

    /** {@code RET}; the linker fills in the frame to pop. */
    public FuncBuilder ret() {
        return emit(RET, 0, 0, 0, 0, 0, REF_NONE, null);
    }

    /** Number of body instructions so far. */
    public int size() {
        return insns.size();
    }

    // ---- what the linker derives (obj6.c / obj5.c addstacksplit) ----

    /** The frame as liblink lays it out for this body. */
    final class Frame {
        final boolean split;
        final boolean leaf;

        /** Bytes ENTER allocates and RET pops (amd64 autoffset; arm autosize). */
        final int size;

        /** Added to [FP+off] to make it SP-relative after ENTER. */
        final int argBase;

        final int funcFrame;
        final boolean passFrame;

        Frame() {
            int textarg = args == FuncData.ArgsSizeUnknown ? 0 : args;
            if (arch.hasLinkRegister) {
                // obj5.c: autosize = frame + 4; a leaf with no locals saves no LR and never splits.
                boolean lf = !calls;
                int auto = locals + 4;
                if (auto <= 4 && lf) {
                    auto = 0;
                }
                leaf = lf;
                size = auto;
                split = !nosplit && auto != 0;
                argBase = auto + 4;
                funcFrame = locals + (lf ? 0 : arch.PtrSize);
                passFrame = true;
            } else {
                // obj6.c: a small frame without calls is marked NOSPLIT.
                leaf = false;
                size = locals;
                split = !nosplit && !(locals < Stack.StackSmall && !calls);
                argBase = locals + arch.PtrSize;
                funcFrame = locals + arch.PtrSize;
                passFrame =
                        Stack.StackTop
                                        + textarg
                                        + arch.PtrSize
                                        + locals
                                        + arch.PtrSize
                                        + Stack.StackLimit
                                >= Stack.StackMin;
            }
        }
    }

    @Override
    public String toString() {
        return "FuncBuilder("
                + name
                + ", "
                + insns.size()
                + " insns, locals "
                + locals
                + ", args "
                + args
                + Arrays.toString(new boolean[] {nosplit, needctxt})
                + ")";
    }
}
