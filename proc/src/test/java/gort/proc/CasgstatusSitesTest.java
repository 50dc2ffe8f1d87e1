package gort.proc;

import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Gidle;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gsyscall;
import static gort.runtime.GStatus.Gwaiting;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Label;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every casgstatus site of proc.c at 0a7c7ac80 (from the commit's diff), and which of them the
 * hand-assembled programs exercise. A site is recognized by the Java method that ports its C
 * function (found on the stack when the observer sees the transition) and the transition.
 */
@Timeout(120)
class CasgstatusSitesTest {

    /**
     * A casgstatus call in proc.c: its line at 0a7c7ac80, C function, transition, and why not run.
     */
    record Site(int line, String cfunc, int from, int to, String notExercised) {
        String key() {
            return cfunc + " " + from + "->" + to;
        }
    }

    static final List<Site> SITES =
            List.of(
                    new Site(441, "ready", Gwaiting, Grunnable, null),
                    new Site(980, "newextram", Gidle, Gsyscall, "cgo callbacks: not ported"),
                    new Site(1307, "execute", Grunnable, Grunning, null),
                    new Site(
                            1355,
                            "findrunnable",
                            Gwaiting,
                            Grunnable,
                            "netpoll (non-blocking) never returns a G: stub"),
                    new Site(
                            1427,
                            "findrunnable",
                            Gwaiting,
                            Grunnable,
                            "netpoll (blocking) never returns a G: stub"),
                    new Site(
                            1470,
                            "injectglist",
                            Gwaiting,
                            Grunnable,
                            "its lists come from netpoll (stub) and forcegc (mgc)"),
                    new Site(1584, "park_m", Grunning, Gwaiting, null),
                    new Site(
                            1592, "park_m", Gwaiting, Grunnable, "no ported unlockf returns false"),
                    new Site(1618, "gosched_m", Grunning, Grunnable, null),
                    new Site(1644, "goexit0", Grunning, Gdead, null),
                    new Site(1703, "entersyscall", Grunning, Gsyscall, null),
                    new Site(1755, "entersyscallblock", Grunning, Gsyscall, null),
                    new Site(1787, "entersyscallblock_m", Grunning, Gsyscall, null),
                    new Site(1812, "exitsyscall", Gsyscall, Grunning, null),
                    new Site(1889, "exitsyscall0", Gsyscall, Grunnable, null),
                    new Site(2079, "newproc1", Gidle, Gdead, null),
                    new Site(2101, "newproc1", Gdead, Grunnable, null));

    /**
     * Records (ported C function, transition) for every casgstatus, from the calling method's name.
     */
    static final class SiteRecorder implements StatusObserver {
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void transition(G gp, String accessor, int from, int to) {
            if (!accessor.equals("casgstatus")) {
                return;
            }
            String caller =
                    StackWalker.getInstance()
                            .walk(
                                    s ->
                                            s.filter(
                                                            f ->
                                                                    f.getClassName()
                                                                                    .startsWith(
                                                                                            "gort.proc.")
                                                                            && !f.getClassName()
                                                                                    .equals(
                                                                                            StatusAccessors
                                                                                                    .class
                                                                                                    .getName())
                                                                            && !f.getClassName()
                                                                                    .startsWith(
                                                                                            "gort.proc.CasgstatusSitesTest"))
                                                    .map(StackWalker.StackFrame::getMethodName)
                                                    .findFirst()
                                                    .orElse("?"));
            seen.add(caller + " " + from + "->" + to);
        }

        @Override
        public void spin(G gp, int oldval, int newval, int seen) {}
    }

    @Test
    void theProgramsExerciseEverySiteExceptTheOnesThatCannotRunInGort() throws Exception {
        SiteRecorder rec = new SiteRecorder();
        for (Arch arch : Arch.values()) {
            ChanProgramTest.run(arch, 2, rec, ChanProgramTest.pingpong(arch, 100));
            ChanProgramTest.run(arch, 2, rec, ChanProgramTest.fanin(arch, 4, 100, 2));
            ChanProgramTest.run(arch, 1, rec, busyWhileATimerFires(arch));
            // 100 x syscall.Close(-1) (fast exits, and slow ones when sysmon retook the P); go;
            // Gosched
            Asm main = new Asm(arch, "main.main", 0);
            Label top = main.label();
            Label done = main.label();
            main.set(0, 0)
                    .set(1, 100)
                    .bind(top)
                    .jge(0, 1, done)
                    .outImm(0, -1)
                    .rt("syscall.Close")
                    .addi(0, 1)
                    .jmp(top)
                    .bind(done)
                    .go("main.worker", 6)
                    .rt("runtime.gosched");
            ChanProgramTest.run(arch, 1, rec, main.ret(), new Asm(arch, "main.worker", 0).ret());
            runWithProfilerSleep(arch, rec);
        }

        Map<Integer, String> table = new TreeMap<>();
        for (Site s : SITES) {
            table.put(
                    s.line(),
                    s.key()
                            + (rec.seen.contains(s.key())
                                    ? "  exercised"
                                    : "  not exercised: " + s.notExercised()));
        }
        System.out.println(
                table.entrySet().stream()
                        .map(e -> "proc.c:" + e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining("\n")));
        for (Site s : SITES) {
            if (s.notExercised() == null) {
                assertThat(rec.seen).as("proc.c:%d %s", s.line(), s.key()).contains(s.key());
            } else if (!s.cfunc().equals("findrunnable")) {
                assertThat(rec.seen).as("proc.c:%d %s", s.line(), s.key()).doesNotContain(s.key());
            }
        }
    }

    /**
     * main calls a test RTCALL standing for cpuprof.goc's getprofile, the one caller of
     * lock_futex.c notetsleepg (and so of entersyscallblock) at the commit: it sleeps 1ms on a note
     * nobody wakes, then main prints "slept". gort has no CPU profiler, so only a test reaches this
     * site.
     */
    static void runWithProfilerSleep(Arch arch, SiteRecorder rec) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.rt("test.getprofileSleep").printstr("slept\n");
        gort.runtime.cpu.Linker l =
                RuntimeText.link(new gort.runtime.cpu.Linker(arch), arch)
                        .runtime(
                                "test.getprofileSleep",
                                (cpu, argp) ->
                                        Syscalls.notetsleepg(
                                                cpu,
                                                new gort.runtime.os.Note(),
                                                1_000_000L,
                                                (c, woken) -> assertThat(woken).isFalse()));
        l.add(main.ret());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        gort.runtime.GoProcess p = Programs.process(l.link(), out, 1, rec);
        ProgramResult r = Mstart.run(p);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("slept\n");
        assertThat(r.exitCode()).isZero();
    }

    /**
     * GOMAXPROCS=1: go sleeper(done); main spins (calling a function, so it can be preempted) until
     * done has a value. timerproc wakes from gonotetsleepg (entersyscallblock_m) while the only P
     * is busy, so its exitsyscall takes the slow path (exitsyscall0). A napper's minute-long sleep,
     * still pending when main returns, keeps a future timer in the heap, so timerproc sleeps in
     * gonotetsleepg however late it first runs (on a slow host the 2ms timer may be due by then).
     */
    static gort.runtime.cpu.FuncBuilder[] busyWhileATimerFires(Arch arch) {
        Asm main = new Asm(arch, "main.main", 0);
        main.makechan(0, arch.PtrSize, 1)
                .go("main.napper", 6)
                .go("main.sleeper", 6, 0)
                .set(1, 0)
                .set(2, 0);
        Label top = main.label();
        Label done = main.label();
        main.bind(top);
        ChanProgramTest.select(main, false, new int[] {0, 0, 1, -1});
        main.addi(6, 1).jnz6(done);
        main.f.call("main.leaf");
        main.jmp(top).bind(done).printstr("woke\n");
        Asm sleeper = new Asm(arch, "main.sleeper", 1);
        sleeper.arg(0, 0);
        SchedProgramTest.sleep(sleeper, 2_000_000L);
        sleeper.set(1, 1).send(0, 1);
        Asm napper = new Asm(arch, "main.napper", 0);
        SchedProgramTest.sleep(napper, 60_000_000_000L);
        return new gort.runtime.cpu.FuncBuilder[] {
            main.ret(), sleeper.ret(), napper.ret(), new Asm(arch, "main.leaf", 0).ret()
        };
    }
}
