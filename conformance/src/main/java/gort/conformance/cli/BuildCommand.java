package gort.conformance.cli;

import gort.cmd.Compiler;
import gort.runtime.arch.Arch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gort build FILE.go}: compiles a program without running it. Prints nothing when it
 * compiles; otherwise gc's diagnostics, {@code file:line:col: message}, and exits 2. The target is
 * the simulated GOARCH from the environment (amd64 unless GOARCH=arm).
 */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description = "Compile a Go program (the gort subset) and report its errors.")
public final class BuildCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.go", description = "The program, one file of package main.")
    Path file;

    /** The environment the command reads GOARCH from; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        Arch arch = goarch(spec.commandLine(), env);
        Compiler.Result result =
                new Compiler(arch.PtrSize).check(file, read(spec.commandLine(), file));
        return result.ok() ? 0 : report(spec.commandLine(), result.text());
    }

    /** The program's text; a file that cannot be read is a usage error naming it. */
    static String read(CommandLine cl, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(cl, "cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CommandLine.ParameterException(
                    cl, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Prints compile diagnostics as gc does and gives their exit code, 2. */
    static int report(CommandLine cl, String diagnostics) {
        cl.getErr().print(diagnostics);
        cl.getErr().flush();
        return 2;
    }

    /** The simulated GOARCH named by the environment; an unknown one is a usage error. */
    static Arch goarch(CommandLine cl, Map<String, String> env) {
        String name = env.getOrDefault("GOARCH", "");
        try {
            return Arch.lookup(name.isEmpty() ? "amd64" : name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    cl, e.getMessage().replaceFirst("^gort: ", ""));
        }
    }
}
