package gort.cmd.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.arch.Arch;
import gort.runtime.mem.Memory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Package-level variables, os.Exit and the runtime calls, on the simulated CPU of both arches. */
class CodeGenGlobalsTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void packageVariablesAreInitializedInDependencyOrderBeforeInit(Arch arch) {
        String src =
                """
        package main

        var a = b + 1
        var b = f()
        var c, d = pair()
        var s = "hello"
        var t string
        var n int64 = -5
        var u uint8
        var _ = trace("blank")

        func f() int {
        	println("f")
        	return 41
        }

        func pair() (int, string) {
        	return a * 2, s
        }

        func trace(m string) int {
        	println(m)
        	return 0
        }

        func init() {
        	println("init", a, b, c, d, t == "", n, u)
        	t = "set"
        }

        func bump() {
        	a++
        	n -= 10
        	u += 200
        	u += 100
        }

        func main() {
        	bump()
        	println(a, n, u, t, s)
        	s = t
        	b, a = a, b
        	println(a, b, s, len(s))
        }
        """;
        assertThat(GoMachine.output(arch, src))
                .isEqualTo(
                        """
        f
        blank
        init 42 41 84 hello true -5 0
        43 -15 44 set hello
        41 43 set 3
        """);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theBssIsAWritablePageAfterTheRodata(Arch arch) {
        String src =
                """
        package main

        var x int
        var y = "str"

        func main() {
        	x = 7
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        Image img = m.image;
        assertThat(img.bssStart() % Memory.PhysPageSize).isZero();
        assertThat(img.bssStart()).isGreaterThanOrEqualTo(img.dataStart() + img.data().length);
        assertThat(img.bssSize()).isEqualTo(3L * arch.PtrSize);
        m.runMain();
        assertThat(m.mem.loadp(img.bssStart())).isEqualTo(7);
        long str = m.mem.loadp(img.bssStart() + arch.PtrSize);
        assertThat(new String(m.mem.read(str, 3))).isEqualTo("str");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void osExitCallsRuntimeExitWithTheCode(Arch arch) {
        String src =
                """
        package main

        import "os"

        func code() int {
        	return 3
        }

        func main() {
        	println("before")
        	os.Exit(code())
        	println("after")
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        assertThatThrownBy(m::runMain)
                .isInstanceOfSatisfying(
                        GoMachine.GoExit.class, e -> assertThat(e.code).isEqualTo(3));
        assertThat(m.output()).isEqualTo("before\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void goStatementsUseAStaticFuncValInRodata(Arch arch) {
        String src =
                """
        package main

        import "runtime"

        func worker(id int, s string) {
        	println(id, s)
        }

        func main() {
        	go worker(1, "a")
        	runtime.Gosched()
        	println(runtime.NumGoroutine())
        }
        """;
        GoMachine m = new GoMachine(arch);
        long[] seen = new long[3];
        m.extra.put(
                "runtime.newproc",
                (c, argp) -> {
                    seen[0] = c.mem().load32(argp);
                    long fv = c.mem().loadp(argp + arch.PtrSize);
                    seen[1] = c.mem().loadp(fv);
                    seen[2] = c.mem().loadp(argp + 2L * arch.PtrSize);
                });
        m.load(src);
        assertThat(m.runMain()).isEqualTo("1\n");
        assertThat(seen[0]).isEqualTo(3L * arch.PtrSize);
        assertThat(seen[1]).isEqualTo(m.image.text().lookup("main.worker").entry);
        assertThat(seen[2]).isEqualTo(1);
    }
}
