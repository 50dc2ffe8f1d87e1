package gort.cmd.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Go programs compiled from source, run on the simulated CPU of both arches, output compared. */
class CodeGenProgramsTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void printlnSeparatesWithSpacesAndPrintDoesNot(Arch arch) {
        String src =
                """
        package main

        func main() {
        	println(1, true, "x")
        	print("a", 2, false, "\\n")
        	println()
        	println(-42, int8(-1), uint64(18446744073709551615), uint8(255), "")
        }
        """;
        assertThat(GoMachine.output(arch, src))
                .isEqualTo("1 true x\na2false\n\n-42 -1 18446744073709551615 255 \n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void integerArithmeticWrapsAtTheWidthOfItsType(Arch arch) {
        String src =
                """
        package main

        func main() {
        	var a int8 = 127
        	a++
        	var b uint8 = 255
        	b += 1
        	var c uint32 = 0
        	c--
        	var d int16 = -32768
        	d = d - 1
        	var e int64 = 9223372036854775807
        	e = e + 1
        	var f uint64 = 1 << 63
        	f = f * 2
        	var g int64 = 1 << 40
        	g = g * 4096
        	var h int32 = 2147483647
        	h += h
        	var u uint16 = 3
        	u = u - 5
        	println(a, b, c, d, e, f, g, h, u)
        	var i int = 2147483647
        	i++
        	println(i)
        	x := -a
        	println(x, ^b, ^c)
        }
        """;
        String intWrap = arch.PtrSize == 4 ? "-2147483648" : "2147483648";
        assertThat(GoMachine.output(arch, src))
                .isEqualTo(
                        "-128 0 4294967295 32767 -9223372036854775808 0 4503599627370496 -2 65534\n"
                                + intWrap
                                + "\n-128 255 0\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void divisionAndShiftsFollowSignedness(Arch arch) {
        String src =
                """
        package main

        func main() {
        	x, y := -7, 2
        	println(x/y, x%y, 7/-2, 7%-2)
        	var m int8 = -128
        	var n int8 = -1
        	println(m/n, m%n)
        	var p uint8 = 200
        	var q uint8 = 3
        	println(p/q, p%q)
        	var big uint32 = 4294967295
        	var two uint32 = 2
        	println(big/two, big>>31, big<<31)
        	var s int64 = -8
        	var k uint = 1
        	println(s>>k, s<<k, s>>70, s<<70)
        	var us uint64 = 1 << 63
        	println(us>>63, us>>k)
        	var sh uint = 100
        	println(x>>sh, 1<<sh)
        }
        """;
        assertThat(GoMachine.output(arch, src))
                .isEqualTo(
                        "-3 -1 -3 1\n-128 0\n66 2\n2147483647 1 2147483648\n-4 -16 -1 0\n1 4611686018427387904\n-1 0\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void divisionByZeroCallsPanicdivide(Arch arch) {
        String src =
                """
        package main

        func div(a, b int) int {
        	return a / b
        }

        func main() {
        	println(div(6, 3))
        	println(div(1, 0))
        }
        """;
        GoMachine gm = new GoMachine(arch).load(src);
        assertThatThrownBy(gm::runMain).hasMessageContaining("integer divide by zero");
        assertThat(gm.output()).isEqualTo("2\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void recursiveFibPrints6765(Arch arch) {
        String src =
                """
        package main

        func fib(n int) int {
        	if n < 2 {
        		return n
        	}
        	return fib(n-1) + fib(n-2)
        }

        func main() {
        	println(fib(20))
        }
        """;
        assertThat(GoMachine.output(arch, src)).isEqualTo("6765\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void loopsOfEveryFormWithLabeledBreakAndContinue(Arch arch) {
        String src =
                """
        package main

        func main() {
        	sum := 0
        	for i := 0; i < 10; i++ {
        		if i%2 == 0 {
        			continue
        		}
        		sum += i
        	}
        	n := 1
        	for n < 100 {
        		n *= 3
        	}
        	k := 0
        	for {
        		k++
        		if k == 5 {
        			break
        		}
        	}
        	pairs := 0
        outer:
        	for a := 0; a < 5; a++ {
        		for b := 0; b < 5; b++ {
        			if b > a {
        				continue outer
        			}
        			if a == 4 {
        				break outer
        			}
        			pairs++
        		}
        	}
        	println(sum, n, k, pairs)
        }
        """;
        assertThat(GoMachine.output(arch, src)).isEqualTo("25 243 5 10\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void switchWithTagTaglessDefaultAndFallthrough(Arch arch) {
        String src =
                """
        package main

        func name(n int) string {
        	switch n {
        	case 0:
        		return "zero"
        	case 1, 2, 3:
        		return "small"
        	default:
        		return "big"
        	}
        }

        func sign(n int) int {
        	switch {
        	case n < 0:
        		return -1
        	case n > 0:
        		return 1
        	}
        	return 0
        }

        func main() {
        	println(name(0), name(2), name(9), sign(-5), sign(0), sign(7))
        	x := 0
        	switch y := 1; y {
        	case 1:
        		x += 1
        		fallthrough
        	case 2:
        		x += 10
        	case 3:
        		x += 100
        	}
        	switch s := "go"; s {
        	case "c":
        		println("c")
        	case "go":
        		println("go", x)
        		break
        		println("not reached")
        	}
        }
        """;
        assertThat(GoMachine.output(arch, src)).isEqualTo("zero small big -1 0 1\ngo 11\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void multipleAndNamedResultsTupleAssignmentAndSpreadCalls(Arch arch) {
        String src =
                """
        package main

        func divmod(a, b int) (q, r int) {
        	q = a / b
        	r = a % b
        	return
        }

        func swap(a int64, b string) (string, int64) {
        	return b, a
        }

        func add(a, b int) int {
        	return a + b
        }

        func pair() (int, int) {
        	return divmod(47, 5)
        }

        func main() {
        	q, r := divmod(47, 5)
        	println(q, r)
        	s, v := swap(1<<40, "hi")
        	println(s, v)
        	a, b := 1, 2
        	a, b = b, a
        	println(a, b)
        	println(add(divmod(17, 5)), add(pair()))
        	_, r = divmod(9, 4)
        	println(r, add(add(1, 2), add(3, 4))*add(1, 1))
        }
        """;
        assertThat(GoMachine.output(arch, src))
                .isEqualTo("9 2\nhi 1099511627776\n2 1\n5 11\n1 20\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void stringsHaveLengthsAndCompareBytewise(Arch arch) {
        String src =
                """
        package main

        func main() {
        	s := "hello"
        	t := "help"
        	println(len(s), len(t), len(""), s == "hello", s != t)
        	println(s < t, t < s, "ab" < "abc", "abc" <= "ab", s >= s, "" < "a")
        	var u string
        	println(u == "", len(u))
        }
        """;
        assertThat(GoMachine.output(arch, src))
                .isEqualTo("5 4 0 true true\ntrue false true false true true\ntrue 0\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void logicalOperatorsShortCircuit(Arch arch) {
        String src =
                """
        package main

        func t(n int) bool {
        	print(n)
        	return true
        }

        func f(n int) bool {
        	print(n)
        	return false
        }

        func main() {
        	a := f(1) && t(2)
        	b := t(3) || f(4)
        	c := t(5) && !f(6)
        	println()
        	println(a, b, c)
        }
        """;
        assertThat(GoMachine.output(arch, src)).isEqualTo("1356\nfalse true true\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void initFunctionsRunBeforeMainInOrder(Arch arch) {
        String src =
                """
        package main

        func init() {
        	println("init 1")
        }

        func init() {
        	println("init 2")
        }

        func main() {
        	println("main")
        }
        """;
        assertThat(GoMachine.output(arch, src)).isEqualTo("init 1\ninit 2\nmain\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void constructsBeyondTheGeneratorGetADiagnosticNotAnException(Arch arch) {
        String src =
                """
        package main

        import "time"

        func main() {
        	c := make(chan int, 1)
        	c <- 1
        	time.Sleep(1)
        	println(<-c)
        }
        """;
        CodeGen.Result r = GoMachine.compile(arch, src);
        assertThat(r.ok()).isFalse();
        assertThat(r.program()).isNull();
        // the runtime the code is compiled for (here: no channel or time support) decides
        assertThat(r.text()).isEqualTo("./prog.go:6:11: gort cannot compile channels yet\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void eachUnsupportedConstructIsReportedAtItsPosition(Arch arch) {
        String src =
                """
        package main

        func a() {
        	defer recover()
        }

        func b(x interface{}) {
        	_ = x.(interface{})
        }

        func c(x, y interface{}) bool {
        	return x == y
        }

        func d() {
        	var e error
        	println(e == e)
        }

        func main() {
        	a()
        	b(1)
        	c(1, 2)
        	d()
        }
        """;
        CodeGen.Result r = GoMachine.compile(arch, src);
        assertThat(r.text())
                .isEqualTo(
                        """
        ./prog.go:4:2: gort cannot compile defer of builtins and package runtime's functions yet
        ./prog.go:8:7: gort cannot compile type assertions to interfaces yet
        ./prog.go:12:11: gort cannot compile comparisons of interfaces yet
        ./prog.go:17:12: gort cannot compile comparisons of interfaces yet
        """);
    }
}
