package gort.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints each gort benchmark's score as a multiple of its baseline's score in the same JMH run,
 * read from JMH's JSON result file ({@code -rf json -rff FILE}):
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar gort.bench.Ratios /tmp/bench.json [--check]
 * </pre>
 *
 * A ratio above 1 means gort is slower: for time-per-operation modes it is gort / baseline, for
 * throughput it is baseline / gort. The ± after a ratio combines the two scores' JMH error bars
 * (99.9% intervals) as relative errors; it is a rough guide, not a confidence interval. A second
 * ratio compares the two benchmarks' best measurement iterations, which other processes on a shared
 * machine disturb less than the means. Which benchmark is compared to which is declared beside the
 * benchmarks ({@link StatusAccessorBench#PAIRS}), with the largest ratio the project accepts where
 * it has one; {@code --check} makes the exit status 1 when a mean ratio is above its target.
 *
 * <p>The JSON is read with Jackson, the project's one JSON library (gort conform's reports use it
 * too).
 */
public final class Ratios {
    private Ratios() {}

    /**
     * A gort benchmark, the baseline it is compared to (method names in one benchmark class), and
     * the largest acceptable ratio, or 0 for none. When {@code work} is positive, one operation of
     * both benchmarks does that many units of work (e.g. 635621 calls for fib(27)), and the report
     * adds the rate, {@code workUnit} per second, of both.
     */
    record Pair(String benchmark, String baseline, double target, long work, String workUnit) {
        Pair(String benchmark, String baseline, double target) {
            this(benchmark, baseline, target, 0, "");
        }
    }

    /** Benchmark classes with baselines, by fully qualified name. */
    private static final Map<String, Pair[]> PAIRS =
            Map.of(
                    StatusAccessorBench.class.getName(), StatusAccessorBench.PAIRS,
                    CpuFibBench.class.getName(), CpuFibBench.PAIRS,
                    StackBench.class.getName(), StackBench.PAIRS,
                    TracebackBench.class.getName(), TracebackBench.PAIRS,
                    MallocBench.class.getName(), MallocBench.PAIRS);

    /** One result of the file: a benchmark method with one set of @Param values. */
    private record Result(
            String benchmark,
            String params,
            double score,
            double error,
            String unit,
            double best) {}

    public static void main(String[] args) throws IOException {
        String file = null;
        boolean check = false;
        for (String arg : args) {
            if (arg.equals("--check")) {
                check = true;
            } else if (file == null && !arg.startsWith("-")) {
                file = arg;
            } else {
                System.err.println("usage: Ratios JMH_RESULT.json [--check]");
                System.exit(2);
            }
        }
        if (file == null) {
            file = "jmh-result.json"; // JMH's default -rff for -rf json
        }
        List<Result> results;
        try {
            results = read(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            System.err.println("Ratios: cannot read " + file + ": " + e);
            System.exit(2);
            return;
        }
        int missed = report(results, System.out);
        if (check && missed > 0) {
            System.exit(1);
        }
    }

    /** JMH's JSON result file as maps, lists, numbers and strings (Jackson). */
    static Object parseJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad JMH result file: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the results out of a JMH JSON result file's text. */
    static List<Result> read(String json) {
        List<Result> results = new ArrayList<>();
        for (Object o : (List<?>) parseJson(json)) {
            Map<?, ?> run = (Map<?, ?>) o;
            Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
            Map<?, ?> params = (Map<?, ?>) run.get("params");
            String p = params == null ? "" : new TreeMap<>(params).toString();
            String unit = (String) metric.get("scoreUnit");
            results.add(
                    new Result(
                            (String) run.get("benchmark"),
                            p,
                            number(metric.get("score")),
                            number(metric.get("scoreError")),
                            unit,
                            best(metric.get("rawData"), unit.endsWith("/op"))));
        }
        return results;
    }

    /**
     * Prints one line per declared pair found in the results, and returns how many ratios are above
     * their targets.
     */
    static int report(List<Result> results, PrintStream out) {
        Map<String, Result> byName = new LinkedHashMap<>();
        for (Result r : results) {
            byName.put(r.benchmark + r.params, r);
        }
        int missed = 0;
        for (Result r : results) {
            int dot = r.benchmark.lastIndexOf('.');
            String cls = r.benchmark.substring(0, dot);
            String method = r.benchmark.substring(dot + 1);
            for (Pair pair : PAIRS.getOrDefault(cls, new Pair[0])) {
                if (!pair.benchmark.equals(method)) {
                    continue;
                }
                Result base = byName.get(cls + "." + pair.baseline + r.params);
                if (base == null) {
                    // A baseline that does not use the gort benchmark's @Param state has no params.
                    base = byName.get(cls + "." + pair.baseline);
                }
                String label =
                        pair.benchmark
                                + " / "
                                + pair.baseline
                                + (r.params.isEmpty() ? "" : " " + r.params);
                if (base == null) {
                    out.println(label + ": baseline not in this run");
                    continue;
                }
                if (!base.unit.equals(r.unit)) {
                    out.println(label + ": units differ (" + r.unit + " vs " + base.unit + ")");
                    continue;
                }
                boolean timePerOp = r.unit.endsWith("/op");
                double ratio = timePerOp ? r.score / base.score : base.score / r.score;
                double rel = Math.hypot(r.error / r.score, base.error / base.score);
                StringBuilder line =
                        new StringBuilder(String.format(Locale.ROOT, "%s = %.2fx", label, ratio));
                if (!Double.isNaN(rel)) {
                    line.append(String.format(Locale.ROOT, " ±%.2f", ratio * rel));
                }
                line.append(
                        String.format(
                                Locale.ROOT,
                                "  (%.3f ± %s vs %.3f ± %s %s)",
                                r.score,
                                err(r.error),
                                base.score,
                                err(base.error),
                                r.unit));
                double bestRatio = timePerOp ? r.best / base.best : base.best / r.best;
                if (!Double.isNaN(bestRatio)) {
                    line.append(
                            String.format(
                                    Locale.ROOT,
                                    "%n    best iterations: %.3f vs %.3f = %.2fx",
                                    r.best,
                                    base.best,
                                    bestRatio));
                }
                double seconds = secondsPerOp(r.unit);
                if (pair.work > 0 && !Double.isNaN(seconds)) {
                    line.append(
                            String.format(
                                    Locale.ROOT,
                                    "%n    %d %s/op: %.4g vs %.4g %s/s by the mean",
                                    pair.work,
                                    pair.workUnit,
                                    pair.work / (r.score * seconds),
                                    pair.work / (base.score * seconds),
                                    pair.workUnit));
                    if (!Double.isNaN(r.best) && !Double.isNaN(base.best)) {
                        line.append(
                                String.format(
                                        Locale.ROOT,
                                        ", %.4g vs %.4g by the best iterations",
                                        pair.work / (r.best * seconds),
                                        pair.work / (base.best * seconds)));
                    }
                }
                if (pair.target > 0) {
                    // The verdict goes by the mean, as JMH reports it; the best-iteration ratio is
                    // shown beside it to tell a real miss from a noisy run.
                    boolean met = ratio <= pair.target;
                    line.append(
                            String.format(
                                    Locale.ROOT,
                                    "%n    target <= %.2fx: %s by the mean",
                                    pair.target,
                                    met ? "met" : "NOT met"));
                    if (!Double.isNaN(bestRatio)) {
                        line.append(
                                String.format(
                                        Locale.ROOT,
                                        ", %s by the best iterations",
                                        bestRatio <= pair.target ? "met" : "NOT met"));
                    }
                    if (!met) {
                        missed++;
                    }
                }
                out.println(line);
            }
        }
        return missed;
    }

    /**
     * The best measurement iteration of all forks: the least time per op, or the most ops per time.
     * Interference from other processes only ever makes an iteration slower, so on a shared machine
     * the best iterations of two benchmarks compare more steadily than their means.
     */
    private static double best(Object rawData, boolean timePerOp) {
        double best = Double.NaN;
        if (rawData instanceof List<?> forks) {
            for (Object fork : forks) {
                for (Object it : (List<?>) fork) {
                    double v = number(it);
                    if (Double.isNaN(best) || (timePerOp ? v < best : v > best)) {
                        best = v;
                    }
                }
            }
        }
        return best;
    }

    /** Seconds per unit of a time-per-operation score ("ms/op" gives 1e-3), NaN for others. */
    private static double secondsPerOp(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> Double.NaN;
        };
    }

    private static String err(double e) {
        return Double.isNaN(e) ? "?" : String.format(Locale.ROOT, "%.3f", e);
    }

    /** JMH writes numbers as numbers, but NaN and infinities as strings. */
    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            return Double.parseDouble(s); // "NaN", "Infinity", "-Infinity"
        }
        return Double.NaN;
    }
}
