package gort.stack;

import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.SP;
import static org.assertj.core.api.Assertions.assertThat;

import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The overflow check against maxstacksize on both growth paths: {@code
 * println(debug.SetMaxStack(64<<10))} then unbounded recursion prints the old limit (runtime.main's
 * 1e9 on amd64, 250e6 on arm), then Go's two lines, and the process exits with 2 through a throw.
 */
class OverflowTest {
    private static FuncBuilder main(Arch arch) {
        int w = arch.PtrSize;
        FuncBuilder f = new FuncBuilder(arch, "main.main").locals(2 * w + 16).pos("o.go", 1);
        f.movi(R0, 64 << 10)
                .store(SP, f.outarg(0), R0, Isa.width(w, true))
                .rtcall("debug.SetMaxStack")
                .load(R0, SP, f.outarg(w), Isa.width(w, true))
                .store(SP, f.outarg(0), R0, Isa.W8)
                .rtcall("runtime.printint")
                .rtcall("runtime.printnl")
                .movi(R0, 1 << 30)
                .store(SP, f.outarg(0), R0, Isa.width(w, true))
                .call("main.rec")
                .ret();
        return f;
    }

    @ParameterizedTest(name = "{0}, copying {1}")
    @CsvSource({
        "amd64, true, 1000000000",
        "amd64, false, 1000000000",
        "arm, true, 250000000",
        "arm, false, 250000000"
    })
    void exceedingTheLimitIsAFatalStackOverflow(Arch arch, boolean copy, long oldLimit)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess process =
                StackPrograms.process(
                        StackPrograms.link(arch, main(arch), StackPrograms.rec(arch, true)),
                        out,
                        null,
                        copy);
        ProgramResult r = Mstart.run(process);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        oldLimit
                                + "\n"
                                + "runtime: goroutine stack exceeds 65536-byte limit\n"
                                + "fatal error: stack overflow\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.fatal()).isInstanceOf(GoThrow.class).hasMessage("stack overflow");
        assertThat(process.maxstacksize).isEqualTo(65536);
    }
}
