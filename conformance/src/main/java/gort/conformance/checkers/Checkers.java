package gort.conformance.checkers;

import gort.conformance.sites.SiteTable;
import java.util.List;

/** The per-run checkers of the suite, in DESIGN §5's order. */
public final class Checkers {
    private Checkers() {}

    public static List<Checker> all(SiteTable table) {
        return List.of(
                new S1AccessorsOnly(),
                AccessorPairs.s2(),
                AccessorPairs.s3(),
                AccessorPairs.s4(),
                new S5ScanBitIsALock(),
                new L1NewGIsDead(),
                new K1StackBrackets(),
                new K2NoStackUseWhileCopying(),
                new T1CommitSites(table));
    }
}
