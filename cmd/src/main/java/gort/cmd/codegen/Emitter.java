package gort.cmd.codegen;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.StackMap;

/**
 * The code generator's view of a {@link FuncBuilder}: the same instructions, minus a {@code MOVI
 * rd, imm} whose register already holds {@code imm} (an expression's constant operand reloaded into
 * the scratch register R7, a zero stored twice ...).
 *
 * <p>Why this is safe: the emitter knows a register's constant only along straight-line code.
 * Binding a label forgets everything (another path may jump there), and so does every call (CALL,
 * CALLCLOSURE, RTCALL): the callee may park the goroutine, which resumes on another M with other
 * register contents (docs/machine.md: no register is live across a call), and a runtime function
 * such as deferproc returns a value in R0. An instruction that writes a register forgets that
 * register's constant.
 */
final class Emitter {
    private final FuncBuilder f;

    /** known[r]: whether R0..R7 hold value[r]. */
    private final boolean[] known = new boolean[Isa.R7 + 1];

    private final long[] value = new long[Isa.R7 + 1];

    Emitter(Arch arch, String name) {
        this.f = new FuncBuilder(arch, name);
    }

    /** The function built so far. */
    FuncBuilder builder() {
        return f;
    }

    private void forget(int r) {
        if (r >= 0 && r < known.length) {
            known[r] = false;
        }
    }

    private void forgetAll() {
        java.util.Arrays.fill(known, false);
    }

    // ---- declarations (no code) ----

    Emitter args(int n) {
        f.args(n);
        return this;
    }

    Emitter locals(int n) {
        f.locals(n);
        return this;
    }

    Emitter needctxt(boolean v) {
        f.needctxt(v);
        return this;
    }

    Emitter argsMaps(StackMap m) {
        f.argsMaps(m);
        return this;
    }

    Emitter localsMaps(StackMap m) {
        f.localsMaps(m);
        return this;
    }

    Emitter pos(String file, int line) {
        f.pos(file, line);
        return this;
    }

    Emitter line(int line) {
        f.line(line);
        return this;
    }

    Emitter pcdata(int table, int value) {
        f.pcdata(table, value);
        return this;
    }

    int local(int off) {
        return f.local(off);
    }

    int outarg(int off) {
        return f.outarg(off);
    }

    int size() {
        return f.size();
    }

    // ---- labels ----

    Label newLabel() {
        return f.newLabel();
    }

    /** Binds {@code l}; a jump may arrive here from anywhere, so no register is known. */
    Emitter bind(Label l) {
        f.bind(l);
        forgetAll();
        return this;
    }

    // ---- instructions ----

    /** {@code MOVI rd, imm}, unless rd already holds imm. */
    Emitter movi(int rd, long imm) {
        if (rd >= 0 && rd < known.length && known[rd] && value[rd] == imm) {
            return this;
        }
        f.movi(rd, imm);
        if (rd >= 0 && rd < known.length) {
            known[rd] = true;
            value[rd] = imm;
        }
        return this;
    }

    Emitter movaddr(int rd, String fn) {
        f.movaddr(rd, fn);
        forget(rd);
        return this;
    }

    Emitter mov(int rd, int rs) {
        f.mov(rd, rs);
        boolean k = rs >= 0 && rs < known.length && known[rs];
        if (rd >= 0 && rd < known.length) {
            known[rd] = k;
            value[rd] = k ? value[rs] : 0;
        }
        return this;
    }

    Emitter load(int rd, int base, int off, int width) {
        f.load(rd, base, off, width);
        forget(rd);
        return this;
    }

    Emitter store(int base, int off, int rs, int width) {
        f.store(base, off, rs, width);
        return this;
    }

    Emitter lea(int rd, int base, int off) {
        f.lea(rd, base, off);
        forget(rd);
        return this;
    }

    Emitter memmove(int dst, int src, int n) {
        f.memmove(dst, src, n);
        return this;
    }

    Emitter memclr(int dst, int n) {
        f.memclr(dst, n);
        return this;
    }

    Emitter alu(int op, int rd, int ra, int rb, int width) {
        f.alu(op, rd, ra, rb, width);
        forget(rd);
        return this;
    }

    Emitter add(int rd, int ra, int rb, int width) {
        return alu(Isa.ADD, rd, ra, rb, width);
    }

    Emitter sub(int rd, int ra, int rb, int width) {
        return alu(Isa.SUB, rd, ra, rb, width);
    }

    Emitter neg(int rd, int rs, int width) {
        f.neg(rd, rs, width);
        forget(rd);
        return this;
    }

    Emitter not(int rd, int rs, int width) {
        f.not(rd, rs, width);
        forget(rd);
        return this;
    }

    Emitter setcc(int cc, int rd, int ra, int rb) {
        f.setcc(cc, rd, ra, rb);
        forget(rd);
        return this;
    }

    Emitter jmp(Label l) {
        f.jmp(l);
        return this;
    }

    Emitter jz(int rs, Label l) {
        f.jz(rs, l);
        return this;
    }

    Emitter jnz(int rs, Label l) {
        f.jnz(rs, l);
        return this;
    }

    Emitter call(String fn) {
        f.call(fn);
        forgetAll();
        return this;
    }

    Emitter callclosure(int rs) {
        f.callclosure(rs);
        forgetAll();
        return this;
    }

    Emitter rtcall(String fn) {
        f.rtcall(fn);
        forgetAll();
        return this;
    }

    Emitter ret() {
        f.ret();
        forgetAll();
        return this;
    }
}
