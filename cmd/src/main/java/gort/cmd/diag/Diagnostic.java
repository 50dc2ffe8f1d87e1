package gort.cmd.diag;

/**
 * One compile error as gc prints it: {@code file:line:col: message}. The message may span lines
 * (types2 continues with "\n\t" for "have/want" and "other declaration of" details).
 *
 * <p>A diagnostic with {@code line == 0} has no position; it stands for the linker's message (e.g.
 * "runtime.main_main·f: function main is undeclared in the main package") and the go command's own
 * parse errors, and prints as its message alone.
 */
public record Diagnostic(String file, int line, int col, String message) {

    /** A diagnostic without a source position. */
    public static Diagnostic unpositioned(String message) {
        return new Diagnostic("", 0, 0, message);
    }

    @Override
    public String toString() {
        return line == 0 ? message : file + ":" + line + ":" + col + ": " + message;
    }
}
