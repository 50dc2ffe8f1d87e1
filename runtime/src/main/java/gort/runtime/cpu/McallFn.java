package gort.runtime.cpu;

import gort.runtime.G;

/**
 * The {@code fn} of {@code mcall(fn)}: C's {@code void (*fn)(G*)}, run by the M's scheduler loop on
 * g0 with the G that called mcall, whose state is in {@code gp->sched}. Like C's, it does not
 * return to the G: it ends in schedule() or in gogo(&gp->sched).
 */
@FunctionalInterface
public interface McallFn {
    void fn(G gp);
}
