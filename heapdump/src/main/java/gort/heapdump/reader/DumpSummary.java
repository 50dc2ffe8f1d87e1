package gort.heapdump.reader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What `gort dump` prints of a {@link HeapDump}: the process, its goroutines with status, wait
 * reason and frames, its threads, the objects by size, the roots, the memory statistics and the
 * memory profile; as text for a person or as a JSON-ready tree for tools.
 */
public final class DumpSummary {
    private DumpSummary() {}

    /** runtime.h's G statuses by number (the Gscan bit is shown as a prefix). */
    private static final String[] STATUS = {
        "idle",
        "runnable",
        "running",
        "syscall",
        "waiting",
        "moribund",
        "dead",
        "enqueue",
        "copystack"
    };

    static String status(long s) {
        String scan = (s & 0x1000) != 0 ? "scan" : "";
        long base = s & ~0x1000L;
        return scan + (base < STATUS.length ? STATUS[(int) base] : "status " + base);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** The summary as text. */
    public static String text(HeapDump d) {
        StringBuilder o = new StringBuilder();
        HeapDump.Params p = d.params;
        if (p != null) {
            o.append("go1.3 heap dump: ")
                    .append(
                            p.thechar() == '6'
                                    ? "amd64"
                                    : p.thechar() == '5' ? "arm" : "thechar " + p.thechar())
                    .append(", PtrSize ")
                    .append(p.ptrSize())
                    .append(p.bigEndian() ? ", big-endian" : ", little-endian")
                    .append(", arena ")
                    .append(hex(p.arenaStart()))
                    .append("-")
                    .append(hex(p.arenaUsed()))
                    .append(", ncpu ")
                    .append(p.ncpu())
                    .append('\n');
        }
        o.append('\n').append("goroutines: ").append(d.goroutines.size()).append('\n');
        for (HeapDump.Goroutine g : d.goroutines) {
            o.append("goroutine ").append(g.goid()).append(" [").append(status(g.status()));
            if (!g.waitreason().isEmpty()) {
                o.append(", ").append(g.waitreason());
            }
            o.append("]");
            if (g.issystem()) {
                o.append(" (system)");
            }
            o.append(" at ").append(hex(g.addr())).append('\n');
            for (HeapDump.Frame f : g.frames()) {
                o.append("\t")
                        .append(f.name())
                        .append("+")
                        .append(hex(f.pc() - f.entry()))
                        .append("\tsp=")
                        .append(hex(f.sp()))
                        .append(" frame ")
                        .append(f.contents().length)
                        .append(" bytes, ")
                        .append(f.fields().size())
                        .append(" pointer fields\n");
            }
            for (HeapDump.Defer df : d.defers) {
                if (df.gp() == g.addr()) {
                    o.append("\tdefer ")
                            .append(hex(df.addr()))
                            .append(" fn ")
                            .append(hex(df.fnfn()))
                            .append('\n');
                }
            }
            for (HeapDump.Panic pn : d.panics) {
                if (pn.gp() == g.addr()) {
                    o.append("\tpanic ").append(hex(pn.addr())).append('\n');
                }
            }
        }
        o.append('\n').append("threads: ").append(d.threads.size()).append('\n');
        for (HeapDump.OsThread t : d.threads) {
            o.append("m").append(t.id()).append(" at ").append(hex(t.addr())).append('\n');
        }
        long bytes = 0;
        for (HeapDump.Obj ob : d.objects) {
            bytes += ob.contents().length;
        }
        o.append('\n')
                .append("objects: ")
                .append(d.objects.size())
                .append(", ")
                .append(bytes)
                .append(" bytes\n");
        for (Map.Entry<Integer, long[]> e : bySize(d).entrySet()) {
            o.append("\t")
                    .append(e.getValue()[0])
                    .append(" of ")
                    .append(e.getKey())
                    .append(" bytes\n");
        }
        if (!d.types.isEmpty()) {
            o.append("types named by interface words: ").append(d.types.size()).append('\n');
            for (HeapDump.Type t : d.types) {
                o.append("\t").append(t.name()).append(" (").append(t.size()).append(" bytes)\n");
            }
        }
        o.append('\n').append("roots:\n");
        segment(o, "data", d.data);
        segment(o, "bss", d.bss);
        long queued = d.finalizers.stream().filter(HeapDump.Finalizer::queued).count();
        o.append("\tfinalizers: ")
                .append(d.finalizers.size() - queued)
                .append(" set, ")
                .append(queued)
                .append(" queued\n");
        for (HeapDump.OtherRoot r : d.otherRoots) {
            o.append("\t").append(r.description()).append(" -> ").append(hex(r.to())).append('\n');
        }
        if (d.memstats != null) {
            o.append('\n').append("memstats:\n");
            for (int i = 0; i < d.memstats.counters().length; i++) {
                o.append("\t")
                        .append(HeapDump.MemStats.NAMES.get(i))
                        .append(" = ")
                        .append(Long.toUnsignedString(d.memstats.counters()[i]))
                        .append('\n');
            }
            o.append("\tnumgc = ").append(d.memstats.numgc()).append('\n');
        }
        o.append('\n')
                .append("memory profile: ")
                .append(d.memprof.size())
                .append(" buckets, ")
                .append(d.allocSamples.size())
                .append(" sampled objects\n");
        for (HeapDump.MemProf m : d.memprof) {
            o.append("\t")
                    .append(m.allocs())
                    .append(" allocs, ")
                    .append(m.frees())
                    .append(" frees of ")
                    .append(m.size())
                    .append(" bytes\n");
            for (HeapDump.ProfFrame f : m.frames()) {
                o.append("\t\t")
                        .append(f.func())
                        .append(" ")
                        .append(f.file())
                        .append(":")
                        .append(f.line())
                        .append('\n');
            }
        }
        return o.toString();
    }

    private static void segment(StringBuilder o, String name, HeapDump.Segment s) {
        if (s == null) {
            o.append("\t").append(name).append(": none\n");
            return;
        }
        o.append("\t")
                .append(name)
                .append(" at ")
                .append(hex(s.addr()))
                .append(": ")
                .append(s.contents().length)
                .append(" bytes, ")
                .append(s.fields().size())
                .append(" pointer fields\n");
    }

    /** Object count and bytes per object size, smallest size first. */
    private static Map<Integer, long[]> bySize(HeapDump d) {
        Map<Integer, long[]> m = new TreeMap<>();
        for (HeapDump.Obj ob : d.objects) {
            long[] c = m.computeIfAbsent(ob.contents().length, k -> new long[2]);
            c[0]++;
            c[1] += ob.contents().length;
        }
        return m;
    }

    /** The summary as a tree of maps and lists, for Jackson (`gort dump --json`). */
    public static Map<String, Object> json(HeapDump d) {
        Map<String, Object> j = new LinkedHashMap<>();
        if (d.params != null) {
            j.put("params", d.params);
        }
        List<Map<String, Object>> gs = new ArrayList<>();
        for (HeapDump.Goroutine g : d.goroutines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("goid", g.goid());
            m.put("addr", g.addr());
            m.put("status", g.status());
            m.put("statusName", status(g.status()));
            m.put("waitreason", g.waitreason());
            m.put("issystem", g.issystem());
            List<Map<String, Object>> fs = new ArrayList<>();
            for (HeapDump.Frame f : g.frames()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("name", f.name());
                fm.put("entry", f.entry());
                fm.put("pc", f.pc());
                fm.put("sp", f.sp());
                fm.put("depth", f.depth());
                fm.put("size", f.contents().length);
                fm.put("pointerFields", f.fields().size());
                fs.add(fm);
            }
            m.put("frames", fs);
            gs.add(m);
        }
        j.put("goroutines", gs);
        j.put("threads", d.threads);
        List<Map<String, Object>> sizes = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : bySize(d).entrySet()) {
            sizes.add(
                    Map.of("size", e.getKey(), "count", e.getValue()[0], "bytes", e.getValue()[1]));
        }
        j.put("objects", Map.of("count", d.objects.size(), "bySize", sizes));
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("data", segmentJson(d.data));
        roots.put("bss", segmentJson(d.bss));
        roots.put("finalizers", d.finalizers);
        roots.put("other", d.otherRoots);
        j.put("roots", roots);
        if (d.memstats != null) {
            Map<String, Object> ms = new LinkedHashMap<>();
            for (int i = 0; i < d.memstats.counters().length; i++) {
                ms.put(HeapDump.MemStats.NAMES.get(i), d.memstats.counters()[i]);
            }
            ms.put("numgc", d.memstats.numgc());
            j.put("memstats", ms);
        }
        j.put("memprof", d.memprof);
        j.put("allocSamples", d.allocSamples);
        return j;
    }

    private static Object segmentJson(HeapDump.Segment s) {
        return s == null
                ? null
                : Map.of(
                        "addr",
                        s.addr(),
                        "size",
                        s.contents().length,
                        "pointerFields",
                        s.fields().size());
    }
}
