package gort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ThrowTest {

    @Test
    void throwPrintsFatalErrorThenRaisesAnErrorCarryingTheThrowString() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess process = GoProcess.create(out);

        assertThatThrownBy(() -> Throw.throw_(process, "bad g->status in ready"))
                .isInstanceOf(GoThrow.class)
                .isInstanceOf(Error.class)
                .hasMessage("bad g->status in ready");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("fatal error: bad g->status in ready\n");
    }
}
