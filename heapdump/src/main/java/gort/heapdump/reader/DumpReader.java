package gort.heapdump.reader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a heap dump in the format of heapdump.c at 0a7c7ac80: the header {@code go1.3 heap dump\n},
 * then records, each a uvarint tag and its fields (uvarints, bools as uvarints 0/1, length-prefixed
 * byte strings, field lists ended by FieldKindEol), up to TagEOF. gort's own code, not a port: Go's
 * reader of the time was a separate tool. Anything else is a {@link DumpFormatException} naming the
 * offset: a wrong header, a bad tag, a varint longer than ten bytes, a length past the end, a field
 * kind heapdump.c never writes, bytes after TagEOF, or no TagEOF at all.
 */
public final class DumpReader {
    /** heapdump.c's header. */
    public static final String HEADER = "go1.3 heap dump\n";

    // heapdump.c's tags
    static final int TagEOF = 0;
    static final int TagObject = 1;
    static final int TagOtherRoot = 2;
    static final int TagType = 3;
    static final int TagGoRoutine = 4;
    static final int TagStackFrame = 5;
    static final int TagParams = 6;
    static final int TagFinalizer = 7;
    static final int TagItab = 8;
    static final int TagOSThread = 9;
    static final int TagMemStats = 10;
    static final int TagQueuedFinalizer = 11;
    static final int TagData = 12;
    static final int TagBss = 13;
    static final int TagDefer = 14;
    static final int TagPanic = 15;
    static final int TagMemProf = 16;
    static final int TagAllocSample = 17;

    private final byte[] b;
    private int pos;

    private DumpReader(byte[] b) {
        this.b = b;
    }

    /** The dump in {@code bytes}. */
    public static HeapDump read(byte[] bytes) throws DumpFormatException {
        return new DumpReader(bytes).dump();
    }

    private HeapDump dump() throws DumpFormatException {
        byte[] hdr = HEADER.getBytes(StandardCharsets.US_ASCII);
        if (b.length < hdr.length || !Arrays.equals(b, 0, hdr.length, hdr, 0, hdr.length)) {
            throw new DumpFormatException(0, "not a go1.3 heap dump: the header is missing");
        }
        pos = hdr.length;
        HeapDump d = new HeapDump();
        HeapDump.Goroutine current = null;
        for (; ; ) {
            if (pos >= b.length) {
                throw new DumpFormatException(pos, "truncated: no EOF record");
            }
            int at = pos;
            long tag = uvarint();
            switch ((int) Math.min(tag, Integer.MAX_VALUE)) {
                case TagEOF -> {
                    if (pos != b.length) {
                        throw new DumpFormatException(
                                pos, (b.length - pos) + " bytes after the EOF record");
                    }
                    return d;
                }
                case TagParams -> {
                    if (d.params != null) {
                        throw new DumpFormatException(at, "a second params record");
                    }
                    d.params =
                            new HeapDump.Params(
                                    bool(), uvarint(), uvarint(), uvarint(), uvarint(), string(),
                                    uvarint());
                }
                case TagItab -> d.itabs.add(new HeapDump.Itab(uvarint(), bool()));
                case TagObject ->
                        d.objects.add(new HeapDump.Obj(uvarint(), uvarint(), uvarint(), bytes()));
                case TagType ->
                        d.types.add(
                                new HeapDump.Type(
                                        uvarint(), uvarint(), string(), bool(), fields()));
                case TagGoRoutine -> {
                    current =
                            new HeapDump.Goroutine(
                                    uvarint(),
                                    uvarint(),
                                    uvarint(),
                                    uvarint(),
                                    uvarint(),
                                    bool(),
                                    bool(),
                                    uvarint(),
                                    string(),
                                    uvarint(),
                                    uvarint(),
                                    uvarint(),
                                    uvarint(),
                                    new ArrayList<>());
                    d.goroutines.add(current);
                }
                case TagStackFrame -> {
                    HeapDump.Frame f =
                            new HeapDump.Frame(
                                    uvarint(), uvarint(), uvarint(), bytes(), uvarint(), uvarint(),
                                    uvarint(), string(), fields());
                    if (current == null) {
                        throw new DumpFormatException(at, "a stack frame before any goroutine");
                    }
                    current.frames().add(f);
                }
                case TagDefer ->
                        d.defers.add(
                                new HeapDump.Defer(
                                        uvarint(), uvarint(), uvarint(), uvarint(), uvarint(),
                                        uvarint(), uvarint()));
                case TagPanic ->
                        d.panics.add(
                                new HeapDump.Panic(
                                        uvarint(), uvarint(), uvarint(), uvarint(), uvarint(),
                                        uvarint()));
                case TagOSThread ->
                        d.threads.add(new HeapDump.OsThread(uvarint(), uvarint(), uvarint()));
                case TagData, TagBss -> {
                    HeapDump.Segment s = new HeapDump.Segment(uvarint(), bytes(), fields());
                    if (tag == TagData) {
                        d.data = s;
                    } else {
                        d.bss = s;
                    }
                }
                case TagFinalizer, TagQueuedFinalizer ->
                        d.finalizers.add(
                                new HeapDump.Finalizer(
                                        tag == TagQueuedFinalizer,
                                        uvarint(),
                                        uvarint(),
                                        uvarint(),
                                        uvarint(),
                                        uvarint()));
                case TagOtherRoot -> d.otherRoots.add(new HeapDump.OtherRoot(string(), uvarint()));
                case TagMemStats -> {
                    long[] counters = new long[HeapDump.MemStats.NAMES.size()];
                    for (int i = 0; i < counters.length; i++) {
                        counters[i] = uvarint();
                    }
                    long[] pause = new long[256];
                    for (int i = 0; i < pause.length; i++) {
                        pause[i] = uvarint();
                    }
                    d.memstats = new HeapDump.MemStats(counters, pause, uvarint());
                }
                case TagMemProf -> {
                    long bucket = uvarint();
                    long size = uvarint();
                    long nstk = uvarint();
                    if (Long.compareUnsigned(nstk, b.length - pos) > 0) {
                        throw new DumpFormatException(
                                pos, "memory profile record of " + nstk + " frames past the end");
                    }
                    List<HeapDump.ProfFrame> frames = new ArrayList<>();
                    for (long i = 0; i < nstk; i++) {
                        frames.add(new HeapDump.ProfFrame(string(), string(), uvarint()));
                    }
                    d.memprof.add(new HeapDump.MemProf(bucket, size, frames, uvarint(), uvarint()));
                }
                case TagAllocSample ->
                        d.allocSamples.add(new HeapDump.AllocSample(uvarint(), uvarint()));
                default ->
                        throw new DumpFormatException(at, "bad tag " + Long.toUnsignedString(tag));
            }
        }
    }

