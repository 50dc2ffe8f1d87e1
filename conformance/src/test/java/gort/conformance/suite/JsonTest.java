package gort.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writtenValuesParseBackEqual() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t ctl \u0001 · ∕");
        m.put("n", 42L);
        m.put("d", 1.5);
        m.put("t", true);
        m.put("nil", null);
        m.put("list", new ArrayList<>(List.of(1L, "two", new LinkedHashMap<>(Map.of("k", false)))));
        m.put("empty", new LinkedHashMap<>());
        m.put("none", new ArrayList<>());

        String text = Json.write(m);

        assertThat(Json.parse(text)).isEqualTo(m);
        assertThat(text)
                .contains("\"quote \\\" backslash \\\\ newline \\n tab \\t ctl \\u0001 · ∕\"");
    }

    @Test
    void badJsonSaysWhereAndWhat() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad JSON at offset 6: ");
        assertThatThrownBy(() -> Json.parse("[1] x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad JSON at offset");
        assertThatThrownBy(() -> Json.parse("\"open"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("end-of-input");
    }
}
