package gort.proc;

import gort.runtime.cpu.Cpu;
import gort.runtime.malloc.Msize;
import gort.runtime.mem.Memory;

/**
 * The runtime's string functions that generated code RTCALLs (string.goc, rune.c of 0a7c7ac80),
 * with their Go 1.3 argument layouts at argp:
 *
 * <pre>
 *   runtime.concatstring2      a string, b string, ret string
 *   runtime.slicebytetostring  b []byte, ret string
 *   runtime.stringtoslicebyte  s string, ret []byte
 *   runtime.slicerunetostring  b []rune, ret string
 *   runtime.stringtoslicerune  s string, ret []rune
 *   runtime.intstring          v int64, ret string
 *   runtime.stringiter2        s string, k int, retk int, retv rune
 * </pre>
 */
public final class StringText {
    private StringText() {}

    /** The rune that stands for invalid UTF-8 (utf8.RuneError). */
    static final int Runeerror = 0xFFFD;

    /**
     * a + b. Port of string.goc concatstring2 and concatstrings (0a7c7ac80): an empty operand
     * yields the other one itself (no copy); otherwise a fresh string of the summed length.
     */
    static void concatstring2(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long ap = mem.loadp(argp);
        long al = mem.loadp(argp + w);
        long bp = mem.loadp(argp + 2 * w);
        long bl = mem.loadp(argp + 3 * w);
        long ret = argp + 4 * w;
        long l = al + bl;
        if (l < al || !SliceText.fitsInt(cpu, l)) {
            gort.runtime.Throw.throw_(cpu.m().process, "string concatenation too long");
        }
        if (al == 0 || bl == 0) {
            // If there is just one string and it is not on the stack, return it as-is.
            mem.storep(ret, al == 0 ? bp : ap);
            mem.storep(ret + w, l);
            return;
        }
        long s = gostringsize(cpu, l);
        mem.memmove(s, ap, al);
        mem.memmove(s + al, bp, bl);
        mem.storep(ret, s);
        mem.storep(ret + w, l);
    }

    /** string(b) for a []byte: a copy. Port of string.goc slicebytetostring (0a7c7ac80). */
    static void slicebytetostring(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long p = mem.loadp(argp);
        long n = mem.loadp(argp + w);
        long ret = argp + 3 * w;
        long s = n == 0 ? 0 : gostringsize(cpu, n);
        mem.memmove(s, p, n);
        mem.storep(ret, s);
        mem.storep(ret + w, n);
    }

    /**
     * []byte(s): a copy whose capacity is the allocation's size class. Port of string.goc
     * stringtoslicebyte (0a7c7ac80).
     */
    static void stringtoslicebyte(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long p = mem.loadp(argp);
        long n = mem.loadp(argp + w);
        long ret = argp + 2 * w;
        long cap = Msize.roundupsize(n);
        long b =
                cpu.m()
                        .process
                        .malloc()
                        .mallocgc(
                                cap,
                                0,
                                gort.runtime.malloc.Malloc.FlagNoScan
                                        | gort.runtime.malloc.Malloc.FlagNoZero);
        if (cap != n) {
            mem.memclr(b + n, cap - n);
        }
        mem.memmove(b, p, n);
        mem.storep(ret, b);
        mem.storep(ret + w, n);
        mem.storep(ret + 2 * w, cap);
    }

    /** []rune(s): the decoded runes. Port of string.goc stringtoslicerune (0a7c7ac80). */
    static void stringtoslicerune(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        byte[] s = mem.read(mem.loadp(argp), (int) mem.loadp(argp + w));
        long ret = argp + 2 * w;
        int n = 0;
        for (int k = 0; k < s.length; k += decode(s, k)[1]) {
            n++;
        }
        long bytes = Msize.roundupsize(4L * n);
        long b =
                cpu.m()
                        .process
                        .malloc()
                        .mallocgc(
                                bytes,
                                0,
                                gort.runtime.malloc.Malloc.FlagNoScan
                                        | gort.runtime.malloc.Malloc.FlagNoZero);
        if (bytes != 4L * n) {
            mem.memclr(b + 4L * n, bytes - 4L * n);
        }
        int i = 0;
        for (int k = 0; k < s.length; ) {
            int[] d = decode(s, k);
            mem.store32(b + 4L * i++, d[0]);
            k += d[1];
        }
        mem.storep(ret, b);
        mem.storep(ret + w, n);
        mem.storep(ret + 2 * w, bytes / 4);
    }

