package gort.cmd.syntax;

import java.nio.charset.StandardCharsets;

/**
 * Go's lexer, after cmd/compile/internal/syntax/scanner.go: one token of lookahead, automatic
 * semicolon insertion (a newline or EOF after a line's final name, literal, keyword
 * break/continue/fallthrough/return, ++, --, ), ] or } becomes a SEMI whose {@link #lit} is
 * "newline" or "EOF"; an explicit one has lit "semicolon"), and gc's lexical error messages.
 *
 * <p>It scans UTF-8 bytes so that columns count bytes, as gc's do.
 */
public final class Scanner {
    /** Receives lexical errors. */
    public interface ErrorHandler {
        void error(int line, int col, String msg);
    }

    private final byte[] src;
    private final ErrorHandler errh;

    // current character and its position
    private int ch = -2; // before the first character
    private int width; // bytes of ch
    private int chLine = 1;
    private int chCol = 1;
    private int offset; // offset of the byte after ch
    private int chStart; // offset of ch
    private int litStart; // offset where the current token started

    private boolean nlsemi; // a newline now would end the statement

    // the current token
    public Token tok;
    public int line;
    public int col;
    public String lit = ""; // NAME, LITERAL and SEMI text
    public LitKind kind; // LITERAL only
    public boolean bad; // LITERAL only: it had an error
    public Operator op; // OPERATOR, STAR, ASSIGN_OP, INC_OP
    public int prec;

    public Scanner(String source, ErrorHandler errh) {
        this.src = source.getBytes(StandardCharsets.UTF_8);
        this.errh = errh;
        nextch();
        if (ch == 0xFEFF) { // byte order mark at the start is ignored
            nextch();
        }
    }

    private void error(String msg) {
        errh.error(chLine, chCol, msg);
    }

    private void errorAt(int colOffset, String msg) {
        errh.error(line, col + colOffset, msg);
    }

    /** Advances to the next character, decoding UTF-8; chLine:chCol is its position. */
    private void nextch() {
        if (ch == '\n') {
            chLine++;
            chCol = 1;
        } else {
            chCol += width;
        }
        chStart = offset;
        if (offset >= src.length) {
            ch = -1;
            width = 0;
            return;
        }
        int b = src[offset] & 0xff;
        if (b < 0x80) {
            width = 1;
            offset++;
            ch = b;
            if (ch == 0) {
                error("invalid NUL character");
            }
            return;
        }
        int n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
        boolean valid = n > 0 && offset + n <= src.length;
        int r = valid ? b & (0xFF >> (n + 1)) : 0;
        for (int i = 1; valid && i < n; i++) {
            int c = src[offset + i] & 0xff;
            valid = (c & 0xC0) == 0x80;
            r = r << 6 | (c & 0x3F);
        }
        if (!valid) {
            width = 1;
            offset++;
            ch = 0xFFFD;
            error("invalid UTF-8 encoding");
            return;
        }
        width = n;
        offset += n;
        ch = r;
    }

    private String segment() {
        return new String(src, litStart, chStart - litStart, StandardCharsets.UTF_8);
    }

