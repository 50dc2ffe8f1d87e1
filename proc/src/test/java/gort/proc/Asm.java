package gort.proc;

import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.R1;
import static gort.runtime.cpu.Isa.R2;
import static gort.runtime.cpu.Isa.SP;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import java.nio.charset.StandardCharsets;

/**
 * A small assembler for hand-built test and benchmark programs with named stack slots: each
 * function has 6 outgoing argument words, then 8 value slots (0..7, int-sized), then a 64-byte
 * string buffer. Go statements, channel operations and prints are lowered as the code generator
 * lowers them (docs/machine.md and the chan contract). proc's tests use it, and module bench
 * through the proc test-jar (which holds only this class).
 */
public final class Asm {
    public static final int OUTWORDS = 6;
    public static final int SLOTS = 8;
    public static final int STRBUF = 64;

    public final FuncBuilder f;
    public final Arch arch;
    public final int w;
    public final int iw;

    public Asm(Arch arch, String name, int nargs) {
        this.arch = arch;
        this.w = arch.PtrSize;
        this.iw = Isa.width(w, true);
        this.f =
                new FuncBuilder(arch, name)
                        .locals(OUTWORDS * w + SLOTS * 8 + STRBUF)
                        .pos("prog.go", 1)
                        .args(nargs * w);
    }

    public int slot(int i) {
        return f.local(OUTWORDS * w + 8 * i);
    }

    public Asm set(int s, long v) {
        f.movi(R0, v).store(SP, slot(s), R0, iw);
        return this;
    }

    /** slot s = the function's argument word k. */
    public Asm arg(int s, int k) {
        f.load(R0, FuncBuilder.FP, k * w, iw).store(SP, slot(s), R0, iw);
        return this;
    }

    public Asm out(int k, int s) {
        f.load(R0, SP, slot(s), iw).store(SP, f.outarg(k * w), R0, iw);
        return this;
    }

    public Asm outAddr(int k, int s) {
        f.lea(R0, SP, slot(s)).store(SP, f.outarg(k * w), R0, iw);
        return this;
    }

    public Asm outImm(int k, long v) {
        f.movi(R0, v).store(SP, f.outarg(k * w), R0, iw);
        return this;
    }

    /** slot s = outgoing word k (a result). */
    public Asm in(int s, int k) {
        f.load(R0, SP, f.outarg(k * w), iw).store(SP, slot(s), R0, iw);
        return this;
    }

    public Asm rt(String name) {
        f.rtcall(name);
        return this;
    }

    public Asm addi(int s, long v) {
        f.load(R0, SP, slot(s), iw).movi(R1, v).add(R0, R0, R1, iw).store(SP, slot(s), R0, iw);
        return this;
    }

    public Asm add(int dst, int a, int b) {
        f.load(R0, SP, slot(a), iw)
                .load(R1, SP, slot(b), iw)
                .add(R0, R0, R1, iw)
                .store(SP, slot(dst), R0, iw);
        return this;
    }

    /** Jumps to l unless slot a &lt; slot b. */
    public Asm jge(int a, int b, Label l) {
        f.load(R0, SP, slot(a), iw).load(R1, SP, slot(b), iw).setcc(Isa.LT, R2, R0, R1).jz(R2, l);
        return this;
    }

    /** Jumps to l if slot 6 (select's chosen) is not zero. */
    public Asm jnz6(Label l) {
        f.load(R0, SP, slot(6), iw).jnz(R0, l);
        return this;
    }

    /** Jumps to l if slot s is zero. */
    public Asm jz(int s, Label l) {
        f.load(R0, SP, slot(s), iw).jz(R0, l);
        return this;
    }

    /** slot s = make(chan T, size) with sizeof(T) = elemsize; uses slot 7 for the type. */
    public Asm makechan(int s, int elemsize, long size) {
        set(7, elemsize);
        outAddr(0, 7).outImm(1, size).rt("runtime.makechan").in(s, 2);
        return this;
    }

    /** slot ch &lt;- slot v. */
    public Asm send(int ch, int v) {
        return out(0, ch).outAddr(1, v).rt("runtime.chansend1");
    }

    /** slot dst = &lt;-slot ch. */
    public Asm recv(int ch, int dst) {
        return out(0, ch).outAddr(1, dst).rt("runtime.chanrecv1");
    }

    /** slot dst, slot ok = &lt;-slot ch. */
    public Asm recv2(int ch, int dst, int ok) {
        out(0, ch).outAddr(1, dst).rt("runtime.chanrecv2");
        f.load(R0, SP, f.outarg(2 * w), Isa.W1).store(SP, slot(ok), R0, iw);
        return this;
    }

    public Asm close(int ch) {
        return out(0, ch).rt("runtime.closechan");
    }

    /** go fn(slot args...), the FuncVal in slot fvSlot. */
    public Asm go(String fn, int fvSlot, int... args) {
        f.movaddr(R0, fn).store(SP, slot(fvSlot), R0, Isa.width(w, false));
        f.movi(R0, (long) args.length * w).store(SP, f.outarg(0), R0, Isa.W4);
        outAddr(1, fvSlot);
        for (int j = 0; j < args.length; j++) {
            out(2 + j, args[j]);
        }
        return rt("runtime.newproc");
    }

    public Asm printint(int s) {
        f.load(R0, SP, slot(s), iw).store(SP, f.outarg(0), R0, Isa.W8).rtcall("runtime.printint");
        return this;
    }

    public Asm printstr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > STRBUF) {
            throw new IllegalArgumentException("string too long");
        }
        int buf = slot(SLOTS);
        for (int i = 0; i < b.length; i++) {
            f.movi(R0, b[i]).store(SP, buf + i, R0, Isa.W1);
        }
        f.lea(R0, SP, buf)
                .store(SP, f.outarg(0), R0, Isa.width(w, false))
                .movi(R0, b.length)
                .store(SP, f.outarg(w), R0, iw)
                .rtcall("runtime.printstring");
        return this;
    }

    public Asm nl() {
        return rt("runtime.printnl");
    }

    public Label label() {
        return f.newLabel();
    }

    public Asm bind(Label l) {
        f.bind(l);
        return this;
    }

    public Asm jmp(Label l) {
        f.jmp(l);
        return this;
    }

    public FuncBuilder ret() {
        return f.ret();
    }
}
