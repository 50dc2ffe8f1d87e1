package gort.conformance.cli;

import gort.conformance.programs.GoRunner;
import gort.proc.ProgramResult;
import gort.runtime.arch.Arch;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gort run FILE.go}: compiles a program and runs it on the ported runtime, on the simulated
 * GOARCH of the environment, with GOMAXPROCS from the environment as Go 1.3 reads it (a positive
 * number, else 1), and on the deterministic sim backend when GORT_SEED is set (a decimal seed; the
 * same seed gives the same run). The program's exit code is the command's: 0 when main returns, n
 * for os.Exit(n), 2 for a compile error, a fatal error or a malformed GORT_SEED.
 *
 * <p>What runs today is what the code generator compiles (see cmd/README.md); stack growth
 * (stack.c's newstack, issue 5) is not there yet, so a goroutine that outgrows its first stack ends
 * with a fatal error saying so.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Compile a Go program (the gort subset) and run it on the ported runtime.")
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.go", description = "The program, one file of package main.")
    Path file;

    /** The environment: GOARCH, GOMAXPROCS, GORT_SEED. Tests replace it. */
    Map<String, String> env = System.getenv();

    /** Where the program's runtime prints (its stderr). Tests replace it. */
    OutputStream stderr = new FileOutputStream(FileDescriptor.err);

    @Override
    public Integer call() throws InterruptedException {
        Arch arch = BuildCommand.goarch(spec.commandLine(), env);
        seed(spec.commandLine(), env);
        String source = BuildCommand.read(spec.commandLine(), file);
        // Tracebacks print the absolute path, as in Go, where cmd/go hands the compiler full
        // paths; compile errors name the file as it was given.
        GoRunner.Compiled compiled =
                GoRunner.compile(file, source, arch, file.toAbsolutePath().normalize().toString());
        if (!compiled.ok()) {
            return BuildCommand.report(spec.commandLine(), compiled.diagnostics());
        }
        ProgramResult result = GoRunner.run(compiled.image(), new GoRunner.Settings(stderr, env));
        return result.exitCode();
    }

    /** GORT_SEED is checked before anything runs: a malformed one is a usage error (exit 2). */
    static void seed(CommandLine cl, Map<String, String> env) {
        try {
            GoRunner.seed(env);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    cl, e.getMessage().replaceFirst("^gort: ", ""));
        }
    }
}
