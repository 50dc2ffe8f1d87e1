package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * runtime·main's initDone defer (proc.c, 0a7c7ac80) with panic.c's defers: a runtime.Goexit or a
 * panic during init runs it like any deferred call, so the main goroutine leaves its lock on m0.
 */
class InitDeferTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void goexitInInitRunsInitsDefersThenUnlocksAndDeadlocksAsGoDoes(Arch arch) {
        String src =
                """
        package main

        import "runtime"

        func init() {
        	defer println("deferred in init")
        	runtime.Goexit()
        }

        func main() {
        	println("not reached")
        }
        """;
        for (String procs : new String[] {"1", "2"}) {
            // Without the unlock, goexit0 would throw "internal lockOSThread error" (m0->locked =
            // 2).
            assertThat(Go.run(arch, src, Map.of("GOMAXPROCS", procs)))
                    .isEqualTo(
                            new Go.Run(
                                    "deferred in init\nfatal error: no goroutines (main called runtime.Goexit) - deadlock!\n"
                                            // the throw is on g0 with throwing = 1; g0's frames are
                                            // Java (none to print) and
                                            // the one goroutine is dead
                                            + "\nruntime stack:\n",
                                    2));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPanicRecoveredInInitLeavesTheInitDoneDeferInPlace(Arch arch) {
        String src =
                """
        package main

        func try() {
        	defer func() {
        		println("recovered", recover() != nil)
        	}()
        	panic("in init")
        }

        func init() {
        	try()
        	println("init done")
        }

        func main() {
        	println("main")
        }
        """;
        assertThat(Go.run(arch, src)).isEqualTo(new Go.Run("recovered true\ninit done\nmain\n", 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPanicInInitRunsTheInitDoneDeferAndStillPrintsThePanic(Arch arch) {
        String src =
                """
        package main

        func init() {
        	defer println("deferred in init")
        	panic("boom")
        }

        func main() {
        	println("not reached")
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr()).startsWith("deferred in init\npanic: boom\n");
        assertThat(r.exit()).isEqualTo(2);
    }
}
