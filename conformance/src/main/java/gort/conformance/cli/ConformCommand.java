package gort.conformance.cli;

import gort.conformance.accessors.AccessorSuite;
import gort.conformance.accessors.StatusProtocol;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gort conform}: replays the commit's invariants and prints a report; exit 0 only when
 * everything holds. So far it covers the status accessors (S2-S5); the full suite grows from here.
 */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = "Check gort against the invariants of commit 0a7c7ac80 and print a report.")
public final class ConformCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rounds", defaultValue = "2000", paramLabel = "N",
            description = "Rounds of the two-thread scan-bit check (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        if (rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1, got " + rounds);
        }
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        out.println("gort conform: status accessors of commit 0a7c7ac80");
        out.printf("host: %s %s, JDK %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vendor"));
        out.flush();
        List<AccessorSuite.Check> checks = AccessorSuite.run(StatusProtocol.GORT, rounds);
        boolean passed = true;
        for (AccessorSuite.Check check : checks) {
            out.printf("  %-4s %-4s %6d cases  %s%n", check.passed() ? "ok" : "FAIL", check.invariant(),
                    check.cases(), check.what());
            check.failures().stream().limit(10).forEach(f -> out.println("         " + f));
            if (check.failures().size() > 10) {
                out.printf("         ... and %d more%n", check.failures().size() - 10);
            }
            passed &= check.passed();
        }
        out.printf("time: %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.println(passed ? "PASS" : "FAIL");
        out.flush();
        return passed ? 0 : 1;
    }
}
