package gort.proc;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.Defer;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.RuntimeFunc;
import gort.runtime.mem.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * runtime·main's init bracket (proc.c, 0a7c7ac80): main·init runs on m0 with the main goroutine
 * locked to it and the special initDone Defer innermost on g->defer; after init the Defer is gone
 * and the lock released; a Defer chain changed by init is a throw.
 */
@Timeout(60)
class RuntimeMainTest {

    /** What a probe RTCALL saw: on m0, locks, and the innermost Defer. */
    record Seen(
            boolean onM0,
            boolean gLockedToM,
            boolean mLockedToG,
            int mLocked,
            long defer,
            boolean special,
            String deferFn,
            long deferArgp) {}

    static Seen probe(Cpu cpu) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess p = mp.process;
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long d = gp.defer;
        String fn = d == 0 ? null : p.text().findfunc(mem.loadp(mem.loadp(d + Defer.fn(w)))).name;
        return new Seen(
                mp == p.m0,
                gp.lockedm == mp,
                mp.lockedg == gp,
                mp.locked,
                d,
                d != 0 && mem.load8(d + Defer.special()) != 0,
                fn,
                d == 0 ? 0 : mem.loadp(d + Defer.argp(w)));
    }

    record Run(int exit, String out) {}

    static Run run(Arch arch, int procs, RuntimeFunc probe, FuncBuilder... fs) throws Exception {
        Linker l = RuntimeText.link(new Linker(arch), arch).runtime("test.probe", probe);
        for (FuncBuilder f : fs) {
            l.add(f);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess p = Programs.process(l.link(), out, procs, null);
        ProgramResult r = Mstart.run(p);
        return new Run(r.exitCode(), out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("gort.proc.ChanProgramTest#archAndProcs")
    void initRunsOnM0LockedToItUnderTheInitDoneDeferAndMainRunsUnlocked(Arch arch, int procs)
            throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        Asm init = new Asm(arch, "main.init", 0);
        init.rt("test.probe");
        Asm main = new Asm(arch, "main.main", 0);
        main.rt("test.probe").printstr("main\n");

        Run r = run(arch, procs, (cpu, argp) -> seen.add(probe(cpu)), init.ret(), main.ret());

        assertThat(r).isEqualTo(new Run(0, "main\n"));
        assertThat(seen).hasSize(2);
        Seen inInit = seen.get(0);
        assertThat(inInit.onM0()).as("init on m0").isTrue();
        assertThat(inInit.gLockedToM()).as("g->lockedm == m0").isTrue();
        assertThat(inInit.mLockedToG()).as("m0->lockedg == g").isTrue();
        assertThat(inInit.mLocked()).as("m->locked").isEqualTo(Ms.LockInternal);
        assertThat(inInit.defer()).as("g->defer").isNotZero();
        assertThat(inInit.special()).as("d.special").isTrue();
        assertThat(inInit.deferFn()).as("d.fn (initDone)").isEqualTo("runtime.unlockOSThread");
        assertThat(inInit.deferArgp()).as("d.argp").isEqualTo(Defer.NoArgs(arch.PtrSize));
        Seen inMain = seen.get(1);
        assertThat(inMain.onM0()).as("main.main on m0").isTrue();
        assertThat(inMain.gLockedToM()).as("g->lockedm").isFalse();
        assertThat(inMain.mLockedToG()).as("m0->lockedg").isFalse();
        assertThat(inMain.mLocked()).as("m->locked").isZero();
        assertThat(inMain.defer()).as("g->defer").isZero();
    }

    @ParameterizedTest
    @MethodSource("gort.proc.ChanProgramTest#archAndProcs")
    void theInitDoneDeferIsThereWithoutAMainInitToo(Arch arch, int procs) throws Exception {
        Asm main = new Asm(arch, "main.main", 0);
        main.rt("test.probe").printstr("main\n");
        List<Seen> seen = new CopyOnWriteArrayList<>();

        Run r = run(arch, procs, (cpu, argp) -> seen.add(probe(cpu)), main.ret());

        assertThat(r).isEqualTo(new Run(0, "main\n"));
        assertThat(seen)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.mLocked()).isZero();
                            assertThat(s.defer()).isZero();
                        });
    }

    @ParameterizedTest
    @MethodSource("gort.proc.ChanProgramTest#archAndProcs")
    void initThatLeavesTheDeferChainChangedIsAThrow(Arch arch, int procs) throws Exception {
        Asm init = new Asm(arch, "main.init", 0);
        init.rt("test.probe");
        Asm main = new Asm(arch, "main.main", 0);
        main.printstr("main\n");

        // init drops the initDone Defer from g->defer, as a runaway deferreturn would
        Run r = run(arch, procs, (cpu, argp) -> cpu.g().defer = 0, init.ret(), main.ret());

        assertThat(r).isEqualTo(new Run(2, "fatal error: runtime: bad defer entry after init\n"));
    }
}
