package gort.conformance.programs;

import gort.proc.ProgramResult;
import gort.runtime.arch.Arch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Test helper: compiles a Go program with {@link GoRunner} and runs it to its exit. */
final class Go {
    private Go() {}

    /** What a run printed (stderr, as ISO-8859-1 so bytes map 1:1) and its exit code. */
    record Run(String stderr, int exit) {}

    static Run run(Arch arch, String src) {
        return run(arch, src, Map.of());
    }

    static Run run(Arch arch, String src, Map<String, String> env) {
        GoRunner.Compiled c = GoRunner.compile(Path.of("./prog.go"), src, arch);
        if (!c.ok()) {
            return new Run(c.diagnostics(), -1);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            ProgramResult r = GoRunner.run(c.image(), new GoRunner.Settings(err, env));
            return new Run(err.toString(StandardCharsets.ISO_8859_1), r.exitCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The diagnostics of a program that does not compile (empty when it does). */
    static String diagnostics(Arch arch, String src) {
        GoRunner.Compiled c = GoRunner.compile(Path.of("./prog.go"), src, arch);
        return c.diagnostics();
    }
}
