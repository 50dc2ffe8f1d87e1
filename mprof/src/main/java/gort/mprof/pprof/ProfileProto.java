package gort.mprof.pprof;

import com.google.protobuf.CodedOutputStream;
import gort.runtime.cpu.Func;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A profile in pprof's profile.proto (github.com/google/pprof/proto/profile.proto), gzipped, as `go
 * tool pprof` reads it. Not a port: Go of 2014 wrote only the text forms ({@link Pprof}). The
 * profile carries its own functions, files and lines (has_functions, has_filenames,
 * has_line_numbers), because gort's pcs live in no binary a reader could symbolize from. Encoded
 * with protobuf-java's CodedOutputStream by field number; no generated classes.
 */
public final class ProfileProto {
    private final StackSymbols sym;
    private final List<String> strings = new ArrayList<>(List.of(""));
    private final Map<String, Long> stringIndex = new HashMap<>(Map.of("", 0L));
    private final Map<Long, Long> locationIds = new LinkedHashMap<>();
    private final Map<Func, Long> functionIds = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(body);
    private final List<long[]> samples = new ArrayList<>();
    private final List<long[]> values = new ArrayList<>();
    private final String[][] sampleTypes;
    private final String[] periodType;
    private final long period;
    private final String mappingFile;

    /**
     * A profile whose samples have one value per sample type ({type, unit} pairs), with the given
     * period; its one mapping covers the text and is named mappingFile (the program).
     */
    public ProfileProto(
            StackSymbols sym,
            String[][] sampleTypes,
            String[] periodType,
            long period,
            String mappingFile) {
        this.sym = sym;
        this.sampleTypes = sampleTypes;
        this.periodType = periodType;
        this.period = period;
        this.mappingFile = mappingFile;
    }

    /** Adds a sample: a stack of return pcs, innermost first, and its values. */
    public ProfileProto sample(long[] stack, long... value) {
        if (value.length != sampleTypes.length) {
            throw new IllegalArgumentException(
                    "sample has " + value.length + " values for " + sampleTypes.length + " types");
        }
        samples.add(stack);
        values.add(value);
        return this;
    }

    /** The gzipped profile. */
    public void writeTo(OutputStream os) throws IOException {
        try {
            encode();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        GZIPOutputStream gz = new GZIPOutputStream(os);
        body.writeTo(gz);
        gz.finish();
        gz.flush();
    }

    private long str(String s) {
        Long i = stringIndex.get(s);
        if (i == null) {
            i = (long) strings.size();
            strings.add(s);
            stringIndex.put(s, i);
        }
        return i;
    }

    private void encode() throws IOException {
        for (String[] t : sampleTypes) {
            valueType(1, t);
        }
        // samples: location ids are one per distinct pc, so equal pcs share a location
        for (int i = 0; i < samples.size(); i++) {
            ByteArrayOutputStream sb = new ByteArrayOutputStream();
            CodedOutputStream s = CodedOutputStream.newInstance(sb);
            long[] stk = samples.get(i);
            long[] ids = new long[stk.length];
            for (int k = 0; k < stk.length; k++) {
                ids[k] = location(stk[k]);
            }
            packedUint64(s, 1, ids);
            packedInt64(s, 2, values.get(i));
            s.flush();
            out.writeByteArray(2, sb.toByteArray());
        }
        // mapping 1: the text
        {
            ByteArrayOutputStream mb = new ByteArrayOutputStream();
            CodedOutputStream m = CodedOutputStream.newInstance(mb);
            m.writeUInt64(1, 1);
            m.writeUInt64(2, sym.text().textStart);
            m.writeUInt64(3, sym.text().textEnd);
            m.writeInt64(5, str(mappingFile));
            m.writeBool(7, true);
            m.writeBool(8, true);
            m.writeBool(9, true);
            m.flush();
            out.writeByteArray(3, mb.toByteArray());
        }
        for (Map.Entry<Long, Long> e : locationIds.entrySet()) {
            out.writeByteArray(4, locationBytes(e.getValue(), e.getKey()));
        }
        for (Map.Entry<Func, Long> e : functionIds.entrySet()) {
            Func f = e.getKey();
            ByteArrayOutputStream fb = new ByteArrayOutputStream();
            CodedOutputStream fo = CodedOutputStream.newInstance(fb);
            fo.writeUInt64(1, e.getValue());
            fo.writeInt64(2, str(sym.name(f)));
            fo.writeInt64(3, str(sym.name(f)));
            fo.writeInt64(4, str(sym.file(f, f.entry)));
            fo.writeInt64(5, sym.line(f, f.entry));
            fo.flush();
            out.writeByteArray(5, fb.toByteArray());
        }
        valueType(11, periodType);
        out.writeInt64(12, period);
        // the string table last: every index above is allocated by now
        for (String s : strings) {
            out.writeString(6, s);
        }
        out.flush();
    }

    private long location(long pc) {
        Long id = locationIds.get(pc);
        if (id == null) {
            id = (long) locationIds.size() + 1;
            locationIds.put(pc, id);
            Func f = sym.func(pc);
            if (f != null) {
                functionIds.computeIfAbsent(f, k -> (long) functionIds.size() + 1);
            }
        }
        return id;
    }

    private byte[] locationBytes(long id, long pc) throws IOException {
        ByteArrayOutputStream lb = new ByteArrayOutputStream();
        CodedOutputStream l = CodedOutputStream.newInstance(lb);
        l.writeUInt64(1, id);
        l.writeUInt64(2, 1);
        l.writeUInt64(3, pc);
        Func f = sym.func(pc);
        if (f != null) {
            long tracepc = sym.tracepc(pc, f, false);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            CodedOutputStream lo = CodedOutputStream.newInstance(line);
            lo.writeUInt64(1, functionIds.get(f));
            lo.writeInt64(2, sym.line(f, tracepc));
            lo.flush();
            l.writeByteArray(4, line.toByteArray());
        }
        l.flush();
        return lb.toByteArray();
    }

    private void valueType(int field, String[] t) throws IOException {
        ByteArrayOutputStream vb = new ByteArrayOutputStream();
        CodedOutputStream v = CodedOutputStream.newInstance(vb);
        v.writeInt64(1, str(t[0]));
        v.writeInt64(2, str(t[1]));
        v.flush();
        out.writeByteArray(field, vb.toByteArray());
    }

    private static void packedUint64(CodedOutputStream s, int field, long[] xs) throws IOException {
        int size = 0;
        for (long x : xs) {
            size += CodedOutputStream.computeUInt64SizeNoTag(x);
        }
        s.writeTag(field, 2);
        s.writeUInt32NoTag(size);
        for (long x : xs) {
            s.writeUInt64NoTag(x);
        }
    }

    private static void packedInt64(CodedOutputStream s, int field, long[] xs) throws IOException {
        int size = 0;
        for (long x : xs) {
            size += CodedOutputStream.computeInt64SizeNoTag(x);
        }
        s.writeTag(field, 2);
        s.writeUInt32NoTag(size);
        for (long x : xs) {
            s.writeInt64NoTag(x);
        }
    }
}
