package gort.proc;

import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Gidle;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.SP;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hand-assembled programs run on real M threads: rt0_go → schedinit → runtime.main → exit. */
@Timeout(60)
class RunProgramTest {

    /** Records every status transition, per G, in order. */
    static final class Recorder implements StatusObserver {
        final Map<G, List<String>> byG = new LinkedHashMap<>();

        @Override
        public synchronized void transition(G gp, String accessor, int from, int to) {
            byG.computeIfAbsent(gp, k -> new ArrayList<>()).add(from + "->" + to);
        }

        @Override
        public void spin(G gp, int oldval, int newval, int seen) {}

        synchronized List<String> of(long goid) {
            return byG.entrySet().stream()
                    .filter(e -> e.getKey().goid == goid)
                    .findFirst()
                    .map(Map.Entry::getValue)
                    .orElseThrow();
        }
    }

    static String t(int from, int to) {
        return from + "->" + to;
    }

    private static String out(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void helloPrintsAsGo13PrintlnAndMainReturningExitsZero(Arch arch) throws Exception {
        FuncBuilder main = Programs.func(arch, "main.main");
        Programs.printstring(main, arch, "hello");
        main.rtcall("runtime.printsp");
        Programs.printint(main, 42);
        main.rtcall("runtime.printsp");
        Programs.printint(main, -7);
        main.rtcall("runtime.printnl");
        main.movi(R0, 1)
                .store(SP, main.outarg(0), R0, Isa.W1)
                .rtcall("runtime.printbool")
                .rtcall("runtime.printsp");
        main.movi(R0, 0xc208000000L)
                .store(SP, main.outarg(0), R0, Isa.width(arch.PtrSize, false))
                .rtcall("runtime.printpointer")
                .rtcall("runtime.printnl");
        main.movi(R0, 255)
                .store(SP, main.outarg(0), R0, Isa.W8)
                .rtcall("runtime.printhex")
                .rtcall("runtime.printnl")
                .ret();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess p = Programs.process(Programs.link(arch, main), out, 1, null);

        ProgramResult r = Mstart.run(p);

        assertThat(r.fatal()).isNull();
        assertThat(r.exitCode()).isZero();
        assertThat(out(out))
                .isEqualTo(
                        "hello 42 -7\ntrue "
                                + (arch.PtrSize == 8 ? "0xc208000000" : "0x8000000")
                                + "\n0xff\n");
    }

    private static Text goroutines(Arch arch) {
        FuncBuilder main = Programs.func(arch, "main.main");
        Programs.go(main, arch, "main.worker", 1);
        Programs.go(main, arch, "main.worker", 2);
        Programs.goschedLoop(main, arch, 5);
        Programs.printstring(main, arch, "main done\n");
        main.ret();
        return Programs.link(arch, main, Programs.worker(arch));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void goStatementsRunGoroutinesWhileMainYieldsWithGosched(Arch arch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess p = Programs.process(goroutines(arch), out, 1, null);

        ProgramResult r = Mstart.run(p);

        assertThat(r.fatal()).isNull();
        assertThat(r.exitCode()).isZero();
        assertThat(out(out)).isEqualTo("worker 1\nworker 2\nmain done\n");
        assertThat(p.allglen).isEqualTo(3);
        assertThat(p.allg[0].goid).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void osExitEndsTheProcessWithItsCode(Arch arch) throws Exception {
        FuncBuilder main = Programs.func(arch, "main.main");
        Programs.printstring(main, arch, "bye\n");
        main.movi(R0, 3).store(SP, main.outarg(0), R0, Isa.W4).rtcall("runtime.exit");
        Programs.printstring(main, arch, "not reached\n");
        main.ret();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ProgramResult r = Mstart.run(Programs.process(Programs.link(arch, main), out, 1, null));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.fatal()).isNull();
        assertThat(out(out)).isEqualTo("bye\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aGoroutinesLifeMakesTheCommitsTransitionsInOrder(Arch arch) throws Exception {
        Recorder rec = new Recorder();
        ProgramResult r =
                Mstart.run(Programs.process(goroutines(arch), new ByteArrayOutputStream(), 1, rec));

        assertThat(r.exitCode()).isZero();
        assertThat(rec.of(2))
                .containsExactly(
                        t(Gidle, Gdead),
                        t(Gdead, Grunnable),
                        t(Grunnable, Grunning),
                        t(Grunning, Gdead));
        List<String> main = rec.of(1);
        assertThat(main.subList(0, 4))
                .containsExactly(
                        t(Gidle, Gdead),
                        t(Gdead, Grunnable),
                        t(Grunnable, Grunning),
                        t(Grunning, Grunnable));
        assertThat(main).filteredOn(s -> s.equals(t(Grunning, Grunnable))).hasSize(5);
        assertThat(main.get(main.size() - 1))
                .isEqualTo(t(Grunnable, Grunning)); // exit(0) while running
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aDeadGoroutineIsReusedFromTheFreeListWithoutPassingGidle(Arch arch) throws Exception {
        FuncBuilder main = Programs.func(arch, "main.main");
        Programs.go(main, arch, "main.worker", 1);
        Programs.goschedLoop(main, arch, 2);
        Programs.go(main, arch, "main.worker", 2);
        Programs.goschedLoop(main, arch, 2);
        main.ret();
        Recorder rec = new Recorder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess p =
                Programs.process(Programs.link(arch, main, Programs.worker(arch)), out, 1, rec);

        ProgramResult r = Mstart.run(p);

        assertThat(r.exitCode()).isZero();
        assertThat(out(out)).isEqualTo("worker 1\nworker 2\n");
        assertThat(p.allglen).isEqualTo(2);
        G reused = p.allg[1];
        assertThat(reused.goid).isEqualTo(3);
        assertThat(rec.byG.get(reused))
                .containsExactly(
                        t(Gidle, Gdead),
                        t(Gdead, Grunnable),
                        t(Grunnable, Grunning),
                        t(Grunning, Gdead),
                        t(Gdead, Grunnable),
                        t(Grunnable, Grunning),
                        t(Grunning, Gdead));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void twoProcessesRunAtOnceInOneJvmEachWithItsOwnState(Arch arch) throws Exception {
        Text text = goroutines(arch);
        ByteArrayOutputStream out1 = new ByteArrayOutputStream();
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        GoProcess p1 = Programs.process(text, out1, 1, null);
        // One P each: with two, main's "main done" may legitimately come before worker 2's line.
        GoProcess p2 = Programs.process(text, out2, 1, null);

        CompletableFuture<ProgramResult> r1 = CompletableFuture.supplyAsync(() -> run(p1));
        CompletableFuture<ProgramResult> r2 = CompletableFuture.supplyAsync(() -> run(p2));

        assertThat(r1.get().exitCode()).isZero();
        assertThat(r2.get().exitCode()).isZero();
        assertThat(out(out1)).isEqualTo("worker 1\nworker 2\nmain done\n");
        assertThat(out(out2)).isEqualTo("worker 1\nworker 2\nmain done\n");
        assertThat(p1.allg[0]).isNotSameAs(p2.allg[0]);
    }

    private static ProgramResult run(GoProcess p) {
        try {
            return Mstart.run(p);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
