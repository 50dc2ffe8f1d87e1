package gort.stack;

import static gort.runtime.cpu.FuncData.BitsPointer;
import static gort.runtime.cpu.FuncData.BitsScalar;
import static gort.runtime.cpu.FuncData.PCDATA_StackMapIndex;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.R1;
import static gort.runtime.cpu.Isa.R2;
import static gort.runtime.cpu.Isa.R3;
import static gort.runtime.cpu.Isa.SP;

import gort.proc.RuntimeText;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.StackMap;
import gort.runtime.cpu.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hand-assembled programs for the stack tests, as 6g/5g would compile them:
 *
 * <pre>
 * func rec(n int) int {
 *     a := n; p := &amp;a          // p points into rec's own frame
 *     if n == 0 { return 0 }
 *     r := rec(n-1)
 *     if p != &amp;a || *p != n { print("stack is corrupted\n"); return 0 }
 *     return r + 1
 * }
 * func main() { println(rec(N)) }
 * </pre>
 *
 * With {@code maps}, rec carries stack maps (p is a BitsPointer word), so its frames can be copied;
 * without, no frame can, and growth takes the segmented path.
 */
final class StackPrograms {
    private StackPrograms() {}

    /** Bytes of padding in rec's frame, so that a few dozen frames fill a stack. */
    static final int PAD = 160;

    static FuncBuilder rec(Arch arch, boolean maps) {
        int w = arch.PtrSize;
        int iw = Isa.width(w, true);
        int pw = Isa.width(w, false);
        int locals = 2 * w + 2 * w + PAD; // outgoing n, result; a; p; pad
        FuncBuilder f =
                new FuncBuilder(arch, "main.rec").args(2 * w).locals(locals).pos("rec.go", 1);
        int a = f.local(2 * w);
        int p = f.local(3 * w);
        if (maps) {
            int[] entry = new int[locals / w];
            int[] site = new int[locals / w];
            site[0] = BitsScalar;
            site[1] = BitsScalar;
            site[2] = BitsScalar;
            site[3] = BitsPointer;
            f.localsMaps(StackMap.of(entry, site));
            f.argsMaps(StackMap.of(new int[] {BitsScalar, 0}, new int[] {BitsScalar, BitsScalar}));
        }
        Label base = f.newLabel();
        Label corrupt = f.newLabel();
        f.load(R0, FuncBuilder.FP, 0, iw)
                .store(SP, a, R0, iw)
                .lea(R0, SP, a)
                .store(SP, p, R0, pw)
                .load(R0, FuncBuilder.FP, 0, iw)
                .jz(R0, base)
                .movi(R1, 1)
                .sub(R0, R0, R1, iw)
                .store(SP, f.outarg(0), R0, iw)
                .pcdata(PCDATA_StackMapIndex, 1)
                .call("main.rec")
                .pcdata(PCDATA_StackMapIndex, -1)
                .load(R1, SP, p, pw)
                .lea(R2, SP, a)
                .setcc(Isa.NE, R3, R1, R2)
                .jnz(R3, corrupt)
                .load(R1, R1, 0, iw)
                .load(R2, FuncBuilder.FP, 0, iw)
                .setcc(Isa.NE, R3, R1, R2)
                .jnz(R3, corrupt)
                .load(R0, SP, f.outarg(w), iw)
                .movi(R1, 1)
                .add(R0, R0, R1, iw)
                .store(FuncBuilder.FP, w, R0, iw)
                .ret();
        f.bind(base).movi(R0, 0).store(FuncBuilder.FP, w, R0, iw).ret();
        f.bind(corrupt);
        printstring(f, arch, "stack is corrupted\n", f.local(4 * w));
        f.movi(R0, 0).store(FuncBuilder.FP, w, R0, iw).ret();
        return f;
    }

    /** func main() { println(rec(n)) }, with stack maps when {@code maps}. */
    static FuncBuilder main(Arch arch, int n, boolean maps) {
        int w = arch.PtrSize;
        int locals = 2 * w + 48;
        FuncBuilder f = new FuncBuilder(arch, "main.main").locals(locals).pos("rec.go", 20);
        if (maps) {
            int[] words = new int[locals / w];
            Arrays.fill(words, BitsScalar);
            f.localsMaps(StackMap.of(words, words));
            f.argsMaps(StackMap.of(new int[0], new int[0]));
        }
        f.movi(R0, n)
                .store(SP, f.outarg(0), R0, Isa.width(w, true))
                .pcdata(PCDATA_StackMapIndex, 1)
                .call("main.rec")
                .load(R0, SP, f.outarg(w), Isa.width(w, true))
                .store(SP, f.outarg(0), R0, Isa.W8)
                .rtcall("runtime.printint")
                .rtcall("runtime.printnl")
                .ret();
        return f;
    }

    static void printstring(FuncBuilder f, Arch arch, String s, int buf) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            f.movi(R0, b[i]).store(SP, buf + i, R0, Isa.W1);
        }
        int w = arch.PtrSize;
        f.lea(R0, SP, buf)
                .store(SP, f.outarg(0), R0, Isa.width(w, false))
                .movi(R0, b.length)
                .store(SP, f.outarg(w), R0, Isa.width(w, true))
                .rtcall("runtime.printstring");
    }

    static Text link(Arch arch, FuncBuilder... fs) {
        Linker l = StackText.link(RuntimeText.link(new Linker(arch), arch), arch);
        for (FuncBuilder f : fs) {
            l.add(f);
        }
        return l.link();
    }

    /** A process running {@code text} with stack.c wired in, as GoRunner wires it. */
    static GoProcess process(
            Text text, ByteArrayOutputStream out, StatusObserver obs, boolean copystack) {
        Stacks stacks = new Stacks();
        stacks.copystack = copystack;
        GoProcess.Builder b =
                GoProcess.builder(text).stderr(out).stacks(stacks).morestack(stacks::newstack);
        if (obs != null) {
            b.observer(obs);
        }
        GoProcess process = b.build();
        stacks.stackinit(process);
        return process;
    }
}
