package gort.cmd.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScannerTest {

    /** Tokens of src as "TOKEN" or "TOKEN:lit", and the errors as "line:col: msg". */
    static List<String> scan(String src, List<String> errors) {
        Scanner s = new Scanner(src, (l, c, m) -> errors.add(l + ":" + c + ": " + m));
        List<String> out = new ArrayList<>();
        do {
            s.next();
            String t = s.tok.name();
            if (s.tok == Token.NAME || s.tok == Token.LITERAL || s.tok == Token.SEMI) {
                t += ":" + s.lit;
            }
            out.add(t);
        } while (s.tok != Token.EOF);
        return out;
    }

    @Test
    void insertsSemicolonsAtNewlinesAfterLineEndingTokens() {
        List<String> errs = new ArrayList<>();
        assertThat(scan("x := f(1)\nreturn\n}\ny++\n", errs))
                .containsExactly(
                        "NAME:x",
                        "DEFINE",
                        "NAME:f",
                        "LPAREN",
                        "LITERAL:1",
                        "RPAREN",
                        "SEMI:newline",
                        "RETURN",
                        "SEMI:newline",
                        "RBRACE",
                        "SEMI:newline",
                        "NAME:y",
                        "INC_OP",
                        "SEMI:newline",
                        "EOF");
        assertThat(errs).isEmpty();
    }

    @Test
    void noSemicolonAfterOperatorsOrOpeningBrackets() {
        assertThat(scan("a +\nb (\n)", new ArrayList<>()))
                .containsExactly(
                        "NAME:a", "OPERATOR", "NAME:b", "LPAREN", "RPAREN", "SEMI:EOF", "EOF");
    }

    @Test
    void commentsActLikeNewlinesOnlyWhenTheySpanLines() {
        assertThat(scan("a /* x */ b // c\nd /* \n */ e", new ArrayList<>()))
                .containsExactly(
                        "NAME:a",
                        "NAME:b",
                        "SEMI:newline",
                        "NAME:d",
                        "SEMI:newline",
                        "NAME:e",
                        "SEMI:EOF",
                        "EOF");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "0x1F|INT",
                "0o17|INT",
                "0b1010|INT",
                "017|INT",
                "1_000_000|INT",
                "0x_ff|INT",
                "'a'|RUNE",
                "'\\n'|RUNE",
                "'\\x41'|RUNE",
                "'\\u00e9'|RUNE",
                "\"a\\tb\\\"\"|STRING",
                "`raw\\n`|STRING",
                "1.5|FLOAT",
                "1e9|FLOAT",
                "2i|IMAG"
            })
    void scansLiterals(String lit, LitKind kind) {
        List<String> errs = new ArrayList<>();
        Scanner s = new Scanner(lit, (l, c, m) -> errs.add(m));
        s.next();
        assertThat(s.tok).isEqualTo(Token.LITERAL);
        assertThat(s.kind).isEqualTo(kind);
        assertThat(s.lit).isEqualTo(lit);
        assertThat(errs).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "0x|1:3: hexadecimal literal has no digits",
                "09|1:2: invalid digit '9' in octal literal",
                "1__0|1:3: '_' must separate successive digits",
                "'ab'|1:1: more than one character in rune literal",
                "''|1:2: empty rune literal or unescaped '",
                "\"\\q\"|1:3: unknown escape",
                "\"abc|1:1: string not terminated",
                "'\\400'|1:6: octal escape value 256 > 255"
            })
    void reportsLexicalErrorsWithGcWording(String src, String error) {
        List<String> errs = new ArrayList<>();
        scan(src, errs);
        assertThat(errs).containsExactly(error);
    }

    @Test
    void columnsCountUtf8Bytes() {
        Scanner s = new Scanner("\"é\" x", (l, c, m) -> {});
        s.next();
        s.next();
        assertThat(s.col).isEqualTo(6);
    }
}
