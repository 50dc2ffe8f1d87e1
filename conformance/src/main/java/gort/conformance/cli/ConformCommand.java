package gort.conformance.cli;

import gort.conformance.accessors.AccessorSuite;
import gort.conformance.accessors.StatusProtocol;
import gort.conformance.checkers.Checker;
import gort.conformance.checkers.Checkers;
import gort.conformance.checkers.Verdict;
import gort.conformance.scenarios.CorpusException;
import gort.conformance.scenarios.CorpusLoader;
import gort.conformance.scenarios.EnvVariant;
import gort.conformance.scenarios.Scenario;
import gort.conformance.sites.PortedFunctions;
import gort.conformance.sites.SiteTable;
import gort.conformance.suite.Coverage;
import gort.conformance.suite.Json;
import gort.conformance.suite.Report;
import gort.conformance.suite.ReportComparison;
import gort.conformance.suite.RunResult;
import gort.conformance.suite.RunSpec;
import gort.conformance.suite.ScenarioRunner;
import gort.conformance.suite.Suite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gort conform}: replays the commit's invariants and prints a report; exit 0 only when
 * everything holds. It checks the status accessors exhaustively (S2-S4) and on two threads (S5),
 * then runs the corpus (the embedded one, or {@code --corpus DIR}) on both simulated GOARCHes, on
 * the real backend and with {@code --seeds} seeds of the sim backend, with the transition recorder
 * attached, and checks each run's output and its log (S1-S5, L1, K1, K2, T1), the same-seed replays
 * (D1) and which of the commit's casgstatus sites the corpus reached (T1). {@code --compare} and
 * {@code --replay} are the other two modes.
 */
