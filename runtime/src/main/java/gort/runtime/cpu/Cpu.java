package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;

import gort.runtime.G;
import gort.runtime.Gobuf;
import gort.runtime.M;
import gort.runtime.Stack;
import gort.runtime.Throw;
import gort.runtime.arch.Arch;
import gort.runtime.mem.Fault;
import gort.runtime.mem.Memory;
import gort.runtime.os.OsLayer;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;

/**
 * The simulated processor of one M: interprets the G it is given (C's {@code g}) from {@code (pc,
 * sp[, lr], ctxt)} with the calling convention of {@link Text#arch} (docs/machine.md), until the
 * code asks for {@code mcall} or halts.
 *
 * <h2>Implementation overview</h2>
 *
 * {@link #run} keeps the pc as an int offset into the text's code array in a local and the
 * registers (SP and LR included) in one long[]; an instruction is decoded from four ints by a dense
 * switch. Everything that leaves the loop for Java code (RTCALL, the morestack path, faults, HALT)
 * first writes the pc back to {@link #pc}, so that runtime functions, hooks and fault handlers see
 * the precise state. Memory accesses go straight to {@link Memory}; an access it refuses raises
 * {@link Fault} with the CPU stopped at the faulting instruction ({@link #pc()} is its pc). Loads
 * and stores find their block through a small TLB ({@link #block}), emptied whenever control comes
 * back from Java code. Two pairs the code generator emits all the time run in one dispatch, with
 * the effects of running them one by one: a MOVI and the ALU op or SETCC that uses its constant,
 * and a SETCC and the JZ/JNZ that tests it; a passed STACKCHECK runs the ENTER after it. Where
 * control enters a function, leaves one or jumps, the CPU looks for that function's translation
 * ({@link Jit}) and runs it instead; a translation calls this class's own methods for every effect.
 *
 * <h2>The asm functions</h2>
 *
 * {@link #gogo}, {@link #gosave}, {@link #mcall} and the prologue's morestack are ported from
 * asm_amd64.s and asm_arm.s; each says how it differs. The one general difference: a Java runtime
 * function has no simulated frame, so what asm saves as "the caller's pc and sp" is, in gort, the
 * state right after the RTCALL instruction of the Go code that called it.
 *
 * <h2>Memory ordering</h2>
 *
 * A Cpu belongs to one M and is used by that M's thread only. The prologue reads {@code
 * g->stackguard0} with an opaque read, so that another thread's preemption request (stackguard0 =
 * StackPreempt, a plain store in C) is seen by a running loop eventually, as a plain load in C is;
 * nothing else is shared.
 *
 * <p>Every {@link OsLayer#quantum()} branches (taken JMPs and passed stack checks) the CPU calls
 * {@link OsLayer#atomic()}: the sim backend's switch point for Go code that never calls the
 * runtime. The count is deterministic; under the real backend it only costs a decrement.
 */
public final class Cpu {
    /** Why {@link #run} returned. */
    public enum Stop {
        /** A HALT instruction; {@link #pc()} is its pc. */
        HALT,
        /**
         * mcall(fn): g->sched holds the G's resumable state; the scheduler runs {@link #mcallFn()}
         * on g0 with {@link #mcallG()}.
         */
        MCALL
    }

    private final Text text;
    private final Memory mem;
    private final Arch arch;
    private final M m;
    private final Morestack morestack;
    private final boolean lr;
    private final long stackPreempt;
    private final long uintptrMask;
    private final long[] r = new long[NREG];

    private G g;
    private long pc;
    private McallFn mcallFn;
    private G mcallG;

    /** Set by gogo during an RTCALL or morestack: continue from {@link #pc}. */
    private boolean redirected;

    /** The OS backend's switch hook, called every {@link #quantum} branches (0: never). */
    private final OsLayer os;

    private final int quantum;

    /** Branches left before the next call of {@code os.atomic()}. */
    private int budget;

    /**
     * The TLB: a few resident blocks of {@link Memory} that LOAD and STORE reach without the
     * page-table walk, direct-mapped by block number (tag -1: empty). See {@link #block}.
     */
    private final long[] tlbTag = new long[TLB];

    private final byte[][] tlbBlk = new byte[TLB][];

    /** The page-table chunk of the last TLB miss ({@link Memory#chunkAt}) and its first address. */
    private byte[][] chunk;

    private long chunkStart;

    /** The Text's translator (null with -Dgort.jit=off): see {@link Jit}. */
    private final Jit jit;

    /** A unit's fault handler set {@link #pc} ({@link #faultAt}); run's handler keeps it. */
    private boolean faultPcSet;

