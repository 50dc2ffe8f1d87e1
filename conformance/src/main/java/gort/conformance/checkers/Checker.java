package gort.conformance.checkers;

/** Checks one invariant of DESIGN §5 over one run's log. */
public interface Checker {
    /** The invariant's id: S1, K2, T1 ... */
    String id();

    /** What it checks, in a few words, for the report. */
    String what();

    Verdict check(RunFacts facts);
}
