package gort.runtime.archfixture;

import gort.proc.archfixture.HigherModule;

/**
 * Fixture: a class of the runtime module calling up into proc, which DESIGN.md §1 forbids. It is a
 * test class of arch-tests, in a package that looks like runtime's so the module rules apply.
 */
public final class ReachesUpIntoProc {
    private ReachesUpIntoProc() {}

    public static int callProc() {
        return HigherModule.work();
    }

    public static int base() {
        return 1;
    }
}
