package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;
import static org.objectweb.asm.Opcodes.*;

import gort.runtime.mem.Fault;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.BitSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The translator of one {@link Text}: turns a function that runs often into a JVM method (a {@link
 * Unit}) that does what {@link Cpu#run} does for the same instructions, so that HotSpot compiles
 * the Go code's control flow instead of the interpreter's dispatch.
 *
 * <h2>What a unit is</h2>
 *
 * One Go function. {@link Unit#run} starts at one of the function's <em>entries</em> (its first
 * instruction, every jump target inside it, every CALL, the instruction after every CALL,
 * CALLCLOSURE and RTCALL, every STACKCHECK) and runs until control leaves the function: a CALL or
 * RET returns the offset it goes to, and {@link Cpu} looks for a unit there. A unit never calls
 * another unit, so a deep recursion of Go frames does not deepen the Java stack.
 *
 * <h2>Same effects, step for step</h2>
 *
 * Each instruction is translated into calls of the same Cpu methods the interpreter uses (loads and
 * stores through the TLB, enter, needmore, the ALU helpers), so registers, memory, the branch
 * budget of the sim backend ({@link Cpu#tick}), TLB flushes and the pc seen by runtime functions
 * are what the interpreter would produce. A {@link Fault} raised inside an instruction leaves the
 * CPU with that instruction's pc, through a handler per instruction. Ops a unit does not translate
 * (HALT, unknown) end the unit and are never entries, so the interpreter runs them. Whether and
 * when a function is translated therefore changes speed only; {@code gort conform --compare}
 * between a run with {@code -Dgort.jit.threshold=1} and one with {@code -Dgort.jit=off} checks that
 * on the whole corpus.
 *
 * <h2>When</h2>
 *
 * The interpreter counts arrivals at the offsets it enters code at (call targets, return points,
 * jump targets); the function holding an offset that reaches {@link #THRESHOLD} is translated on
 * the thread that got there. A function whose method would exceed HotSpot's limit for compiling a
 * method (8000 bytes of bytecode) stays interpreted. Units are shared by every M running the Text;
 * a unit holds no state.
 */
final class Jit {
    /** Arrivals at an offset before its function is translated ({@code -Dgort.jit.threshold}). */
    static final int THRESHOLD = Math.max(1, Integer.getInteger("gort.jit.threshold", 1000));

    /** {@code -Dgort.jit=off} keeps every function interpreted. */
    static final boolean ENABLED = !"off".equals(System.getProperty("gort.jit"));

    /** HotSpot compiles no method with more bytecode than this (DontCompileHugeMethods). */
    static final int MAX_BYTECODE = 8000;

    /**
     * A translated function: runs from entry {@code o}; returns where control goes next, or -1
     * after mcall.
     */
    abstract static class Unit {
        abstract int run(Cpu cpu, long[] r, int o);
    }

    private static final VarHandle UNITS = MethodHandles.arrayElementVarHandle(Unit[].class);

    private final Text text;

    /** By instruction index: the unit that has an entry there, or null. */
    final Unit[] units;

    /** By instruction index: arrivals counted by the interpreter (racy: it only steers timing). */
    private final int[] heat;

    /** By function index: translation was tried. */
    private final BitSet tried = new BitSet();

    private int translated;

    /** Arrivals that make an offset hot: {@link #THRESHOLD}; tests set their own. */
    int threshold = THRESHOLD;

    Jit(Text text) {
        this.text = text;
        int n = text.exec.length / STRIDE;
        this.units = new Unit[n];
        this.heat = new int[n];
    }

    /** The unit with an entry at offset {@code o}, or null. */
    Unit at(int o) {
        return units[o / STRIDE];
    }

    /**
     * Counts an arrival at {@code o}; when it makes the offset hot, translates the function holding
     * it. Returns the unit now entered at {@code o}, or null.
     */
    Unit arrive(int o) {
        int i = o / STRIDE;
        if (++heat[i] != threshold) {
            return null;
        }
        translate(o);
        return (Unit) UNITS.getAcquire(units, i);
    }

    /** Number of functions translated so far. */
    synchronized int translated() {
        return translated;
    }

    /** Translates the function holding offset {@code o} unless that was tried. */
    synchronized void translate(int o) {
        Func f = text.findfunc(text.textStart + o);
        if (f == null || tried.get(f.entryIndex)) {
            return;
        }
        tried.set(f.entryIndex);
        int lo = (int) (f.entry - text.textStart);
        int hi = (int) (f.end - text.textStart);
        Translation t = new Translation(text, f.name, lo, hi);
        if (t.entries.isEmpty()) {
            return; // nothing to run (gort.halt)
        }
        Unit u = t.unit();
        if (u == null) {
            return;
        }
        for (int e = t.entries.nextSetBit(0); e >= 0; e = t.entries.nextSetBit(e + 1)) {
            UNITS.setRelease(units, e, u);
        }
        translated++;
    }

    // ---- translation ----

    private static final String CPU = Type.getInternalName(Cpu.class);
    private static final String UNIT = Type.getInternalName(Unit.class);
    private static final String FAULT = Type.getInternalName(Fault.class);
    private static final String ISA = Type.getInternalName(Isa.class);
    private static final int L_CPU = 1, L_R = 2, L_O = 3;

    /** One function's translation into the bytecode of a Unit subclass. */
    private static final class Translation {
        final Text text;
        final String name;
        final int lo, hi;
        final int[] code;

        /** Instruction indexes {@link Unit#run} can start at. */
        final BitSet entries = new BitSet();

        final Label[] at;
        MethodVisitor mv;

        Translation(Text text, String name, int lo, int hi) {
            this.text = text;
            this.name = name;
            this.lo = lo;
            this.hi = hi;
            this.code = text.exec;
            this.at = new Label[(hi - lo) / STRIDE];
            for (int i = 0; i < at.length; i++) {
                at[i] = new Label();
            }
            findEntries();
        }

        private boolean inside(int o) {
            return o >= lo && o < hi;
        }

        /** Ops with a translation: all but HALT (and codes no instruction has). */
        private static boolean translatable(int op) {
            return op >= MOVI && op <= MEMCLR
                    || op >= ADD && op <= SETCC
                    || op >= JMP && op <= RTCALL
                    || op == STACKCHECK
                    || op == ENTER
                    || op >= Cpu.LD8 && op <= Cpu.ST1;
        }

        private void entry(int o) {
            if (inside(o) && translatable(code[o] & 0xff)) {
                entries.set(o / STRIDE);
            }
        }

        private void findEntries() {
            entry(lo);
            for (int o = lo; o < hi; o += STRIDE) {
                int op = code[o] & 0xff;
                switch (op) {
                    case JMP, JZ, JNZ -> entry(code[o + 2]);
                    case CALL, CALLCLOSURE, RTCALL -> {
                        entry(o);
                        entry(o + STRIDE);
                    }
                    case STACKCHECK -> entry(o);
                    default -> {}
                }
            }
        }

        /** The unit, or null when the method would be too big for HotSpot to compile. */
        Unit unit() {
            ClassWriter cw =
                    new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
                        @Override
                        protected String getCommonSuperClass(String a, String b) {
                            return "java/lang/Object";
                        }
                    };
            String cls = Type.getInternalName(Jit.class) + "$Unit$" + sanitize(name);
            cw.visit(V17, ACC_FINAL | ACC_SUPER, cls, null, UNIT, null);
            MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
            init.visitCode();
            init.visitVarInsn(ALOAD, 0);
            init.visitMethodInsn(INVOKESPECIAL, UNIT, "<init>", "()V", false);
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();

            mv = cw.visitMethod(0, "run", "(L" + CPU + ";[JI)I", null, null);
            mv.visitCode();
            Label end = new Label();
            dispatch();
            for (int o = lo; o < hi; o += STRIDE) {
                insn(o);
            }
            mv.visitLabel(end);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            if (end.getOffset() > MAX_BYTECODE) {
                return null;
            }
            cw.visitEnd();
            try {
                MethodHandles.Lookup l =
                        MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true);
                return (Unit) l.lookupClass().getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("translating " + name, e);
            }
        }

        private static String sanitize(String s) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                b.append(Character.isJavaIdentifierPart(c) ? c : '_');
            }
            return b.toString();
        }

        /** The entry switch: o selects the label of its instruction. */
        private void dispatch() {
            int n = entries.cardinality();
            int[] keys = new int[n];
            Label[] labels = new Label[n];
            int k = 0;
            for (int e = entries.nextSetBit(0); e >= 0; e = entries.nextSetBit(e + 1)) {
                keys[k] = e * STRIDE;
                labels[k] = label(e * STRIDE);
                k++;
            }
            Label other = new Label();
            mv.visitVarInsn(ILOAD, L_O);
            mv.visitLookupSwitchInsn(other, keys, labels);
            mv.visitLabel(other);
            mv.visitVarInsn(ILOAD, L_O); // not an entry: the interpreter runs it
            mv.visitInsn(IRETURN);
        }

        private Label label(int o) {
            return at[(o - lo) / STRIDE];
        }

        // -- small emitters --

        private void push(int v) {
            if (v >= -1 && v <= 5) {
                mv.visitInsn(ICONST_0 + v);
            } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                mv.visitIntInsn(BIPUSH, v);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                mv.visitIntInsn(SIPUSH, v);
            } else {
                mv.visitLdcInsn(v);
            }
        }

        private void pushLong(long v) {
            if (v == 0 || v == 1) {
                mv.visitInsn(LCONST_0 + (int) v);
            } else {
                mv.visitLdcInsn(v);
            }
        }

        /** r[i] onto the stack. */
        private void reg(int i) {
            mv.visitVarInsn(ALOAD, L_R);
            push(i);
            mv.visitInsn(LALOAD);
        }

        /** Starts a store to r[i]: the array and index under the value to come. */
        private void toReg(int i) {
            mv.visitVarInsn(ALOAD, L_R);
            push(i);
        }

        /** r[i] + off. */
        private void addr(int i, int off) {
            reg(i);
            if (off != 0) {
                pushLong(off);
                mv.visitInsn(LADD);
            }
        }

        private void cpu() {
            mv.visitVarInsn(ALOAD, L_CPU);
        }

        private void call(String method, String desc) {
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, method, desc, false);
        }

        private void norm(int w) {
            if (w != W8 && w != S8) {
                push(w);
                mv.visitMethodInsn(INVOKESTATIC, ISA, "norm", "(JI)J", false);
            }
        }

        /** Control goes to offset t: a jump inside the function, else back to Cpu. */
        private void go(int t) {
            if (inside(t) && translatable(code[t] & 0xff)) {
                mv.visitJumpInsn(GOTO, label(t));
            } else {
                push(t);
                mv.visitInsn(IRETURN);
            }
        }

        /** Returns the int on the stack when it is not {@code next}; else continues at next. */
        private void returnUnless(int next) {
            mv.visitVarInsn(ISTORE, L_O);
            if (inside(next) && translatable(code[next] & 0xff)) {
                mv.visitVarInsn(ILOAD, L_O);
                push(next);
                mv.visitJumpInsn(IF_ICMPEQ, label(next));
            }
            mv.visitVarInsn(ILOAD, L_O);
            mv.visitInsn(IRETURN);
        }

        // -- one instruction --

        private void insn(int o) {
            int w0 = code[o];
            int op = w0 & 0xff;
            int a = w0 >>> 8 & 0xff;
            int b = w0 >>> 16 & 0xff;
            int c = w0 >>> 24;
            int x1 = code[o + 1];
            int x2 = code[o + 2];
            Label start = label(o);
            Label done = new Label();
            mv.visitLabel(start);
            boolean faults = true;
            switch (op) {
                case MOVI -> {
                    toReg(a);
                    pushLong(x1);
                    mv.visitInsn(LASTORE);
                    faults = false;
                }
                case MOVQ -> {
                    toReg(a);
                    pushLong(text.pool[x2]);
                    mv.visitInsn(LASTORE);
                    faults = false;
                }
                case MOV -> {
                    toReg(a);
                    reg(b);
                    mv.visitInsn(LASTORE);
                    faults = false;
                }
                case Cpu.LD8 -> {
                    toReg(a);
                    cpu();
                    addr(b, x1);
                    call("load64", "(J)J");
                    mv.visitInsn(LASTORE);
                }
                case Cpu.LD4U, Cpu.LD4S -> {
                    toReg(a);
                    cpu();
                    addr(b, x1);
                    call("load32", "(J)I");
                    mv.visitInsn(I2L);
                    if (op == Cpu.LD4U) {
                        pushLong(0xffffffffL);
                        mv.visitInsn(LAND);
                    }
                    mv.visitInsn(LASTORE);
                }
                case Cpu.LD1U -> {
                    toReg(a);
                    cpu();
                    addr(b, x1);
                    call("load8", "(J)I");
                    mv.visitInsn(I2L);
                    mv.visitInsn(LASTORE);
                }
                case Cpu.ST8 -> {
                    cpu();
                    addr(a, x1);
                    reg(b);
                    call("store64", "(JJ)V");
                }
                case Cpu.ST4, Cpu.ST1 -> {
                    cpu();
                    addr(a, x1);
                    reg(b);
                    mv.visitInsn(L2I);
                    call(op == Cpu.ST4 ? "store32" : "store8", "(JI)V");
                }
                case LOAD -> {
                    toReg(a);
                    cpu();
                    addr(b, x1);
                    push(c);
                    call("load", "(JI)J");
                    mv.visitInsn(LASTORE);
                }
                case STORE -> {
                    cpu();
                    addr(a, x1);
                    reg(b);
                    push(c);
                    call("store", "(JJI)V");
                }
                case LEA -> {
                    toReg(a);
                    addr(b, x1);
                    mv.visitInsn(LASTORE);
                    faults = false;
                }
                case MEMMOVE -> {
                    cpu();
                    reg(a);
                    reg(b);
                    reg(c);
                    call("memmove", "(JJJ)V");
                }
                case MEMCLR -> {
                    cpu();
                    reg(a);
                    reg(b);
                    call("memclr", "(JJ)V");
                }
                case ADD, SUB, MUL -> {
                    toReg(a);
                    reg(b);
                    reg(x1);
                    mv.visitInsn(op == ADD ? LADD : op == SUB ? LSUB : LMUL);
                    norm(c);
                    mv.visitInsn(LASTORE);
                    faults = false;
                }
                case DIV, MOD, AND, OR, XOR, ANDNOT, SHL, SHR -> {
                    toReg(a);
                    push(op);
                    reg(b);
                    reg(x1);
                    push(c);
                    mv.visitMethodInsn(INVOKESTATIC, CPU, "alu", "(IJJI)J", false);
                    mv.visitInsn(LASTORE);
                    faults = false;
                }
                case NEG, NOT -> {
                    toReg(a);
                    reg(b);
                    if (op == NEG) {
                        mv.visitInsn(LNEG);
                    } else {
                        pushLong(-1L);
                        mv.visitInsn(LXOR);
                    }
                    norm(c);
                    mv.visitInsn(LASTORE);
                    faults = false;
                }
                case SETCC -> {
                    toReg(a);
                    push(c);
                    reg(b);
                    reg(x1);
                    mv.visitMethodInsn(INVOKESTATIC, CPU, "cond", "(IJJ)Z", false);
                    mv.visitInsn(I2L);
                    mv.visitInsn(LASTORE);
                    faults = false;
                }
                case JMP -> {
                    cpu();
                    push(x2);
                    call("tick", "(I)V");
                    go(x2);
                }
                case JZ, JNZ -> {
                    reg(a);
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                    Label not = new Label();
                    mv.visitJumpInsn(op == JZ ? IFNE : IFEQ, not);
                    go(x2);
                    mv.visitLabel(not);
                    faults = false;
                }
                case CALL -> {
                    cpu();
                    push(o);
                    call("pushReturn", "(I)V");
                    push(x2);
                    mv.visitInsn(IRETURN);
                }
                case CALLCLOSURE -> {
                    cpu();
                    push(o);
                    push(a);
                    call("callclosure", "(II)I");
                    mv.visitInsn(IRETURN);
                }
                case Isa.RET -> {
                    cpu();
                    push(a);
                    push(x1);
                    call("ret", "(II)I");
                    mv.visitInsn(IRETURN);
                }
                case RTCALL -> {
                    cpu();
                    push(o);
                    push(x1);
                    call("rtcall", "(II)I");
                    returnUnless(o + STRIDE);
                }
                case STACKCHECK -> {
                    cpu();
                    push(x1);
                    call("needmore", "(I)Z");
                    Label more = new Label();
                    mv.visitJumpInsn(IFNE, more);
                    cpu();
                    push(o + STRIDE);
                    call("tick", "(I)V");
                    mv.visitJumpInsn(GOTO, done);
                    mv.visitLabel(more);
                    cpu();
                    push(o);
                    push(w0);
                    push(x1);
                    push(x2);
                    call("morestack", "(IIII)I");
                    mv.visitInsn(IRETURN);
                }
                case ENTER -> {
                    cpu();
                    push(x1);
                    call("enter", "(I)V");
                }
                default -> { // HALT and anything unknown: the interpreter's
                    push(o);
                    mv.visitInsn(IRETURN);
                    faults = false;
                }
            }
            mv.visitLabel(done);
            if (faults) {
                // a Fault inside this instruction: the CPU stops with this instruction's pc
                Label handler = new Label();
                Label after = new Label();
                mv.visitJumpInsn(GOTO, after);
                mv.visitLabel(handler);
                cpu();
                mv.visitInsn(SWAP);
                push(o);
                call("faultAt", "(L" + FAULT + ";I)L" + FAULT + ";");
                mv.visitInsn(ATHROW);
                mv.visitTryCatchBlock(start, done, handler, FAULT);
                mv.visitLabel(after);
            }
        }
    }
}
