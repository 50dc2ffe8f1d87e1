package gort.conformance.sites;

import gort.conformance.recorder.StatusNames;
import java.util.Set;

/**
 * One casgstatus call the commit added: the C file and line (in the new file), the C function
 * around it, and its from and to arguments as written ({@code Grunning}, or a variable such as
 * {@code oldstatus}) with the statuses each may stand for.
 */
public record Site(
        String file,
        int line,
        String function,
        String fromArg,
        String toArg,
        Set<Integer> from,
        Set<Integer> to) {
    public Site {
        from = Set.copyOf(from);
        to = Set.copyOf(to);
    }

    /** Whether a transition {@code from → to} made in C function {@code function} is this call. */
    public boolean matches(String function, int from, int to) {
        return this.function.equals(function) && this.from.contains(from) && this.to.contains(to);
    }

    /** "proc.c:1312 execute casgstatus(Grunnable, Grunning)" */
    @Override
    public String toString() {
        return file + ":" + line + " " + function + " casgstatus(" + fromArg + ", " + toArg + ")";
    }

    static String names(Set<Integer> statuses) {
        return statuses.stream()
                .sorted()
                .map(StatusNames::name)
                .reduce((a, b) -> a + "|" + b)
                .orElse("");
    }
}
