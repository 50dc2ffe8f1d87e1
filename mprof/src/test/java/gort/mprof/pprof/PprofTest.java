package gort.mprof.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.Text;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** pprof.go's printCountProfile and printStackRecord over a small text, on both GOARCHes. */
class PprofTest {
    /** The return pc in f whose call instruction is on {@code line}. */
    static long returnPcOnLine(Text t, String fn, int line) {
        Func f = t.lookup(fn);
        for (long pc = f.entry + t.arch.PCQuantum; pc < f.end; pc += t.arch.PCQuantum) {
            if (t.funcline(f, pc - t.arch.PCQuantum) == line) {
                return pc;
            }
        }
        throw new AssertionError("no pc on line " + line);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void equalStacksAreCountedOnceAtTheirFirstOccurrenceWithTheirFrames(Arch arch) {
        Text t = SymbolsRig.text(arch);
        StackSymbols sym = new StackSymbols(t);
        long f4 = returnPcOnLine(t, "main.f", 4);
        long f5 = returnPcOnLine(t, "main.f", 5);
        long rmain = t.lookup("runtime.main").entry + arch.PCQuantum;
        long goexit = t.lookup("runtime.goexit").entry;
        Func ff = t.lookup("main.f");
        Func fm = t.lookup("runtime.main");
        List<long[]> stacks =
                List.of(
                        new long[] {f4, goexit},
                        new long[] {rmain, goexit},
                        new long[] {rmain, f5, goexit},
                        new long[] {f4, goexit});
        String text = Pprof.printCountProfile(1, "goroutine", stacks, sym);
        assertThat(text)
                .isEqualTo(
                        "goroutine profile: total 4\n"
                                + ("2 @ " + hex(f4) + " " + hex(goexit) + "\n")
                                + ("#\t" + hex(f4) + "\tmain.f+" + hex(f4 - ff.entry))
                                + "\t/src/f.go:4\n\n"
                                // nothing but runtime frames: shown after all (goexit never)
                                + ("1 @ " + hex(rmain) + " " + hex(goexit) + "\n")
                                + ("#\t" + hex(rmain) + "\truntime.main+" + hex(rmain - fm.entry))
                                + "\tproc.c:250\n\n"
                                // a leading runtime frame is hidden when Go frames follow
                                + ("1 @ " + hex(rmain) + " " + hex(f5) + " " + hex(goexit) + "\n")
                                + ("#\t" + hex(f5) + "\tmain.f+" + hex(f5 - ff.entry))
                                + "\t/src/f.go:5\n\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void debugZeroPrintsCountsAndPcsOnly(Arch arch) {
        Text t = SymbolsRig.text(arch);
        long f4 = returnPcOnLine(t, "main.f", 4);
        String text =
                Pprof.printCountProfile(
                        0, "goroutine", List.of(new long[] {f4}), new StackSymbols(t));
        assertThat(text).isEqualTo("goroutine profile: total 1\n1 @ " + hex(f4) + "\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPcOutsideTheTextPrintsBare(Arch arch) {
        Text t = SymbolsRig.text(arch);
        String text =
                Pprof.printCountProfile(
                        1, "goroutine", List.of(new long[] {0x10}), new StackSymbols(t));
        assertThat(text).isEqualTo("goroutine profile: total 1\n1 @ 0x10\n#\t0x10\n\n");
    }
}
