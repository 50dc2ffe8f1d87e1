package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Methods with value and pointer receivers (automatic & and *); struct and array ==. */
class MethodsTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void valueAndPointerReceivers(Arch arch) {
        String src =
                """
        package main

        type Point struct{ X, Y int }

        func (p Point) Sum() int { return p.X + p.Y }

        func (p *Point) Scale(k int) {
        	p.X *= k
        	p.Y *= k
        }

        type Counter int

        func (c *Counter) Inc() { *c++ }
        func (c Counter) Get() int { return int(c) }

        func main() {
        	p := Point{1, 2}
        	p.Scale(3)
        	println(p.Sum(), p.X, p.Y)
        	q := &Point{5, 6}
        	q.Scale(2)
        	println(q.Sum())
        	var c Counter
        	c.Inc()
        	c.Inc()
        	println(c.Get())
        	ps := []Point{{1, 1}, {2, 2}}
        	ps[1].Scale(10)
        	println(ps[1].Sum())
        	println(p == Point{3, 6}, p != Point{3, 6}, [2]string{"a", "b"} == [2]string{"a", "c"})
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(new Go.Run("9 3 6\n22\n2\n40\ntrue false false\n", 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void methodsAreDeferredAndStartedWithTheirReceiversOfThen(Arch arch) {
        String src =
                """
        package main

        type acc struct{ n int }

        func (a *acc) add(k int, done chan bool) {
        	a.n += k
        	done <- true
        }

        func (a acc) show(tag string) { println(tag, a.n) }

        func pair() (int, chan bool) { return 5, make(chan bool, 1) }

        func main() {
        	a := acc{1}
        	defer a.show("deferred copy")
        	done := make(chan bool)
        	go a.add(10, done)
        	<-done
        	a.show("now")
        	k, c := pair()
        	a.add(k, c)
        	a.show("after")
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(new Go.Run("now 11\nafter 16\ndeferred copy 1\n".translateEscapes(), 0));
    }
}
