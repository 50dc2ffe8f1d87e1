package gort.cmd.codegen;

import static gort.runtime.cpu.FuncData.*;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.BitVector;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Text;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The line tables and stack maps of compiled functions. */
class CodeGenTablesTest {

    static final String PROGRAM =
            """
      package main

      func f(p string, k int) (string, int) {
      	s := "hello"
      	n := 7
      	if k > 0 {
      		println(s, n, p)
      	}
      	return s, n + k
      }

      func fib(n int) int {
      	if n < 2 {
      		return n
      	}
      	return fib(n-1) + fib(n-2)
      }

      func main() {
      	a, b := f("arg", 3)
      	println(a, b, fib(10))
      }
      """;

    /** First and last source line of each function of PROGRAM. */
    static final Object[][] SPANS = {
        {"main.f", 3, 10}, {"main.fib", 12, 17}, {"main.main", 19, 22}
    };

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyPcOfACompiledFunctionMapsToALineOfThatFunction(Arch arch) {
        GoMachine gm = new GoMachine(arch).load(PROGRAM);
        Text t = gm.image.text();
        for (Object[] span : SPANS) {
            Func fn = t.lookup((String) span[0]);
            List<Integer> lines = new ArrayList<>();
            for (long pc = fn.entry; pc < fn.end; pc += Isa.INSN_BYTES) {
                assertThat(t.findfunc(pc)).isSameAs(fn);
                assertThat(t.funcfile(fn, pc)).isEqualTo(GoMachine.FILE);
                lines.add(t.funcline(fn, pc));
            }
            assertThat(lines)
                    .as("lines of %s", span[0])
                    .allSatisfy(l -> assertThat(l).isBetween((Integer) span[1], (Integer) span[2]));
        }
        assertThat(gm.runMain()).isEqualTo("hello 7 arg\nhello 10 55\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyCallSiteHasItsOwnStackMapIndex(Arch arch) {
        Text t = new GoMachine(arch).load(PROGRAM).image.text();
        for (Object[] span : SPANS) {
            Func fn = t.lookup((String) span[0]);
            List<Integer> indexes = new ArrayList<>();
            for (long pc = fn.entry; pc < fn.end; pc += Isa.INSN_BYTES) {
                int op = t.opAt(pc);
                int idx = t.pcdatavalue(fn, PCDATA_StackMapIndex, pc);
                if (op == Isa.CALL || op == Isa.RTCALL) {
                    indexes.add(idx);
                    assertThat(t.funcdata(fn, FUNCDATA_LocalsPointerMaps).stackmapdata(idx).words())
                            .isEqualTo(fn.locals / arch.PtrSize);
                    assertThat(t.funcdata(fn, FUNCDATA_ArgsPointerMaps).stackmapdata(idx).words())
                            .isEqualTo(fn.args / arch.PtrSize);
                } else {
                    assertThat(idx).isEqualTo(-1);
                }
            }
            assertThat(indexes).doesNotHaveDuplicates().doesNotContain(0, -1);
            assertThat(t.funcdata(fn, FUNCDATA_LocalsPointerMaps).n).isEqualTo(indexes.size() + 1);
        }
    }

    /**
     * At each of f's runtime calls, scanning its frame the way scanframe does finds exactly the
     * pointer words of its string variables and parameters: s's and p's data, and the result string
     * (nil while unassigned); every other marked word is a scalar.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void stackMapsMarkExactlyThePointerWordsOfTheFrame(Arch arch) {
        GoMachine gm = new GoMachine(arch);
        int w = arch.PtrSize;
        List<List<Long>> pointers = new ArrayList<>();
        List<List<Long>> scalars = new ArrayList<>();
        gm.extra.put(
                "runtime.printsp",
                (cpu, argp) -> {
                    Text t = cpu.text();
                    long pc = cpu.pc();
                    Func fn = t.findfunc(pc);
                    if (!fn.name.equals("main.f")) {
                        return;
                    }
                    long fp = cpu.sp() + t.funcspdelta(fn, pc) + (arch.hasLinkRegister ? 0 : w);
                    long varp = arch.hasLinkRegister ? fp : fp - w;
                    long fargp = fp + (arch.hasLinkRegister ? w : 0);
                    int idx = t.pcdatavalue(fn, PCDATA_StackMapIndex, pc - 1);
                    List<Long> ps = new ArrayList<>();
                    List<Long> ss = new ArrayList<>();
                    BitVector lv = t.funcdata(fn, FUNCDATA_LocalsPointerMaps).stackmapdata(idx);
                    for (int i = 0; i < lv.words(); i++) {
                        long a = varp - (long) lv.words() * w + (long) i * w;
                        classify(lv.kind(i), cpu.mem().loadp(a), ps, ss);
                    }
                    BitVector av = t.funcdata(fn, FUNCDATA_ArgsPointerMaps).stackmapdata(idx);
                    for (int i = 0; i < av.words(); i++) {
                        classify(av.kind(i), cpu.mem().loadp(fargp + (long) i * w), ps, ss);
                    }
                    pointers.add(ps);
                    scalars.add(ss);
                });
        gm.load(PROGRAM);
        gm.runMain();
        assertThat(pointers).hasSize(2);
        long hello = addressOf(gm, "hello");
        long arg = addressOf(gm, "arg");
        for (int i = 0; i < 2; i++) {
            // locals: s.ptr; args: p.ptr, the first result's ptr (zeroed at entry)
            assertThat(pointers.get(i)).containsExactlyInAnyOrder(hello, arg, 0L);
            // locals: s.len, n; args: p.len, k, the results' len and int (zero)
            assertThat(scalars.get(i)).containsExactlyInAnyOrder(5L, 7L, 3L, 3L, 0L, 0L);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theEntryMapHasParametersLiveAndResultsAndLocalsDead(Arch arch) {
        Text t = new GoMachine(arch).load(PROGRAM).image.text();
        Func fn = t.lookup("main.f");
        BitVector args = t.funcdata(fn, FUNCDATA_ArgsPointerMaps).stackmapdata(0);
        assertThat(kinds(args))
                .containsExactly(BitsPointer, BitsScalar, BitsScalar, BitsDead, BitsDead, BitsDead);
        BitVector locals = t.funcdata(fn, FUNCDATA_LocalsPointerMaps).stackmapdata(0);
        assertThat(kinds(locals)).containsOnly(BitsDead);
        BitVector atCall = t.funcdata(fn, FUNCDATA_LocalsPointerMaps).stackmapdata(1);
        assertThat(kinds(atCall).stream().filter(k -> k == BitsPointer)).hasSize(1);
    }

    private static List<Integer> kinds(BitVector bv) {
        List<Integer> ks = new ArrayList<>();
        for (int i = 0; i < bv.words(); i++) {
            ks.add(bv.kind(i));
        }
        return ks;
    }

    private static long addressOf(GoMachine gm, String s) {
        byte[] d = gm.image.data();
        String all = new String(d, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = all.indexOf(s);
        assertThat(at).isNotNegative();
        return gm.image.dataStart() + at;
    }

    private static void classify(int kind, long v, List<Long> pointers, List<Long> scalars) {
        if (kind == BitsPointer) {
            pointers.add(v);
        } else if (kind == BitsScalar) {
            scalars.add(v);
        }
    }
}
