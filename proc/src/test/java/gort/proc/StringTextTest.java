package gort.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** rune.c's decoding and encoding as string.goc uses them. */
class StringTextTest {

    @Test
    void decodeReadsValidUtf8AndRejectsTheRestOneByteAtATime() {
        byte[] s = "aé世😀".getBytes(StandardCharsets.UTF_8);
        assertThat(StringText.decode(s, 0)).containsExactly('a', 1);
        assertThat(StringText.decode(s, 1)).containsExactly(0xe9, 2);
        assertThat(StringText.decode(s, 3)).containsExactly(0x4e16, 3);
        assertThat(StringText.decode(s, 6)).containsExactly(0x1f600, 4);
        assertThat(StringText.decode(new byte[] {(byte) 0xff}, 0)).containsExactly(0xfffd, 1);
        assertThat(StringText.decode(new byte[] {(byte) 0xc0, (byte) 0x80}, 0))
                .as("overlong")
                .containsExactly(0xfffd, 1);
        assertThat(StringText.decode(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0))
                .as("surrogate")
                .containsExactly(0xfffd, 1);
        assertThat(StringText.decode(new byte[] {(byte) 0xe4, (byte) 0xb8}, 0))
                .as("truncated")
                .containsExactly(0xfffd, 1);
    }

    @Test
    void runetocharEncodesAndReplacesInvalidRunes() {
        assertThat(StringText.runetochar(0x4e16)).isEqualTo("世".getBytes(StandardCharsets.UTF_8));
        assertThat(StringText.runetochar(-1)).isEqualTo("\ufffd".getBytes(StandardCharsets.UTF_8));
        assertThat(StringText.runetochar(0xd800))
                .isEqualTo("\ufffd".getBytes(StandardCharsets.UTF_8));
        assertThat(StringText.runetochar(0x110000))
                .isEqualTo("\ufffd".getBytes(StandardCharsets.UTF_8));
    }
}
