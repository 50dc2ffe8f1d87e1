package gort.conformance.suite;

import gort.conformance.checkers.Checker;
import gort.conformance.checkers.RunFacts;
import gort.conformance.checkers.Verdict;
import gort.conformance.programs.GoRunner;
import gort.conformance.recorder.Event;
import gort.conformance.recorder.TransitionLog;
import gort.conformance.recorder.TransitionRecorder;
import gort.conformance.scenarios.Scenario;
import gort.conformance.sites.Site;
import gort.conformance.sites.SiteTable;
import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.arch.Arch;
import gort.runtime.os.RealOs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one {@link RunSpec} through {@link GoRunner} with a {@link TransitionRecorder} attached,
 * checks the program's stderr and exit code against the scenario, and runs every checker on the
 * log. Compiled images are kept per (scenario, GOARCH), so the seeds of a scenario compile once.
 * Thread-safe: the suite runs several specs at once.
 */
public final class ScenarioRunner {
    private final List<Checker> checkers;
    private final SiteTable table;
    private final Map<String, GoRunner.Compiled> compiled = new ConcurrentHashMap<>();

    private final boolean realAsSim;
    private final double timeoutScale;

    public ScenarioRunner(List<Checker> checkers, SiteTable table) {
        this(checkers, table, false, 1);
    }

    private ScenarioRunner(
            List<Checker> checkers, SiteTable table, boolean realAsSim, double timeoutScale) {
        this.checkers = List.copyOf(checkers);
        this.table = table;
        this.realAsSim = realAsSim;
        this.timeoutScale = timeoutScale;
    }

    /**
     * This runner with every scenario's timeout multiplied by {@code scale}: a slow host (the
     * emulated arm64 JVM runs about 10x slower) must not turn slow runs into failures.
     */
    public ScenarioRunner withTimeoutScale(double scale) {
        return new ScenarioRunner(checkers, table, realAsSim, scale);
    }

    /**
     * A runner that runs "sim" specs on whatever backend GoRunner gives, for tests of the suite's
     * seed, replay and D1 plumbing before the sim backend exists: a GOMAXPROCS=1 program runs on
     * one M, so its log is the same every time even on the real backend.
     */
    public static ScenarioRunner treatingRealAsSim(List<Checker> checkers, SiteTable table) {
        return new ScenarioRunner(checkers, table, true, 1);
    }

    /** What a run left behind beyond its verdict: the log itself (for --replay). */
    public record Outcome(RunResult result, TransitionLog log, String stderr) {}

    /**
     * Whether GoRunner gives a process the sim backend when GORT_SEED is set: until the sim backend
     * is wired there, a process built with a seed still gets the real OS layer. Null when the
     * scenario does not compile, so it cannot tell.
     */
    public Boolean simAvailable(Scenario sc) {
        String arch = sc.goarch().get(0);
        GoRunner.Compiled c =
                compiled.computeIfAbsent(
                        sc.id() + "@" + arch,
                        k ->
                                GoRunner.compile(
                                        Path.of(sc.fileName()), sc.source(), Arch.lookup(arch)));
        if (!c.ok()) {
            return null; // cannot tell from this one
        }
        if (realAsSim) {
            return true;
        }
        GoProcess probe =
                GoRunner.process(
                        c.image(),
                        new GoRunner.Settings(
                                new ByteArrayOutputStream(), Map.of("GORT_SEED", "1")));
        return !(probe.os() instanceof RealOs);
    }

    public RunResult run(RunSpec spec) {
        return runFull(spec).result();
    }

