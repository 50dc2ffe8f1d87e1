package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import gort.runtime.Gobuf;
import gort.runtime.arch.Arch;
import gort.runtime.mem.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Translated code (Jit) does what the interpreter does: the same results, the same count of
 * branches against the sim budget, the same pc after a fault, an mcall or a morestack. Each test
 * runs one program twice, on a rig whose functions are all translated up front and on one that
 * never translates, and shows that the translated run did run a unit.
 */
class JitTest {

    /** A rig for {@code arch} loaded with {@code fns} (plus runtime.probe); translated or never. */
    private static Rig rig(Arch arch, boolean translated, Morestack ms, Consumer<Linker> fns) {
        Rig rig = new Rig(arch);
        Linker l =
                rig.linker().runtime("runtime.probe", (cpu, argp) -> PROBES.add(unitOnJavaStack()));
        fns.accept(l);
        rig.load(l.link(), ms);
        Jit jit = rig.text.jit;
        if (translated) {
            for (Func f : rig.text.funcs()) {
                jit.translate((int) (f.entry - rig.text.textStart));
            }
        } else {
            jit.threshold = Integer.MAX_VALUE;
        }
        return rig;
    }

    private static Rig rig(Arch arch, boolean translated, Consumer<Linker> fns) {
        return rig(
                arch,
                translated,
                c -> {
                    throw new AssertionError("unexpected morestack");
                },
                fns);
    }

    /** What runtime.probe saw: whether a unit's method was on the Java stack when it ran. */
    private static final List<Boolean> PROBES = new ArrayList<>();

    private static boolean unitOnJavaStack() {
        return StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
                .walk(s -> s.anyMatch(f -> f.getClassName().contains("Jit$Unit$")));
    }

