package gort.proc;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Text;
import gort.runtime.os.SimOs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler on the sim backend: every sleep, wakeup, clock read and thread start goes through
 * the OsLayer, so the deterministic backend drives Ms, sysmon and timerproc; a seed replays a run
 * exactly.
 */
@Timeout(300)
class SimSchedTest {

    record Run(int exit, String out, List<String> transitions) {}

    static Run run(long seed, int procs, FuncBuilder... fs) throws Exception {
        Text text = Programs.link(Arch.amd64, fs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        StatusObserver obs =
                new StatusObserver() {
                    @Override
                    public void transition(G gp, String accessor, int from, int to) {
                        log.add(gp.goid + ":" + from + "->" + to);
                    }

                    @Override
                    public void spin(G gp, int oldval, int newval, int seen) {}
                };
        GoProcess p =
                GoProcess.builder(text)
                        .stderr(out)
                        .gomaxprocs(procs)
                        .os(new SimOs(seed))
                        .observer(obs)
                        .morestack(
                                Preempt.orElse(
                                        cpu -> {
                                            throw new AssertionError("unexpected morestack");
                                        }))
                        .build();
        ProgramResult r = Mstart.run(p);
        return new Run(r.exitCode(), out.toString(StandardCharsets.UTF_8), log);
    }

    @Test
    void channelProgramsGiveGosOutputUnderEverySeedAndASeedReplaysItsRun() throws Exception {
        for (int procs : new int[] {1, 2, 4}) {
            for (long seed = 0; seed < 5; seed++) {
                Run a = run(seed, procs, ChanProgramTest.fanin(Arch.amd64, 4, 200, 2));
                assertThat(a.out()).as("procs %d seed %d", procs, seed).isEqualTo("20100\n");
                Run b = run(seed, procs, ChanProgramTest.fanin(Arch.amd64, 4, 200, 2));
                assertThat(b.transitions())
                        .as("procs %d seed %d", procs, seed)
                        .isEqualTo(a.transitions());
                assertThat(run(seed, procs, ChanProgramTest.pingpong(Arch.amd64, 200)).out())
                        .isEqualTo("20100\n");
            }
        }
    }

    @Test
    void deadlocksAndSleepsUnderTheSimBackend() throws Exception {
        for (long seed = 0; seed < 5; seed++) {
            Asm main = new Asm(Arch.amd64, "main.main", 0);
            main.rt("runtime.block");
            Run r = run(seed, 2, main.ret());
            assertThat(r.out()).isEqualTo(SchedCrashTest.DEADLOCK);
            assertThat(r.exit()).isEqualTo(2);

            Asm sleeper = new Asm(Arch.amd64, "main.main", 0);
            SchedProgramTest.sleep(sleeper, 50_000_000L);
            sleeper.printstr("slept\n");
            assertThat(run(seed, 2, sleeper.ret()).out()).isEqualTo("slept\n");
        }
    }

    @Test
    void gomaxprocsWithGoroutinesInSyscallsUnderEverySeed() throws Exception {
        for (long seed = 0; seed < 5; seed++) {
            Asm main = new Asm(Arch.amd64, "main.main", 0);
            main.makechan(0, 8, 0)
                    .set(1, 200)
                    .go("main.closer", 6, 0, 1)
                    .go("main.closer", 6, 0, 1);
            for (int n : new int[] {4, 2, 3}) {
                main.outImm(0, n).rt("runtime.GOMAXPROCS").rt("runtime.gosched");
            }
            main.recv(0, 3).recv(0, 3).printstr("ok\n");
            Asm closer = new Asm(Arch.amd64, "main.closer", 2);
            gort.runtime.cpu.Label top = closer.label();
            gort.runtime.cpu.Label done = closer.label();
            closer.arg(0, 0)
                    .arg(1, 1)
                    .set(2, 0)
                    .bind(top)
                    .jge(2, 1, done)
                    .outImm(0, -1)
                    .rt("syscall.Close")
                    .addi(2, 1)
                    .jmp(top)
                    .bind(done)
                    .send(0, 2);
            assertThat(run(seed, 2, main.ret(), closer.ret()).out())
                    .as("seed %d", seed)
                    .isEqualTo("ok\n");
        }
    }
}
