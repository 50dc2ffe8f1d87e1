package gort.conformance.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code gort conform --compare A.json B.json}: two hosts' reports agree when both passed, every
 * invariant and accessor check has the same verdict, every run both made has the same status, and
 * every sim run both made has an identical transition-log hash (D1 across hosts). Runs only one
 * report has (the other ran fewer seeds) are counted, not held against it.
 */
public final class ReportComparison {
    private ReportComparison() {}

    public record Result(List<String> differences, List<String> notes, int simRunsCompared) {
        public boolean same() {
            return differences.isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    public static Result compare(
            String nameA, Map<String, Object> a, String nameB, Map<String, Object> b) {
        List<String> diff = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (var e : List.of(Map.entry(nameA, a), Map.entry(nameB, b))) {
            if (!"gort conform".equals(e.getValue().get("report"))) {
                diff.add(e.getKey() + ": not a gort conform report");
                return new Result(diff, notes, 0);
            }
            if (!Boolean.TRUE.equals(e.getValue().get("passed"))) {
                diff.add(e.getKey() + ": the suite failed on that host");
            }
        }
        compareVerdicts(
                "invariant",
                "status",
                list(a, "invariants"),
                list(b, "invariants"),
                nameA,
                nameB,
                diff);
        compareVerdicts(
                "accessor check",
                "passed",
                list(a, "accessorChecks"),
                list(b, "accessorChecks"),
                nameA,
                nameB,
                diff);
        Map<String, Map<String, Object>> runsA = byKey(list(a, "runs"), "run");
        Map<String, Map<String, Object>> runsB = byKey(list(b, "runs"), "run");
        int sim = 0;
        int onlyOne = 0;
        for (var e : runsA.entrySet()) {
            Map<String, Object> rb = runsB.get(e.getKey());
            if (rb == null) {
                onlyOne++;
                continue;
            }
            Map<String, Object> ra = e.getValue();
            if (!Objects.equals(ra.get("status"), rb.get("status"))) {
                diff.add(
                        e.getKey()
                                + ": "
                                + ra.get("status")
                                + " on "
                                + nameA
                                + ", "
                                + rb.get("status")
                                + " on "
                                + nameB);
            }
            if ("sim".equals(ra.get("backend"))
                    && "PASS".equals(ra.get("status"))
                    && "PASS".equals(rb.get("status"))) {
                sim++;
                if (!Objects.equals(ra.get("hash"), rb.get("hash"))) {
                    diff.add(
                            e.getKey()
                                    + ": D1 — transition logs differ ("
                                    + ra.get("hash")
                                    + " vs "
                                    + rb.get("hash")
                                    + ")");
                }
            }
        }
        onlyOne += (int) runsB.keySet().stream().filter(k -> !runsA.containsKey(k)).count();
        if (onlyOne > 0) {
            notes.add(
                    onlyOne
                            + " runs are in only one report (different seed counts or corpora); not compared");
        }
        if (sim == 0) {
            notes.add("no sim run is in both reports: D1 across hosts was not checked");
        }
        return new Result(diff, notes, sim);
    }

    private static void compareVerdicts(
            String what,
            String field,
            List<Map<String, Object>> a,
            List<Map<String, Object>> b,
            String nameA,
            String nameB,
            List<String> diff) {
        Map<String, Map<String, Object>> ma = byKey(a, "id");
        Map<String, Map<String, Object>> mb = byKey(b, "id");
        for (var e : ma.entrySet()) {
            Object va = e.getValue().get(field);
            Object vb = mb.containsKey(e.getKey()) ? mb.get(e.getKey()).get(field) : "absent";
            if (!Objects.equals(va, vb)) {
                diff.add(
                        what
                                + " "
                                + e.getKey()
                                + ": "
                                + va
                                + " on "
                                + nameA
                                + ", "
                                + vb
                                + " on "
                                + nameB);
            }
        }
        for (String k : mb.keySet()) {
            if (!ma.containsKey(k)) {
                diff.add(what + " " + k + ": absent on " + nameA);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> l, String key) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> m : l) {
            out.put(String.valueOf(m.get(key)), m);
        }
        return out;
    }
}
