package gort.conformance.accessors;

/** The three status-changing accessors, by their C names. */
public enum Accessor {
    casgstatus,
    castogscanstatus,
    casfromgscanstatus
}