    /**
     * A CPU for {@code m}, running {@code text} on {@code mem}, calling {@code morestack} on stack
     * checks.
     */
    public Cpu(Text text, Memory mem, M m, Morestack morestack) {
        this.text = Objects.requireNonNull(text, "text");
        this.mem = Objects.requireNonNull(mem, "mem");
        this.m = Objects.requireNonNull(m, "m");
        this.morestack = Objects.requireNonNull(morestack, "morestack");
        this.arch = text.arch;
        if (mem.arch() != arch) {
            throw new IllegalArgumentException("text for " + arch + ", memory for " + mem.arch());
        }
        this.lr = arch.hasLinkRegister;
        this.stackPreempt = Stack.StackPreempt(arch);
        this.uintptrMask = arch.maxUintptr();
        this.os = m.process != null ? m.process.os() : null;
        this.quantum = os != null ? os.quantum() : 0;
        this.budget = quantum > 0 ? quantum : Integer.MAX_VALUE;
        this.jit = text.jit;
    }

    // ---- state ----

    public Text text() {
        return text;
    }

    public Memory mem() {
        return mem;
    }

    public Arch arch() {
        return arch;
    }

    /** C's {@code g}: the G whose code runs (m->g0 while on the scheduler's stack). */
    public G g() {
        return g;
    }

    /** C's {@code g->m}. */
    public M m() {
        return m;
    }

    /**
     * The pc: where {@link #run} continues; during an RTCALL, the pc after the RTCALL; after a
     * fault, the faulting instruction's.
     */
    public long pc() {
        return pc;
    }

    public long sp() {
        return r[SP];
    }

    /** The link register (arm; 0 on amd64). */
    public long lr() {
        return r[LR];
    }

    public long ctxt() {
        return r[CTXT];
    }

    /** Register {@code i} (Isa.R0..R7, CTXT, SP, LR). */
    public long reg(int i) {
        return r[i];
    }

    public void setReg(int i, long v) {
        r[i] = v;
    }

    /**
     * Sets the state to start {@code gp} at {@code pc} with {@code sp}, {@code lr} (arm) and {@code
     * ctxt}, as a Gobuf would; for loaders and tests. Prefer {@link #gogo}.
     */
    public void start(G gp, long pc, long sp, long lr, long ctxt) {
        this.g = Objects.requireNonNull(gp, "gp");
        this.pc = pc;
        r[SP] = sp;
        r[LR] = this.lr ? lr : 0;
        r[CTXT] = ctxt;
    }

    /** The fn of the last {@link Stop#MCALL}. */
    public McallFn mcallFn() {
        return mcallFn;
    }

    /** The G that called the last mcall (C passes it to fn). */
    public G mcallG() {
        return mcallG;
    }

    // ---- asm ----

    /**
     * Restores the state saved in {@code buf} (longjmp): g, sp, ret (into R0), ctxt, on arm lr, and
     * continues at buf->pc on the next {@link #run}, or right away when called from an RTCALL or a
     * morestack hook. Clears buf's sp, ret, ctxt (and lr on arm) to help the collector. Port of
     * asm_amd64.s / asm_arm.s gogo (0a7c7ac80). gort differs: it cannot jump, so it sets the state
     * that the interpreter loop continues from; the nil check on buf->g faults at address 0, as the
     * load through g does.
     */
    public void gogo(Gobuf buf) {
        if (buf.g == null) {
            throw new Fault(0, false, Fault.Cause.UNMAPPED);
        }
        g = buf.g;
        r[SP] = buf.sp;
        r[R0] = buf.ret;
        r[CTXT] = buf.ctxt;
        if (lr) {
            r[LR] = buf.lr;
            buf.lr = 0;
        }
        buf.sp = 0;
        buf.ret = 0;
        buf.ctxt = 0;
        pc = buf.pc;
        redirected = true;
    }

    /**
     * Saves into {@code buf} the state that resumes the Go caller of the running runtime function
     * right after its RTCALL: pc, sp, g; ret and ctxt zero (and lr on arm). Port of asm_amd64.s /
     * asm_arm.s gosave (0a7c7ac80). gort differs: C's gosave saves its C caller; a Java runtime
     * function cannot be resumed in the middle, so gort saves its Go caller.
     */
    public void gosave(Gobuf buf) {
        buf.sp = r[SP];
        buf.pc = pc;
        buf.ret = 0;
        buf.ctxt = 0;
        if (lr) {
            buf.lr = 0;
        }
        buf.g = g;
    }

    /**
     * Switches to m->g0 and hands {@code fn} to the scheduler loop: called by a runtime function
     * (during RTCALL) as its last act. Saves in g->sched the pc after the RTCALL, the caller's sp,
     * g, and on arm lr = 0; ctxt is not saved (no value is live in a register across a call).
     * {@link #run} then returns {@link Stop#MCALL}. Port of asm_amd64.s / asm_arm.s mcall
     * (0a7c7ac80). gort differs: C's mcall calls fn on g0's stack itself and crashes (badmcall2) if
     * fn returns; gort returns to the M's scheduler loop, which runs fn. mcall on g0 throws as
     * badmcall does.
     */
    public void mcall(McallFn fn) {
        Objects.requireNonNull(fn, "fn");
        G gp = g;
        if (gp == m.g0) {
            Throw.throw_(gp.process, "runtime: mcall called on m->g0 stack");
        }
        Gobuf s = gp.sched;
        s.pc = pc;
        s.sp = r[SP];
        if (lr) {
            s.lr = 0;
        }
        s.g = gp;
        switchToG0();
        mcallG = gp;
        mcallFn = fn;
    }

