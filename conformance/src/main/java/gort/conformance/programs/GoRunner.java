package gort.conformance.programs;

import gort.cmd.Compiler;
import gort.cmd.codegen.CodeGen;
import gort.cmd.codegen.Image;
import gort.mgc.GcMask;
import gort.mgc.MemStatsText;
import gort.mgc.Mgc;
import gort.mgc.MgcHooks;
import gort.mprof.BlockProfile;
import gort.mprof.ExitProfiles;
import gort.mprof.Mprof;
import gort.panic.PanicText;
import gort.panic.Panics;
import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.proc.RuntimeText;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Linker;
import gort.runtime.os.SimOs;
import gort.stack.StackRecords;
import gort.stack.StackText;
import gort.stack.Stacks;
import gort.traceback.CallerText;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The one place where a Go program is compiled, linked with the runtime's modules and started as a
 * process: what C's linker and rt0 do together. {@code gort run}, the conformance corpus and the
 * tests all go through it, so a module that joins the runtime (stack's newstack, panic's deferproc,
 * the scheduler's channels) is wired here once.
 */
public final class GoRunner {
    private GoRunner() {}

    /** A compiled and linked program, or the diagnostics that stopped it. */
    public record Compiled(Image image, String diagnostics) {
        public boolean ok() {
            return image != null;
        }
    }

    /** How a process is set up: its stderr, the Go environment, an optional observer. */
    public record Settings(
            OutputStream stderr,
            Map<String, String> env,
            StatusObserver observer,
            ExitProfiles.Request profiles) {
        public Settings(OutputStream stderr, Map<String, String> env) {
            this(stderr, env, null, null);
        }

        public Settings(OutputStream stderr, Map<String, String> env, StatusObserver observer) {
            this(stderr, env, observer, null);
        }

        /** These settings with profiles written at exit (gort run's profile flags). */
        public Settings withProfiles(ExitProfiles.Request p) {
            return new Settings(stderr, env, observer, p);
        }
    }

    /** Checks, generates and links {@code source} for {@code arch}. */
    public static Compiled compile(Path file, String source, Arch arch) {
        return compile(file, source, arch, file.toString());
    }

    /**
     * Like {@link #compile(Path, String, Arch)}, with {@code recordedAs} as the file name in the
     * symbol table (what tracebacks print) while diagnostics keep {@code file} as given.
     */
    public static Compiled compile(Path file, String source, Arch arch, String recordedAs) {
        Compiler.Result checked = new Compiler(arch.PtrSize).check(file, source);
        if (!checked.ok()) {
            return new Compiled(null, checked.text());
        }
        Linker probe = new Linker(arch);
        setup(probe, arch);
        CodeGen.Result generated = CodeGen.compile(checked.pkg(), arch, recordedAs, probe.names());
        if (!generated.diagnostics().isEmpty()) {
            StringBuilder text = new StringBuilder();
            generated.diagnostics().forEach(d -> text.append(d).append('\n'));
            return new Compiled(null, text.toString());
        }
        Image image = generated.program().link(ln -> setup(ln, arch));
        return new Compiled(image, "");
    }

    /**
     * The runtime's modules in the text: proc's, stack's, panic's, traceback's (Caller, Callers,
     * FuncForPC), mprof's (Stack) and mgc's (GCMask) functions.
     */
    static void setup(Linker ln, Arch arch) {
        StackText.link(RuntimeText.link(ln, arch), arch);
        PanicText.link(ln, arch);
        CallerText.link(ln, arch);
        Mprof.link(ln, arch);
        BlockProfile.link(ln);
        GcMask.link(ln, arch);
        MemStatsText.link(ln, arch);
    }

    /**
     * A process for a linked image, its memory loaded, not yet started; with GORT_SEED in the
     * environment it runs on the deterministic sim backend ({@link SimOs}), otherwise on the real
     * one. A malformed GORT_SEED is an IllegalArgumentException (see {@link #seed}).
     */
    public static GoProcess process(Image image, Settings settings) {
        Panics panics = new Panics(image.text().arch);
        Stacks stacks = new Stacks();
        // proc.c schedinit: copystack = precisestack (true), unless GOCOPYSTACK=0
        stacks.copystack = !"0".equals(settings.env().get("GOCOPYSTACK"));
        stacks.records = StackRecords.defers(image.text().arch); // panic's Defer records
        GoProcess.Builder b =
                GoProcess.builder(image.text())
                        .panics(panics)
                        .stderr(settings.stderr())
                        .gomaxprocs(gomaxprocs(settings.env()))
                        .stacks(stacks)
                        .morestack(stacks::newstack);
        if (settings.observer() != null) {
            b.observer(settings.observer());
        }
        b.profiling(BlockProfile.INSTANCE);
        if (settings.profiles() != null) {
            b.atexit(ExitProfiles.hook(settings.profiles()));
        }
        String godebug = settings.env().get("GODEBUG"); // runtime·parsedebugvars reads it
        if (godebug != null) {
            b.env("GODEBUG", godebug);
        }
        String tb = settings.env().get("GOTRACEBACK");
        if (tb != null) {
            b.env("GOTRACEBACK", tb); // panic's dopanic reads it (gotraceback)
        }
        OptionalLong seed = seed(settings.env());
        if (seed.isPresent()) {
            b.os(new SimOs(seed.getAsLong()));
        }
        GoProcess process = b.build();
        if (settings.profiles() != null && settings.profiles().wantsBlockEvents()) {
            BlockProfile.SetBlockProfileRate(process, 1); // as go test -blockprofile does
        }
        panics.bind(process);
        stacks.stackinit(process);
        image.load(process.memory());
        MgcHooks.wire(process);
        if (image.gcbss() != 0) {
            // gort's data section is empty: it ends where it starts, at the bss
            long bss = image.bssStart();
            Mgc.gcinit(
                    process, bss, bss, bss, bss + image.bssSize(), image.gcdata(), image.gcbss());
        }
        return process;
    }

    /** Starts the process on m0 and waits until it exits. */
    public static ProgramResult run(Image image, Settings settings) throws InterruptedException {
        return Mstart.run(process(image, settings));
    }

    /**
     * GORT_SEED, the seed of the sim backend: absent or empty means the real backend; otherwise a
     * decimal integer from 0 to 2^63-1, else an IllegalArgumentException whose message starts with
     * "gort: " and says what was wrong.
     */
    public static OptionalLong seed(Map<String, String> env) {
        String s = env.getOrDefault("GORT_SEED", "");
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return OptionalLong.of(Long.parseLong(s));
            } catch (NumberFormatException e) {
                // too large: reported below
            }
        }
        throw new IllegalArgumentException(
                "gort: malformed GORT_SEED \""
                        + s
                        + "\": want a decimal integer from 0 to "
                        + Long.MAX_VALUE);
    }

    /** GOMAXPROCS as Go 1.3's schedinit reads it: a positive number, else the default 1. */
    public static int gomaxprocs(Map<String, String> env) {
        try {
            int n = Integer.parseInt(env.getOrDefault("GOMAXPROCS", ""));
            return n > 0 ? Math.min(n, 256) : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
