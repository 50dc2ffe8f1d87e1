package gort.conformance.suite;

import gort.conformance.scenarios.EnvVariant;
import gort.conformance.scenarios.Scenario;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a corpus: each scenario under each of its env variants on each of its GOARCHes, once on the
 * real backend per GOMAXPROCS value and with seeds 1..N on the sim backend (spread over the
 * GOMAXPROCS values), a few runs at a time, the longest first (as far as known); then replays the
 * first seed of every env variant, GOARCH and GOMAXPROCS to check that the same seed gives the same
 * log on this host (D1; {@code --compare} checks it across hosts; runs that hit their timeout are
 * not compared, as their logs are cut short). Progress goes to {@code progress} as plain lines.
 */
public final class Suite {
    private final ScenarioRunner runner;
    private final int seeds;
    private final int threads;
    private final PrintWriter progress;

    /**
     * @param seeds sim seeds per combination; a scenario's {@code seeds=} may ask for fewer
     * @param threads runs at once
     */
    public Suite(ScenarioRunner runner, int seeds, int threads, PrintWriter progress) {
        this.runner = runner;
        this.seeds = seeds;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    /** What the suite found: every run and every same-seed replay. */
    public record Result(List<RunResult> runs, List<D1Replay> replays, boolean simAvailable) {}

    /** A sim run done twice on this host: both logs must hash the same. */
    public record D1Replay(String label, String first, String second) {
        public boolean same() {
            return first.equals(second);
        }
    }

    /**
     * The runs of {@code scenarios}, in a stable order: for each env variant and each GOARCH, one
     * real run per GOMAXPROCS value, and N sim seeds (N = --seeds, or fewer if the scenario asks)
     * spread over the GOMAXPROCS values: seed s runs with the value {@link #gomaxprocsFor} gives
     * it. Each variant gets all of these, as if it were a scenario of its own.
     */
    public List<RunSpec> plan(List<Scenario> scenarios, boolean sim) {
        List<RunSpec> specs = new ArrayList<>();
        for (Scenario sc : scenarios) {
            for (EnvVariant env : sc.envs()) {
                for (String arch : sc.goarch()) {
                    if (sc.runsOn("real")) {
                        for (int procs : sc.gomaxprocs()) {
                            specs.add(new RunSpec(sc, env, arch, procs, "real", 0));
                        }
                    }
                    if (sc.runsOn("sim") && sim) {
                        int n = sc.seeds() == null ? seeds : Math.min(sc.seeds(), seeds);
                        for (int seed = 1; seed <= n; seed++) {
                            specs.add(
                                    new RunSpec(
                                            sc, env, arch, gomaxprocsFor(sc, seed), "sim", seed));
                        }
                    }
                }
            }
        }
        return specs;
    }

    /**
     * The GOMAXPROCS a sim seed runs with: the scenario's values in turn (seed 1 the first), so N
     * seeds cost N runs per GOARCH however many values the scenario lists.
     */
    public static int gomaxprocsFor(Scenario sc, long seed) {
        return sc.gomaxprocs().get((int) Math.floorMod(seed - 1, (long) sc.gomaxprocs().size()));
    }

    public Result run(List<Scenario> scenarios) throws InterruptedException {
        boolean sim = false;
        for (Scenario sc : scenarios) {
            Boolean available = runner.simAvailable(sc);
            if (available != null) {
                sim = available;
                break;
            }
        }
        List<RunSpec> specs = plan(scenarios, sim);
        List<RunResult> results = runAll(specs, "runs", Map.of());
        if (!sim) {
            // One line per scenario, env variant and GOARCH says why its seeds did not run.
            List<RunResult> withSkips = new ArrayList<>(results);
            for (Scenario sc : scenarios) {
                if (!sc.runsOn("sim")) {
                    continue;
                }
                for (EnvVariant env : sc.envs()) {
                    for (String arch : sc.goarch()) {
                        withSkips.add(
                                RunResult.skipped(
                                        new RunSpec(
                                                sc, env, arch, sc.gomaxprocs().get(0), "sim", 0),
                                        "sim backend unavailable (GORT_SEED is not wired in GoRunner yet): seeds not run"));
                    }
                }
            }
            results = withSkips;
        }
        List<D1Replay> replays = new ArrayList<>();
        if (sim) {
            List<RunSpec> again = new ArrayList<>();
            Map<RunSpec, Long> took = new HashMap<>();
            for (RunResult r : results) {
                // the first seed of each GOMAXPROCS value
                if (r.spec().sim()
                        && r.spec().seed() <= r.spec().scenario().gomaxprocs().size()
                        && r.completed()) {
                    again.add(r.spec());
                    took.put(r.spec(), r.millis());
                }
            }
            List<RunResult> second = runAll(again, "same-seed replays", took);
            for (int i = 0; i < again.size(); i++) {
                RunResult firstOfThis = find(results, again.get(i));
                if (second.get(i).completed()) { // a replay that timed out has half a log
                    replays.add(
                            new D1Replay(
                                    again.get(i).label(),
                                    firstOfThis.logHash(),
                                    second.get(i).logHash()));
                }
            }
        }
        return new Result(results, replays, sim);
    }

    private static RunResult find(List<RunResult> results, RunSpec spec) {
        return results.stream().filter(r -> r.spec().equals(spec)).findFirst().orElseThrow();
    }

    /**
     * Runs {@code specs} on the workers and gives their results in the order of {@code specs}.
     * Workers take the run expected to take longest first, so that a phase ends with short runs and
     * no worker idles long while another finishes a long one (on the emulated arm64 JVM one run can
     * take 20 s). A run's expected time is its {@code known} one, else the time of the first
     * finished run of its group (scenario, env variant, GOARCH, backend); that first run goes
     * before everything else, to learn it. The order changes only when a run happens, never its
     * result.
     */
    private List<RunResult> runAll(List<RunSpec> specs, String what, Map<RunSpec, Long> known)
            throws InterruptedException {
        RunResult[] out = new RunResult[specs.size()];
        PriorityBlockingQueue<Job> queue = new PriorityBlockingQueue<>();
        Map<String, List<Integer>> untimed =
                new HashMap<>(); // a group's runs waiting for its first
        for (int i = 0; i < specs.size(); i++) {
            Long expected = known.get(specs.get(i));
            if (expected != null) {
                queue.add(new Job(i, expected));
                continue;
            }
            List<Integer> rest = untimed.get(group(specs.get(i)));
            if (rest == null) {
                untimed.put(group(specs.get(i)), new ArrayList<>());
                queue.add(new Job(i, Long.MAX_VALUE));
            } else {
                rest.add(i);
            }
        }
        CountDownLatch left = new CountDownLatch(specs.size());
        AtomicReference<Throwable> broke = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int step = Math.max(1, specs.size() / 10);
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "gort conform worker");
                            t.setDaemon(true);
                            return t;
                        });
        Runnable worker =
                () -> {
                    while (true) {
                        Job job;
                        try {
                            job = queue.take();
                        } catch (InterruptedException e) {
                            return; // the phase is over
                        }
                        RunSpec spec = specs.get(job.index());
                        try {
                            RunResult r = runner.run(spec);
                            out[job.index()] = r;
                            List<Integer> rest;
                            synchronized (untimed) {
                                rest = untimed.remove(group(spec));
                            }
                            if (rest != null) {
                                rest.forEach(i -> queue.add(new Job(i, r.millis())));
                            }
                            if (r.status() == RunResult.Status.FAIL) {
                                failed.incrementAndGet();
                                report(r);
                            }
                            int n = done.incrementAndGet();
                            if (n % step == 0 || n == specs.size()) {
                                synchronized (progress) {
                                    progress.printf(
                                            "gort conform: %d/%d %s done, %d failed%n",
                                            n, specs.size(), what, failed.get());
                                    progress.flush();
                                }
                            }
                        } catch (RuntimeException | Error e) {
                            broke.compareAndSet(null, e);
                            while (left.getCount() > 0) {
                                left.countDown(); // nothing waits for the rest any more
                            }
                            return;
                        }
                        left.countDown();
                    }
                };
        try {
            for (int i = 0; i < threads; i++) {
                pool.execute(worker);
            }
            left.await();
        } finally {
            pool.shutdownNow();
        }
        if (broke.get() != null) {
            throw new IllegalStateException(
                    "a run failed inside the suite: " + broke.get(), broke.get());
        }
        return Arrays.asList(out);
    }

    /** A run waiting for a worker: the longest expected first, then the plan's order. */
    private record Job(int index, long expectedMillis) implements Comparable<Job> {
        @Override
        public int compareTo(Job o) {
            int c = Long.compare(o.expectedMillis, expectedMillis);
            return c != 0 ? c : Integer.compare(index, o.index);
        }
    }

    /** Runs of one group take about the same time. */
    private static String group(RunSpec spec) {
        return spec.scenario().id()
                + " "
                + spec.env().name()
                + " "
                + spec.goarch()
                + " "
                + spec.backend();
    }

    private void report(RunResult r) {
        synchronized (progress) {
            progress.println("FAIL " + r.spec().label());
            r.problems().stream()
                    .limit(5)
                    .forEach(p -> progress.println("  " + p.replace("\n", "\n  ")));
            if (r.problems().size() > 5) {
                progress.println("  ... and " + (r.problems().size() - 5) + " more");
            }
            if (r.spec().sim()) {
                progress.println(
                        "  seed "
                                + r.spec().seed()
                                + "; reproduce with: "
                                + r.spec().replayCommand());
            }
            progress.flush();
        }
    }
}