    /**
     * From a {@link Morestack} hook: hand {@code fn} to the scheduler loop, with g->sched as
     * morestack saved it (newstack calling gosched_m on g0). {@link #run} returns {@link
     * Stop#MCALL}, with {@link #mcallG()} the G whose prologue called morestack.
     */
    public void mcallOnG0(McallFn fn) {
        mcallFn = Objects.requireNonNull(fn, "fn");
    }

    /**
     * gort: runs {@code fn} as if the current G had just reached an RTCALL of it: argp is the
     * current outgoing-args area; true when fn ended in {@link #mcall}. The scheduler loop uses it
     * to run a parked runtime function's continuation ({@link G#resume}) after {@link #gogo}
     * restored the G to the state it had inside that RTCALL.
     */
    public boolean callRuntime(RuntimeFunc fn) {
        redirected = false;
        mcallFn = null;
        mcallG = null;
        fn.call(this, r[SP] + (lr ? 4 : 0));
        return mcallFn != null;
    }

    private void switchToG0() {
        G g0 = m.g0;
        if (g0 != null) {
            g = g0;
            r[SP] = g0.sched.sp;
        }
    }

    // ---- the interpreter ----

    /**
     * Runs from the current state until HALT or mcall. Memory faults propagate as {@link Fault}
     * with {@link #pc()} at the faulting instruction.
     */
    public Stop run() {
        final int[] code = text.exec;
        final long[] r = this.r;
        final Memory mem = this.mem;
        final long base = text.textStart;
        final boolean lr = this.lr;
        mcallFn = null;
        mcallG = null;
        tlbFlush();
        int o = offset(pc);
        try {
            if ((o = compiled(o)) < 0) {
                return Stop.MCALL;
            }
            for (; ; ) {
                final int w0 = code[o];
                switch (w0 & 0xff) {
                    case MOVI:
                        {
                            int rd = w0 >>> 8 & 0xff;
                            r[rd] = code[o + 1];
                            o += STRIDE;
                            // the code generator loads a constant right before the one ALU op or
                            // SETCC that uses it as its second operand: run that op in this
                            // dispatch
                            if (o < code.length) {
                                int w1 = code[o];
                                int op1 = w1 & 0xff;
                                if (op1 >= ADD && op1 <= SETCC && code[o + 1] == rd) {
                                    o = arith(code, w1, o);
                                }
                            }
                            break;
                        }
                    case MOVQ:
                        r[w0 >>> 8 & 0xff] = text.pool[code[o + 2]];
                        o += STRIDE;
                        break;
                    case MOV:
                        r[w0 >>> 8 & 0xff] = r[w0 >>> 16 & 0xff];
                        o += STRIDE;
                        break;
                    case LD8:
                        r[w0 >>> 8 & 0xff] = load64(r[w0 >>> 16 & 0xff] + code[o + 1]);
                        o += STRIDE;
                        break;
                    case LD4U:
                        r[w0 >>> 8 & 0xff] =
                                load32(r[w0 >>> 16 & 0xff] + code[o + 1]) & 0xffffffffL;
                        o += STRIDE;
                        break;
                    case LD4S:
                        r[w0 >>> 8 & 0xff] = load32(r[w0 >>> 16 & 0xff] + code[o + 1]);
                        o += STRIDE;
                        break;
                    case LD1U:
                        r[w0 >>> 8 & 0xff] = load8(r[w0 >>> 16 & 0xff] + code[o + 1]);
                        o += STRIDE;
                        break;
                    case ST8:
                        store64(r[w0 >>> 8 & 0xff] + code[o + 1], r[w0 >>> 16 & 0xff]);
                        o += STRIDE;
                        break;
                    case ST4:
                        store32(r[w0 >>> 8 & 0xff] + code[o + 1], (int) r[w0 >>> 16 & 0xff]);
                        o += STRIDE;
                        break;
                    case ST1:
                        store8(r[w0 >>> 8 & 0xff] + code[o + 1], (int) r[w0 >>> 16 & 0xff]);
                        o += STRIDE;
                        break;
                    case LOAD: // the widths not quickened
                        r[w0 >>> 8 & 0xff] = load(r[w0 >>> 16 & 0xff] + code[o + 1], w0 >>> 24);
                        o += STRIDE;
                        break;
                    case STORE:
                        store(r[w0 >>> 8 & 0xff] + code[o + 1], r[w0 >>> 16 & 0xff], w0 >>> 24);
                        o += STRIDE;
                        break;
                    case LEA:
                        r[w0 >>> 8 & 0xff] = r[w0 >>> 16 & 0xff] + code[o + 1];
                        o += STRIDE;
                        break;
                    case MEMMOVE:
                        mem.memmove(r[w0 >>> 8 & 0xff], r[w0 >>> 16 & 0xff], r[w0 >>> 24]);
                        o += STRIDE;
                        break;
                    case MEMCLR:
                        memclr(r[w0 >>> 8 & 0xff], r[w0 >>> 16 & 0xff]);
                        o += STRIDE;
                        break;
                    case ADD:
                        r[w0 >>> 8 & 0xff] = norm(r[w0 >>> 16 & 0xff] + r[code[o + 1]], w0 >>> 24);
                        o += STRIDE;
                        break;
                    case SUB:
                        r[w0 >>> 8 & 0xff] = norm(r[w0 >>> 16 & 0xff] - r[code[o + 1]], w0 >>> 24);
                        o += STRIDE;
                        break;
                    case MUL:
                        r[w0 >>> 8 & 0xff] = norm(r[w0 >>> 16 & 0xff] * r[code[o + 1]], w0 >>> 24);
                        o += STRIDE;
                        break;
                    case DIV:
                    case MOD:
                    case AND:
                    case OR:
                    case XOR:
                    case ANDNOT:
                    case SHL:
                    case SHR:
                        r[w0 >>> 8 & 0xff] =
                                alu(w0 & 0xff, r[w0 >>> 16 & 0xff], r[code[o + 1]], w0 >>> 24);
                        o += STRIDE;
                        break;
                    case NEG:
                        r[w0 >>> 8 & 0xff] = norm(-r[w0 >>> 16 & 0xff], w0 >>> 24);
                        o += STRIDE;
                        break;
                    case NOT:
                        r[w0 >>> 8 & 0xff] = norm(~r[w0 >>> 16 & 0xff], w0 >>> 24);
                        o += STRIDE;
                        break;
                    case SETCC:
                        o = setcc(code, w0, o);
                        break;
                    case JMP:
                        o = code[o + 2];
                        tick(o);
                        if ((o = compiled(o)) < 0) {
                            return Stop.MCALL;
                        }
                        break;
                    case JZ:
                        o = r[w0 >>> 8 & 0xff] == 0 ? code[o + 2] : o + STRIDE;
                        break;
                    case JNZ:
                        o = r[w0 >>> 8 & 0xff] != 0 ? code[o + 2] : o + STRIDE;
                        break;
                    case CALL:
                        pushReturn(o);
                        o = code[o + 2];
                        if ((o = compiled(o)) < 0) {
                            return Stop.MCALL;
                        }
                        break;
                    case CALLCLOSURE:
                        o = callclosure(o, w0 >>> 8 & 0xff);
                        if ((o = compiled(o)) < 0) {
                            return Stop.MCALL;
                        }
                        break;
                    case RET:
                        o = ret(w0 >>> 8 & 0xff, code[o + 1]);
                        if ((o = compiled(o)) < 0) {
                            return Stop.MCALL;
                        }
                        break;
                    case RTCALL:
                        if ((o = rtcall(o, code[o + 1])) < 0 || (o = compiled(o)) < 0) {
                            return Stop.MCALL;
                        }
                        break;
                    case STACKCHECK:
                        if (needmore(code[o + 1])) {
                            if ((o = morestack(o, w0, code[o + 1], code[o + 2])) < 0
                                    || (o = compiled(o)) < 0) {
                                return Stop.MCALL;
                            }
                        } else {
                            o += STRIDE;
                            if (--budget == 0) {
                                pc = base + o;
                                quantumEnd();
                            } else if ((code[o] & 0xff) == ENTER) {
                                // the linker puts ENTER right after every STACKCHECK: one dispatch
                                // for both
                                enter(code[o + 1]);
                                o += STRIDE;
                            }
                        }
                        break;
                    case ENTER:
                        enter(code[o + 1]);
                        o += STRIDE;
                        break;
                    case HALT:
                        pc = base + o;
                        return Stop.HALT;
                    default:
                        pc = base + o;
                        throw new IllegalStateException(
                                "bad opcode " + (w0 & 0xff) + " at pc 0x" + Long.toHexString(pc));
                }
            }
        } catch (Fault f) {
            if (faultPcSet) {
                faultPcSet = false; // a unit's handler set the faulting instruction's pc
            } else {
                pc = base + o;
            }
            throw f;
        }
    }

