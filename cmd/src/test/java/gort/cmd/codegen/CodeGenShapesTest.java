package gort.cmd.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.BitVector;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.FuncData;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.StackMap;
import gort.runtime.cpu.Text;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The instruction shapes the code generator emits for common code (StackBench's grow function above
 * all, issue 5), and that programs built from them still compute Go's results and keep the frame's
 * pointer words valid at every call site.
 */
class CodeGenShapesTest {

    /** bench's StackBench.GROW_FUNC, called from a main that prints its result. */
    static final String GROW =
            """
      package main

      func grow(depth int) int {
      	var pad [1024 - 64]byte
      	pad[depth%len(pad)] = byte(depth)
      	if depth == 0 {
      		return int(pad[0])
      	}
      	return grow(depth-1) + int(pad[depth%len(pad)])
      }

      func main() {
      	println(grow(100))
      }
      """;

    /** The mnemonics of {@code fn}'s instructions, prologue included. */
    static List<String> ops(Text t, String fn) {
        Func f = t.lookup(fn);
        List<String> ops = new ArrayList<>();
        for (long pc = f.entry; pc < f.end; pc += Isa.INSN_BYTES) {
            ops.add(Isa.name(t.opAt(pc)));
        }
        return ops;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void growIsStraightLineCodeWithNoPointerTempAndNoConstantReloaded(Arch arch) {
        GoMachine m = new GoMachine(arch).load(GROW);
        assertThat(ops(m.image.text(), "main.grow"))
                .containsExactly(
                        "STACKCHECK",
                        "ENTER",
                        // the result zeroed (the frame has no pointer word left to clear)
                        "MOVI",
                        "STORE",
                        // var pad: zeroed
                        "LEA",
                        "MOVI",
                        "MEMCLR",
                        // pad[depth%len(pad)] = byte(depth): 960 loaded once for % and the bounds
                        // check, the
                        // element's address formed after the check and kept in R0 while
                        // byte(depth), not
                        // normalized before a 1-byte store, goes to R1
                        "LOAD",
                        "MOVI",
                        "MOD",
                        "SETcc",
                        "JNZ",
                        "RTCALL",
                        "LEA",
                        "ADD",
                        "LOAD",
                        "STORE",
                        // if depth == 0: depth's register tested itself
                        "LOAD",
                        "JNZ",
                        "LOAD",
                        "STORE",
                        "RET",
                        // grow(depth-1) + int(pad[...]): the element loaded through a register, no
                        // temporary
                        "LOAD",
                        "MOVI",
                        "SUB",
                        "STORE",
                        "CALL",
                        "LOAD",
                        "LOAD",
                        "MOVI",
                        "MOD",
                        "SETcc",
                        "JNZ",
                        "RTCALL",
                        "LEA",
                        "ADD",
                        "LOAD",
                        "ADD",
                        "STORE",
                        "RET",
                        "RET");
        int sum = 0;
        for (int d = 1; d <= 100; d++) {
            sum += d & 0xff;
        }
        assertThat(m.runMain()).isEqualTo(sum + "\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void noFunctionBodyStartsWithAJump(Arch arch) {
        String src =
                """
        package main

        func f(s string, n int) string {
        	t := s
        	if n > 0 {
        		t = f(s, n-1)
        	}
        	return t
        }

        func main() {
        	println(f("a", 3))
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        for (String fn : List.of("main.f", "main.main", "main.init")) {
            assertThat(ops(m.image.text(), fn)).as(fn).doesNotContain("JMP");
        }
        assertThat(m.runMain()).isEqualTo("a\n");
    }

    static final String FRAMES =
            """
      package main

      var gs [3]string

      func short(n int) int {
      	println(n)
      	var a [4]int
      	a[n%4] = n
      	s := "x"
      	if n > 100 {
      		s = "yy"
      	}
      	gs[n%3] = s
      	println(s, a[n%4])
      	return a[n%4]
      }

      func long(n int) int {
      	println(n)
      	var ps [5]*int
      	k := 0
      	for i := 0; i < len(ps); i++ {
      		if ps[i] == nil {
      			k++
      		}
      	}
      	println(k)
      	return k
      }

      func main() {
      	println(short(6), long(2))
      }
      """;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyPointerWordOfAFrameIsNilOrValidAtEveryCallSiteOverAGarbageStack(Arch arch) {
        GoMachine m = new GoMachine(arch);
        List<String> checked = new ArrayList<>();
        m.extra.put(
                "runtime.printint",
                (c, argp) -> {
                    checked.add(checkPointerWords(c, m));
                    m.out.append(c.mem().load64(argp));
                });
        m.extra.put(
                "runtime.printstring",
                (c, argp) -> {
                    checked.add(checkPointerWords(c, m));
                    long p = c.mem().loadp(argp);
                    int n = (int) c.mem().loadp(argp + m.w);
                    m.out.append(
                            new String(
                                    c.mem().read(p, n),
                                    java.nio.charset.StandardCharsets.ISO_8859_1));
                });
        m.load(FRAMES);
        fillStack(m);
        assertThat(m.runMain()).isEqualTo("6\nx 6\n2\n5\n6 5\n");
        assertThat(checked).contains("main.short", "main.long").allMatch(s -> !s.startsWith("bad"));
        // a run of 5 pointer words is cleared by one MEMCLR, short runs by stores
        assertThat(ops(m.image.text(), "main.long").subList(2, 5))
                .containsExactly("LEA", "MOVI", "MEMCLR");
        assertThat(ops(m.image.text(), "main.short").subList(2, 4))
                .containsExactly("MOVI", "STORE");
    }

    @Test
    void thePointerWordCheckSeesGarbageInAPointerWord() {
        GoMachine m = new GoMachine(Arch.amd64);
        List<String> checked = new ArrayList<>();
        m.extra.put(
                "runtime.printint",
                (c, argp) -> {
                    // what a frame without its entry clearing would hold: garbage in a pointer word
                    Func f = c.text().findfunc(c.pc() - Isa.INSN_BYTES);
                    int[] kinds = localsKinds(c, f);
                    long base = varp(c, f) - (long) kinds.length * m.w;
                    for (int i = 0; i < kinds.length; i++) {
                        if (kinds[i] == FuncData.BitsPointer) {
                            c.mem()
                                    .storep(
                                            base + (long) i * m.w,
                                            GARBAGE & (m.w == 4 ? 0xffffffffL : -1L));
                            break;
                        }
                    }
                    checked.add(checkPointerWords(c, m));
                });
        m.load(FRAMES);
        try {
            m.runMain();
        } catch (RuntimeException | AssertionError e) {
            // the garbage may fault later; the check's verdict is what this test is about
        }
        assertThat(checked).anyMatch(s -> s.startsWith("bad main.short"));
    }

    /** The function at the RTCALL's pc, or "bad ..." naming a pointer word holding garbage. */
    static String checkPointerWords(Cpu c, GoMachine m) {
        Func f = c.text().findfunc(c.pc() - Isa.INSN_BYTES);
        int[] kinds = localsKinds(c, f);
        long base = varp(c, f) - (long) kinds.length * m.w;
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] != FuncData.BitsPointer) {
                continue;
            }
            long p = c.mem().loadp(base + (long) i * m.w);
            boolean ok =
                    p == 0
                            || p >= m.layout.arenaStart
                                    && p
                                            < m.layout.arenaStart
                                                    + 3L * GoMachine.STACK
                                                    + GoMachine.HEAP
                            || p >= m.image.dataStart()
                                    && p < m.image.dataStart() + m.image.data().length
                            || p >= m.image.bssStart()
                                    && p < m.image.bssStart() + m.image.bssSize();
            if (!ok) {
                return "bad " + f.name + " word " + i + " = 0x" + Long.toHexString(p);
            }
        }
        return f.name;
    }

    /** The locals map's word kinds at the call site before {@code c.pc()}. */
    static int[] localsKinds(Cpu c, Func f) {
        long pc = c.pc() - Isa.INSN_BYTES;
        int idx = c.text().pcdatavalue(f, FuncData.PCDATA_StackMapIndex, pc);
        StackMap sm = c.text().funcdata(f, FuncData.FUNCDATA_LocalsPointerMaps);
        BitVector bv = sm.stackmapdata(idx);
        int[] kinds = new int[bv.n / FuncData.BitsPerPointer];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = bv.kind(i);
        }
        return kinds;
    }

    /** varp of the frame of {@code f} at the call site (docs/machine.md "Frames and calls"). */
    static long varp(Cpu c, Func f) {
        long pc = c.pc() - Isa.INSN_BYTES;
        long fp =
                c.sp()
                        + c.text().funcspdelta(f, pc)
                        + (c.arch().hasLinkRegister ? 0 : c.arch().PtrSize);
        return c.arch().hasLinkRegister ? fp : fp - c.arch().PtrSize;
    }

    static final long GARBAGE = 0x5a5a5a5a5a5a5a5aL;

    /** Fills the goroutine's stack with a non-pointer pattern, as a deeper earlier call could. */
    static void fillStack(GoMachine m) {
        long word = GARBAGE & (m.w == 4 ? 0xffffffffL : -1L);
        assertThat(
                        word >= m.layout.arenaStart
                                && word
                                        < m.layout.arenaStart
                                                + 3L * GoMachine.STACK
                                                + GoMachine.HEAP)
                .as("the pattern is a valid pointer")
                .isFalse();
        for (long a = m.g.stack0; a + 8 <= m.g.stackbase; a += 8) {
            m.mem.store64(a, GARBAGE);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void conversionsComparisonsWithZeroAndArrayElementsKeepGoSemantics(Arch arch) {
        String src =
                """
        package main

        var g [5]int16

        func conv(x int, y int8, z uint16) {
        	var b byte = byte(x)
        	var i8 int8 = int8(x)
        	var u16 uint16 = uint16(y)
        	var i64 int64 = int64(int8(x))
        	var u64 uint64 = uint64(y)
        	var w int32 = int32(z)
        	println(b, i8, u16, i64, u64, w, int(byte(x))+1, int8(x) < 0)
        }

        func zeros(n int) int {
        	k := 0
        	for n != 0 {
        		if n%3 == 0 {
        			k++
        		}
        		n--
        	}
        	var u uint8 = 255
        	u++
        	if u == 0 {
        		k += 100
        	}
        	return k
        }

        func elems(a [3]int, i int) int {
        	var l [4]uint8
        	l[i] = uint8(a[i] + 250)
        	g[i+1] = int16(a[i]) - 7
        	return int(l[i]) + int(g[i+1]) + a[i]
        }

        func main() {
        	conv(-129, -3, 65535)
        	conv(300, 127, 7)
        	println(zeros(10))
        	println(elems([3]int{10, 20, 30}, 1), elems([3]int{1, 2, 3}, 2))
        	println(elems([3]int{1, 2, 3}, 3))
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        StringBuilder want = new StringBuilder();
        for (long[] c : new long[][] {{-129, -3, 65535}, {300, 127, 7}}) {
            long x = c[0];
            long y = c[1];
            long z = c[2];
            want.append(x & 0xff)
                    .append(' ')
                    .append((byte) x)
                    .append(' ')
                    .append(y & 0xffff)
                    .append(' ')
                    .append((long) (byte) x)
                    .append(' ')
                    .append(Long.toUnsignedString(y))
                    .append(' ')
                    .append((int) z)
                    .append(' ')
                    .append((x & 0xff) + 1)
                    .append(' ')
                    .append((byte) x < 0)
                    .append('\n');
        }
        int k = 0;
        for (int n = 10; n != 0; n--) {
            if (n % 3 == 0) {
                k++;
            }
        }
        want.append(k + 100).append('\n');
        want.append(((20 + 250) & 0xff) + (short) (20 - 7) + 20)
                .append(' ')
                .append(((3 + 250) & 0xff) + (short) (3 - 7) + 3)
                .append('\n');
        assertThatThrownBy(m::runMain)
                .isInstanceOf(GoMachine.GoPanic.class)
                .hasMessage("panic: runtime error: index out of range");
        assertThat(m.output()).isEqualTo(want.toString());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void elementStoresOfScalarValuesTruncateAndPanicOutOfRange(Arch arch) {
        String src =
                """
        package main

        var g [3]int8

        func set(a [3]int, i int, v int) int {
        	var l [3]uint16
        	l[i] = uint16(v)
        	g[i] = int8(v)
        	a[i] = v
        	return int(l[i]) + int(g[i]) + a[i]
        }

        func main() {
        	println(set([3]int{}, 1, 70000), set([3]int{}, 2, -1))
        	println(set([3]int{}, 3, 0))
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        long[] sums = new long[2];
        long[][] calls = {{1, 70000}, {2, -1}};
        for (int k = 0; k < 2; k++) {
            long v = calls[k][1];
            long word = m.w == 4 ? (int) v : v; // int is 32 bits on arm
            sums[k] = (v & 0xffff) + (byte) v + word;
        }
        assertThatThrownBy(m::runMain)
                .isInstanceOf(GoMachine.GoPanic.class)
                .hasMessage("panic: runtime error: index out of range");
        assertThat(m.output()).isEqualTo(sums[0] + " " + sums[1] + "\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void fieldsAndSliceElementsReadAtOnceGoThroughARegisterNotATemporary(Arch arch) {
        String src =
                """
        package main

        type S struct {
        	n int
        	s string
        }

        var gs []string

        func str(p *S) string {
        	return p.s
        }

        func num(p *S) int {
        	return p.n
        }

        func elem(ss []string, i int) string {
        	return ss[i]
        }

        func sum(xs []int) int {
        	t := 0
        	for i := 0; i < len(xs); i++ {
        		t += xs[i]
        	}
        	return t
        }

        func main() {
        	p := &S{7, "field"}
        	ls := []string{"a", "bc", "def"}
        	gs = ls
        	xs := []int{1, 2, 3, 4}
        	println(str(p), num(p), elem(ls, 2), gs[1], ls[0], sum(xs))
        	println(elem(ls, 3))
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        assertThatThrownBy(m::runMain)
                .isInstanceOf(GoMachine.GoPanic.class)
                .hasMessage("panic: runtime error: index out of range");
        assertThat(m.output()).isEqualTo("field 7 def bc a " + (1 + 2 + 3 + 4) + "\n");
        Text t = m.image.text();
        // the pointer and the element address stay in the register they were computed in
        for (String fn : List.of("main.str", "main.num", "main.elem")) {
            List<String> ops = ops(t, fn);
            assertThat(
                            ops.subList(ops.indexOf("ENTER") + 1, ops.size()).stream()
                                    .filter(o -> o.equals("STORE"))
                                    .count())
                    .as("stores of %s: the results' zeroing and setting, no temporary", fn)
                    .isEqualTo(fn.equals("main.num") ? 2 : 4);
        }
    }
}
