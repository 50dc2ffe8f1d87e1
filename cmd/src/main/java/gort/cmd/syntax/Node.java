package gort.cmd.syntax;

/**
 * A node of the syntax tree. {@link #pos} is where gc's parser puts it (for a binary operation the
 * operator, for a call the '(', for a selector the '.'); {@link #start()} is the leftmost position,
 * where types2 reports errors about the node.
 */
public abstract class Node {
    public final Pos pos;

    protected Node(Pos pos) {
        this.pos = pos;
    }

    /** The leftmost source position of the node (syntax.StartPos). */
    public Pos start() {
        return pos;
    }
}
