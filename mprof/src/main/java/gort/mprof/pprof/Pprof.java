package gort.mprof.pprof;

import gort.runtime.cpu.Func;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text forms of runtime/pprof's pprof.go at 0a7c7ac80 that gort writes for exit-time profiles:
 * printCountProfile (the goroutine profile, "goroutine profile: total N") and printStackRecord,
 * with 2014's formats. Stacks are printed in the order given, as writeRuntimeProfile passes
 * GoroutineProfile's records unsorted.
 */
public final class Pprof {
    private Pprof() {}

    /**
     * {@code name profile: total N}, then each distinct stack once, with its count, at its first
     * occurrence; at debug &gt; 0 each is followed by its symbolized frames, aligned by the
     * tabwriter. Port of pprof.go printCountProfile (0a7c7ac80).
     */
    public static String printCountProfile(
            int debug, String name, List<long[]> stacks, StackSymbols sym) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = debug > 0 ? new TabWriter(b) : null;
        StringBuilder w = new StringBuilder();
        w.append(name).append(" profile: total ").append(stacks.size()).append('\n');
        Map<String, Integer> m = new LinkedHashMap<>();
        for (long[] stk : stacks) {
            m.merge(key(stk), 1, Integer::sum);
        }
        for (long[] stk : stacks) {
            String s = key(stk);
            Integer count = m.get(s);
            if (count != null) {
                w.append(count).append(' ').append(s).append('\n');
                if (debug > 0) {
                    printStackRecord(w, stk, false, sym);
                }
                m.remove(s);
            }
        }
        if (tw == null) {
            return w.toString();
        }
        tw.print(w.toString()).flush();
        return b.toString();
    }

    private static String key(long[] stk) {
        StringBuilder k = new StringBuilder("@");
        for (long pc : stk) {
            k.append(" 0x").append(Long.toHexString(pc));
        }
        return k.toString();
    }

    /**
     * One stack's frames as {@code #\tpc\tname+off\tfile:line}, hiding runtime.goexit and the
     * runtime frames a stack starts with unless nothing else is left, then a blank line. Port of
     * pprof.go printStackRecord (0a7c7ac80); gort differs in backing up the first frame's pc too
     * ({@link StackSymbols#tracepc}).
     */
    static void printStackRecord(StringBuilder w, long[] stk, boolean allFrames, StackSymbols sym) {
        boolean show = allFrames;
        boolean wasPanic = false;
        int mark = w.length();
        for (int i = 0; i < stk.length; i++) {
            long pc = stk[i];
            Func f = sym.func(pc);
            if (f == null) {
                show = true;
                w.append("#\t0x").append(Long.toHexString(pc)).append('\n');
                wasPanic = false;
                continue;
            }
            long tracepc = sym.tracepc(pc, f, wasPanic);
            String name = sym.name(f);
            wasPanic = name.equals("runtime.panic");
            if (name.equals("runtime.goexit") || !show && name.startsWith("runtime.")) {
                continue;
            }
            show = true;
            w.append("#\t0x")
                    .append(Long.toHexString(pc))
                    .append('\t')
                    .append(name)
                    .append("+0x")
                    .append(Long.toHexString(pc - f.entry))
                    .append('\t')
                    .append(sym.file(f, tracepc))
                    .append(':')
                    .append(sym.line(f, tracepc))
                    .append('\n');
        }
        if (!show) {
            w.setLength(mark);
            printStackRecord(w, stk, true, sym);
            return;
        }
        w.append('\n');
    }

    /**
     * The blocking profile: {@code --- contention:}, {@code cycles/second=N}, then each record
     * ({@code cycles count @ pcs}) by decreasing cycles, with all its frames at debug &gt; 0. Port
     * of pprof.go writeBlock (0a7c7ac80); records with equal cycles keep their order (Go's
     * sort.Sort leaves it unspecified).
     */
    public static String writeBlock(
            int debug,
            List<? extends BlockRecord> records,
            long cyclesPerSecond,
            StackSymbols sym) {
        List<BlockRecord> p = new java.util.ArrayList<>(records);
        p.sort((x, y) -> Long.compare(y.cycles(), x.cycles()));
        StringBuilder w = new StringBuilder();
        w.append("--- contention:\n");
        w.append("cycles/second=").append(cyclesPerSecond).append('\n');
        for (BlockRecord r : p) {
            w.append(r.cycles()).append(' ').append(r.count()).append(" @");
            for (long pc : r.stack()) {
                w.append(" 0x").append(Long.toHexString(pc));
            }
            w.append('\n');
            if (debug > 0) {
                printStackRecord(w, r.stack(), true, sym);
            }
        }
        if (debug == 0) {
            return w.toString();
        }
        StringBuilder b = new StringBuilder();
        new TabWriter(b).print(w.toString()).flush();
        return b.toString();
    }

    /** What writeBlock prints of a runtime.BlockProfileRecord. */
    public interface BlockRecord {
        long count();

        long cycles();

        long[] stack();
    }
}
