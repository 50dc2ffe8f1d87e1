package gort.mprof.pprof;

import java.util.ArrayList;
import java.util.List;

/**
 * The one configuration of Go's text/tabwriter that runtime/pprof of 2014 uses for its debug=1
 * profiles: {@code tabwriter.NewWriter(w, 1, 8, 1, '\t', 0)} (minwidth 1, tabwidth 8, padding 1,
 * padded with tabs). Cells are the tab-terminated pieces of a line; a column block is a run of
 * consecutive lines that all have a cell in that column, and every cell of a block is padded with
 * tabs to the block's width rounded up to a tab stop. Lines are buffered until {@link #flush}.
 */
final class TabWriter {
    private static final int MINWIDTH = 1;
    private static final int TABWIDTH = 8;
    private static final int PADDING = 1;

    private final StringBuilder out;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    TabWriter(StringBuilder out) {
        this.out = out;
    }

    /** Adds text; each newline ends a line. */
    TabWriter print(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\n') {
                lines.add(partial.toString());
                partial.setLength(0);
            } else {
                partial.append(ch);
            }
        }
        return this;
    }

    /** Writes every complete line, aligned, to the output. */
    void flush() {
        List<String[]> cells = new ArrayList<>();
        for (String l : lines) {
            cells.add(l.split("\t", -1));
        }
        int n = cells.size();
        // widths[i][c]: the padded width of cell c of line i (only for tab-terminated cells)
        int[][] widths = new int[n][];
        for (int i = 0; i < n; i++) {
            widths[i] = new int[Math.max(0, cells.get(i).length - 1)];
        }
        for (int c = 0; ; c++) {
            boolean any = false;
            int i = 0;
            while (i < n) {
                if (widths[i].length <= c) {
                    i++;
                    continue;
                }
                any = true;
                int start = i;
                int width = MINWIDTH;
                while (i < n && widths[i].length > c) {
                    width = Math.max(width, cells.get(i)[c].length() + PADDING);
                    i++;
                }
                for (int k = start; k < i; k++) {
                    widths[k][c] = width;
                }
            }
            if (!any) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            String[] row = cells.get(i);
            for (int c = 0; c < row.length; c++) {
                out.append(row[c]);
                if (c < widths[i].length) {
                    int cellw = (widths[i][c] + TABWIDTH - 1) / TABWIDTH * TABWIDTH;
                    int pad = cellw - row[c].length();
                    for (int t = (pad + TABWIDTH - 1) / TABWIDTH; t > 0; t--) {
                        out.append('\t');
                    }
                }
            }
            out.append('\n');
        }
        lines.clear();
    }
}