    /** func sum(n int) int { s := 0; for i := 0; i < n; i++ { s += i*i } ; probe(); return s }. */
    private static FuncBuilder sum(Arch arch) {
        int w = arch.PtrSize;
        int in = Isa.width(w, true);
        FuncBuilder f = new FuncBuilder(arch, "main.sum").args(2 * w).locals(w).pos("sum.go", 1);
        Label head = f.newLabel();
        Label out = f.newLabel();
        f.load(R0, FuncBuilder.FP, 0, in).movi(R1, 0).movi(R2, 0);
        f.bind(head)
                .line(2)
                .setcc(LT, R3, R2, R0)
                .jz(R3, out)
                .alu(MUL, R4, R2, R2, in)
                .add(R1, R1, R4, in)
                .movi(R5, 1)
                .add(R2, R2, R5, in)
                .jmp(head);
        f.bind(out)
                .line(3)
                .store(SP, f.local(0), R1, in)
                .rtcall("runtime.probe")
                .load(R1, SP, f.local(0), in)
                .store(FuncBuilder.FP, w, R1, in)
                .ret();
        return f;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void translatedLoopsAndCallsComputeWhatTheInterpreterDoesWithTheSameBranchCount(Arch arch) {
        long[][] results = new long[2][];
        int[] budgets = new int[2];
        for (int t = 0; t < 2; t++) {
            PROBES.clear();
            Rig rig = rig(arch, t == 1, l -> l.add(sum(arch)).add(Rig.fib(arch, "main.fib")));
            long fib = rig.call("main.fib", 1, 20)[0];
            long sum = rig.call("main.sum", 1, 1000)[0];
            results[t] = new long[] {fib, sum};
            budgets[t] = rig.cpu.budget();
            assertThat(PROBES).containsExactly(t == 1);
            assertThat(rig.cpu.translatedFuncs())
                    .isEqualTo(t == 1 ? rig.text.funcs().size() - 1 : 0);
        }
        long expectedSum = 0;
        for (long i = 0; i < 1000; i++) {
            expectedSum += i * i;
        }
        assertThat(results[0]).containsExactly(6765, expectedSum);
        assertThat(results[1]).containsExactly(results[0]);
        assertThat(budgets[1]).isEqualTo(budgets[0]).isLessThan(Integer.MAX_VALUE - 1000);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFunctionIsTranslatedOnceItsEntryWasReachedThresholdTimes(Arch arch) {
        Rig rig = rig(arch, false, l -> l.add(Rig.fib(arch, "main.fib")));
        rig.text.jit.threshold = 5;
        int entry = (int) (rig.text.lookup("main.fib").entry - rig.text.textStart);
        assertThat(rig.text.jit.at(entry)).isNull();
        assertThat(rig.call("main.fib", 1, 10)).containsExactly(55);
        assertThat(rig.text.jit.at(entry)).isNotNull();
        assertThat(rig.cpu.translatedFuncs()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFaultInTranslatedCodeStopsTheCpuAtTheFaultingInstruction(Arch arch) {
        for (boolean translated : new boolean[] {false, true}) {
            Rig rig =
                    rig(
                            arch,
                            translated,
                            l ->
                                    l.add(
                                            new FuncBuilder(arch, "main.nilderef")
                                                    .args(2 * arch.PtrSize)
                                                    .pos("n.go", 1)
                                                    .load(
                                                            R0,
                                                            FuncBuilder.FP,
                                                            0,
                                                            Isa.width(arch.PtrSize, false))
                                                    .line(2)
                                                    .load(R1, R0, 8, Isa.width(arch.PtrSize, true))
                                                    .store(
                                                            FuncBuilder.FP,
                                                            arch.PtrSize,
                                                            R1,
                                                            Isa.width(arch.PtrSize, true))
                                                    .ret()));
            Fault fault = catchThrowableOfType(() -> rig.call("main.nilderef", 1, 0), Fault.class);
            assertThat(fault.addr()).isEqualTo(8);
            Func fn = rig.text.lookup("main.nilderef");
            assertThat(rig.cpu.pc())
                    .isEqualTo(fn.entry + 4); // the second LOAD (no frame, no prologue)
            assertThat(rig.text.funcline(fn, rig.cpu.pc())).isEqualTo(2);
            assertThat(rig.text.jit.at((int) (fn.entry - rig.text.textStart)) != null)
                    .isEqualTo(translated);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void mcallFromTranslatedCodeSavesTheStateAfterItsRtcallAndGogoResumesIt(Arch arch) {
        for (boolean translated : new boolean[] {false, true}) {
            PROBES.clear();
            Rig rig =
                    rig(
                            arch,
                            translated,
                            l -> {
                                int w = arch.PtrSize;
                                int in = Isa.width(w, true);
                                FuncBuilder f =
                                        new FuncBuilder(arch, "main.f")
                                                .args(2 * w)
                                                .locals(w)
                                                .pos("m.go", 3);
                                f.rtcall("runtime.park")
                                        .line(4)
                                        .rtcall("runtime.probe")
                                        .load(R0, FuncBuilder.FP, 0, in)
                                        .add(R0, R0, R0, in)
                                        .store(FuncBuilder.FP, w, R0, in)
                                        .ret();
                                l.add(f).runtime("runtime.park", (cpu, argp) -> cpu.mcall(g -> {}));
                            });
            rig.prepare("main.f", 1, 21);
            assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.MCALL);
            Func f = rig.text.lookup("main.f");
            Gobuf s = rig.g.sched;
            assertThat(s.pc).isEqualTo(f.entry + 4L * 3); // after STACKCHECK, ENTER, RTCALL
            assertThat(rig.cpu.mcallG()).isSameAs(rig.g);
            rig.cpu.gogo(s);
            assertThat(rig.cpu.run()).isEqualTo(Cpu.Stop.HALT);
            assertThat(rig.results(1, 1)).containsExactly(42);
            assertThat(PROBES).containsExactly(translated);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void morestackFromTranslatedCodeSeesTheSameStateAndResumesTheSame(Arch arch) {
        CountingMorestack[] seen = new CountingMorestack[2];
        for (int t = 0; t < 2; t++) {
            CountingMorestack ms = new CountingMorestack(1 << 20);
            Rig rig = rig(arch, t == 1, ms, l -> l.add(Rig.fib(arch, "main.fib")));
            rig.g.stackguard0 = rig.stackHi - 256; // a few frames deep, fib's check fails
            assertThat(rig.call("main.fib", 1, 15)).containsExactly(610);
            seen[t] = ms;
        }
        assertThat(seen[0].calls).isEqualTo(1);
        assertThat(seen[1].calls).isEqualTo(1);
        assertThat(seen[1].schedPC).isEqualTo(seen[0].schedPC);
        assertThat(seen[1].schedSP).isEqualTo(seen[0].schedSP);
        assertThat(seen[1].morebufPC).isEqualTo(seen[0].morebufPC);
        assertThat(seen[1].onG0).isTrue();
    }
}