    // ---- translated code (Jit) ----

    /**
     * Runs translated code from offset {@code o} for as long as control arrives at an entry of a
     * unit, counting arrivals elsewhere; returns the offset the interpreter continues at, or -1
     * when the code called mcall. Without a translator it returns {@code o}.
     */
    private int compiled(int o) {
        final Jit jit = this.jit;
        if (jit == null) {
            return o;
        }
        Jit.Unit u = jit.units[o / STRIDE];
        while (u != null || (u = jit.arrive(o)) != null) {
            o = u.run(this, r, o);
            if (o < 0) {
                return o;
            }
            u = jit.units[o / STRIDE];
        }
        return o;
    }

    /** A taken JMP or passed STACKCHECK, continuing at {@code o}: one branch off the budget. */
    void tick(int o) {
        if (--budget == 0) {
            pc = text.textStart + o;
            quantumEnd();
        }
    }

    /** CALL at {@code o}: the return pc into LR (arm) or pushed (amd64). */
    void pushReturn(int o) {
        long ret = text.textStart + o + STRIDE;
        if (lr) {
            r[LR] = ret;
        } else {
            long sp = r[SP] - 8;
            store64(sp, ret);
            r[SP] = sp;
        }
    }

    /** CALLCLOSURE at {@code o} through register {@code rs}; returns the callee's offset. */
    int callclosure(int o, int rs) {
        long fv = r[rs];
        int target = offset(mem.loadp(fv));
        pushReturn(o);
        r[CTXT] = fv;
        return target;
    }

