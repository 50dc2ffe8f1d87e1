package gort.runtime.cpu;

import java.util.Arrays;

/**
 * A pc-value table of one function (the analogue of a pclntab varint stream): runs of pcs {@code
 * [entry + ends[i-1], entry + ends[i])} that share {@code values[i]}, the first run starting at the
 * entry. As in symtab.c's pcvalue, a value holds "up to" its end pc, and the table covers the
 * function exactly; gort keeps the runs in two arrays instead of Go's zig-zag varint deltas.
 * Immutable apart from a lookup cache that cannot change an answer.
 */
final class PcTable {
    /** The table of a function that has none (symtab.c: table offset 0, every lookup -1). */
    static final PcTable NONE = new PcTable(new int[0], new int[0]);

    /** End of each run, as a byte offset from the entry (exclusive), increasing. */
    private final int[] ends;

    private final int[] values;

    /**
     * A one-entry cache of the last lookup: a stack walk asks the same few return pcs of a deep
     * recursion over and over (symtab.c of later Go keeps a pcvalue cache for the same reason). An
     * immutable pair behind a plain reference: a racing thread sees null or some pair written
     * earlier, a true fact of this immutable table either way.
     */
    private Last last;

    private record Last(long off, int value) {}

    PcTable(int[] ends, int[] values) {
        this.ends = ends;
        this.values = values;
    }

    /** Builds a table from one value per instruction, merging equal neighbours. */
    static PcTable ofPerInstruction(int[] perInsn) {
        if (perInsn.length == 0) {
            return NONE;
        }
        int[] ends = new int[perInsn.length];
        int[] values = new int[perInsn.length];
        int n = 0;
        for (int i = 0; i < perInsn.length; i++) {
            if (n > 0 && values[n - 1] == perInsn[i]) {
                ends[n - 1] = (i + 1) * Isa.INSN_BYTES;
            } else {
                ends[n] = (i + 1) * Isa.INSN_BYTES;
                values[n] = perInsn[i];
                n++;
            }
        }
        return new PcTable(Arrays.copyOf(ends, n), Arrays.copyOf(values, n));
    }

    boolean isEmpty() {
        return ends.length == 0;
    }

    /** Number of runs. */
    int runs() {
        return ends.length;
    }

    /**
     * The value at byte offset {@code off} from the entry; -1 for an empty table; {@link
     * Integer#MIN_VALUE} when {@code off} lies outside the table (pcvalue then reports a table that
     * does not cover its function).
     */
    int lookup(long off) {
        if (ends.length == 0) {
            return -1;
        }
        if (off < 0 || off >= ends[ends.length - 1]) {
            return Integer.MIN_VALUE;
        }
        Last l = last;
        if (l != null && l.off == off) {
            return l.value;
        }
        int v = search(off);
        last = new Last(off, v);
        return v;
    }

    /** The binary search behind {@link #lookup}, for an {@code off} inside the table. */
    private int search(long off) {
        int lo = 0;
        int hi = ends.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (off < ends[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return values[lo];
    }
}
