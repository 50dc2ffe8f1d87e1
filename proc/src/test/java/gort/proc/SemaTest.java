package gort.proc;

import static gort.runtime.GStatus.Gwaiting;
import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Linker;
import gort.runtime.os.SimOs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * worldsema through sema.go's semacquire/semrelease ({@link Sema}): a goroutine whose
 * runtime.GOMAXPROCS finds worldsema taken parks (Gwaiting, "semacquire") and runs on once
 * semrelease readies it, under the real backend and under sim seeds.
 */
@Timeout(120)
class SemaTest {

    /** Backend (null: real; else a sim seed), arch, GOMAXPROCS. */
    static Stream<Arguments> backends() {
        List<Arguments> l = new ArrayList<>();
        for (Arch a : Arch.values()) {
            for (int procs : new int[] {1, 2}) {
                l.add(Arguments.of(null, a, procs));
                for (long seed = 0; seed < 3; seed++) {
                    l.add(Arguments.of(seed, a, procs));
                }
            }
        }
        return l.stream();
    }

    /** What test.parked saw when it first found the worker parked. */
    record Parked(int status, String waitreason) {}

    @ParameterizedTest
    @MethodSource("backends")
    void gomaxprocsWaitsParkedOnWorldsemaUntilSemreleaseReadiesIt(Long seed, Arch arch, int procs)
            throws Exception {
        AtomicReference<G> worker = new AtomicReference<>();
        AtomicReference<Parked> parked = new AtomicReference<>();
        // worldsema's value at the end of main: the address space is released when the process ends
        AtomicLong worldsemaAtEnd = new AtomicLong(-1);
        // main: take worldsema; go worker(ch); Gosched until worker is parked; release
        // worldsema; print what worker's GOMAXPROCS returned.
        Asm main = new Asm(arch, "main.main", 0);
        Label wait = main.label();
        main.makechan(0, arch.PtrSize, 0)
                .rt("test.acquireworld")
                .go("main.worker", 6, 0)
                .bind(wait)
                .rt("runtime.gosched")
                .rt("test.parked")
                .in(1, 0)
                .jz(1, wait)
                .rt("test.releaseworld")
                .recv(0, 2)
                .printint(2)
                .printstr(" done\n")
                .rt("test.atend");
        // worker(ch): ch <- runtime.GOMAXPROCS(procs+1)
        Asm w = new Asm(arch, "main.worker", 1);
        w.arg(0, 0).rt("test.me").outImm(0, procs + 1).rt("runtime.GOMAXPROCS").in(1, 1).send(0, 1);

        Linker l =
                RuntimeText.link(new Linker(arch), arch)
                        .runtime("test.me", (cpu, argp) -> worker.set(cpu.g()))
                        .runtime(
                                "test.acquireworld",
                                (cpu, argp) ->
                                        Sema.semacquire(
                                                cpu,
                                                World.worldsema(cpu.m().process),
                                                false,
                                                (c, a) -> {}))
                        .runtime(
                                "test.releaseworld",
                                (cpu, argp) ->
                                        Sema.semrelease(cpu.m(), World.worldsema(cpu.m().process)))
                        .runtime(
                                "test.atend",
                                (cpu, argp) ->
                                        worldsemaAtEnd.set(
                                                cpu.mem()
                                                        .atomicload(
                                                                World.worldsema(cpu.m().process))))
                        .runtime(
                                "test.parked",
                                (cpu, argp) -> {
                                    G gp = worker.get();
                                    boolean isParked =
                                            gp != null
                                                    && StatusAccessors.readgstatus(gp) == Gwaiting
                                                    && "semacquire".equals(gp.waitreason);
                                    if (isParked) {
                                        parked.compareAndSet(
                                                null,
                                                new Parked(
                                                        StatusAccessors.readgstatus(gp),
                                                        gp.waitreason));
                                    }
                                    cpu.mem().storep(argp, isParked ? 1 : 0);
                                });
        for (FuncBuilder f : new FuncBuilder[] {main.ret(), w.ret()}) {
            l.add(f);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess.Builder b =
                GoProcess.builder(l.link())
                        .stderr(out)
                        .gomaxprocs(procs)
                        .morestack(
                                Preempt.orElse(
                                        cpu -> {
                                            throw new AssertionError("unexpected morestack");
                                        }));
        if (seed != null) {
            b.os(new SimOs(seed));
        }
        GoProcess p = b.build();

        ProgramResult r = Mstart.run(p);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(procs + " done\n");
        assertThat(r.exitCode()).isZero();
        assertThat(parked.get()).isEqualTo(new Parked(Gwaiting, "semacquire"));
        assertThat(p.gomaxprocs).as("GOMAXPROCS took effect").isEqualTo(procs + 1);
        assertThat(worldsemaAtEnd.get()).as("worldsema free again").isEqualTo(1);
        assertThat(Sema.semroot(p, World.worldsema(p)).nwait.get()).as("no waiter left").isZero();
    }

    @org.junit.jupiter.api.Test
    void semreleaseWakesTheFirstWaiterOnItsAddressWhereverItSitsInTheRootsQueue() {
        Sema.SemaRoot root = new Sema.SemaRoot();
        Chan.SudoG a = new Chan.SudoG(1);
        Chan.SudoG b = new Chan.SudoG(2);
        Chan.SudoG c = new Chan.SudoG(3);
        Sema.queue(root, 0x100, a, null);
        Sema.queue(root, 0x200, b, null);
        Sema.queue(root, 0x300, c, null);

        Sema.dequeue(root, a, b); // the middle one
        assertThat(root.head).isSameAs(a);
        assertThat(a.next).isSameAs(c);
        assertThat(root.tail).isSameAs(c);
        Sema.dequeue(root, a, c); // the tail
        assertThat(root.tail).isSameAs(a);
        assertThat(a.next).isNull();
        Sema.dequeue(root, null, a); // the last one
        assertThat(root.head).isNull();
        assertThat(root.tail).isNull();
        assertThat(b.next).isNull();
        assertThat(c.next).isNull();
    }
}