    /**
     * RET of a frame of {@code frame} bytes ({@code viaLr}: an arm leaf); returns the return
     * offset.
     */
    int ret(int viaLr, int frame) {
        if (!lr) {
            long sp = r[SP] + frame;
            int o = offset(load64(sp));
            r[SP] = sp + 8;
            return o;
        } else if (viaLr != 0) {
            return offset(r[LR]);
        } else {
            long sp = r[SP];
            int o = offset(load32(sp) & 0xffffffffL);
            r[SP] = sp + frame;
            return o;
        }
    }

    void memmove(long dst, long src, long n) {
        mem.memmove(dst, src, n);
    }

    /** A unit's handler for a fault inside the instruction at {@code o}: the CPU stops there. */
    Fault faultAt(Fault f, int o) {
        pc = text.textStart + o;
        faultPcSet = true;
        return f;
    }

    /**
     * Branches left before the next switch point (for tests: with quantum 0 it counts down from
     * MAX_VALUE).
     */
    int budget() {
        return budget;
    }

    /** Number of functions of this CPU's text translated so far (0 with -Dgort.jit=off). */
    public int translatedFuncs() {
        return jit != null ? jit.translated() : 0;
    }

    /**
     * The budget of branches ran out: under a backend with a quantum (sim), a switch point, so that
     * a Go loop that never calls into the runtime still interleaves with other Ms.
     */
    private void quantumEnd() {
        if (quantum > 0) {
            budget = quantum;
            os.atomic();
            tlbFlush();
        } else {
            budget = Integer.MAX_VALUE;
        }
    }

    // ---- loads and stores through the TLB ----

    /** Entries of the TLB: a power of two. A frame's slots and its caller's span a few blocks. */
    private static final int TLB = 8;

    private static final VarHandle LE16 = Memory.LE16;
    private static final VarHandle LE32 = Memory.LE32;
    private static final VarHandle LE64 = Memory.LE64;

    /**
     * Empties the TLB. A resident block stays the same array until map, unmap, discard or release
     * drops it, and those run only in Java code: in a runtime function of this M (RTCALL,
     * morestack), or on another thread, which the Go code can only be ordered after through the
     * runtime (a channel, a lock, the scheduler) or, under the sim backend, at a switch point. So
     * the TLB is emptied whenever the interpreter comes back from Java code and at every switch
     * point; between those, the blocks it holds cannot change.
     */
    private void tlbFlush() {
        Arrays.fill(tlbTag, -1L);
        chunk = null;
        chunkStart = -Memory.CHUNK_BYTES; // no address is inside it
    }

    /**
     * The resident block holding {@code a}, from the TLB or the page table; null when not resident.
     */
    private byte[] block(long a) {
        long tag = a >>> Memory.BlockShift;
        int i = (int) tag & (TLB - 1);
        if (tlbTag[i] == tag) {
            return tlbBlk[i];
        }
        byte[] p = entry(a);
        if (!Memory.isResident(p)) {
            return null;
        }
        tlbTag[i] = tag;
        tlbBlk[i] = p;
        return p;
    }

    /**
     * The page-table entry of {@code a} (a TLB miss): from the last chunk, else from Memory's
     * tables.
     */
    private byte[] entry(long a) {
        long off = a - chunkStart;
        if (Long.compareUnsigned(off, Memory.CHUNK_BYTES) >= 0) {
            Memory.Chunk c = mem.chunkAt(a);
            if (c == null) {
                return null;
            }
            chunkStart = c.start();
            chunk = c.entries();
            off = a - chunkStart;
        }
        return chunk[(int) (off >>> Memory.BlockShift)];
    }

