package gort.conformance.suite;

import gort.conformance.accessors.AccessorSuite;
import gort.conformance.checkers.Checker;
import gort.conformance.checkers.Verdict;
import gort.conformance.scenarios.EnvVariant;
import gort.conformance.scenarios.Scenario;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code gort conform} found, and its three renderings: the text report, JSON (for
 * {@code --compare}) and JUnit XML (for CI).
 */
public record Report(
        Map<String, String> host,
        int seeds,
        double seconds,
        boolean simAvailable,
        boolean partial,
        List<AccessorSuite.Check> accessorChecks,
        List<Invariant> invariants,
        List<ScenarioRow> scenarios,
        List<Coverage.Row> sites,
        List<Suite.D1Replay> replays,
        List<RunResult> runs) {

    /**
     * One invariant over all runs: PASS, FAIL or NOT EXERCISED (no run gave it anything to check).
     */
    public record Invariant(
            String id, String what, int runs, long cases, int failures, String status) {}

    /**
     * One scenario's runs; a scenario with env alternatives has a row per variant, its id followed
     * by the variant's name.
     */
    public record ScenarioRow(String id, String description, int pass, int fail, int skip) {}

    public static Map<String, String> thisHost() {
        Map<String, String> h = new LinkedHashMap<>();
        for (String k :
                List.of("os.name", "os.arch", "java.version", "java.vendor", "java.vm.name")) {
            h.put(k, System.getProperty(k, ""));
        }
        h.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return h;
    }

    /** Not exercised by any module built so far; listed so the report names every invariant. */
    private static final Map<String, String> NOT_BUILT =
            Map.of(
                    "C1",
                            "stop-the-world collection scans no Grunning stack; collector Gwaiting (needs mgc)",
                    "H1", "heap dump: the dumping G is Gwaiting \"dumping heap\" (needs heapdump)",
                    "X1", "the follow-up's concurrent stack scan (beyond the commit)");

    public static Report of(
            Map<String, String> host,
            int seeds,
            double seconds,
            boolean simAvailable,
            boolean partial,
            List<AccessorSuite.Check> accessorChecks,
            List<Checker> checkers,
            List<Scenario> scenarios,
            List<Coverage.Row> sites,
            List<Suite.D1Replay> replays,
            List<RunResult> runs) {
        List<Invariant> invariants = new ArrayList<>();
        for (Checker c : checkers) {
            int nruns = 0;
            long cases = 0;
            int failures = 0;
            for (RunResult r : runs) {
                for (Verdict v : r.verdicts()) {
                    if (v.invariant().equals(c.id())) {
                        nruns++;
                        cases += v.cases();
                        failures += v.violations().size();
                    }
                }
            }
            invariants.add(
                    new Invariant(
                            c.id(),
                            c.what(),
                            nruns,
                            cases,
                            failures,
                            failures > 0 ? "FAIL" : cases > 0 ? "PASS" : "NOT EXERCISED"));
        }
        int differ = (int) replays.stream().filter(r -> !r.same()).count();
        invariants.add(
                new Invariant(
                        "D1",
                        "the same seed gives the same transition log (this host; --compare across hosts)",
                        replays.size(),
                        replays.size(),
                        differ,
                        differ > 0 ? "FAIL" : replays.isEmpty() ? "NOT EXERCISED" : "PASS"));
        for (String id : List.of("C1", "H1", "X1")) {
            invariants.add(new Invariant(id, NOT_BUILT.get(id), 0, 0, 0, "NOT EXERCISED"));
        }
        List<ScenarioRow> rows = new ArrayList<>();
        for (Scenario sc : scenarios) {
            for (EnvVariant env : sc.envs()) {
                int pass = 0;
                int fail = 0;
                int skip = 0;
                for (RunResult r : runs) {
                    if (r.spec().scenario().id().equals(sc.id()) && r.spec().env().equals(env)) {
                        switch (r.status()) {
                            case PASS -> pass++;
                            case FAIL -> fail++;
                            case SKIP -> skip++;
                        }
                    }
                }
                String id = env.name().isEmpty() ? sc.id() : sc.id() + " " + env.name();
                rows.add(new ScenarioRow(id, sc.description(), pass, fail, skip));
            }
        }
        return new Report(
                host,
                seeds,
                seconds,
                simAvailable,
                partial,
                accessorChecks,
                invariants,
                rows,
                sites,
                replays,
                runs);
    }

    public boolean passed() {
        return accessorChecks.stream().allMatch(AccessorSuite.Check::passed)
                && invariants.stream().noneMatch(i -> i.status().equals("FAIL"))
                && runs.stream().noneMatch(r -> r.status() == RunResult.Status.FAIL)
                && (partial || sites.stream().noneMatch(s -> s.state() == Coverage.State.MISSED));
    }

    // ---- text ----

    public void printText(PrintWriter out) {
        out.println("gort conform: the invariants of commit 0a7c7ac80");
        out.printf(
                "host: %s %s, JDK %s (%s), %s CPUs%n",
                host.get("os.name"),
                host.get("os.arch"),
                host.get("java.version"),
                host.get("java.vendor"),
                host.get("cpus"));
        long real = runs.stream().filter(r -> !r.spec().sim()).count();
        long sim =
                runs.stream()
                        .filter(r -> r.spec().sim() && r.status() != RunResult.Status.SKIP)
                        .count();
        out.printf(
                "corpus: %d scenarios, %d runs (%d real, %d sim with up to %d seeds each)%s%n",
                scenarios.size(),
                real + sim,
                real,
                sim,
                seeds,
                simAvailable ? "" : "; sim backend unavailable, sim runs skipped");
        out.println("status accessors (exhaustive and two-thread checks):");
        for (AccessorSuite.Check check : accessorChecks) {
            out.printf(
                    "  %-4s %-4s %6d cases  %s%n",
                    check.passed() ? "ok" : "FAIL", check.invariant(), check.cases(), check.what());
            check.failures().stream().limit(10).forEach(f -> out.println("         " + f));
        }
        out.println("invariants over the corpus runs:");
        for (Invariant i : invariants) {
            String mark =
                    switch (i.status()) {
                        case "PASS" -> "ok";
                        case "FAIL" -> "FAIL";
                        default -> "--";
                    };
            if (i.status().equals("NOT EXERCISED")) {
                out.printf("  %-4s %-4s not exercised  %s%n", mark, i.id(), i.what());
            } else {
                out.printf(
                        "  %-4s %-4s %5d runs %7d cases %4d failures  %s%n",
                        mark, i.id(), i.runs(), i.cases(), i.failures(), i.what());
            }
        }
        out.println("scenarios:");
        for (ScenarioRow s : scenarios) {
            out.printf(
                    "  %-4s %-32s %4d pass %4d fail %4d skip%n",
                    s.fail() > 0 ? "FAIL" : s.pass() > 0 ? "ok" : "--",
                    s.id(),
                    s.pass(),
                    s.fail(),
                    s.skip());
        }
        Map<Coverage.State, Integer> counts = new LinkedHashMap<>();
        for (Coverage.State st : Coverage.State.values()) {
            counts.put(st, 0);
        }
        sites.forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        out.printf(
                "T1 sites of the commit: %d, reached %d, missed %d%s, exempt %d, not ported %d%n",
                sites.size(),
                counts.get(Coverage.State.REACHED),
                counts.get(Coverage.State.MISSED),
                partial ? " (--partial: not held against the corpus)" : "",
                counts.get(Coverage.State.EXEMPT),
                counts.get(Coverage.State.NOT_PORTED));
        for (Coverage.Row r : sites) {
            String state =
                    switch (r.state()) {
                        case REACHED -> "reached";
                        case MISSED -> "MISSED";
                        case EXEMPT -> "exempt";
                        case NOT_PORTED -> "not ported";
                    };
            out.printf(
                    "  %-10s %-62s %s%n",
                    state,
                    r.site(),
                    r.state() == Coverage.State.REACHED ? r.runs() + " runs" : r.note());
        }
        List<RunResult> failed =
                runs.stream().filter(r -> r.status() == RunResult.Status.FAIL).toList();
        if (!failed.isEmpty()) {
            out.println("failed runs:");
            for (RunResult r : failed) {
                out.println(
                        "  "
                                + r.spec().label()
                                + (r.spec().sim() ? "   (" + r.spec().replayCommand() + ")" : ""));
                r.problems().stream()
                        .limit(3)
                        .forEach(p -> out.println("    " + p.replace("\n", "\n    ")));
            }
        }
        out.printf("time: %.1f s%n", seconds);
        out.println(passed() ? "PASS" : "FAIL");
        out.flush();
    }

    // ---- JSON ----

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report", "gort conform");
        m.put("commit", "0a7c7ac80e");
        m.put("host", new LinkedHashMap<>(host));
        m.put("seeds", seeds);
        m.put("simAvailable", simAvailable);
        m.put("partial", partial);
        m.put("seconds", Math.round(seconds * 10) / 10.0);
        m.put("passed", passed());
        List<Object> acc = new ArrayList<>();
        for (AccessorSuite.Check c : accessorChecks) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", c.invariant());
            a.put("what", c.what());
            a.put("cases", c.cases());
            a.put("passed", c.passed());
            a.put("failures", new ArrayList<>(c.failures().stream().limit(20).toList()));
            acc.add(a);
        }
        m.put("accessorChecks", acc);
        List<Object> inv = new ArrayList<>();
        for (Invariant i : invariants) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", i.id());
            a.put("what", i.what());
            a.put("status", i.status());
            a.put("runs", i.runs());
            a.put("cases", i.cases());
            a.put("failures", i.failures());
            inv.add(a);
        }
        m.put("invariants", inv);
        List<Object> sc = new ArrayList<>();
        for (ScenarioRow s : scenarios) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", s.id());
            a.put("description", s.description());
            a.put("pass", s.pass());
            a.put("fail", s.fail());
            a.put("skip", s.skip());
            sc.add(a);
        }
        m.put("scenarios", sc);
        List<Object> st = new ArrayList<>();
        for (Coverage.Row r : sites) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("site", r.site().toString());
            a.put("function", r.site().function());
            a.put("state", r.state().name());
            a.put("runs", r.runs());
            a.put("note", r.note());
            st.add(a);
        }
        m.put("sites", st);
        List<Object> rp = new ArrayList<>();
        for (Suite.D1Replay r : replays) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("run", r.label());
            a.put("first", r.first());
            a.put("second", r.second());
            rp.add(a);
        }
        m.put("replays", rp);
        List<Object> rs = new ArrayList<>();
        for (RunResult r : runs) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("run", r.spec().label());
            a.put("scenario", r.spec().scenario().id());
            a.put("env", String.join(" ", r.spec().env().vars()));
            a.put("goarch", r.spec().goarch());
            a.put("gomaxprocs", r.spec().gomaxprocs());
            a.put("backend", r.spec().backend());
            a.put("seed", r.spec().seed());
            a.put("status", r.status().name());
            a.put("hash", r.logHash());
            a.put("events", r.events());
            a.put("millis", r.millis());
            a.put("completed", r.completed());
            a.put("problems", new ArrayList<>(r.problems()));
            rs.add(a);
        }
        m.put("runs", rs);
        return m;
    }

    // ---- JUnit XML ----

    public String toJUnitXml() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        List<String> cases = new ArrayList<>();
        int failures = 0;
        int skipped = 0;
        for (AccessorSuite.Check c : accessorChecks) {
            cases.add(
                    testcase(
                            "accessors",
                            c.invariant() + " " + c.what(),
                            c.passed() ? null : String.join("\n", c.failures()),
                            null));
            failures += c.passed() ? 0 : 1;
        }
        for (Invariant i : invariants) {
            String fail = i.status().equals("FAIL") ? i.failures() + " failures" : null;
            String skip = i.status().equals("NOT EXERCISED") ? "not exercised" : null;
            cases.add(testcase("invariants", i.id() + " " + i.what(), fail, skip));
            failures += fail != null ? 1 : 0;
            skipped += skip != null ? 1 : 0;
        }
        for (Coverage.Row r : sites) {
            String fail = r.state() == Coverage.State.MISSED && !partial ? r.note() : null;
            String skip =
                    r.state() == Coverage.State.NOT_PORTED
                            ? "not ported"
                            : r.state() == Coverage.State.EXEMPT ? r.note() : null;
            cases.add(testcase("T1 sites", r.site().toString(), fail, skip));
            failures += fail != null ? 1 : 0;
            skipped += skip != null ? 1 : 0;
        }
        for (RunResult r : runs) {
            String fail =
                    r.status() == RunResult.Status.FAIL
                            ? String.join("\n", r.problems())
                                    + (r.spec().sim()
                                            ? "\nreproduce: " + r.spec().replayCommand()
                                            : "")
                            : null;
            String skip =
                    r.status() == RunResult.Status.SKIP ? String.join("\n", r.problems()) : null;
            cases.add(
                    testcase(
                            "corpus." + r.spec().scenario().id().replace('/', '.'),
                            r.spec().label(),
                            fail,
                            skip));
            failures += fail != null ? 1 : 0;
            skipped += skip != null ? 1 : 0;
        }
        b.append(
                String.format(
                        "<testsuite name=\"gort conform\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
                        cases.size(), failures, skipped, seconds));
        b.append("  <properties>\n");
        host.forEach(
                (k, v) ->
                        b.append("    <property name=\"")
                                .append(xml(k))
                                .append("\" value=\"")
                                .append(xml(v))
                                .append("\"/>\n"));
        b.append("  </properties>\n");
        cases.forEach(b::append);
        b.append("</testsuite>\n");
        return b.toString();
    }

    private static String testcase(String cls, String name, String failure, String skipped) {
        StringBuilder b =
                new StringBuilder("  <testcase classname=\"")
                        .append(xml(cls))
                        .append("\" name=\"")
                        .append(xml(name))
                        .append('"');
        if (failure == null && skipped == null) {
            return b.append("/>\n").toString();
        }
        b.append(">\n");
        if (failure != null) {
            String first = failure.lines().findFirst().orElse("failed");
            b.append("    <failure message=\"")
                    .append(xml(first))
                    .append("\">")
                    .append(xml(failure))
                    .append("</failure>\n");
        } else {
            b.append("    <skipped message=\"").append(xml(skipped)).append("\"/>\n");
        }
        return b.append("  </testcase>\n").toString();
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('?');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
