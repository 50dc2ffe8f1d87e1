package gort.cmd.syntax;

/** Go's operators with their binary precedence (syntax/tokens.go). */
public enum Operator {
    DEF(":", 0), // := in an AssignStmt
    NOT("!", 0),
    RECV("<-", 0),
    TILDE("~", 0),
    OROR("||", 1),
    ANDAND("&&", 2),
    EQL("==", 3),
    NEQ("!=", 3),
    LSS("<", 3),
    LEQ("<=", 3),
    GTR(">", 3),
    GEQ(">=", 3),
    ADD("+", 4),
    SUB("-", 4),
    OR("|", 4),
    XOR("^", 4),
    MUL("*", 5),
    DIV("/", 5),
    REM("%", 5),
    AND("&", 5),
    ANDNOT("&^", 5),
    SHL("<<", 5),
    SHR(">>", 5);

    public final String text;
    public final int prec;

    Operator(String text, int prec) {
        this.text = text;
        this.prec = prec;
    }

    public boolean isComparison() {
        return prec == 3;
    }

    public boolean isShift() {
        return this == SHL || this == SHR;
    }

    @Override
    public String toString() {
        return text;
    }
}