    /** Scans the next token into the public fields. */
    public void next() {
        boolean nl = nlsemi;
        nlsemi = false;
        while (true) {
            while (ch == ' ' || ch == '\t' || ch == '\n' && !nl || ch == '\r') {
                nextch();
            }
            line = chLine;
            col = chCol;
            litStart = chStart;
            if (isLetter(ch) || ch >= 0x80 && Character.isLetter(ch)) {
                nextch();
                ident();
                return;
            }
            switch (ch) {
                case -1 -> {
                    if (nl) {
                        lit = "EOF";
                        tok = Token.SEMI;
                    } else {
                        tok = Token.EOF;
                    }
                }
                case '\n' -> {
                    nextch();
                    lit = "newline";
                    tok = Token.SEMI;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number(false);
                case '"' -> stdString();
                case '`' -> rawString();
                case '\'' -> rune();
                case '(' -> simple(Token.LPAREN, false);
                case '[' -> simple(Token.LBRACK, false);
                case '{' -> simple(Token.LBRACE, false);
                case ',' -> simple(Token.COMMA, false);
                case ';' -> {
                    nextch();
                    lit = "semicolon";
                    tok = Token.SEMI;
                }
                case ')' -> simple(Token.RPAREN, true);
                case ']' -> simple(Token.RBRACK, true);
                case '}' -> simple(Token.RBRACE, true);
                case ':' -> {
                    nextch();
                    if (ch == '=') {
                        nextch();
                        tok = Token.DEFINE;
                    } else {
                        tok = Token.COLON;
                    }
                }
                case '.' -> {
                    nextch();
                    if (isDecimal(ch)) {
                        number(true);
                    } else if (ch == '.' && peek(0) == '.') {
                        nextch();
                        nextch();
                        tok = Token.DOTDOTDOT;
                    } else {
                        tok = Token.DOT;
                    }
                }
                case '+' -> addOrSub(Operator.ADD, '+');
                case '-' -> addOrSub(Operator.SUB, '-');
                case '*' -> {
                    nextch();
                    op = Operator.MUL;
                    prec = op.prec;
                    if (ch == '=') {
                        nextch();
                        tok = Token.ASSIGN_OP;
                    } else {
                        tok = Token.STAR;
                    }
                }
                case '/' -> {
                    nextch();
                    if (ch == '/') {
                        while (ch >= 0 && ch != '\n') {
                            nextch();
                        }
                        continue;
                    }
                    if (ch == '*') {
                        nextch();
                        int startLine = line;
                        fullComment();
                        if (chLine > startLine && nl) {
                            lit = "newline";
                            tok = Token.SEMI;
                            return;
                        }
                        continue;
                    }
                    assignOp(Operator.DIV);
                }
                case '%' -> {
                    nextch();
                    assignOp(Operator.REM);
                }
                case '&' -> {
                    nextch();
                    if (ch == '&') {
                        nextch();
                        operator(Operator.ANDAND);
                    } else if (ch == '^') {
                        nextch();
                        assignOp(Operator.ANDNOT);
                    } else {
                        assignOp(Operator.AND);
                    }
                }
                case '|' -> {
                    nextch();
                    if (ch == '|') {
                        nextch();
                        operator(Operator.OROR);
                    } else {
                        assignOp(Operator.OR);
                    }
                }
                case '^' -> {
                    nextch();
                    assignOp(Operator.XOR);
                }
                case '<' -> {
                    nextch();
                    if (ch == '=') {
                        nextch();
                        operator(Operator.LEQ);
                    } else if (ch == '<') {
                        nextch();
                        assignOp(Operator.SHL);
                    } else if (ch == '-') {
                        nextch();
                        tok = Token.ARROW;
                    } else {
                        operator(Operator.LSS);
                    }
                }
                case '>' -> {
                    nextch();
                    if (ch == '=') {
                        nextch();
                        operator(Operator.GEQ);
                    } else if (ch == '>') {
                        nextch();
                        assignOp(Operator.SHR);
                    } else {
                        operator(Operator.GTR);
                    }
                }
                case '=' -> {
                    nextch();
                    if (ch == '=') {
                        nextch();
                        operator(Operator.EQL);
                    } else {
                        tok = Token.ASSIGN;
                    }
                }
                case '!' -> {
                    nextch();
                    if (ch == '=') {
                        nextch();
                        operator(Operator.NEQ);
                    } else {
                        operator(Operator.NOT);
                    }
                }
                case '~' -> {
                    nextch();
                    operator(Operator.TILDE);
                }
                default -> {
                    error(String.format("invalid character %s", unicodeU(ch)));
                    nextch();
                    continue;
                }
            }
            return;
        }
    }

    private int peek(int i) {
        int o = offset + i;
        return o < src.length ? src[o] & 0xff : -1;
    }

    private void simple(Token t, boolean semi) {
        nextch();
        tok = t;
        nlsemi = semi;
    }

    private void operator(Operator o) {
        op = o;
        prec = o.prec;
        tok = Token.OPERATOR;
    }

    private void assignOp(Operator o) {
        op = o;
        prec = o.prec;
        if (ch == '=') {
            nextch();
            tok = Token.ASSIGN_OP;
        } else {
            tok = Token.OPERATOR;
        }
    }

    private void addOrSub(Operator o, char c) {
        nextch();
        op = o;
        prec = o.prec;
        if (ch == c) {
            nextch();
            nlsemi = true;
            tok = Token.INC_OP;
        } else {
            assignOp(o);
        }
    }

    private void ident() {
        while (isLetter(ch) || isDecimal(ch) || ch >= 0x80 && Character.isLetterOrDigit(ch)) {
            nextch();
        }
        lit = segment();
        Token kw = lit.length() >= 2 ? Token.keyword(lit) : null;
        if (kw != null) {
            tok = kw;
            nlsemi =
                    kw == Token.BREAK
                            || kw == Token.CONTINUE
                            || kw == Token.FALLTHROUGH
                            || kw == Token.RETURN;
            return;
        }
        nlsemi = true;
        tok = Token.NAME;
    }

    private void setLit(LitKind k, boolean ok) {
        nlsemi = true;
        tok = Token.LITERAL;
        lit = segment();
        bad = !ok;
        kind = k;
    }

    private static boolean isLetter(int c) {
        return 'a' <= (c | 0x20) && (c | 0x20) <= 'z' || c == '_';
    }

    private static boolean isDecimal(int c) {
        return '0' <= c && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDecimal(c) || 'a' <= (c | 0x20) && (c | 0x20) <= 'f';
    }

    private static String baseName(int base) {
        return switch (base) {
            case 2 -> "binary";
            case 8 -> "octal";
            case 10 -> "decimal";
            default -> "hexadecimal";
        };
    }

    private int[] invalid = {-1};

    private int digits(int base) {
        int digsep = 0;
        if (base <= 10) {
            int max = '0' + base;
            while (isDecimal(ch) || ch == '_') {
                int ds = 1;
                if (ch == '_') {
                    ds = 2;
                } else if (ch >= max && invalid[0] < 0) {
                    invalid[0] = chCol - col;
                }
                digsep |= ds;
                nextch();
            }
        } else {
            while (isHex(ch) || ch == '_') {
                digsep |= ch == '_' ? 2 : 1;
                nextch();
            }
        }
        return digsep;
    }

    private void number(boolean seenPoint) {
        boolean ok = true;
        LitKind k = LitKind.INT;
        int base = 10;
        int prefix = 0;
        int digsep = 0;
        invalid[0] = -1;
        if (!seenPoint) {
            if (ch == '0') {
                nextch();
                switch (ch | 0x20) {
                    case 'x' -> {
                        nextch();
                        base = 16;
                        prefix = 'x';
                    }
                    case 'o' -> {
                        nextch();
                        base = 8;
                        prefix = 'o';
                    }
                    case 'b' -> {
                        nextch();
                        base = 2;
                        prefix = 'b';
                    }
                    default -> {
                        base = 8;
                        prefix = '0';
                        digsep = 1;
                    }
                }
            }
            digsep |= digits(base);
            if (ch == '.') {
                if (prefix == 'o' || prefix == 'b') {
                    error("invalid radix point in " + baseName(base) + " literal");
                    ok = false;
                }
                nextch();
                seenPoint = true;
            }
        }
        if (seenPoint) {
            k = LitKind.FLOAT;
            digsep |= digits(base);
        }
        if ((digsep & 1) == 0 && ok) {
            error(baseName(base) + " literal has no digits");
            ok = false;
        }
        int e = ch | 0x20;
        if (e == 'e' || e == 'p') {
            if (ok) {
                if (e == 'e' && prefix != 0 && prefix != '0') {
                    error("'" + (char) ch + "' exponent requires decimal mantissa");
                    ok = false;
                } else if (e == 'p' && prefix != 'x') {
                    error("'" + (char) ch + "' exponent requires hexadecimal mantissa");
                    ok = false;
                }
            }
            nextch();
            k = LitKind.FLOAT;
            if (ch == '+' || ch == '-') {
                nextch();
            }
            digsep = digits(10) | digsep & 2;
            if ((digsep & 1) == 0 && ok) {
                error("exponent has no digits");
                ok = false;
            }
        } else if (prefix == 'x' && k == LitKind.FLOAT && ok) {
            error("hexadecimal mantissa requires a 'p' exponent");
            ok = false;
        }
        if (ch == 'i') {
            k = LitKind.IMAG;
            nextch();
        }
        setLit(k, ok);
        if (k == LitKind.INT && invalid[0] >= 0 && ok) {
            errorAt(
                    invalid[0],
                    "invalid digit '"
                            + lit.charAt(invalid[0])
                            + "' in "
                            + baseName(base)
                            + " literal");
            ok = false;
        }
        if ((digsep & 2) != 0 && ok) {
            int i = invalidSep(lit);
            if (i >= 0) {
                errorAt(i, "'_' must separate successive digits");
                ok = false;
            }
        }
        bad = !ok;
    }

    /** Index of the first '_' that does not separate two digits, or -1 (scanner.go invalidSep). */
    private static int invalidSep(String x) {
        int x1 = ' ';
        int d = '.';
        int i = 0;
        if (x.length() >= 2 && x.charAt(0) == '0') {
            x1 = x.charAt(1) | 0x20;
            if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
                d = '0';
                i = 2;
            }
        }
        for (; i < x.length(); i++) {
            int p = d;
            d = x.charAt(i);
            if (d == '_') {
                if (p != '0') {
                    return i;
                }
            } else if (isDecimal(d) || x1 == 'x' && isHex(d)) {
                d = '0';
            } else {
                if (p == '_') {
                    return i - 1;
                }
                d = '.';
            }
        }
        return d == '_' ? x.length() - 1 : -1;
    }

