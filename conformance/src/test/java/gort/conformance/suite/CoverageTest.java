package gort.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import gort.conformance.sites.PortedFunctions;
import gort.conformance.sites.Site;
import gort.conformance.sites.SiteTable;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private final SiteTable table = SiteTable.commit();

    private int index(String function, String from, String to) {
        List<Site> sites = table.sites();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            if (s.function().equals(function) && s.fromArg().equals(from) && s.toArg().equals(to)) {
                return i;
            }
        }
        throw new AssertionError(function);
    }

    private RunResult hitting(int... sites) {
        Set<Integer> hit = new java.util.HashSet<>();
        for (int s : sites) {
            hit.add(s);
        }
        return new RunResult(
                null, RunResult.Status.PASS, List.of(), List.of(), "", 0, hit, 0, true);
    }

    @Test
    void eachSiteIsReachedMissedExemptOrNotPorted() {
        int execute = index("execute", "Grunnable", "Grunning");
        List<RunResult> runs = List.of(hitting(execute), hitting(execute));

        List<Coverage.Row> rows =
                Coverage.of(table, runs, Set.of("execute", "park_m", "findrunnable", "newextram"));

        assertThat(rows).hasSize(32);
        assertThat(rows.get(execute).state()).isEqualTo(Coverage.State.REACHED);
        assertThat(rows.get(execute).runs()).isEqualTo(2);
        assertThat(rows.get(index("park_m", "Grunning", "Gwaiting")).state())
                .isEqualTo(Coverage.State.MISSED);
        assertThat(rows.get(index("park_m", "Gwaiting", "Grunnable")).state())
                .isEqualTo(Coverage.State.EXEMPT);
        assertThat(rows.get(index("park_m", "Grunning", "Gwaiting")).note())
                .isEqualTo("park_m is ported but no program reaches this call");
        assertThat(rows.get(index("newextram", "Gidle", "Gsyscall")).state())
                .isEqualTo(Coverage.State.EXEMPT);
        assertThat(rows.get(index("newextram", "Gidle", "Gsyscall")).note()).contains("cgo");
        assertThat(rows.stream().filter(r -> r.site().function().equals("findrunnable")))
                .allMatch(r -> r.state() == Coverage.State.EXEMPT);
        assertThat(rows.get(index("mdump", "Gwaiting", "Grunning")).state())
                .isEqualTo(Coverage.State.NOT_PORTED);
    }

    @Test
    void everyExemptionNamesARealSite() {
        for (String key : Coverage.exemptions().keySet()) {
            String[] f = key.split("[ >-]+");
            assertThat(table.sites())
                    .as(key)
                    .anyMatch(
                            s ->
                                    s.function().equals(f[0])
                                            && s.fromArg().equals(f[1])
                                            && s.toArg().equals(f[2]));
        }
    }

    @Test
    void portedFunctionsAreTheRuntimeModulesMethodNames() {
        Set<String> ported = PortedFunctions.scan(getClass().getClassLoader());

        assertThat(ported)
                .contains(
                        "newproc1",
                        "execute",
                        "gosched_m",
                        "goexit0",
                        "casgstatus",
                        "copystack",
                        "newstack");
        assertThat(ported).doesNotContain("mdump", "WriteHeapDump", "gc_m");
    }
}
