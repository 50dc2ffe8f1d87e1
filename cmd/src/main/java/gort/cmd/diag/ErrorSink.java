package gort.cmd.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects errors with gc's filtering rules (cmd/compile/internal/base/print.go, Go 1.19).
 *
 * <ul>
 *   <li>Only one syntax error per line: a message starting with "syntax error" on the line of the
 *       previous syntax error is dropped.
 *   <li>A non-syntax error equal to the previous one on the same line is dropped.
 *   <li>The tenth counted error ends compilation: the errors so far are printed sorted, then {@code
 *       pos: too many errors} with the position of that tenth error (in report order, not in sorted
 *       order) — so the order in which the checker reports matters, and the checker follows
 *       types2's order.
 *   <li>The output is sorted stably by position and exact duplicates are printed once.
 * </ul>
 */
public final class ErrorSink {
    /** gc's limit without -e. */
    public static final int MAX_ERRORS = 10;

    private final String file;
    private final List<Diagnostic> reported = new ArrayList<>();
    private int lastSyntaxLine = -1;
    private int lastOtherLine = -1;
    private String lastOtherMsg = "";
    private int syntaxErrors;
    private boolean tooMany;
    private int tooManyLine;
    private int tooManyCol;

    public ErrorSink(String file) {
        this.file = file;
    }

    /** The name printed before each position (the file as the go command would print it). */
    public String file() {
        return file;
    }

    /** Records an error at line:col. Throws {@link TooManyErrors} when it is the tenth. */
    public void report(int line, int col, String msg) {
        if (tooMany) {
            throw new TooManyErrors();
        }
        if (msg.startsWith("syntax error")) {
            syntaxErrors++;
            if (line == lastSyntaxLine) {
                return;
            }
            lastSyntaxLine = line;
        } else {
            if (line == lastOtherLine && msg.equals(lastOtherMsg)) {
                return;
            }
            lastOtherLine = line;
            lastOtherMsg = msg;
        }
        reported.add(new Diagnostic(file, line, col, msg));
        if (reported.size() >= MAX_ERRORS) {
            tooMany = true;
            tooManyLine = line;
            tooManyCol = col;
            throw new TooManyErrors();
        }
    }

    /** Adds a diagnostic that is not subject to gc's rules (linker and go-command messages). */
    public void add(Diagnostic d) {
        reported.add(d);
    }

    /**
     * Number of errors whose message starts with "syntax error" (gc stops after parsing if > 0).
     */
    public int syntaxErrors() {
        return syntaxErrors;
    }

    public boolean hasErrors() {
        return !reported.isEmpty();
    }

    /**
     * The errors as gc prints them: sorted by position, duplicates once, then "too many errors".
     */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> sorted = new ArrayList<>(reported);
        sorted.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::col));
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : sorted) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(d)) {
                out.add(d);
            }
        }
        if (tooMany) {
            out.add(new Diagnostic(file, tooManyLine, tooManyCol, "too many errors"));
        }
        return List.copyOf(out);
    }
}
