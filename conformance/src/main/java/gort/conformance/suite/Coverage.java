package gort.conformance.suite;

import gort.conformance.sites.Site;
import gort.conformance.sites.SiteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * T1's coverage: for each site of the commit, how many runs reached it, and whether it must be
 * reached. A site must be reached when its C function is ported (a method of that name exists in
 * the runtime modules) unless unreachable.txt says no gort program can reach it (and why).
 */
public final class Coverage {
    /** One row: the site, the runs that reached it, and what that means. */
    public record Row(Site site, int runs, State state, String note) {}

    public enum State {
        /** Reached by at least one run. */
        REACHED,
        /**
         * Its function is ported but no run reached it: the corpus lacks a program. Fails the
         * suite.
         */
        MISSED,
        /** Its function is not ported yet. */
        NOT_PORTED,
        /** No gort program can reach it (unreachable.txt). */
        EXEMPT
    }

    private Coverage() {}

    public static List<Row> of(SiteTable table, List<RunResult> runs, Set<String> ported) {
        Map<String, String> exempt = exemptions();
        List<Row> rows = new ArrayList<>();
        List<Site> sites = table.sites();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            final int index = i;
            int n = (int) runs.stream().filter(r -> r.sitesHit().contains(index)).count();
            String why = exempt.get(s.function() + " " + s.fromArg() + "->" + s.toArg());
            State state;
            String note = "";
            if (n > 0) {
                state = State.REACHED;
            } else if (why != null) {
                state = State.EXEMPT;
                note = why;
            } else if (ported.contains(s.function())) {
                state = State.MISSED;
                note = s.function() + " is ported but no program reaches this call";
            } else {
                state = State.NOT_PORTED;
            }
            rows.add(new Row(s, n, state, note));
        }
        return rows;
    }

    static Map<String, String> exemptions() {
        Map<String, String> out = new HashMap<>();
        try (InputStream in =
                Coverage.class.getResourceAsStream("/gort/conformance/sites/unreachable.txt")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
