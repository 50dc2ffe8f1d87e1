package gort.cmd.syntax;

/** A source position: 1-based line and 1-based column counted in UTF-8 bytes, as gc counts. */
public record Pos(int line, int col) implements Comparable<Pos> {
    public static final Pos NONE = new Pos(0, 0);

    public boolean known() {
        return line > 0;
    }

    @Override
    public int compareTo(Pos o) {
        return line != o.line ? Integer.compare(line, o.line) : Integer.compare(col, o.col);
    }

    @Override
    public String toString() {
        return line + ":" + col;
    }
}
