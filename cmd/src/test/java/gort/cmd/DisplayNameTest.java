package gort.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** File names in messages, as {@code go build FILE.go} prints them (checked with Go 1.19). */
class DisplayNameTest {
    private final Path cwd = Path.of("/tmp/gt");

    @Test
    void aFileInTheCurrentDirectoryIsDotSlash() {
        assertThat(Compiler.displayName(cwd, Path.of("x.go"))).isEqualTo("./x.go");
        assertThat(Compiler.displayName(cwd, Path.of("./x.go"))).isEqualTo("./x.go");
        assertThat(Compiler.displayName(cwd, Path.of("/tmp/gt/x.go"))).isEqualTo("./x.go");
    }

    @Test
    void otherFilesAreRelativeToTheCurrentDirectory() {
        assertThat(Compiler.displayName(cwd, Path.of("sub/x.go"))).isEqualTo("sub/x.go");
        assertThat(Compiler.displayName(Path.of("/tmp/gt/sub"), Path.of("../x.go")))
                .isEqualTo("../x.go");
        assertThat(Compiler.displayName(Path.of("/"), Path.of("/tmp/gt/x.go")))
                .isEqualTo("tmp/gt/x.go");
    }
}