    public Outcome runFull(RunSpec spec) {
        long start = System.nanoTime();
        Scenario sc = spec.scenario();
        GoRunner.Compiled c =
                compiled.computeIfAbsent(
                        sc.id() + "@" + spec.goarch(),
                        k ->
                                GoRunner.compile(
                                        Path.of(sc.fileName()),
                                        sc.source(),
                                        Arch.lookup(spec.goarch())));
        if (!c.ok()) {
            return new Outcome(
                    fail(spec, List.of("does not compile:\n" + c.diagnostics().strip()), start),
                    null,
                    "");
        }
        Map<String, String> env = new HashMap<>();
        for (String kv : spec.env().vars()) {
            int eq = kv.indexOf('=');
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        env.put("GOARCH", spec.goarch());
        env.put("GOMAXPROCS", Integer.toString(spec.gomaxprocs()));
        if (spec.sim()) {
            env.put("GORT_SEED", Long.toString(spec.seed()));
        }
        TransitionRecorder recorder = new TransitionRecorder();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        GoProcess process =
                GoRunner.process(
                        c.image(), new GoRunner.Settings(stderr, Map.copyOf(env), recorder));
        if (spec.sim() && process.os() instanceof RealOs && !realAsSim) {
            return new Outcome(
                    RunResult.skipped(
                            spec,
                            "sim backend unavailable (GORT_SEED is not wired in GoRunner yet)"),
                    null,
                    "");
        }

        ProgramResult[] result = new ProgramResult[1];
        Throwable[] crash = new Throwable[1];
        Thread runner =
                new Thread(
                        () -> {
                            try {
                                result[0] = Mstart.run(process);
                            } catch (Throwable t) {
                                crash[0] = t;
                            }
                        },
                        "gort conform " + spec.label());
        runner.setDaemon(true);
        runner.start();
        List<String> problems = new ArrayList<>();
        long timeout = Math.max(1, Math.round(sc.timeout().toMillis() * timeoutScale));
        try {
            runner.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted");
        }
        String out = stderr.toString(StandardCharsets.UTF_8);
        TransitionLog log = recorder.log();
        if (runner.isAlive()) {
            process.exit(2);
            problems.add("timed out after " + timeout + " ms; stderr so far:\n" + indent(out));
            return new Outcome(fail(spec, problems, start, log), log, out);
        }
        if (crash[0] != null) {
            problems.add("the runtime failed with " + crash[0]);
            return new Outcome(fail(spec, problems, start, log), log, out);
        }
        checkOutput(sc, spec.goarch(), result[0].exitCode(), out, problems);

        Map<Long, Integer> end = new HashMap<>();
        for (int i = 0; i < process.allglen; i++) {
            G gp = process.allg[i];
            end.put(gp.addr(), StatusAccessors.readgstatus(gp));
        }
        RunFacts facts = new RunFacts(log, end, result[0].fatal() != null);
        List<Verdict> verdicts = new ArrayList<>();
        for (Checker ch : checkers) {
            Verdict v = ch.check(facts);
            verdicts.add(v);
            for (String bad : v.violations()) {
                problems.add(v.invariant() + ": " + bad);
            }
        }
        RunResult r =
                new RunResult(
                        spec,
                        problems.isEmpty() ? RunResult.Status.PASS : RunResult.Status.FAIL,
                        problems,
                        verdicts,
                        log.hash(),
                        log.events().size(),
                        sitesHit(log),
                        millis(start),
                        true);
        return new Outcome(r, log, out);
    }

    private Set<Integer> sitesHit(TransitionLog log) {
        Set<Integer> hit = new HashSet<>();
        List<Site> sites = table.sites();
        // A run repeats a few (function, from, to) changes thousands of times: match each once.
        Set<Change> seen = new HashSet<>();
        for (Event.Transition t : log.transitions()) {
            if (!t.accessor().equals("casgstatus")
                    || !seen.add(new Change(t.function(), t.from(), t.to()))) {
                continue;
            }
            for (int i = 0; i < sites.size(); i++) {
                if (sites.get(i).matches(t.function(), t.from(), t.to())) {
                    hit.add(i);
                }
            }
        }
        return hit;
    }

    private record Change(String function, int from, int to) {}

    static void checkOutput(
            Scenario sc, String goarch, int exit, String out, List<String> problems) {
        if (exit != sc.exit()) {
            problems.add("exit code " + exit + ", want " + sc.exit());
        }
        String want = sc.expectedOut(goarch);
        String outFile =
                sc.id() + (sc.outByArch().containsKey(goarch) ? "." + goarch : "") + ".out";
        if (want != null && !out.equals(want)) {
            problems.add(
                    "stderr differs from "
                            + outFile
                            + ":\n--- want\n"
                            + indent(want)
                            + "--- got\n"
                            + indent(out));
        }
        String prefix = sc.expectedPrefix(goarch);
        String prefixFile =
                sc.id() + (sc.prefixByArch().containsKey(goarch) ? "." + goarch : "") + ".prefix";
        if (prefix != null && !out.startsWith(prefix)) {
            problems.add(
                    "stderr does not start with "
                            + prefixFile
                            + ":\n--- want prefix\n"
                            + indent(prefix)
                            + "--- got\n"
                            + indent(out));
        }
        for (String line : sc.expectedContains()) {
            if (!out.contains(line)) {
                problems.add("stderr lacks the line \"" + line + "\" of " + sc.id() + ".contains");
            }
        }
    }

    private static String indent(String s) {
        StringBuilder b = new StringBuilder();
        for (String l : s.split("\n", -1)) {
            b.append("    | ").append(l).append('\n');
        }
        return b.toString();
    }

    private RunResult fail(RunSpec spec, List<String> problems, long start) {
        return new RunResult(
                spec,
                RunResult.Status.FAIL,
                problems,
                List.of(),
                "",
                0,
                Set.of(),
                millis(start),
                false);
    }

    private RunResult fail(RunSpec spec, List<String> problems, long start, TransitionLog log) {
        return new RunResult(
                spec,
                RunResult.Status.FAIL,
                problems,
                List.of(),
                log.hash(),
                log.events().size(),
                Set.of(),
                millis(start),
                false);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
