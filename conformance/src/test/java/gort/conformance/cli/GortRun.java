package gort.conformance.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code gort run ARGS} in this JVM with a given environment and program stderr. */
final class GortRun {
    private GortRun() {}

    static int run(
            Map<String, String> env, OutputStream programStderr, StringWriter err, String... args) {
        CommandLine cl = Gort.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        RunCommand run = (RunCommand) cl.getSubcommands().get("run").getCommand();
        run.env = env;
        run.stderr = programStderr;
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }
}