    /** dumpint's encoding: seven bits a byte, low first, the high bit set on all but the last. */
    private long uvarint() throws DumpFormatException {
        int start = pos;
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= b.length) {
                throw new DumpFormatException(start, "truncated varint");
            }
            int x = b[pos++] & 0xff;
            if (shift == 63 && x > 1) {
                throw new DumpFormatException(start, "bad varint: overflows 64 bits");
            }
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return v;
            }
        }
        throw new DumpFormatException(start, "bad varint: longer than 10 bytes");
    }

    private boolean bool() throws DumpFormatException {
        int at = pos;
        long v = uvarint();
        if (v > 1) {
            throw new DumpFormatException(at, "bad bool " + Long.toUnsignedString(v));
        }
        return v == 1;
    }

    /** dumpmemrange's encoding: a uvarint length, then that many bytes. */
    private byte[] bytes() throws DumpFormatException {
        int at = pos;
        long n = uvarint();
        if (Long.compareUnsigned(n, b.length - pos) > 0) {
            throw new DumpFormatException(
                    at,
                    "truncated: "
                            + Long.toUnsignedString(n)
                            + " bytes announced, "
                            + (b.length - pos)
                            + " left");
        }
        byte[] out = Arrays.copyOfRange(b, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    private String string() throws DumpFormatException {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** dumpfields' encoding: (kind, offset) pairs up to FieldKindEol. */
    private List<HeapDump.Field> fields() throws DumpFormatException {
        List<HeapDump.Field> out = new ArrayList<>();
        for (; ; ) {
            int at = pos;
            long kind = uvarint();
            if (kind == 0) {
                return out;
            }
            if (kind != 1 && kind != 4 && kind != 5) {
                // heapdump.c's dumpbv writes pointers, ifaces and efaces; strings and slices are
                // split into their pointer words at this commit
                throw new DumpFormatException(at, "bad field kind " + Long.toUnsignedString(kind));
            }
            out.add(new HeapDump.Field(HeapDump.FieldKind.values()[(int) kind], uvarint()));
        }
    }
}
