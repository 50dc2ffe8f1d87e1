package gort.conformance.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GStatus's transition table (its class comment) lists exactly the commit's casgstatus sites. */
class GStatusTableTest {
    static final Path GSTATUS = Path.of("../runtime/src/main/java/gort/runtime/GStatus.java");
    private static final Pattern PAIR =
            Pattern.compile("^\\s*\\*\\s+(\\w+)\\s+→\\s+(\\w+)\\s+(.*)$");
    private static final Pattern SITE = Pattern.compile("(\\w+\\.c):(\\d+) (\\w+)");

    /** The table's rows as "FROM → TO file:line function", one per site. */
    static Set<String> table(String source) {
        int start = source.indexOf("<pre>");
        int end = source.indexOf("</pre>", start);
        Set<String> rows = new TreeSet<>();
        String pair = null;
        for (String line : source.substring(start + 5, end).split("\n")) {
            Matcher p = PAIR.matcher(line);
            String sites = line;
            if (p.matches()) {
                pair = p.group(1) + " → " + p.group(2);
                sites = p.group(3);
            }
            Matcher m = SITE.matcher(sites);
            while (m.find()) {
                rows.add(pair + " " + m.group(1) + ":" + m.group(2) + " " + m.group(3));
            }
        }
        return rows;
    }

    static Set<String> sites() {
        Set<String> rows = new TreeSet<>();
        for (Site s : SiteTable.commit().sites()) {
            rows.add(
                    s.fromArg()
                            + " → "
                            + s.toArg()
                            + " "
                            + s.file()
                            + ":"
                            + s.line()
                            + " "
                            + s.function());
        }
        return rows;
    }

    @Test
    void theTableInGStatusIsTheCommitsSiteTable() throws IOException {
        assertThat(table(Files.readString(GSTATUS))).isEqualTo(sites()).hasSize(32);
    }

    @Test
    void aRowMissingFromTheTableIsNoticed() throws IOException {
        String src = Files.readString(GSTATUS).replace(", proc.c:1592 park_m", "");
        assertThat(table(src)).isNotEqualTo(sites());
        assertThat(sites()).contains("Gwaiting → Grunnable proc.c:1592 park_m");
    }
}
