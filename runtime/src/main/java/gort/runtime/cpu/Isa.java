package gort.runtime.cpu;

/**
 * The instruction set of docs/machine.md: opcodes, register numbers, operand widths and condition
 * codes, and the encoding of an instruction in {@link Text}'s code array.
 *
 * <h2>Encoding</h2>
 *
 * <p>Every instruction occupies 4 bytes of text (one PC step of 4 on both arches) and {@link
 * #STRIDE} ints of the code array: word 0 packs {@code op | a << 8 | b << 16 | c << 24} (register
 * numbers, a width code or a condition), word 1 an immediate or offset, word 2 a branch target as
 * an offset into the code array, or a second operand; word 3 is spare. Since {@code STRIDE ==
 * INSN_BYTES}, an instruction's offset in the code array equals its pc's offset from the text
 * start, so the interpreter keeps that one int as its pc. A whole program's text is one array, so a
 * CALL or JMP only sets the instruction index: no lookup happens on the interpreter's path. A
 * 64-bit immediate that does not fit word 1 goes to {@link Text}'s constant pool (word 2 indexes
 * it).
 *
 * <p>Measured choice: an int[] decoded by a dense {@code switch} on the opcode keeps the
 * interpreter's state in locals and its code in one cache-friendly array; instruction objects would
 * add a pointer chase and a type check per instruction.
 */
public final class Isa {
    private Isa() {}

    /** Ints per instruction in the code array. */
    public static final int STRIDE = 4;

    /** Bytes of text per instruction, on both arches. */
    public static final int INSN_BYTES = 4;

    // ---- registers ----

    /** General registers R0..R7 are numbers 0..7. */
    public static final int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7;

    /** The closure context register (Go's DX on amd64, R7 on arm); saved in Gobuf.ctxt. */
    public static final int CTXT = 8;

    /** The stack pointer, usable as a base register: {@code [SP+off]}. */
    public static final int SP = 9;

    /** The link register (arm only; always 0 on amd64). */
    public static final int LR = 10;

    /** Size of the register file. */
    public static final int NREG = 16;

    // ---- widths: bits 0-1 log2(bytes), bit 2 signed ----

    public static final int W1 = 0, W2 = 1, W4 = 2, W8 = 3;
    public static final int SIGNED = 4;
    public static final int S1 = W1 | SIGNED, S2 = W2 | SIGNED, S4 = W4 | SIGNED, S8 = W8 | SIGNED;

    /** The width code of an {@code n}-byte value, signed or not. */
    public static int width(int n, boolean signed) {
        int w;
        switch (n) {
            case 1:
                w = W1;
                break;
            case 2:
                w = W2;
                break;
            case 4:
                w = W4;
                break;
            case 8:
                w = W8;
                break;
            default:
                throw new IllegalArgumentException("width " + n + " is not 1, 2, 4 or 8");
        }
        return signed ? w | SIGNED : w;
    }

    // ---- conditions of SETcc ----

    public static final int EQ = 0, NE = 1, LT = 2, LE = 3, GT = 4, GE = 5;

    /** Unsigned conditions. */
    public static final int LTU = 6, LEU = 7, GTU = 8, GEU = 9;

    // ---- opcodes ----

    /**
     * Stops the CPU: {@link Cpu#run} returns {@link Cpu.Stop#HALT}. gort's own, for tests and g0.
     */
    public static final int HALT = 0;

    /** {@code MOVI a, imm}: a = word 1 (sign-extended int). */
    public static final int MOVI = 1;

    /** {@code MOVI a, imm64}: a = pool[word 2]. */
    public static final int MOVQ = 2;

    /** {@code MOV a, b}. */
    public static final int MOV = 3;

    /** {@code LOAD a, [b+off], c}: c is a width code; loads sign- or zero-extend. */
    public static final int LOAD = 4;

    /** {@code STORE [a+off], b, c}. */
    public static final int STORE = 5;

    /** {@code LEA a, [b+off]}. */
    public static final int LEA = 6;

    /** {@code MEMMOVE a=dst, b=src, c=register holding n}. */
    public static final int MEMMOVE = 7;

    /** {@code MEMCLR a=dst, b=register holding n}. */
    public static final int MEMCLR = 8;

