package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls of runtime, runtime/debug, time and syscall functions by their RTCALL names. */
class RuntimeCallsTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void registeredFunctionsRunWithTheirGoSignatures(Arch arch) {
        String src =
                """
        package main

        import (
        	"runtime"
        	"runtime/debug"
        	"syscall"
        	"time"
        )

        func main() {
        	old := runtime.GOMAXPROCS(2)
        	println(old, runtime.GOMAXPROCS(0))
        	println(debug.SetMaxStack(1<<20) > 0)
        	time.Sleep(1000)
        	err := syscall.Close(-1)
        	println(err != nil)
        	runtime.LockOSThread()
        	runtime.UnlockOSThread()
        	println("ok")
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(new Go.Run("1 2\\ntrue\\ntrue\\nok\\n".translateEscapes(), 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anUnregisteredRuntimeFunctionIsACompileTimeError(Arch arch) {
        String src =
                """
        package main

        import "runtime"

        func main() {
        	var x int
        	runtime.SetFinalizer(&x, nil)
        }
        """;
        assertThat(Go.diagnostics(arch, src))
                .isEqualTo(
                        "./prog.go:7:22: gort cannot compile runtime.SetFinalizer yet\\n"
                                .translateEscapes());
    }
}
