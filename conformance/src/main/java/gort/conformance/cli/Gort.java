package gort.conformance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gort} command. It lives in the conformance module, the top of the module graph,
 * because it reaches every other module. Usage errors exit 2, as Go's tools do.
 */
@Command(
        name = "gort",
        description = "A Java port of the Go runtime at commit 0a7c7ac80e (Aug 2014).",
        mixinStandardHelpOptions = true,
        version = "gort 0.1.0 (Go runtime 0a7c7ac80e)",
        subcommands = {
            RunCommand.class,
            BuildCommand.class,
            ConformCommand.class,
            DumpCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Gort implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** Builds the command line with gort's conventions: usage errors exit 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Gort());
        cl.setParameterExceptionHandler(
                (ex, args) -> {
                    CommandLine cmd = ex.getCommandLine();
                    cmd.getErr().println("gort: " + ex.getMessage());
                    cmd.usage(cmd.getErr());
                    return 2;
                });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