    /** ALU: {@code OP a, b, word1-register, c}: a = b OP r[word 1], normalized to width c. */
    public static final int ADD = 10,
            SUB = 11,
            MUL = 12,
            DIV = 13,
            MOD = 14,
            AND = 15,
            OR = 16,
            XOR = 17,
            ANDNOT = 18,
            SHL = 19,
            SHR = 20;

    /** Unary: {@code NEG a, b, c} and {@code NOT a, b, c}. */
    public static final int NEG = 21, NOT = 22;

    /** {@code SETcc a, b, r[word 1]}: a = 1 if the condition in c holds, else 0. */
    public static final int SETCC = 23;

    /** {@code JMP target}. */
    public static final int JMP = 30;

    /** {@code JZ a, target}. */
    public static final int JZ = 31;

    /** {@code JNZ a, target}. */
    public static final int JNZ = 32;

    /** {@code CALL f}: word 2 is f's entry as an instruction index. */
    public static final int CALL = 33;

    /** {@code CALLCLOSURE a}: a holds a FuncVal*; CTXT = a, PC = *a. */
    public static final int CALLCLOSURE = 34;

    /** {@code RET}: word 1 is the frame size the prologue's ENTER allocated (0 for an arm leaf). */
    public static final int RET = 35;

    /** {@code RTCALL fn}: word 1 indexes the text's runtime functions. */
    public static final int RTCALL = 36;

    /**
     * {@code STACKCHECK}: the split-stack check of liblink's stacksplit. Word 1 is the frame size
     * the comparison uses (amd64: locals; arm: autosize), word 2 the argument size (for
     * m->moreargsize), {@code a} = 1 when the function needs CTXT (else morestack_noctxt), {@code
     * b} = 1 when m->moreframesize gets the frame size (always on arm; on amd64 only when StackMin
     * might not be enough, as obj6.c's moreconst1).
     */
    public static final int STACKCHECK = 40;

    /** {@code ENTER}: allocates the frame (amd64 SUBQ $frame, SP; arm MOVW.W LR, -frame(SP)). */
    public static final int ENTER = 41;

    /** Number of opcodes (exclusive bound). */
    public static final int NOPS = 42;

    /** The mnemonic of {@code op}, for listings and messages. */
    public static String name(int op) {
        switch (op) {
            case HALT:
                return "HALT";
            case MOVI:
                return "MOVI";
            case MOVQ:
                return "MOVQ";
            case MOV:
                return "MOV";
            case LOAD:
                return "LOAD";
            case STORE:
                return "STORE";
            case LEA:
                return "LEA";
            case MEMMOVE:
                return "MEMMOVE";
            case MEMCLR:
                return "MEMCLR";
            case ADD:
                return "ADD";
            case SUB:
                return "SUB";
            case MUL:
                return "MUL";
            case DIV:
                return "DIV";
            case MOD:
                return "MOD";
            case AND:
                return "AND";
            case OR:
                return "OR";
            case XOR:
                return "XOR";
            case ANDNOT:
                return "ANDNOT";
            case SHL:
                return "SHL";
            case SHR:
                return "SHR";
            case NEG:
                return "NEG";
            case NOT:
                return "NOT";
            case SETCC:
                return "SETcc";
            case JMP:
                return "JMP";
            case JZ:
                return "JZ";
            case JNZ:
                return "JNZ";
            case CALL:
                return "CALL";
            case CALLCLOSURE:
                return "CALLCLOSURE";
            case RET:
                return "RET";
            case RTCALL:
                return "RTCALL";
            case STACKCHECK:
                return "STACKCHECK";
            case ENTER:
                return "ENTER";
            default:
                return "op" + op;
        }
    }

    /**
     * {@code v} truncated to the width code {@code w} and sign- or zero-extended back to 64 bits.
     */
    public static long norm(long v, int w) {
        switch (w) {
            case W8:
            case S8:
                return v;
            case S4:
                return (int) v;
            case W4:
                return v & 0xffffffffL;
            case S2:
                return (short) v;
            case W2:
                return v & 0xffffL;
            case S1:
                return (byte) v;
            case W1:
                return v & 0xffL;
            default:
                throw new IllegalArgumentException("width code " + w);
        }
    }
}