    /**
     * The CPU's own opcodes, in {@link Text#exec} only: LOAD and STORE refined by width at link
     * time ("quickening"), so that the common widths need no second switch on the width.
     */
    static final int LD8 = NOPS, LD4U = NOPS + 1, LD4S = NOPS + 2, LD1U = NOPS + 3;

    static final int ST8 = NOPS + 4, ST4 = NOPS + 5, ST1 = NOPS + 6;

    /**
     * {@code code} with its common LOADs and STOREs quickened; jump targets and operands unchanged.
     */
    static int[] quicken(int[] code) {
        int[] x = code.clone();
        for (int o = 0; o + STRIDE <= x.length; o += STRIDE) {
            int w0 = x[o];
            int q = -1;
            if ((w0 & 0xff) == LOAD) {
                switch (w0 >>> 24) {
                    case W8:
                    case S8:
                        q = LD8;
                        break;
                    case W4:
                        q = LD4U;
                        break;
                    case S4:
                        q = LD4S;
                        break;
                    case W1:
                        q = LD1U;
                        break;
                    default:
                        break;
                }
            } else if ((w0 & 0xff) == STORE) {
                switch (w0 >>> 24) {
                    case W8:
                        q = ST8;
                        break;
                    case W4:
                        q = ST4;
                        break;
                    case W1:
                        q = ST1;
                        break;
                    default:
                        break;
                }
            }
            if (q >= 0) {
                x[o] = w0 & ~0xff | q;
            }
        }
        return x;
    }

    long load64(long a) {
        int o = (int) a & Memory.BLOCK_MASK;
        if (o <= Memory.BlockSize - 8) {
            byte[] p = block(a);
            if (p != null) {
                return (long) LE64.get(p, o);
            }
        }
        return mem.load64(a);
    }

    int load32(long a) {
        int o = (int) a & Memory.BLOCK_MASK;
        if (o <= Memory.BlockSize - 4) {
            byte[] p = block(a);
            if (p != null) {
                return (int) LE32.get(p, o);
            }
        }
        return mem.load32(a);
    }

    /** Zero-extended. */
    int load16(long a) {
        int o = (int) a & Memory.BLOCK_MASK;
        if (o <= Memory.BlockSize - 2) {
            byte[] p = block(a);
            if (p != null) {
                return (short) LE16.get(p, o) & 0xffff;
            }
        }
        return mem.load16(a);
    }

    /** Zero-extended. */
    int load8(long a) {
        byte[] p = block(a);
        return p != null ? p[(int) a & Memory.BLOCK_MASK] & 0xff : mem.load8(a);
    }

    void store64(long a, long v) {
        int o = (int) a & Memory.BLOCK_MASK;
        byte[] p;
        if (o <= Memory.BlockSize - 8 && (p = block(a)) != null) {
            LE64.set(p, o, v);
        } else {
            mem.store64(a, v);
        }
    }

    void store32(long a, int v) {
        int o = (int) a & Memory.BLOCK_MASK;
        byte[] p;
        if (o <= Memory.BlockSize - 4 && (p = block(a)) != null) {
            LE32.set(p, o, v);
        } else {
            mem.store32(a, v);
        }
    }

    void store16(long a, int v) {
        int o = (int) a & Memory.BLOCK_MASK;
        byte[] p;
        if (o <= Memory.BlockSize - 2 && (p = block(a)) != null) {
            LE16.set(p, o, (short) v);
        } else {
            mem.store16(a, v);
        }
    }

    void store8(long a, int v) {
        byte[] p = block(a);
        if (p != null) {
            p[(int) a & Memory.BLOCK_MASK] = (byte) v;
        } else {
            mem.store8(a, v);
        }
    }

    /** LOAD of width code {@code wd} (Isa W1..S8) at {@code a}, normalized to its type. */
    long load(long a, int wd) {
        switch (wd) {
            case W8:
            case S8:
                return load64(a);
            case W4:
                return load32(a) & 0xffffffffL;
            case S4:
                return load32(a);
            case W2:
                return load16(a);
            case S2:
                return (short) load16(a);
            case W1:
                return load8(a);
            default:
                return (byte) load8(a);
        }
    }

    /** STORE of the low {@code wd} bytes of {@code v} at {@code a}. */
    void store(long a, long v, int wd) {
        switch (wd) {
            case W8:
                store64(a, v);
                break;
            case W4:
                store32(a, (int) v);
                break;
            case W2:
                store16(a, (int) v);
                break;
            default:
                store8(a, (int) v);
                break;
        }
    }

    /** ENTER framesize: amd64 SUB SP; arm MOVW.W LR, -framesize(SP). */
    void enter(int framesize) {
        if (lr) {
            long sp = r[SP] - framesize;
            store32(sp, (int) r[LR]);
            r[SP] = sp;
        } else {
            r[SP] -= framesize;
        }
    }

    /** Blocks of zeros for {@link #memclr}. */
    private static final byte[] ZEROS = new byte[Memory.BlockSize];

