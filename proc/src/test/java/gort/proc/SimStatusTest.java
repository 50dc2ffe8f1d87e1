package gort.proc;

import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscan;
import static gort.runtime.GStatus.Gwaiting;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import gort.runtime.os.SimOs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The status accessors on the sim backend, with a scanner M and a mutator M racing for one G: the
 * accessors' switch points make the race a function of the seed (D1), and casgstatus's spin lets
 * the scanner run (without a switch point in the spin, the mutator would keep the baton and this
 * test would time out).
 */
@Timeout(60)
class SimStatusTest {

    /** (goid, accessor, from, to) of every transition, and the spins, in order. */
    static final class Log implements StatusObserver {
        final List<String> events = new ArrayList<>();
        int spins;

        @Override
        public void transition(G gp, String accessor, int from, int to) {
            events.add(gp.goid + " " + accessor + " " + from + "->" + to);
        }

        @Override
        public void spin(G gp, int oldval, int newval, int seen) {
            spins++;
        }
    }

    private static Log race(long seed) throws InterruptedException {
        SimOs os = new SimOs(seed);
        Log log = new Log();
        Text text =
                new Linker(Arch.amd64)
                        .add(
                                new FuncBuilder(Arch.amd64, "gort.halt")
                                        .nosplit(true)
                                        .pos("halt.s", 1)
                                        .halt())
                        .link();
        GoProcess process =
                GoProcess.builder(text).os(os).observer(log).morestack(cpu -> {}).build();
        G gp = process.newG(Grunnable);
        gp.goid = 7;
        M root = new M(process, 0x100);
        os.newosproc(
                root,
                () -> {
                    M mutator = new M(process, 0x200);
                    M scanner = new M(process, 0x300);
                    os.newosproc(
                            mutator,
                            () -> {
                                for (int r = 0; r < 20; r++) {
                                    StatusAccessors.casgstatus(gp, Grunnable, Grunning);
                                    StatusAccessors.casgstatus(gp, Grunning, Gwaiting);
                                    StatusAccessors.casgstatus(gp, Gwaiting, Grunnable);
                                }
                            });
                    os.newosproc(
                            scanner,
                            () -> {
                                for (int r = 0; r < 20; r++) {
                                    int s = StatusAccessors.readgstatus(gp);
                                    if ((s == Grunnable || s == Gwaiting)
                                            && StatusAccessors.castogscanstatus(gp, s, s | Gscan)) {
                                        process.atomic(); // "scanning": the mutator may try to
                                        // move gp now
                                        StatusAccessors.casfromgscanstatus(gp, s | Gscan, s);
                                    }
                                }
                            });
                });
        os.joinall();
        return log;
    }

    @Test
    void theSameSeedReplaysTheRaceAndDifferentSeedsRaceDifferently() throws InterruptedException {
        Set<List<String>> logs = new HashSet<>();
        int spinning = 0;
        for (long seed = 0; seed < 20; seed++) {
            Log a = race(seed);
            assertThat(a.events).filteredOn(e -> e.contains("casgstatus")).hasSize(60);
            Log b = race(seed);
            assertThat(b.events).as("seed %d", seed).isEqualTo(a.events);
            assertThat(b.spins).isEqualTo(a.spins);
            logs.add(a.events);
            if (a.spins > 0) {
                spinning++;
            }
        }
        assertThat(logs).hasSizeGreaterThan(1);
        assertThat(spinning).as("seeds where casgstatus waited for the scanner").isPositive();
    }
}
