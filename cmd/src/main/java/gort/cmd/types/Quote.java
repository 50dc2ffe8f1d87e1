package gort.cmd.types;

import java.nio.charset.StandardCharsets;

/** strconv.Quote and the decoding of Go string and rune literals. */
final class Quote {
    private Quote() {}

    /** strconv.Quote of a Go string given as bytes (one char per byte). */
    static String quote(String bytes) {
        byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder("\"");
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
            if (n > 1 && i + n <= b.length) {
                String s = new String(b, i, n, StandardCharsets.UTF_8);
                if (s.codePointCount(0, s.length()) == 1 && s.codePointAt(0) != 0xFFFD) {
                    int cp = s.codePointAt(0);
                    if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                        sb.append(
                                cp > 0xFFFF
                                        ? String.format("\\U%08x", cp)
                                        : String.format("\\u%04x", cp));
                    } else {
                        sb.append(s);
                    }
                    i += n;
                    continue;
                }
            }
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0x80) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
            i++;
        }
        return sb.append('"').toString();
    }

    /**
     * The bytes (one char per byte) of a Go string literal, or the code point of a rune literal as
     * a one-element result. The literal has already been validated by the scanner.
     */
    static String unquoteString(String lit) {
        if (lit.startsWith("`")) {
            String body = lit.substring(1, lit.length() - 1).replace("\r", "");
            return new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder();
        decode(lit.substring(1, lit.length() - 1), out, false);
        return out.toString();
    }

    static int unquoteRune(String lit) {
        StringBuilder out = new StringBuilder();
        return decode(lit.substring(1, lit.length() - 1), out, true);
    }

    /** Decodes escapes into bytes; returns the last code point (for rune literals). */
    private static int decode(String s, StringBuilder out, boolean rune) {
        int last = 0;
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (c != '\\') {
                i += Character.charCount(c);
                last = c;
                utf8(out, c);
                continue;
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> last = 7;
                case 'b' -> last = 8;
                case 'f' -> last = 12;
                case 'n' -> last = 10;
                case 'r' -> last = 13;
                case 't' -> last = 9;
                case 'v' -> last = 11;
                case '\\', '\'', '"' -> last = e;
                case 'x' -> {
                    last = Integer.parseInt(s.substring(i, i + 2), 16);
                    i += 2;
                    if (!rune) {
                        out.append((char) last);
                        continue;
                    }
                }
                case 'u' -> {
                    last = Integer.parseInt(s.substring(i, i + 4), 16);
                    i += 4;
                }
                case 'U' -> {
                    last = Integer.parseInt(s.substring(i, i + 8), 16);
                    i += 8;
                }
                default -> { // octal
                    last = Integer.parseInt(s.substring(i - 1, i + 2), 8);
                    i += 2;
                    if (!rune) {
                        out.append((char) last);
                        continue;
                    }
                }
            }
            if (e == 'x' || e >= '0' && e <= '7') {
                continue; // a byte value in a rune literal is the rune
            }
            utf8(out, last);
        }
        return last;
    }

    private static void utf8(StringBuilder out, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            out.append((char) (x & 0xff));
        }
    }
}
