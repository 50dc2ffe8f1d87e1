package gort.cmd;

import gort.cmd.diag.Diagnostic;
import gort.cmd.syntax.Scanner;
import gort.cmd.syntax.Token;

/**
 * The go command's own reading of a file's header (package clause and imports) before it runs the
 * compiler (go/build's readGoInfo, then go/parser in ImportsOnly mode, Go 1.19). Errors found there
 * are printed by the go command with go/parser's wording ("expected 'STRING', found '='"), under
 * the file name as given, and only the first one; the compiler never runs.
 *
 * <p>go/build first scans the header with a byte-level reader. If that reader succeeds, only the
 * header it read goes to go/parser; if it fails, the whole file does (so go/parser's message is the
 * one printed).
 */
final class GoCommandCheck {
    private final String src;
    private int i; // byte reader position (the header is ASCII in all cases that matter)
    private boolean failed;

    private GoCommandCheck(String src) {
        this.src = src;
    }

    /** The go command's error for the file's header, or null if the header is fine. */
    static Diagnostic check(String givenName, String source) {
        GoCommandCheck r = new GoCommandCheck(source);
        int end = r.readHeader();
        String text = r.failed ? source : source.substring(0, end);
        return new HeaderParser(givenName, text).parse();
    }

    // ---------------------------------------------------------------------------------------------
    // go/build's byte reader

    private int readHeader() {
        readKeyword("package");
        readIdent();
        while (!failed && peek() == 'i') {
            readKeyword("import");
            if (peek() == '(') {
                i++;
                while (!failed && peek() != ')' && i < src.length()) {
                    readImport();
                }
                i++;
            } else {
                readImport();
            }
        }
        return Math.min(i, src.length());
    }

    /** The next significant byte, skipping spaces, semicolons and comments. */
    private int peek() {
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == ';') {
                i++;
            } else if (src.startsWith("//", i)) {
                int nl = src.indexOf('\n', i);
                i = nl < 0 ? src.length() : nl;
            } else if (src.startsWith("/*", i)) {
                int e = src.indexOf("*/", i + 2);
                if (e < 0) {
                    failed = true;
                    i = src.length();
                } else {
                    i = e + 2;
                }
            } else {
                return c;
            }
        }
        return -1;
    }

    private static boolean isIdent(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c >= 0x80;
    }

    private void readKeyword(String kw) {
        peek();
        if (!src.startsWith(kw, i)) {
            failed = true;
            return;
        }
        i += kw.length();
        if (i < src.length() && isIdent(src.charAt(i))) {
            failed = true;
        }
    }

    private void readIdent() {
        int c = peek();
        if (c < 0 || !isIdent(c) || Character.isDigit(c)) {
            failed = true;
            return;
        }
        while (i < src.length() && isIdent(src.charAt(i))) {
            i++;
        }
    }

    private void readImport() {
        int c = peek();
        if (c == '.') {
            i++;
        } else if (c >= 0 && isIdent(c)) {
            readIdent();
        }
        readString();
    }

    private void readString() {
        int c = peek();
        if (c == '`' || c == '"') {
            i++;
            while (i < src.length()) {
                char d = src.charAt(i++);
                if (d == c) {
                    return;
                }
                if (c == '"' && d == '\n') {
                    break;
                }
                if (c == '"' && d == '\\') {
                    i++;
                }
            }
        }
        failed = true;
    }

    // ---------------------------------------------------------------------------------------------
    // go/parser's package clause and import declarations

    private static final class HeaderParser {
        private final String name;
        private final Scanner s;
        private Diagnostic first;
        private Diagnostic lexical;

        HeaderParser(String name, String text) {
            this.name = name;
            this.s =
                    new Scanner(
                            text,
                            (line, col, msg) -> {
                                if (lexical == null) {
                                    lexical = new Diagnostic(name, line, col, msg);
                                }
                            });
        }

        private void next() {
            s.next();
            if (lexical != null && first == null) {
                String msg = lexical.message();
                if (s.tok == Token.LITERAL
                        && (msg.equals("newline in string")
                                || msg.equals("string not terminated"))) {
                    error(s.line, s.col, "string literal not terminated");
                } else {
                    error(lexical.line(), lexical.col(), msg);
                }
            }
        }

        private void error(int line, int col, String msg) {
            if (first == null) {
                first = new Diagnostic(name, line, col, msg);
            }
        }

        private String found() {
            return switch (s.tok) {
                case NAME, LITERAL -> s.lit;
                case SEMI -> s.lit.equals("semicolon") ? "';'" : "newline";
                case OPERATOR, STAR -> "'" + s.op.text + "'";
                case ASSIGN_OP -> "'" + s.op.text + "='";
                case INC_OP -> "'" + s.op.text + s.op.text + "'";
                default -> "'" + s.tok.text + "'";
            };
        }

        private void errorExpected(String what) {
            error(s.line, s.col, "expected " + what + ", found " + found());
        }

        private boolean expect(Token t, String what) {
            if (s.tok != t) {
                errorExpected(what);
                return false;
            }
            next();
            return true;
        }

        private void expectSemi() {
            if (s.tok == Token.RPAREN || s.tok == Token.RBRACE) {
                return;
            }
            if (s.tok == Token.COMMA) {
                errorExpected("';'");
                next();
            } else if (s.tok == Token.SEMI) {
                next();
            } else {
                errorExpected("';'");
            }
        }

        Diagnostic parse() {
            next();
            if (!expect(Token.PACKAGE, "'package'")) {
                return first;
            }
            if (s.tok != Token.NAME) {
                errorExpected("'IDENT'");
                return first;
            }
            next();
            expectSemi();
            if (first != null) {
                return first;
            }
            while (s.tok == Token.IMPORT && first == null) {
                next();
                if (s.tok == Token.LPAREN) {
                    next();
                    while (s.tok != Token.RPAREN && s.tok != Token.EOF && first == null) {
                        importSpec();
                    }
                    expect(Token.RPAREN, "')'");
                    expectSemi();
                } else {
                    importSpec();
                }
            }
            return first;
        }

        private void importSpec() {
            if (s.tok == Token.NAME || s.tok == Token.DOT) {
                next();
            }
            if (s.tok == Token.LITERAL && s.kind == gort.cmd.syntax.LitKind.STRING) {
                String lit = s.lit;
                String path = lit.substring(1, Math.max(1, lit.length() - 1));
                if (!isValidImport(path)) {
                    error(s.line, s.col, "invalid import path: " + lit);
                }
                next();
            } else {
                errorExpected("'STRING'");
                return;
            }
            expectSemi();
        }

        /** go/parser's isValidImport. */
        private static boolean isValidImport(String s) {
            String illegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`\uFFFD";
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (Character.isWhitespace(c)
                        || Character.isISOControl(c)
                        || illegal.indexOf(c) >= 0) {
                    return false;
                }
            }
            return !s.isEmpty();
        }
    }
}