    /**
     * MEMCLR: {@link Memory#memclr} block by block, through the TLB where the block is resident (a
     * cleared frame is written next, so its blocks are worth keeping there); the zero block, mapped
     * and never written, is all zeros already.
     */
    void memclr(long a, long n) {
        if (n < 0) {
            mem.memclr(a, n); // refuses it
        }
        while (n > 0) {
            int o = (int) a & Memory.BLOCK_MASK;
            int k = (int) Math.min(n, Memory.BlockSize - o);
            byte[] p = block(a);
            if (p != null) {
                System.arraycopy(ZEROS, 0, p, o, k);
            } else if (!Memory.isZeroBlock(entry(a))) {
                mem.memclr(a, k); // not mapped: it faults
            } // else the zero block: nothing to clear
            a += k;
            n -= k;
        }
    }

    /** The code offset of {@code pc}; a pc outside the text faults there, as a jump to it would. */
    private int offset(long pc) {
        long d = pc - text.textStart;
        if (d < 0 || d >= text.code.length || (d & (INSN_BYTES - 1)) != 0) {
            throw new Fault(pc, false, Fault.Cause.UNMAPPED);
        }
        return (int) d;
    }

    /**
     * Runs the ALU op or SETCC {@code w0} at offset {@code o} (fused after a MOVI) and returns the
     * next offset.
     */
    private int arith(int[] code, int w0, int o) {
        int op = w0 & 0xff;
        if (op == SETCC) {
            return setcc(code, w0, o);
        }
        long x = r[w0 >>> 16 & 0xff];
        int w = w0 >>> 24;
        long v;
        switch (op) {
            case ADD:
                v = norm(x + r[code[o + 1]], w);
                break;
            case SUB:
                v = norm(x - r[code[o + 1]], w);
                break;
            case MUL:
                v = norm(x * r[code[o + 1]], w);
                break;
            case NEG:
                v = norm(-x, w);
                break;
            case NOT:
                v = norm(~x, w);
                break;
            default:
                v = alu(op, x, r[code[o + 1]], w);
                break;
        }
        r[w0 >>> 8 & 0xff] = v;
        return o + STRIDE;
    }

    /**
     * SETCC {@code w0} at offset {@code o}; returns the next offset. A JZ/JNZ on its result right
     * after (a compiled comparison's usual shape) is taken here too, saving one trip through the
     * dispatch with the same effects.
     */
    private int setcc(int[] code, int w0, int o) {
        int rd = w0 >>> 8 & 0xff;
        boolean c = cond(w0 >>> 24, r[w0 >>> 16 & 0xff], r[code[o + 1]]);
        r[rd] = c ? 1 : 0;
        o += STRIDE;
        if (o < code.length) {
            int w1 = code[o];
            int op1 = w1 & 0xff;
            if ((op1 == JNZ || op1 == JZ) && (w1 >>> 8 & 0xff) == rd) {
                return (op1 == JNZ) == c ? code[o + 2] : o + STRIDE;
            }
        }
        return o;
    }

    /**
     * The ALU operations off the hot path. Shift counts are unsigned and follow Go's rules for any
     * count (a count of at least the width shifts everything out; a signed right shift fills with
     * the sign), so the compiler need not mask them; division by zero is the compiler's to check
     * (it raises ArithmeticException here).
     */
    static long alu(int op, long x, long y, int w) {
        boolean signed = (w & SIGNED) != 0;
        switch (op) {
            case DIV:
                return norm(signed ? x / y : Long.divideUnsigned(x, y), w);
            case MOD:
                return norm(signed ? x % y : Long.remainderUnsigned(x, y), w);
            case AND:
                return norm(x & y, w);
            case OR:
                return norm(x | y, w);
            case XOR:
                return norm(x ^ y, w);
            case ANDNOT:
                return norm(x & ~y, w);
            case SHL:
                return Long.compareUnsigned(y, 64) >= 0 ? 0 : norm(x << y, w);
            case SHR:
                if (signed) {
                    return norm(x >> (Long.compareUnsigned(y, 63) > 0 ? 63 : y), w);
                }
                return Long.compareUnsigned(y, 64) >= 0 ? 0 : norm(x >>> y, w);
            default:
                throw new IllegalStateException("alu op " + op);
        }
    }

    static boolean cond(int cc, long x, long y) {
        switch (cc) {
            case EQ:
                return x == y;
            case NE:
                return x != y;
            case LT:
                return x < y;
            case LE:
                return x <= y;
            case GT:
                return x > y;
            case GE:
                return x >= y;
            case LTU:
                return Long.compareUnsigned(x, y) < 0;
            case LEU:
                return Long.compareUnsigned(x, y) <= 0;
            case GTU:
                return Long.compareUnsigned(x, y) > 0;
            default:
                return Long.compareUnsigned(x, y) >= 0;
        }
    }

