package gort.conformance.recorder;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscanrunnable;
import static gort.runtime.GStatus.Gwaiting;
import static org.assertj.core.api.Assertions.assertThat;

import gort.conformance.programs.GoRunner;
import gort.proc.ProgramResult;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver.StackEvent;
import gort.runtime.arch.Arch;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitionRecorderTest {
    private static final String PROGRAM =
            """
            package main

            import "runtime"

            var done int

            func work(n int) {
            \tfor i := 0; i < n; i++ {
            \t\truntime.Gosched()
            \t}
            \tdone = 1
            }

            func main() {
            \tgo work(2)
            \tfor done == 0 {
            \t\truntime.Gosched()
            \t}
            \tprintln("done")
            }
            """;

    private TransitionLog record(String arch) throws InterruptedException {
        GoRunner.Compiled c = GoRunner.compile(Path.of("rec.go"), PROGRAM, Arch.lookup(arch));
        assertThat(c.diagnostics()).isEmpty();
        TransitionRecorder recorder = new TransitionRecorder();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ProgramResult r =
                GoRunner.run(c.image(), new GoRunner.Settings(stderr, Map.of(), recorder));
        assertThat(r.exitCode()).isZero();
        assertThat(stderr.toString()).isEqualTo("done\n");
        return recorder.log();
    }

    @Test
    void aRunLogsEachChangeWithTheCFunctionThatAskedForIt() throws InterruptedException {
        TransitionLog log = record("amd64");

        assertThat(log.text())
                .contains("casgstatus Gidle->Gdead newproc1\n")
                .contains("casgstatus Gdead->Grunnable newproc1\n")
                .contains("casgstatus Grunnable->Grunning execute\n")
                .contains("casgstatus Grunning->Grunnable gosched_m\n")
                .contains("casgstatus Grunning->Gdead goexit0\n")
                .doesNotContain(" ?\n");
        // runtime.main, main.main's goroutine: each born once, and it runs to the end
        assertThat(log.transitions().stream().filter(t -> t.from() == 0)).hasSize(2);
    }

    @Test
    void theTextFormParsesBackToTheSameLogAndHash() throws InterruptedException {
        TransitionLog log = record("arm");

        TransitionLog again = TransitionLog.parse(log.text());
        assertThat(again.events()).isEqualTo(log.events());
        assertThat(again.hash()).isEqualTo(log.hash()).hasSize(64);
    }

    @Test
    void accessorCallsOutsideTheRuntimeHaveNoCFunctionAndSpinsAreLoggedOncePerWait() {
        TransitionRecorder recorder = new TransitionRecorder();
        GoProcess process = GoProcess.create(new ByteArrayOutputStream(), recorder);
        G gp = process.newG(Grunnable);
        gp.goid = 7;

        assertThat(StatusAccessors.castogscanstatus(gp, Grunnable, Gscanrunnable)).isTrue();
        recorder.spin(gp, Grunnable, Grunning, Gscanrunnable);
        recorder.spin(gp, Grunnable, Grunning, Gscanrunnable);
        StatusAccessors.casfromgscanstatus(gp, Gscanrunnable, Grunnable);
        recorder.stack(gp, StackEvent.SCAN, Gwaiting);

        assertThat(recorder.log().text())
                .isEqualTo(
                        String.format(
                                """
                T g=%1$#x goid=7 castogscanstatus Grunnable->Gscanrunnable ?
                W g=%1$#x goid=7 casgstatus Grunnable->Grunning seen=Gscanrunnable ?
                T g=%1$#x goid=7 casfromgscanstatus Gscanrunnable->Grunnable ?
                K g=%1$#x goid=7 SCAN Gwaiting ?
                """,
                                gp.addr()));
    }

    @Test
    void transitionsOfOneGLoggedOutOfOrderAreMendedByTheirChain() {
        TransitionLog log =
                TransitionLog.parse(
                        """
                T g=0x10 goid=1 castogscanstatus Gwaiting->Gscanwaiting scanstack
                T g=0x10 goid=1 casgstatus Gwaiting->Grunnable ready
                T g=0x10 goid=1 casfromgscanstatus Gscanwaiting->Gwaiting scanstack
                """);

        assertThat(log.byG().get(0x10L))
                .extracting(Event.Transition::function)
                .containsExactly("scanstack", "scanstack", "ready");
    }

    @Test
    void callerNamesComeFromRuntimeMethodsAndLambdas() {
        assertThat(Callers.cName("lambda$newstack$3")).isEqualTo("newstack");
        assertThat(Callers.cName("gosched_m")).isEqualTo("gosched_m");
        assertThat(Callers.isRuntime("gort.proc.Schedule")).isTrue();
        assertThat(Callers.isRuntime("gort.proc.StatusAccessors")).isFalse();
        assertThat(Callers.isRuntime("gort.runtime.GoProcess")).isFalse();
    }
}
