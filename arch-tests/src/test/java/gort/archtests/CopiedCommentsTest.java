package gort.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gort's comments are its own: none repeats six or more words of a Go runtime comment. */
class CopiedCommentsTest {
    /** Every module with Java code (the repository root is the arch-tests module's parent). */
    static final List<String> MODULES =
            List.of(
                    "runtime",
                    "proc",
                    "traceback",
                    "stack",
                    "panic",
                    "mprof",
                    "cmd",
                    "conformance",
                    "bench",
                    "arch-tests");

    static Set<String> go;

    @BeforeAll
    static void readGosComments() throws IOException {
        go = CopiedComments.goRuns();
    }

    @Test
    void noCommentOfGortRepeatsAGoRuntimeComment() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<CopiedComments.Copy> copies = new ArrayList<>();
        for (String m : MODULES) {
            copies.addAll(CopiedComments.copiesUnder(root, root.resolve(m).resolve("src"), go));
        }
        assertThat(copies)
                .as("comments copied from Go's runtime (rewrite them in our own words)")
                .isEmpty();
    }

    @Test
    void aCopiedCommentIsFoundEvenWrappedOverTwoLines() {
        String src =
                """
                class A {
                    void f() {
                        // Leave SP around for GC
                        // and traceback.
                        int x = 1;
                    }
                }
                """;
        assertThat(CopiedComments.copies("A.java", src, go))
                .singleElement()
                .hasToString("A.java:3: leave sp around for gc and traceback");
    }

    @Test
    void aCopyInADocCommentIsFound() {
        String src = "/** We need to cas the status and scan before resuming. */\nclass B {}\n";
        assertThat(CopiedComments.copies("B.java", src, go)).hasSize(1);
    }

    @Test
    void anOriginalCommentAndAStringLiteralWithGosWordsPass() {
        String src =
                """
                class C {
                    // the sp stays in the G so that the collector and a traceback can find the frame
                    String s = "leave sp around for gc and traceback";
                    String t = \"""
                        // leave sp around for gc and traceback
                        \""";
                }
                """;
        assertThat(CopiedComments.copies("C.java", src, go)).isEmpty();
    }

    @Test
    void fiveWordsInARowAreAStockPhraseNotACopy() {
        String src = "// leave sp around for gc\nclass D {}\n";
        assertThat(CopiedComments.copies("D.java", src, go)).isEmpty();
    }
}
