package gort.runtime;

import java.nio.charset.StandardCharsets;

/**
 * The runtime's own printing, print.c at 0a7c7ac80: runtime·printf and the print helpers that Go's
 * print and println also use. Output goes to the process's print sink (its stderr).
 *
 * <p>printf's verbs follow C's vprintf, including its quirks: {@code %d} prints its argument as a
 * signed 32-bit integer (so a uint32 above 2^31 prints negative, as in C), {@code %x} as unsigned
 * 32-bit hex, {@code %D} as signed 64-bit, {@code %U} unsigned 64-bit, {@code %X} 64-bit hex,
 * {@code %p} a pointer in hex, {@code %s}/{@code %S} a string (nil prints nothing), {@code %t} a
 * bool, {@code %c} one byte, {@code %f} a float64 in the runtime's +d.dddddde+dd form. A verb
 * vprintf does not know prints nothing and takes no argument (so {@code %%} prints nothing). gort
 * passes arguments as Java values rather than a C argument frame; {@code %p} takes an {@link
 * Addressed} object or a number. The slice, complex and interface verbs ({@code %a %C %e %i}) are
 * not needed by the ported code and are rejected.
 */
public final class Print {
    private Print() {}

    /** Port of print.c runtime·printf (0a7c7ac80), with vprintf's formatting. */
    public static void printf(GoProcess process, String format, Object... args) {
        int next = 0;
        int lp = 0;
        int n = format.length();
        for (int p = 0; p < n; p++) {
            if (format.charAt(p) != '%') {
                continue;
            }
            if (p > lp) {
                gwrite(process, format.substring(lp, p));
            }
            p++;
            if (p >= n) {
                lp = p;
                break;
            }
            char verb = format.charAt(p);
            switch (verb) {
                case 'c' -> printbyte(process, (byte) intArg(args, next++, verb));
                case 'd' -> printint(process, intArg(args, next++, verb));
                case 'D' -> printint(process, longArg(args, next++, verb));
                case 'f' -> printfloat(process, ((Number) arg(args, next++, verb)).doubleValue());
                case 'p' -> printpointer(process, pointerArg(args, next++, verb));
                case 's', 'S' -> printstring(process, (String) arg(args, next++, verb));
                case 't' -> printbool(process, (Boolean) arg(args, next++, verb));
                case 'U' -> printuint(process, longArg(args, next++, verb));
                case 'x' -> printhex(process, intArg(args, next++, verb) & 0xffffffffL);
                case 'X' -> printhex(process, longArg(args, next++, verb));
                case 'a', 'C', 'e', 'i' ->
                        throw new IllegalArgumentException(
                                "printf verb %" + verb + " is not supported by gort");
                default -> {} // vprintf ignores verbs it does not know
            }
            lp = p + 1;
        }
        if (n > lp) {
            gwrite(process, format.substring(lp));
        }
        if (next != args.length) {
            throw new IllegalArgumentException(
                    "printf \""
                            + format
                            + "\": "
                            + args.length
                            + " arguments for "
                            + next
                            + " verbs");
        }
    }

    /** Port of print.c runtime·prints (0a7c7ac80). */
    public static void prints(GoProcess process, String s) {
        if (s != null) {
            gwrite(process, s);
        }
    }

    /** Port of print.c runtime·printbool_c (0a7c7ac80). */
    public static void printbool(GoProcess process, boolean v) {
        gwrite(process, v ? "true" : "false");
    }

    /** Port of print.c runtime·printbyte_c (0a7c7ac80). */
    public static void printbyte(GoProcess process, byte c) {
        gwrite(process, new byte[] {c});
    }

    /** Port of print.c runtime·printuint_c (0a7c7ac80): v as an unsigned decimal. */
    public static void printuint(GoProcess process, long v) {
        gwrite(process, Long.toUnsignedString(v));
    }

    /** Port of print.c runtime·printint_c (0a7c7ac80): v as a signed decimal. */
    public static void printint(GoProcess process, long v) {
        if (v < 0) {
            gwrite(process, "-");
            v = -v; // Long.MIN_VALUE stays negative and prints unsigned, as in C
        }
        printuint(process, v);
    }

