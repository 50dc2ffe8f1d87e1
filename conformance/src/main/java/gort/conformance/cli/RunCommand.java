package gort.conformance.cli;

import gort.conformance.programs.GoRunner;
import gort.mprof.ExitProfiles;
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

    @CommandLine.Option(
            names = "--goroutineprofile",
            paramLabel = "F",
            description =
                    "When the program exits, write its goroutine profile to F (for go tool"
                            + " pprof).")
    Path goroutineProfile;

    @CommandLine.Option(
            names = "--blockprofile",
            paramLabel = "F",
            description =
                    "Sample every blocking event (SetBlockProfileRate(1)) and, when the program"
                            + " exits, write the blocking profile to F.")
    Path blockProfile;

    @CommandLine.Option(
            names = "--profile-format",
            paramLabel = "proto|text",
            description =
                    "How profiles are written: proto (gzipped profile.proto, the default) or"
                            + " text (runtime/pprof's debug=1 text of 2014).")
    String profileFormat = "proto";

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
        GoRunner.Settings settings = new GoRunner.Settings(stderr, env);
        ExitProfiles.Format format = format(spec.commandLine(), profileFormat);
        if (goroutineProfile != null || blockProfile != null) {
            settings =
                    settings.withProfiles(
                            new ExitProfiles.Request(
                                    goroutineProfile,
                                    blockProfile,
                                    format,
                                    file.toAbsolutePath().normalize().toString()));
        }
        ProgramResult result = GoRunner.run(compiled.image(), settings);
        return result.exitCode();
    }

    /** --profile-format's value: proto or text, else a usage error (exit 2). */
    static ExitProfiles.Format format(CommandLine cl, String s) {
        return switch (s) {
            case "proto" -> ExitProfiles.Format.PROTO;
            case "text" -> ExitProfiles.Format.TEXT;
            default ->
                    throw new CommandLine.ParameterException(
                            cl, "--profile-format: want proto or text, not \"" + s + "\"");
        };
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
