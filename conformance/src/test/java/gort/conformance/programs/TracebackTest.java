package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.proc.Tracebacks;
import gort.runtime.Defer;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.M;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Func;
import gort.runtime.mem.Memory;
import gort.traceback.Traceback;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * gentraceback and tracebackothers on states no well-behaved program reaches: a pc outside the
 * text, a corrupted frame, a Defer no frame owns, a goroutine running elsewhere. The process is
 * linked from a real program but not started; its Gs are set up by hand.
 */
class TracebackTest {
    static final String SRC = "package main\n\nfunc main() {\n\tprintln(1)\n}\n";

    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    GoProcess process(Arch arch) {
        GoRunner.Compiled c = GoRunner.compile(Path.of("./prog.go"), SRC, arch);
        assertThat(c.ok()).isTrue();
        return GoRunner.process(c.image(), new GoRunner.Settings(out, Map.of()));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    static G g(GoProcess p, int status, long goid) {
        G gp = p.newG(status);
        gp.goid = goid;
        return gp;
    }

    /** A stack-like block of words, each {@code v}. */
    static long words(GoProcess p, int n, long v) {
        Memory mem = p.memory();
        int w = p.arch().PtrSize;
        long b = p.malloc().mallocgc((long) n * w, 0, 0);
        for (int i = 0; i < n; i++) {
            mem.storep(b + (long) i * w, v);
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPcNoFunctionContainsThrowsUnknownPcForACallbackAndPrintsNothingOtherwise(Arch arch) {
        GoProcess p = process(arch);
        G gp = g(p, GStatus.Gwaiting, 5);
        gp.sched.pc = 0x10; // below the text
        gp.sched.sp = words(p, 8, 0);

        assertThat(Traceback.gentraceback(null, ~0L, ~0L, 0, gp, 0, null, 100, null, false))
                .isZero();
        assertThat(out()).isEmpty();

        assertThatThrownBy(
                        () ->
                                Traceback.gentraceback(
                                        null, ~0L, ~0L, 0, gp, 0, null, 100, f -> true, false))
                .isInstanceOf(GoThrow.class)
                .hasMessage("unknown pc");
        assertThat(out()).isEqualTo("runtime: unknown pc 0x10\nfatal error: unknown pc\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aReturnPcNoFunctionContainsIsTheCsUnexpectedReturnPc(Arch arch) {
        GoProcess p = process(arch);
        Func main = p.text().lookup("main.main");
        G gp = g(p, GStatus.Gwaiting, 5);
        gp.sched.pc = main.entry; // at entry: sp == fp on arm, the pushed pc at sp on amd64
        gp.sched.sp = words(p, 8, 0xdead0);

        assertThatThrownBy(
                        () ->
                                Traceback.gentraceback(
                                        null, ~0L, ~0L, 0, gp, 0, null, 100, f -> true, false))
                .isInstanceOf(GoThrow.class)
                .hasMessage("unknown caller pc");
        assertThat(out())
                .isEqualTo(
                        "runtime: unexpected return pc for main.main called from 0xdead0\n"
                                + "fatal error: unknown caller pc\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aDeferThatNoFrameOwnsIsALeftoverAfterACallbackWalk(Arch arch) {
        GoProcess p = process(arch);
        int w = p.arch().PtrSize;
        Memory mem = p.memory();
        G gp = g(p, GStatus.Gwaiting, 9);
        gp.sched.pc =
                p.text().lookup("runtime.goexit").entry; // a stack's first function: one frame
        gp.sched.sp = words(p, 8, 0);
        long d = p.malloc().mallocgc(Defer.size(w, 0), 0, 0);
        mem.storep(d + Defer.argp(w), 0x40);
        mem.storep(d + Defer.pc(w), 0x44);
        gp.defer = d;

        int[] frames = {0};
        assertThatThrownBy(
                        () ->
                                Traceback.gentraceback(
                                        null,
                                        ~0L,
                                        ~0L,
                                        0,
                                        gp,
                                        0,
                                        null,
                                        100,
                                        f -> {
                                            frames[0]++;
                                            return true;
                                        },
                                        false))
                .isInstanceOf(GoThrow.class)
                .hasMessage("traceback has leftover defers or panics");
        assertThat(frames[0]).isEqualTo(1);
        assertThat(out())
                .isEqualTo(
                        "runtime: g9: leftover defer argp=0x40 pc=0x44\n"
                                + String.format("\tdefer %#x argp=0x40 pc=0x44\n", d)
                                + "fatal error: traceback has leftover defers or panics\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aGoroutineRunningOnAnotherThreadHasNoStackAndDeadOrSystemOnesAreLeftOut(Arch arch) {
        GoProcess p = process(arch);
        M mp = new M(p, p.malloc().mallocgc(1024, 0, 0));
        G me = g(p, GStatus.Grunning, 1);
        G running = g(p, GStatus.Grunning, 2);
        G scanning = g(p, GStatus.Gscanrunning, 3); // the commit masks the scan bit
        G dead = g(p, GStatus.Gdead, 4);
        G system = g(p, GStatus.Grunning, 5);
        system.issystem = true;
        p.allg = new G[] {me, running, scanning, dead, system};
        p.allglen = 5;

        Tracebacks.tracebackothers(mp, me, Traceback.TRACER);

        assertThat(out())
                .isEqualTo(
                        "\ngoroutine 2 [running]:\n"
                                + "\tgoroutine running on other thread; stack unavailable\n"
                                + "\ngoroutine 3 [scanrunning]:\n"
                                + "\tgoroutine running on other thread; stack unavailable\n");
    }
}
