package gort.heapdump.reader;

import java.util.ArrayList;
import java.util.List;

/**
 * A heap dump as heapdump.c of 0a7c7ac80 writes it, read back into records: one Java record per
 * tag, fields named after the C's, in the order the C writes them. Addresses are uintptrs of the
 * dumped process (unsigned, in a long).
 */
public final class HeapDump {
    /** heapdump.c's field kinds (FieldKindPtr ... FieldKindEface). */
    public enum FieldKind {
        EOL,
        PTR,
        STRING,
        SLICE,
        IFACE,
        EFACE
    }

    /** One entry of a field list: what sits at offset. */
    public record Field(FieldKind kind, long offset) {}

    /** TagParams. */
    public record Params(
            boolean bigEndian,
            long ptrSize,
            long arenaStart,
            long arenaUsed,
            long thechar,
            String experiment,
            long ncpu) {}

    /** TagItab: whether the itab's type is stored indirectly (holds pointers). */
    public record Itab(long addr, boolean ptr) {}

    /** TagObject: an allocated heap object and its contents; type and kind are 0 at the commit. */
    public record Obj(long addr, long type, long kind, byte[] contents) {}

    /** TagType, written for the types eface words name. */
    public record Type(long addr, long size, String name, boolean indirect, List<Field> fields) {}

    /** TagStackFrame. */
    public record Frame(
            long sp,
            long depth,
            long childSp,
            byte[] contents,
            long entry,
            long pc,
            long continpc,
            String name,
            List<Field> fields) {}

    /** TagGoRoutine and the frames that follow it. */
    public record Goroutine(
            long addr,
            long sp,
            long goid,
            long gopc,
            long status,
            boolean issystem,
            boolean isbackground,
            long waitsince,
            String waitreason,
            long ctxt,
            long m,
            long defer,
            long panic,
            List<Frame> frames) {}

    /** TagDefer. */
    public record Defer(long addr, long gp, long argp, long pc, long fn, long fnfn, long link) {}

    /** TagPanic. */
    public record Panic(long addr, long gp, long argType, long argData, long defer, long link) {}

    /** TagOSThread. */
    public record OsThread(long addr, long id, long procid) {}

    /** TagData or TagBss: a segment's address, contents and field list. */
    public record Segment(long addr, byte[] contents, List<Field> fields) {}

    /** TagFinalizer or TagQueuedFinalizer. */
    public record Finalizer(boolean queued, long obj, long fn, long fnfn, long fint, long ot) {}

    /** TagOtherRoot. */
    public record OtherRoot(String description, long to) {}

    /** TagMemStats: the 24 counters, pause_ns[256], numgc. */
    public record MemStats(long[] counters, long[] pauseNs, long numgc) {
        /** The counters' names, in the order dumpmemstats writes them. */
        public static final List<String> NAMES =
                List.of(
                        "alloc",
                        "total_alloc",
                        "sys",
                        "nlookup",
                        "nmalloc",
                        "nfree",
                        "heap_alloc",
                        "heap_sys",
                        "heap_idle",
                        "heap_inuse",
                        "heap_released",
                        "heap_objects",
                        "stacks_inuse",
                        "stacks_sys",
                        "mspan_inuse",
                        "mspan_sys",
                        "mcache_inuse",
                        "mcache_sys",
                        "buckhash_sys",
                        "gc_sys",
                        "other_sys",
                        "next_gc",
                        "last_gc",
                        "pause_total_ns");
    }

    /** One frame of a TagMemProf record. */
    public record ProfFrame(String func, String file, long line) {}

    /** TagMemProf. */
    public record MemProf(
            long bucket, long size, List<ProfFrame> frames, long allocs, long frees) {}

    /** TagAllocSample. */
    public record AllocSample(long addr, long bucket) {}

    public Params params;
    public final List<Itab> itabs = new ArrayList<>();
    public final List<Obj> objects = new ArrayList<>();
    public final List<Type> types = new ArrayList<>();
    public final List<Goroutine> goroutines = new ArrayList<>();
    public final List<Defer> defers = new ArrayList<>();
    public final List<Panic> panics = new ArrayList<>();
    public final List<OsThread> threads = new ArrayList<>();
    public Segment data;
    public Segment bss;
    public final List<Finalizer> finalizers = new ArrayList<>();
    public final List<OtherRoot> otherRoots = new ArrayList<>();
    public MemStats memstats;
    public final List<MemProf> memprof = new ArrayList<>();
    public final List<AllocSample> allocSamples = new ArrayList<>();
}