    private void rune() {
        boolean ok = true;
        nextch();
        for (int n = 0; ; n++) {
            if (ch == '\'') {
                if (ok) {
                    if (n == 0) {
                        error("empty rune literal or unescaped '");
                        ok = false;
                    } else if (n != 1) {
                        errorAt(0, "more than one character in rune literal");
                        ok = false;
                    }
                }
                nextch();
                break;
            }
            if (ch == '\\') {
                nextch();
                if (!escape('\'')) {
                    ok = false;
                }
                continue;
            }
            if (ch == '\n') {
                if (ok) {
                    error("newline in rune literal");
                    ok = false;
                }
                break;
            }
            if (ch < 0) {
                if (ok) {
                    errorAt(0, "rune literal not terminated");
                    ok = false;
                }
                break;
            }
            nextch();
        }
        setLit(LitKind.RUNE, ok);
    }

    private void stdString() {
        boolean ok = true;
        nextch();
        while (true) {
            if (ch == '"') {
                nextch();
                break;
            }
            if (ch == '\\') {
                nextch();
                if (!escape('"')) {
                    ok = false;
                }
                continue;
            }
            if (ch == '\n') {
                error("newline in string");
                ok = false;
                break;
            }
            if (ch < 0) {
                errorAt(0, "string not terminated");
                ok = false;
                break;
            }
            nextch();
        }
        setLit(LitKind.STRING, ok);
    }

