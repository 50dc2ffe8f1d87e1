package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Slices: make, len/cap, index, slice expressions, literals, append, copy, range. */
class SlicesTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void makeIndexAppendAndRange(Arch arch) {
        String src =
                """
        package main

        func sum(xs []int) int {
        	t := 0
        	for _, x := range xs {
        		t += x
        	}
        	return t
        }

        func main() {
        	s := make([]int, 3, 10)
        	println(len(s), cap(s))
        	s[0], s[1], s[2] = 1, 2, 3
        	s = append(s, 4, 5)
        	println(len(s), cap(s), sum(s))
        	var t []int
        	println(t == nil, len(t))
        	for i := 0; i < 5; i++ {
        		t = append(t, i*i)
        		print(cap(t), " ")
        	}
        	println()
        	u := t[1:3]
        	println(len(u), cap(u), u[0], u[1])
        	u = append(u, 100)
        	println(t[3])
        	lit := []string{"a", "b", "c"}
        	for i, v := range lit {
        		print(i, v, ";")
        	}
        	println()
        	a := [5]int{1, 2, 3, 4, 5}
        	as := a[1:4]
        	as[0] = 20
        	println(a[1], len(as), cap(as))
        	n := copy(as, []int{7, 8, 9, 10})
        	println(n, a[1], a[2], a[3], a[4])
        	b := []byte("hello")
        	println(len(b), cap(b), b[1])
        	b = append(b, " world"...)
        	println(string(b))
        }
        """;
        // growslice rounds to malloc's size classes (8 bytes at least): on arm a 1-int array is
        // 4 bytes, so the first append already gets capacity 2, as Go 1.3 on 386/arm
        String caps = arch.PtrSize == 8 ? "1 2 4 4 8 " : "2 2 4 4 8 ";
        assertThat(Go.run(arch, src))
                .isEqualTo(
                        new Go.Run(
                                "3 10\n5 10 15\ntrue 0\n"
                                        + caps
                                        + "\n"
                                        + "2 7 1 4\n100\n0a;1b;2c;\n20 3 4\n3 7 8 9 5\n5 8 101\nhello world\n",
                                0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anIndexOutOfRangePanics(Arch arch) {
        String src =
                """
        package main

        func main() {
        	s := []int{1, 2, 3}
        	i := 5
        	println(s[i])
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr()).startsWith("panic: runtime error: index out of range\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void badSliceBoundsPanic(Arch arch) {
        String src =
                """
        package main

        func main() {
        	s := "hello"
        	i, j := 3, 2
        	println(s[i:j])
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr()).startsWith("panic: runtime error: slice bounds out of range\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void printShowsSlicesAndInterfacesAsGo13Does(Arch arch) {
        String src =
                """
        package main

        func main() {
        	var s []int
        	println(s)
        	var e interface{}
        	println(e)
        	t := make([]byte, 2, 5)
        	print(t, "\\n")
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr()).matches("\\[0/0\\]0x0\n\\(0x0,0x0\\)\n\\[2/5\\]0x[0-9a-f]+\n");
    }
}