    /**
     * Whether the split-stack check fails for a frame of {@code framesize}: the comparisons
     * liblink's stacksplit emits (obj6.c, obj5.c at 0a7c7ac80), all unsigned on uintptrs.
     *
     * <ul>
     *   <li>framesize &lt;= StackSmall: SP &lt;= stackguard0.
     *   <li>framesize &lt;= StackBig: amd64 SP-(framesize-StackSmall) &lt;= stackguard0; arm
     *       SP-framesize &lt;= stackguard0 (obj5.c subtracts the whole autosize).
     *   <li>larger: stackguard0 == StackPreempt, or SP-stackguard0+StackGuard &lt;=
     *       framesize+(StackGuard-StackSmall), which cannot wrap around when SP is near zero.
     * </ul>
     *
     * A preemption request (stackguard0 = StackPreempt, above every SP) fails every form.
     */
    boolean needmore(int framesize) {
        long sp = r[SP];
        long guard = (long) G.STACKGUARD0.getOpaque(g);
        if (framesize <= Stack.StackSmall) {
            return Long.compareUnsigned(sp, guard) <= 0;
        }
        if (framesize <= Stack.StackBig) {
            long lim = lr ? sp - framesize : sp - (framesize - Stack.StackSmall);
            return Long.compareUnsigned(lim & uintptrMask, guard) <= 0;
        }
        if (guard == stackPreempt) {
            return true;
        }
        return Long.compareUnsigned(
                        (sp + Stack.StackGuard - guard) & uintptrMask,
                        framesize + (Stack.StackGuard - Stack.StackSmall))
                <= 0;
    }

    /**
     * The prologue's call of morestack from the STACKCHECK at offset {@code o}: sets {@link #pc}
     * there, does what asm_amd64.s (morestackNN, morestack) and asm_arm.s morestack do, then runs
     * the {@link Morestack} hook (newstack) on g0. Returns the offset where the hook's gogo
     * continues, or -1 when the hook asked for mcallOnG0.
     *
     * <p>What it sets, as asm does: m->moreframesize and m->moreargsize (the prologue's constants;
     * amd64 passes the frame size only when StackMin might not suffice, obj6.c's moreconst1);
     * m->morebuf = f's caller (amd64: pc = the return pc at 0(SP), sp = SP+8; arm: pc = LR, sp =
     * SP), m->moreargp = f's argument pointer, morebuf.g = g; g->sched = f at its entry: sp = SP,
     * ctxt = CTXT (0 for a function without NEEDCTXT, as morestack_noctxt), g; on arm lr = LR.
     *
     * <p>gort differs in g->sched.pc: asm saves the return pc of the call to morestack, which
     * points at the linker's "JMP start" that rewindmorestack decodes; gort saves the pc of the
     * STACKCHECK itself, the start of the check, so rewindmorestack has nothing to undo (see {@link
     * Sys#rewindmorestack}). Morestack on g0 throws (asm executes a breakpoint).
     */
    int morestack(int o, int w0, int framesize, int argsize) {
        pc = text.textStart + o;
        G gp = g;
        if (gp == m.g0) {
            Throw.throw_(gp.process, "runtime: morestack on g0");
        }
        long sp = r[SP];
        m.moreframesize = (w0 >>> 16 & 0xff) != 0 ? framesize : 0;
        m.moreargsize = argsize;
        if (lr) {
            m.morebuf.pc = r[LR];
            m.morebuf.sp = sp;
            m.moreargp = sp + 4;
            gp.sched.lr = r[LR];
        } else {
            m.morebuf.pc = mem.load64(sp);
            m.morebuf.sp = sp + 8;
            m.moreargp = sp + 8;
        }
        m.morebuf.g = gp;
        gp.sched.pc = pc;
        gp.sched.sp = sp;
        gp.sched.ctxt = (w0 >>> 8 & 0xff) != 0 ? r[CTXT] : 0;
        gp.sched.g = gp;
        switchToG0();
        redirected = false;
        mcallFn = null;
        morestack.newstack(this);
        if (mcallFn != null) {
            mcallG = gp;
            return -1;
        }
        if (!redirected) {
            // asm: MOVQ $0, 0x1003 // crash if newstack returns
            mem.store64(0x1003, 0);
        }
        tlbFlush();
        return offset(pc);
    }

    /**
     * The RTCALL at offset {@code o} of runtime function {@code i}, with {@link #pc} after it;
     * returns the offset the code continues at (after the RTCALL, or where the function's gogo
     * went), or -1 when the function ended in mcall.
     */
    int rtcall(int o, int i) {
        pc = text.textStart + o + STRIDE;
        long argp = r[SP] + (lr ? 4 : 0);
        redirected = false;
        mcallFn = null;
        text.rtFuncs[i].call(this, argp);
        if (mcallFn != null) {
            return -1;
        }
        tlbFlush();
        return offset(pc);
    }
}
