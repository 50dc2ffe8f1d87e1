package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Strings: index, slicing, concatenation, comparisons, conversions, range over runes. */
class StringsTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void concatenationIndexingAndConversions(Arch arch) {
        String src =
                """
        package main

        func greet(name string) string {
        	return "hello, " + name + "!"
        }

        func main() {
        	s := greet("gopher")
        	println(s, len(s), s[0], s[7:13])
        	t := ""
        	for i := 0; i < 3; i++ {
        		t += string(rune('a' + i))
        	}
        	println(t, t == "abc", t < "abd", t > "ab")
        	println(string(rune(0x4e16)), string([]byte{104, 105}))
        	for i, r := range "aé世" {
        		print(i, ":", r, " ")
        	}
        	println()
        	rs := []rune("héllo")
        	println(len(rs), rs[1], string(rs[1:3]))
        	bad := string([]byte{0xff, 'x'})
        	for _, r := range bad {
        		print(r, " ")
        	}
        	println()
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(
                        new Go.Run(
                                "hello, gopher! 14 104 gopher\n"
                                        + "abc true true true\n\u00e4\u00b8\u0096 hi\n0:97 1:233 3:19990 \n5 233 \u00c3\u00a9l\n"
                                        + "65533 120 \n",
                                0));
    }
}
