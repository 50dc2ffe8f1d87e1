package gort.stack;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gwaiting;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.SP;
import static gort.runtime.cpu.Isa.W8;
import static gort.runtime.cpu.Isa.width;
import static org.assertj.core.api.Assertions.assertThat;

import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.proc.RuntimeText;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.Stack;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * newstack's StackPreempt case: a G whose stackguard0 holds StackPreempt enters newstack at its
 * next prologue, goes Grunning → Gwaiting ("stack growth") → Grunning and then yields as gosched
 * does (Grunning → Grunnable); when the M holds a lock it declines, restores stackguard0 and lets
 * the G go on.
 */
class PreemptTest {
    /** main.main calls test.preempt (an RTCALL that requests preemption) and then rec(3). */
    private static Text text(Arch arch, boolean holdLock) {
        Linker l =
                StackText.link(RuntimeText.link(new Linker(arch), arch), arch)
                        .runtime(
                                "test.preempt",
                                (cpu, argp) -> {
                                    G gp = cpu.g();
                                    gp.preempt = true;
                                    gp.stackguard0 = Stack.StackPreempt(cpu.arch());
                                    if (holdLock) {
                                        cpu.m().locks++;
                                    }
                                })
                        .runtime(
                                "test.unlock",
                                (cpu, argp) -> {
                                    if (holdLock) {
                                        cpu.m().locks--;
                                    }
                                });
        // main.main: test.preempt; rec(3) (its prologue sees StackPreempt); println; test.unlock
        var f = new FuncBuilder(arch, "main.main").locals(2 * arch.PtrSize + 48).pos("p.go", 1);
        int w = arch.PtrSize;
        f.rtcall("test.preempt")
                .movi(R0, 3)
                .store(SP, f.outarg(0), R0, width(w, true))
                .call("main.rec")
                .load(R0, SP, f.outarg(w), width(w, true))
                .store(SP, f.outarg(0), R0, W8)
                .rtcall("runtime.printint")
                .rtcall("runtime.printnl")
                .rtcall("test.unlock")
                .ret();
        return l.add(f).add(StackPrograms.rec(arch, true)).link();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPreemptionRequestYieldsAsGoschedDoes(Arch arch) throws Exception {
        GrowthPathsTest.Recorder rec = new GrowthPathsTest.Recorder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess process = StackPrograms.process(text(arch, false), out, rec, true);
        ProgramResult r = Mstart.run(process);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("3\n");
        assertThat(r.exitCode()).isZero();
        assertThat(rec.count(Grunning, Gwaiting)).isEqualTo(1);
        assertThat(rec.count(Gwaiting, Grunning)).isEqualTo(1);
        assertThat(rec.count(Grunning, Grunnable)).as("gosched_m").isEqualTo(1);
        assertThat(rec.copies).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void withALockHeldThePreemptionIsDeclined(Arch arch) throws Exception {
        GrowthPathsTest.Recorder rec = new GrowthPathsTest.Recorder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess process = StackPrograms.process(text(arch, true), out, rec, true);
        ProgramResult r = Mstart.run(process);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("3\n");
        assertThat(r.exitCode()).isZero();
        assertThat(rec.count(Grunning, Gwaiting)).isEqualTo(1);
        assertThat(rec.count(Gwaiting, Grunning)).isEqualTo(1);
        assertThat(rec.count(Grunning, Grunnable)).as("no gosched").isZero();
    }
}
