package gort.proc.archfixture;

import gort.runtime.archfixture.ReachesUpIntoProc;

/**
 * Fixture: a proc class using runtime, which is allowed on its own; with {@link ReachesUpIntoProc}
 * it closes a runtime → proc → runtime cycle.
 */
public final class HigherModule {
    private HigherModule() {}

    public static int work() {
        return ReachesUpIntoProc.base() + 1;
    }
}
