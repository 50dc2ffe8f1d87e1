package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** interface{} values: implicit conversion, type assertions, comparison with nil. */
class InterfacesTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void valuesGoInAndComeOutByTypeAssertion(Arch arch) {
        String src =
                """
        package main

        type P struct{ x, y int }

        func show(v interface{}) {
        	if v == nil {
        		println("nil")
        	} else if i, ok := v.(int); ok {
        		println("int", i)
        	} else if s, ok := v.(string); ok {
        		println("string", s)
        	} else if p, ok := v.(P); ok {
        		println("P", p.x, p.y)
        	} else if b, ok := v.(byte); ok {
        		println("byte", b)
        	} else {
        		println("other")
        	}
        }

        func main() {
        	show(nil)
        	show(42)
        	show("hi")
        	show(P{3, 4})
        	show(byte(7))
        	show(int64(1))
        	var e interface{} = -5
        	println(e.(int) * 2)
        	vs := []interface{}{1, "two", P{5, 6}}
        	for _, v := range vs {
        		show(v)
        	}
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(
                        new Go.Run(
                                "nil\nint 42\nstring hi\nP 3 4\nbyte 7\n"
                                        + "other\n-10\nint 1\nstring two\nP 5 6\n",
                                0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFailedAssertionPanics(Arch arch) {
        String src =
                """
        package main

        func main() {
        	var e interface{} = "s"
        	println(e.(int))
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr())
                .startsWith(
                        "panic: runtime error: interface conversion: interface is string, not int\n");
        assertThat(r.exit()).isEqualTo(2);
    }
}
