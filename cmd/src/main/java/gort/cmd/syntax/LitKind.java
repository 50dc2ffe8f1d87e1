package gort.cmd.syntax;

/** Kinds of basic literals. */
public enum LitKind {
    INT,
    FLOAT,
    IMAG,
    RUNE,
    STRING
}
