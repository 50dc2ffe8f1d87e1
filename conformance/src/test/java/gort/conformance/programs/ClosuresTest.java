package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Function literals, captured variables and func values, compiled and run on both arches. */
class ClosuresTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aCounterClosureSharesItsCapturedVariable(Arch arch) {
        String src =
                """
        package main

        func counter() func() int {
        	n := 0
        	return func() int {
        		n++
        		return n
        	}
        }

        func main() {
        	c := counter()
        	d := counter()
        	println(c(), c(), c(), d())
        	x := 10
        	add := func(d int) { x += d }
        	add(5)
        	add(7)
        	println(x)
        }
        """;
        assertThat(Go.run(arch, src)).isEqualTo(new Go.Run("1 2 3 1\n22\n", 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void funcValuesArePassedStoredAndCompared(Arch arch) {
        String src =
                """
        package main

        type op func(int, int) int

        func add(a, b int) int { return a + b }

        func apply(f op, a, b int) int { return f(a, b) }

        var table = []op{add, func(a, b int) int { return a * b }}

        func twice(f func(string) string) func(string) string {
        	return func(s string) string { return f(f(s)) }
        }

        func main() {
        	println(apply(add, 3, 4), apply(table[1], 3, 4))
        	var g func()
        	println(g == nil)
        	g = func() { println("g") }
        	println(g != nil)
        	g()
        	excl := twice(func(s string) string { return s + "!" })
        	println(excl("hi"))
        	func() {
        		x := 1
        		func() {
        			func() { x *= 7 }()
        		}()
        		println(x)
        	}()
        }
        """;
        assertThat(Go.run(arch, src)).isEqualTo(new Go.Run("7 12\ntrue\ntrue\ng\nhi!!\n7\n", 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void goStatementsStartClosuresAndFuncValues(Arch arch) {
        String src =
                """
        package main

        import "runtime"

        var done int

        func main() {
        	msg := "closure"
        	go func() {
        		println(msg)
        		done++
        	}()
        	f := func(n int) {
        		println("value", n)
        		done++
        	}
        	go f(42)
        	for done < 2 {
        		runtime.Gosched()
        	}
        	println("done")
        }
        """;
        String out = Go.run(arch, src).stderr();
        assertThat(out).endsWith("done\n").contains("closure\n").contains("value 42\n");
    }
}
