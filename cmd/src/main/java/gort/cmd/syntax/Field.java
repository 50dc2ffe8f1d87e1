package gort.cmd.syntax;

/** A parameter, result, struct field or interface method: name (may be null) and type. */
public final class Field extends Node {
    public Expr.Name name;
    public Expr type;

    public Field(Pos pos, Expr.Name name, Expr type) {
        super(pos);
        this.name = name;
        this.type = type;
    }
}
