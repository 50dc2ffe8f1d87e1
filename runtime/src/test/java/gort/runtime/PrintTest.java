package gort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** runtime·printf and the print helpers print exactly what print.c at 0a7c7ac80 prints. */
class PrintTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final GoProcess process = GoProcess.create(out);

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void percentDPrintsA32BitValueSignedAsCDoes() {
        Print.printf(process, "%d %d %d", 4097, 0xfffffade, -7L);
        assertThat(printed()).isEqualTo("4097 -1314 -7");
    }

    @Test
    void percentBigDPrints64BitSigned() {
        Print.printf(process, "goid=%D %D", 12345678901L, Long.MIN_VALUE);
        assertThat(printed()).isEqualTo("goid=12345678901 -9223372036854775808");
    }

    @Test
    void hexVerbsPrintZeroXAndLowerCaseDigits() {
        Print.printf(process, "%x %x %X %X", 0x1004, -1, 0L, 0xDEADBEEFCAFEL);
        assertThat(printed()).isEqualTo("0x1004 0xffffffff 0x0 0xdeadbeefcafe");
    }

    @Test
    void percentPPrintsAnAddressedObjectsAddressAndNilAsZero() {
        G gp = process.newG(GStatus.Gidle);
        Print.printf(process, "gp=%p nil=%p raw=%p", gp, null, 0x1000L);
        assertThat(printed()).isEqualTo("gp=0xc208000000 nil=0x0 raw=0x1000");
    }

    @Test
    void unsignedAndBoolAndStringVerbs() {
        Print.printf(process, "%U %t %t [%s] [%S] [%s]", -1L, true, false, "abc", "", null);
        assertThat(printed()).isEqualTo("18446744073709551615 true false [abc] [] []");
    }

    @Test
    void aVerbVprintfDoesNotKnowPrintsNothingAndTakesNoArgument() {
        Print.printf(process, "100%% sure %q%d", 5);
        assertThat(printed()).isEqualTo("100 sure 5");
    }

    @Test
    void aMissingArgumentIsAProgrammingError() {
        assertThatThrownBy(() -> Print.printf(process, "%d %d", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("printf: no argument for %d");
    }

    @ParameterizedTest
    @CsvSource({
        "1.0, +1.000000e+000",
        "-2.5, -2.500000e+000",
        "0.0, +0.000000e+000",
        "-0.0, -0.000000e+000",
        "123456789.0, +1.234568e+008",
        "0.001, +1.000000e-003",
        "9.9999999, +1.000000e+001",
    })
    void percentFPrintsTheRuntimesFloatForm(double v, String expected) {
        Print.printf(process, "%f", v);
        assertThat(printed()).isEqualTo(expected);
    }

    @Test
    void nonFiniteFloats() {
        Print.printfloat(process, Double.NaN);
        Print.printfloat(process, Double.POSITIVE_INFINITY);
        Print.printfloat(process, Double.NEGATIVE_INFINITY);
        assertThat(printed()).isEqualTo("NaN+Inf-Inf");
    }
}