    /** string(r) for a []rune: their UTF-8. Port of string.goc slicerunetostring (0a7c7ac80). */
    static void slicerunetostring(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long p = mem.loadp(argp);
        long n = mem.loadp(argp + w);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long i = 0; i < n; i++) {
            byte[] e = runetochar(mem.load32(p + 4 * i));
            out.write(e, 0, e.length);
        }
        storeString(cpu, argp + 3 * w, out.toByteArray());
    }

    /** string(v) for an integer: the rune's UTF-8. Port of string.goc intstring (0a7c7ac80). */
    static void intstring(Cpu cpu, long argp) {
        long v = cpu.mem().load64(argp);
        int r = v != (int) v ? Runeerror : (int) v;
        storeString(cpu, argp + 8, runetochar(r));
    }

    /**
     * One step of ranging over a string: the rune at byte k and the index after it (0, 0 at the
     * end). Port of string.goc stringiter2 (0a7c7ac80): invalid UTF-8 gives RuneError and advances
     * one byte.
     */
    static void stringiter2(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long p = mem.loadp(argp);
        long n = mem.loadp(argp + w);
        long k = mem.loadp(argp + 2 * w);
        long retk = argp + 3 * w;
        long retv = argp + 4 * w;
        if (k >= n) {
            mem.storep(retk, 0);
            mem.store32(retv, 0);
            return;
        }
        byte[] s = mem.read(p + k, (int) Math.min(4, n - k));
        int[] d = decode(s, 0);
        mem.storep(retk, k + d[1]);
        mem.store32(retv, d[0]);
    }

    private static void storeString(Cpu cpu, long ret, byte[] b) {
        Memory mem = cpu.mem();
        long s = b.length == 0 ? 0 : gostringsize(cpu, b.length);
        if (b.length > 0) {
            mem.copyIn(s, b, 0, b.length);
        }
        mem.storep(ret, s);
        mem.storep(ret + cpu.arch().PtrSize, b.length);
    }

    /** Memory for a string of n bytes. Port of string.goc gostringsize's allocation (0a7c7ac80). */
    public static long gostringsize(Cpu cpu, long n) {
        return cpu.m()
                .process
                .malloc()
                .mallocgc(
                        n,
                        0,
                        gort.runtime.malloc.Malloc.FlagNoScan
                                | gort.runtime.malloc.Malloc.FlagNoZero);
    }

    /**
     * The rune at s[k] and its length in bytes, as rune.c's charntorune: invalid, overlong,
     * surrogate or truncated sequences give (RuneError, 1).
     */
    static int[] decode(byte[] s, int k) {
        int c = s[k] & 0xff;
        if (c < 0x80) {
            return new int[] {c, 1};
        }
        int n;
        int min;
        int r;
        if (c >= 0xc2 && c < 0xe0) {
            n = 2;
            min = 0x80;
            r = c & 0x1f;
        } else if (c >= 0xe0 && c < 0xf0) {
            n = 3;
            min = 0x800;
            r = c & 0x0f;
        } else if (c >= 0xf0 && c < 0xf5) {
            n = 4;
            min = 0x10000;
            r = c & 0x07;
        } else {
            return new int[] {Runeerror, 1};
        }
        if (k + n > s.length) {
            return new int[] {Runeerror, 1};
        }
        for (int i = 1; i < n; i++) {
            int b = s[k + i] & 0xff;
            if ((b & 0xc0) != 0x80) {
                return new int[] {Runeerror, 1};
            }
            r = r << 6 | (b & 0x3f);
        }
        if (r < min || r > 0x10ffff || r >= 0xd800 && r <= 0xdfff) {
            return new int[] {Runeerror, 1};
        }
        return new int[] {r, n};
    }

    /** The UTF-8 of rune r (RuneError's for an invalid one), as rune.c's runetochar. */
    static byte[] runetochar(int r) {
        if (r < 0 || r > 0x10ffff || r >= 0xd800 && r <= 0xdfff) {
            r = Runeerror;
        }
        if (r < 0x80) {
            return new byte[] {(byte) r};
        }
        if (r < 0x800) {
            return new byte[] {(byte) (0xc0 | r >> 6), (byte) (0x80 | r & 0x3f)};
        }
        if (r < 0x10000) {
            return new byte[] {
                (byte) (0xe0 | r >> 12), (byte) (0x80 | r >> 6 & 0x3f), (byte) (0x80 | r & 0x3f)
            };
        }
        return new byte[] {
            (byte) (0xf0 | r >> 18),
            (byte) (0x80 | r >> 12 & 0x3f),
            (byte) (0x80 | r >> 6 & 0x3f),
            (byte) (0x80 | r & 0x3f)
        };
    }
}