@Command(
        name = "conform",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Check gort against the invariants of commit 0a7c7ac80 and print a report.")
public final class ConformCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--seeds",
            defaultValue = "50",
            paramLabel = "N",
            description =
                    "Sim seeds per scenario and GOARCH, spread over its GOMAXPROCS values (at most; default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--corpus",
            paramLabel = "DIR",
            description = "Run this corpus instead of the embedded one.")
    Path corpus;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Also write DIR/gort-conform.json and DIR/TEST-gort-conform.xml (JUnit).")
    Path reportDir;

    @Option(
            names = "--compare",
            arity = "2",
            paramLabel = "A.json B.json",
            hideParamSyntax = true,
            description =
                    "Compare two hosts' JSON reports: same verdicts, identical logs for every sim run.")
    List<Path> compare;

    @Option(
            names = "--replay",
            arity = "2",
            paramLabel = "SCENARIO SEED",
            hideParamSyntax = true,
            description =
                    "Run one scenario's sim runs with one seed on each GOARCH and env variant (as a failing run prints it), showing the logs.")
    List<String> replay;

    @Option(
            names = "--timeout-scale",
            defaultValue = "1",
            paramLabel = "X",
            description =
                    "Multiply every scenario's timeout by X, for slow hosts such as an emulated JVM (default: ${DEFAULT-VALUE}).")
    double timeoutScale;

    @Option(
            names = "--partial",
            description =
                    "The corpus is a part of one: report the T1 sites it misses without failing for them.")
    boolean partial;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Runs at once (default: the number of CPUs).")
    Integer threads;

    @Option(
            names = "--rounds",
            defaultValue = "2000",
            paramLabel = "N",
            description = "Rounds of the two-thread scan-bit check (default: ${DEFAULT-VALUE}).")
    int rounds;

    /** Where progress goes; tests replace it. */
    PrintWriter progress = new PrintWriter(System.err, true, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (rounds < 1) {
            throw new CommandLine.ParameterException(
                    cl, "--rounds must be at least 1, got " + rounds);
        }
        if (seeds < 1) {
            throw new CommandLine.ParameterException(
                    cl, "--seeds must be at least 1, got " + seeds);
        }
        if (!(timeoutScale > 0) || Double.isInfinite(timeoutScale)) {
            throw new CommandLine.ParameterException(
                    cl, "--timeout-scale must be a positive number, got " + timeoutScale);
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(
                    cl, "--threads must be at least 1, got " + threads);
        }
        if (compare != null && compare.size() != 2) {
            throw new CommandLine.ParameterException(cl, "--compare takes two reports, once");
        }
        if (replay != null && replay.size() != 2) {
            throw new CommandLine.ParameterException(
                    cl, "--replay takes one SCENARIO and one SEED, once");
        }
        if (compare != null) {
            if (replay != null || corpus != null || reportDir != null) {
                throw new CommandLine.ParameterException(cl, "--compare takes no other options");
            }
            return compare(cl.getOut());
        }
        List<Scenario> scenarios;
        try {
            scenarios =
                    corpus == null
                            ? CorpusLoader.embedded()
                            : CorpusLoader.load(corpus, corpus.toString());
        } catch (CorpusException e) {
            PrintWriter err = cl.getErr();
            err.println("gort: the corpus is malformed:");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return 2;
        }
        SiteTable table = SiteTable.commit();
        List<Checker> checkers = Checkers.all(table);
        ScenarioRunner runner = new ScenarioRunner(checkers, table).withTimeoutScale(timeoutScale);
        if (replay != null) {
            return replay(cl, scenarios, runner);
        }
        return suite(cl.getOut(), scenarios, table, checkers, runner);
    }

    private int suite(
            PrintWriter out,
            List<Scenario> scenarios,
            SiteTable table,
            List<Checker> checkers,
            ScenarioRunner runner)
            throws InterruptedException, IOException {
        long start = System.nanoTime();
        progress.println("gort conform: status accessors ...");
        List<AccessorSuite.Check> accessorChecks = AccessorSuite.run(StatusProtocol.GORT, rounds);
        // as the report counts them: a program with env alternatives is a scenario per variant
        progress.printf(
                "gort conform: corpus of %d scenarios ...%n",
                scenarios.stream().mapToInt(sc -> sc.envs().size()).sum());
        int nthreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Suite.Result result = new Suite(runner, seeds, nthreads, progress).run(scenarios);
        List<Coverage.Row> sites =
                Coverage.of(
                        table,
                        result.runs(),
                        PortedFunctions.scan(ConformCommand.class.getClassLoader()));
        Report report =
                Report.of(
                        Report.thisHost(),
                        seeds,
                        (System.nanoTime() - start) / 1e9,
                        result.simAvailable(),
                        partial,
                        accessorChecks,
                        checkers,
                        scenarios,
                        sites,
                        result.replays(),
                        result.runs());
        report.printText(out);
        if (reportDir != null) {
            Files.createDirectories(reportDir);
            Files.writeString(reportDir.resolve("gort-conform.json"), Json.write(report.toJson()));
            Files.writeString(reportDir.resolve("TEST-gort-conform.xml"), report.toJUnitXml());
            out.println(
                    "report: "
                            + reportDir.resolve("gort-conform.json")
                            + ", "
                            + reportDir.resolve("TEST-gort-conform.xml"));
            out.flush();
        }
        return report.passed() ? 0 : 1;
    }

    private int replay(CommandLine cl, List<Scenario> scenarios, ScenarioRunner runner) {
        String id = replay.get(0);
        long seed;
        try {
            seed = Long.parseLong(replay.get(1));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    cl, "--replay: the seed must be a number, got \"" + replay.get(1) + "\"");
        }
        Scenario sc =
                scenarios.stream()
                        .filter(s -> s.id().equals(id))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new CommandLine.ParameterException(
                                                cl,
                                                "--replay: no scenario "
                                                        + id
                                                        + " in the corpus (names are GROUP/NAME)"));
        PrintWriter out = cl.getOut();
        boolean passed = true;
        for (RunSpec rs : replays(sc, seed)) {
            ScenarioRunner.Outcome o = runner.runFull(rs);
            RunResult r = o.result();
            out.println("== " + rs.label() + ": " + r.status());
            if (o.log() != null) {
                out.print(o.log().text());
                out.println(
                        "-- log hash "
                                + o.log().hash()
                                + ", "
                                + o.log().events().size()
                                + " events");
                out.println("-- stderr:");
                out.print(o.stderr());
            }
            for (Verdict v : r.verdicts()) {
                out.printf(
                        "   %-4s %-3s %d cases%n",
                        v.passed() ? "ok" : "FAIL", v.invariant(), v.cases());
            }
            r.problems().forEach(p -> out.println("   " + p.replace("\n", "\n   ")));
            passed &= r.status() == RunResult.Status.PASS;
        }
        out.println(passed ? "PASS" : "FAIL");
        out.flush();
        return passed ? 0 : 1;
    }

    /** The sim runs of one seed of {@code sc}: under each env variant, on each GOARCH. */
    private static List<RunSpec> replays(Scenario sc, long seed) {
        List<RunSpec> out = new ArrayList<>();
        for (EnvVariant env : sc.envs()) {
            for (String arch : sc.goarch()) {
                out.add(new RunSpec(sc, env, arch, Suite.gomaxprocsFor(sc, seed), "sim", seed));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private int compare(PrintWriter out) {
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Path p : compare) {
            try {
                Object v = Json.parse(Files.readString(p, StandardCharsets.UTF_8));
                if (!(v instanceof Map)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                reports.add((Map<String, Object>) v);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--compare: cannot read " + p + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--compare: " + p + ": " + e.getMessage());
            }
        }
        ReportComparison.Result r =
                ReportComparison.compare(
                        compare.get(0).toString(),
                        reports.get(0),
                        compare.get(1).toString(),
                        reports.get(1));
        for (int i = 0; i < 2; i++) {
            Map<String, Object> host =
                    (Map<String, Object>) reports.get(i).getOrDefault("host", Map.of());
            out.printf(
                    "%s: %s %s, JDK %s (%s)%n",
                    compare.get(i),
                    host.get("os.name"),
                    host.get("os.arch"),
                    host.get("java.version"),
                    host.get("java.vendor"));
        }
        out.println("sim runs compared: " + r.simRunsCompared());
        r.notes().forEach(n -> out.println("note: " + n));
        r.differences().forEach(d -> out.println("DIFF " + d));
        out.println(r.same() ? "SAME" : "DIFFERENT");
        out.flush();
        return r.same() ? 0 : 1;
    }
}
