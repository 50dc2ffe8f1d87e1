package gort.conformance.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * hunk-functions.txt names the function of the hunks the diff alone cannot place. Where a clone of
 * Go is at hand (GORT_GO_REPO, or the development machine's mirror), this re-derives each entry
 * from Go's file before the commit: the last definition line at or before the hunk's line.
 */
class HunkFunctionsTest {
    @Test
    void everyEntryIsTheFunctionAroundThatLineInGosSourceBeforeTheCommit() throws Exception {
        Path repo =
                Path.of(
                        System.getenv()
                                .getOrDefault("GORT_GO_REPO", "/work/.mirror/dterei+go/repo"));
        Assumptions.assumeTrue(Files.isDirectory(repo), "no clone of Go at " + repo);
        Map<String, String> entries =
                SiteTable.hunkFunctions(SiteTable.resource(SiteTable.HUNKS_RESOURCE));
        assertThat(entries).isNotEmpty();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String[] key = e.getKey().split(":");
            String[] source = show(repo, "0a7c7ac80e^:src/pkg/runtime/" + key[0]).split("\n");
            String found = null;
            for (int i = 0; i < Integer.parseInt(key[1]); i++) {
                Matcher d = SiteTable.DEFINITION.matcher(source[i]);
                if (d.find()) {
                    found = SiteTable.cName(d.group(1));
                }
            }
            assertThat(found).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void everySitesLineHoldsItsCallInGosSourceAtTheCommit() throws Exception {
        Path repo =
                Path.of(
                        System.getenv()
                                .getOrDefault("GORT_GO_REPO", "/work/.mirror/dterei+go/repo"));
        Assumptions.assumeTrue(Files.isDirectory(repo), "no clone of Go at " + repo);
        for (Site site : SiteTable.commit().sites()) {
            String[] source = show(repo, "0a7c7ac80e:src/pkg/runtime/" + site.file()).split("\n");
            assertThat(source[site.line() - 1])
                    .as(site.toString())
                    .contains("casgstatus(")
                    .contains(site.fromArg() + ", " + site.toArg() + ")");
        }
    }

    private static String show(Path repo, String object) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder("git", "-C", repo.toString(), "show", object)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.waitFor() == 0, "git show " + object + " failed: " + out);
        return out;
    }
}
