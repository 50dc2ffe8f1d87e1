package gort.cmd.types;

import static org.assertj.core.api.Assertions.assertThat;

import gort.cmd.Compiler;
import org.junit.jupiter.api.Test;

/** Untyped constants, sizes per GOARCH, and gc's wording for representability. */
class ConstantsAndTypesTest {

    private static String check(int ptrSize, String body) {
        String src = "package main\n\nfunc main() {\n" + body + "\n}\n";
        return new Compiler(ptrSize).check("./x.go", "x.go", src).text();
    }

    @Test
    void intIsSixtyFourBitsOnAmd64AndThirtyTwoOnArm() {
        String body = "\tvar x int = 1 << 40\n\tprintln(x)";
        assertThat(check(8, body)).isEmpty();
        assertThat(check(4, body))
                .isEqualTo(
                        "./x.go:4:14: cannot use 1 << 40 (untyped int constant 1099511627776) as int value in"
                                + " variable declaration (overflows)\n");
    }

    @Test
    void constantExpressionsFoldExactly() {
        assertThat(check(8, "\tconst big = 1 << 100\n\tvar x uint8 = big >> 93\n\tprintln(x)"))
                .isEmpty();
        assertThat(check(8, "\tconst big = 1 << 100\n\tvar x uint8 = big >> 92\n\tprintln(x)"))
                .isEqualTo(
                        "./x.go:5:16: cannot use big >> 92 (untyped int constant 256) as uint8 value"
                                + " in variable declaration (overflows)\n");
    }

    @Test
    void runeAndStringConstants() {
        assertThat(check(8, "\tvar b byte = 'a'\n\tvar s string = \"x\" + \"y\"\n\tprintln(b, s)"))
                .isEmpty();
        assertThat(check(8, "\tvar b byte = 'é' + 200\n\tprintln(b)"))
                .isEqualTo(
                        "./x.go:4:15: cannot use 'é' + 200 (untyped rune constant 433) as byte value in"
                                + " variable declaration (overflows)\n");
    }
}
