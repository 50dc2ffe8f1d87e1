package gort.conformance.suite;

import gort.conformance.checkers.Verdict;
import java.util.List;
import java.util.Set;

/**
 * How one run went: PASS, FAIL (wrong output or exit code, a timeout, or a broken invariant) or
 * SKIP (the sim backend is not wired yet); what went wrong; each checker's verdict; the log's hash
 * and size; which T1 sites (indices into the site table) its transitions matched; whether the
 * program ended within its timeout (only then is its log whole, and comparable for D1).
 */
public record RunResult(
        RunSpec spec,
        Status status,
        List<String> problems,
        List<Verdict> verdicts,
        String logHash,
        int events,
        Set<Integer> sitesHit,
        long millis,
        boolean completed) {
    public enum Status {
        PASS,
        FAIL,
        SKIP
    }

    public RunResult {
        problems = List.copyOf(problems);
        verdicts = List.copyOf(verdicts);
        sitesHit = Set.copyOf(sitesHit);
    }

    static RunResult skipped(RunSpec spec, String why) {
        return new RunResult(spec, Status.SKIP, List.of(why), List.of(), "", 0, Set.of(), 0, false);
    }
}