    /**
     * Port of print.c runtime·printhex_c (0a7c7ac80): 0x and lower-case hex digits, at least one.
     */
    public static void printhex(GoProcess process, long v) {
        gwrite(process, "0x" + Long.toHexString(v));
    }

    /** Port of print.c runtime·printpointer_c (0a7c7ac80). */
    public static void printpointer(GoProcess process, long p) {
        printhex(process, p);
    }

    /** Port of print.c runtime·printstring_c (0a7c7ac80); nil prints nothing. */
    public static void printstring(GoProcess process, String v) {
        if (v != null && !v.isEmpty()) {
            gwrite(process, v);
        }
    }

    /**
     * Port of print.c runtime·printfloat_c (0a7c7ac80): seven significant digits, +d.dddddde+dd.
     */
    public static void printfloat(GoProcess process, double v) {
        if (Double.isNaN(v)) {
            gwrite(process, "NaN");
            return;
        }
        if (v == Double.POSITIVE_INFINITY) {
            gwrite(process, "+Inf");
            return;
        }
        if (v == Double.NEGATIVE_INFINITY) {
            gwrite(process, "-Inf");
            return;
        }
        final int n = 7; // digits printed
        int e = 0; // decimal exponent
        boolean negative = false;
        if (v == 0) {
            negative = 1 / v == Double.NEGATIVE_INFINITY;
        } else {
            if (v < 0) {
                v = -v;
                negative = true;
            }
            while (v >= 10) {
                e++;
                v /= 10;
            }
            while (v < 1) {
                e--;
                v *= 10;
            }
            double h = 5; // half a unit in the last printed digit
            for (int i = 0; i < n; i++) {
                h /= 10;
            }
            v += h;
            if (v >= 10) {
                e++;
                v /= 10;
            }
        }
        byte[] buf = new byte[n + 7];
        buf[0] = (byte) (negative ? '-' : '+');
        for (int i = 0; i < n; i++) {
            int digit = (int) v;
            buf[i + 2] = (byte) (digit + '0');
            v -= digit;
            v *= 10.;
        }
        buf[1] = buf[2];
        buf[2] = '.';
        buf[n + 2] = 'e';
        buf[n + 3] = '+';
        if (e < 0) {
            e = -e;
            buf[n + 3] = '-';
        }
        buf[n + 4] = (byte) (e / 100 + '0');
        buf[n + 5] = (byte) ((e / 10) % 10 + '0');
        buf[n + 6] = (byte) (e % 10 + '0');
        gwrite(process, buf);
    }

    /** gwrite of a string's UTF-8 bytes: every formatted print ends here. */
    private static void gwrite(GoProcess process, String s) {
        gwrite(process, s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes b to standard error, or, while the running G diverts its output (runtime.Stack sets
     * g->writebuf and g->writenbuf), into that buffer, silently dropping what does not fit. Port of
     * print.c gwrite (0a7c7ac80); C's g is the running G of the calling thread's M (none off the
     * Ms' threads).
     */
    public static void gwrite(GoProcess process, byte[] b) {
        M mp = process.currentM();
        G g = mp != null && mp.cpu != null ? mp.cpu.g() : null;
        if (g == null || g.writebuf == 0) {
            process.write(b, 0, b.length);
            return;
        }
        if (g.writenbuf == 0) {
            return;
        }
        int n = Math.min(b.length, g.writenbuf);
        process.memory().copyIn(g.writebuf, b, 0, n);
        g.writebuf += n;
        g.writenbuf -= n;
    }

    private static Object arg(Object[] args, int i, char verb) {
        if (i >= args.length) {
            throw new IllegalArgumentException("printf: no argument for %" + verb);
        }
        return args[i];
    }

    private static int intArg(Object[] args, int i, char verb) {
        return ((Number) arg(args, i, verb)).intValue();
    }

    private static long longArg(Object[] args, int i, char verb) {
        return ((Number) arg(args, i, verb)).longValue();
    }

    private static long pointerArg(Object[] args, int i, char verb) {
        Object a = arg(args, i, verb);
        if (a == null) {
            return 0;
        }
        if (a instanceof Addressed addressed) {
            return addressed.addr();
        }
        return ((Number) a).longValue();
    }
}
