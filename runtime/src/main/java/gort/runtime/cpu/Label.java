package gort.runtime.cpu;

/**
 * A branch target inside one {@link FuncBuilder}'s body; bound once with {@link FuncBuilder#bind}.
 */
public final class Label {
    final FuncBuilder owner;

    /** Body index of the instruction it marks, or -1 while unbound. */
    int at = -1;

    Label(FuncBuilder owner) {
        this.owner = owner;
    }

    /** Whether {@link FuncBuilder#bind} has placed it. */
    public boolean isBound() {
        return at >= 0;
    }
}
