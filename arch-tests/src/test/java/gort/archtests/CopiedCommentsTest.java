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
    /** Every module of the build, read from the parent pom, so a new module cannot be missed. */
    static List<String> modules(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<module>([^<]+)</module>")
                        .matcher(java.nio.file.Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Set<String> go;

    @BeforeAll
    static void readGosComments() throws IOException {
        go = CopiedComments.goRuns();
    }

    @Test
    void noCommentOfGortRepeatsAGoRuntimeComment() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<CopiedComments.Copy> copies = new ArrayList<>();
        List<String> modules = modules(root);
        assertThat(modules).contains("runtime", "proc", "heapdump", "arch-tests");
        for (String m : modules) {
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
