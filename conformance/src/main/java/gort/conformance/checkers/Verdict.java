package gort.conformance.checkers;

import java.util.List;

/** One checker's finding on one run: how many events it checked and what broke its invariant. */
public record Verdict(String invariant, int cases, List<String> violations) {
    public Verdict {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
