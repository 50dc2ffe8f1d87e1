package gort.runtime.os;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** lock_futex.c's locks and notes on the sim backend, through a full process's OS layer. */
@Timeout(60)
class SimLockTest {

    /** Several Ms sharing a counter, with or without the lock, under one seed. */
    static final class Contention {
        final SimOs os;
        final GoProcess process;
        final Lock l = new Lock();
        final List<Integer> order = new ArrayList<>();
        int counter;

        Contention(long seed) {
            os = new SimOs(seed);
            Text text =
                    new Linker(Arch.amd64)
                            .add(
                                    new FuncBuilder(Arch.amd64, "gort.halt")
                                            .nosplit(true)
                                            .pos("halt.s", 1)
                                            .halt())
                            .link();
            process = GoProcess.builder(text).os(os).morestack(cpu -> {}).build();
        }

        /** nm Ms each add 1 to the counter {@code rounds} times: read, switch point, write. */
        Contention run(int nm, int rounds, boolean locked) throws InterruptedException {
            M root = new M(process, 0x100);
            os.newosproc(
                    root,
                    () -> {
                        for (int i = 0; i < nm; i++) {
                            M mp = new M(process, 0x200 + 0x100L * i);
                            mp.id = i + 1;
                            os.newosproc(
                                    mp,
                                    () -> {
                                        for (int r = 0; r < rounds; r++) {
                                            if (locked) {
                                                LockFutex.lock(mp, l);
                                            }
                                            order.add(mp.id);
                                            int v = counter;
                                            process.atomic(); // another M may run here
                                            counter = v + 1;
                                            if (locked) {
                                                LockFutex.unlock(mp, l);
                                            }
                                        }
                                    });
                        }
                    });
            os.joinall();
            return this;
        }
    }

    @Test
    void theLockExcludesAndTheOrderOfAcquisitionIsTheSeeds() throws InterruptedException {
        Set<List<Integer>> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Contention a = new Contention(seed).run(4, 25, true);
            assertThat(a.counter).as("seed %d", seed).isEqualTo(100);
            assertThat(a.l.key()).isEqualTo(LockFutex.MUTEX_UNLOCKED);
            Contention b = new Contention(seed).run(4, 25, true);
            assertThat(b.order).as("seed %d", seed).isEqualTo(a.order);
            orders.add(a.order);
        }
        assertThat(orders).hasSizeGreaterThan(1);
    }

    @Test
    void withoutTheLockTheSimLosesUpdatesSoTheCheckAboveBites() throws InterruptedException {
        int lost = 0;
        for (long seed = 0; seed < 20; seed++) {
            if (new Contention(seed).run(4, 25, false).counter < 100) {
                lost++;
            }
        }
        assertThat(lost).isPositive();
    }

    @Test
    void notetsleepTimesOutInVirtualTimeAndNotewakeupWakesTheSleeper() throws InterruptedException {
        Contention c = new Contention(7);
        Note timed = new Note();
        Note woken = new Note();
        List<String> log = new ArrayList<>();
        M root = new M(c.process, 0x100);
        c.os.newosproc(
                root,
                () -> {
                    M sleeper = new M(c.process, 0x200);
                    sleeper.id = 1;
                    c.os.newosproc(
                            sleeper,
                            () -> {
                                long t0 = c.os.nanotime();
                                boolean ok = LockFutex.notetsleep(sleeper, timed, 10_000_000_000L);
                                long slept = c.os.nanotime() - t0;
                                log.add("timed " + ok + " " + (slept >= 10_000_000_000L));
                                LockFutex.notesleep(sleeper, woken);
                                log.add("woken");
                            });
                    // The root waits in virtual time too, then wakes the second note.
                    LockFutex.notetsleep(root, new Note(), 20_000_000_000L);
                    LockFutex.notewakeup(root, woken);
                });
        c.os.joinall();
        assertThat(log).containsExactly("timed false true", "woken");
    }
}
