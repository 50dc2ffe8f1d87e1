package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** defer, panic and recover (panic.c's module), run on both arches. */
class PanicsTest {
    /** The first frame of every panic's traceback: Go 1.3's runtime·panic, with its two words. */
    private static final String RUNTIME_PANIC =
            "runtime\\.panic\\(0x[0-9a-f]+, 0x[0-9a-f]+\\)\n\tpanic\\.c:\\d+ \\+0x[0-9a-f]+\n";

    @ParameterizedTest
    @EnumSource(Arch.class)
    void deferredCallsRunLastInFirstOutWithTheirArgumentsOfThen(Arch arch) {
        String src =
                """
        package main

        func show(s string, i int) { println(s, i) }

        func f() (n int) {
        	defer func() { n *= 10 }()
        	for i := 0; i < 3; i++ {
        		defer show("defer", i)
        	}
        	println("f body")
        	return 4
        }

        func main() {
        	println(f())
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(new Go.Run("f body\ndefer 2\ndefer 1\ndefer 0\n40\n", 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void recoverStopsAPanicAndTheFunctionReturnsNormally(Arch arch) {
        String src =
                """
        package main

        func div(a, b int) (q int, ok bool) {
        	defer func() {
        		if r := recover(); r != nil {
        			ok = false
        		}
        	}()
        	return a / b, true
        }

        func try(f func()) (msg string) {
        	defer func() {
        		r := recover()
        		if s, ok := r.(string); ok {
        			msg = "caught " + s
        		} else if r == nil {
        			msg = "no panic"
        		} else {
        			msg = "caught something"
        		}
        	}()
        	f()
        	return "unreachable?"
        }

        func helper() interface{} { return recover() }

        func main() {
        	println(div(7, 2))
        	println(div(7, 0))
        	println(try(func() { panic("boom") }))
        	println(try(func() {}))
        	println(try(func() { var a []int; a[3] = 1 }))
        	println(try(func() {
        		defer func() { println("helper got nil:", helper() == nil); recover() }()
        		panic("x")
        	}))
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(
                        new Go.Run(
                                "3 true\n0 false\ncaught boom\n"
                                        + "no panic\ncaught something\nhelper got nil: true\nno panic\n",
                                0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anUnrecoveredPanicPrintsItsValueAndExitsWithCode2(Arch arch) {
        String src =
                """
        package main

        func main() {
        	defer println2("deferred runs first")
        	panic("boom")
        }

        func println2(s string) { println(s) }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr())
                .matches(
                        "deferred runs first\npanic: boom\n\ngoroutine 1 \\[running\\]:\n"
                                + RUNTIME_PANIC
                                + "main\\.main\\(\\)\n\t\\./prog\\.go:5 \\+0x[0-9a-f]+\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void nestedPanicsPrintOldestFirstWithRecovered(Arch arch) {
        String src =
                """
        package main

        func main() {
        	defer func() {
        		recover()
        		panic(2)
        	}()
        	panic("first")
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr()).startsWith("panic: first [recovered]\n\tpanic: 2\n\ngoroutine ");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void otherValuesPrintTheirTypeAndWords(Arch arch) {
        String src =
                """
        package main

        type T struct{ a, b int }

        func main() {
        	panic(T{1, 2})
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr())
                .matches(
                        "panic: \\(main\\.T\\) \\(0x[0-9a-f]+,0x[0-9a-f]+\\)\n\n"
                                + "goroutine 1 \\[running\\]:\n"
                                + RUNTIME_PANIC
                                + "main\\.main\\(\\)\n\t\\./prog\\.go:6 \\+0x[0-9a-f]+\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aNilDereferenceIsARunTimeErrorWithTheSignalLine(Arch arch) {
        String src =
                """
        package main

        type node struct{ next *node; v int }

        func main() {
        	var n *node
        	println(n.v)
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr())
                .matches(
                        "(?s)panic: runtime error: invalid memory address or nil "
                                + "pointer dereference\n\\[signal 0xb code=0x1 addr=0x[0-9a-f]+ pc=0x[0-9a-f]+\\]\n\n"
                                + "goroutine 1 \\[running\\]:\n"
                                + RUNTIME_PANIC // runtime.sigpanic is hidden
                                + "main\\.main\\(\\)\n\t\\./prog\\.go:7 \\+0x[0-9a-f]+\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void runTimeErrorsAreRecoverable(Arch arch) {
        String src =
                """
        package main

        func check(f func()) {
        	defer func() { println(recover() != nil) }()
        	f()
        }

        func main() {
        	var p *int
        	var fn func()
        	z := 0
        	check(func() { println(*p) })
        	check(func() { fn() })
        	check(func() { println(1 / z) })
        	check(func() { s := "abc"; println(s[z+5]) })
        	check(func() { s := []int{1}; _ = s[1:z] })
        	check(func() { _ = make([]int, z-1) })
        	println("alive")
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(new Go.Run("true\ntrue\ntrue\ntrue\ntrue\ntrue\nalive\n", 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void goexitRunsTheDeferredCallsThenEndsTheGoroutine(Arch arch) {
        String src =
                """
        package main

        import "runtime"

        func worker(done chan bool) {
        	defer func() { done <- true }()
        	defer println("worker deferred, recover:", recover() == nil)
        	func() {
        		defer println("inner deferred")
        		runtime.Goexit()
        	}()
        	println("not reached")
        }

        func main() {
        	done := make(chan bool)
        	go worker(done)
        	<-done
        	println("main done")
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(
                        new Go.Run(
                                "inner deferred\nworker deferred, recover: true\nmain done\n"
                                        .translateEscapes(),
                                0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void builtinsAreDeferredWithTheirArgumentsOfThen(Arch arch) {
        String src =
                """
        package main

        func f(c chan int) {
        	defer close(c)
        	x := 1
        	defer println("x was", x, "y", 2)
        	x = 5
        	defer print("print ", x, "\\n")
        	c <- x
        }

        func main() {
        	c := make(chan int, 1)
        	f(c)
        	for v := range c {
        		println("got", v)
        	}
        	defer panic("deferred panic")
        	println("end of main")
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr())
                .startsWith(
                        "print 5\nx was 1 y 2\ngot 5\nend of main\n"
                                + "panic: deferred panic\n\ngoroutine ");
        assertThat(r.exit()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void gotracebackZeroLeavesOutTheGoroutineHeader(Arch arch) {
        String src =
                """
        package main

        func main() {
        	panic(7)
        }
        """;
        assertThat(Go.run(arch, src, java.util.Map.of("GOTRACEBACK", "0")))
                .isEqualTo(new Go.Run("panic: 7\n", 2));
    }
}