    private void rawString() {
        boolean ok = true;
        nextch();
        while (true) {
            if (ch == '`') {
                nextch();
                break;
            }
            if (ch < 0) {
                errorAt(0, "string not terminated");
                ok = false;
                break;
            }
            nextch();
        }
        setLit(LitKind.STRING, ok);
    }

    private void fullComment() {
        while (ch >= 0) {
            while (ch == '*') {
                nextch();
                if (ch == '/') {
                    nextch();
                    return;
                }
            }
            nextch();
        }
        errorAt(0, "comment not terminated");
    }

    private boolean escape(int quote) {
        int n;
        int base;
        int max;
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                nextch();
                return true;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                n = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                nextch();
                n = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                nextch();
                n = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                nextch();
                n = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            default -> {
                if (ch == quote) {
                    nextch();
                    return true;
                }
                if (ch < 0) {
                    return true;
                }
                error("unknown escape");
                return false;
            }
        }
        long x = 0;
        for (int i = n; i > 0; i--) {
            if (ch < 0) {
                return true;
            }
            int d = base;
            if (isDecimal(ch)) {
                d = ch - '0';
            } else if ('a' <= (ch | 0x20) && (ch | 0x20) <= 'f') {
                d = (ch | 0x20) - 'a' + 10;
            }
            if (d >= base) {
                error("invalid character " + quoteRune(ch) + " in " + baseName(base) + " escape");
                return false;
            }
            x = x * base + d;
            nextch();
        }
        if (x > max && base == 8) {
            error("octal escape value " + x + " > 255");
            return false;
        }
        if (x > max || 0xD800 <= x && x < 0xE000) {
            error("escape is invalid Unicode code point " + unicodeU(x));
            return false;
        }
        return true;
    }

    /** Go's %#U: U+0041 'A'. */
    static String unicodeU(long c) {
        String hex = String.format("U+%04X", c);
        if (c >= 0
                && c <= Character.MAX_CODE_POINT
                && !Character.isISOControl((int) c)
                && Character.isDefined((int) c)
                && !(0xD800 <= c && c < 0xE000)) {
            return hex + " '" + new String(Character.toChars((int) c)) + "'";
        }
        return hex;
    }

    /** Go's %q of a rune. */
    static String quoteRune(int c) {
        return switch (c) {
            case '\n' -> "'\\n'";
            case '\t' -> "'\\t'";
            case '\'' -> "'\\''";
            case '\\' -> "'\\\\'";
            default ->
                    c < 0x20
                            ? String.format("'\\x%02x'", c)
                            : "'" + new String(Character.toChars(c)) + "'";
        };
    }
}
