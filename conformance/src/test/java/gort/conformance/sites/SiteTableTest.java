package gort.conformance.sites;

import static gort.runtime.GStatus.Gcopystack;
import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Gidle;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gsyscall;
import static gort.runtime.GStatus.Gwaiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SiteTableTest {
    private final SiteTable table = SiteTable.commit();

    @Test
    void theCommitAdds32CasgstatusCallsIn22Functions() {
        assertThat(table.sites()).hasSize(32);
        assertThat(table.functions())
                .hasSize(22)
                .containsExactly(
                        "mdump",
                        "WriteHeapDump",
                        "gc",
                        "mgc",
                        "gc_m",
                        "ready",
                        "newextram",
                        "execute",
                        "findrunnable",
                        "injectglist",
                        "park_m",
                        "gosched_m",
                        "goexit0",
                        "entersyscall",
                        "entersyscallblock",
                        "entersyscallblock_m",
                        "exitsyscall",
                        "exitsyscall0",
                        "newproc1",
                        "oldstack",
                        "copystack",
                        "newstack");
    }

    @Test
    void sitesCarryTheirFileLineAndArguments() {
        assertThat(table.sites())
                .extracting(Site::toString)
                .contains(
                        "proc.c:1307 execute casgstatus(Grunnable, Grunning)",
                        "proc.c:2079 newproc1 casgstatus(Gidle, Gdead)",
                        "proc.c:2101 newproc1 casgstatus(Gdead, Grunnable)",
                        "proc.c:980 newextram casgstatus(Gidle, Gsyscall)",
                        "heapdump.c:735 mdump casgstatus(Gwaiting, Grunning)",
                        "stack.c:887 newstack casgstatus(oldstatus, Gwaiting)");
        assertThat(table.sites().stream().filter(s -> s.function().equals("gc_m"))).hasSize(2);
        assertThat(table.sites().stream().filter(s -> s.function().equals("newstack"))).hasSize(5);
    }

    @Test
    void aVariableStandsForWhatTheCommitsCommentsInItsFunctionSay() {
        Site growth =
                table.sites().stream()
                        .filter(
                                s ->
                                        s.function().equals("newstack")
                                                && s.toArg().equals("Gwaiting"))
                        .findFirst()
                        .orElseThrow();
        assertThat(growth.from()).containsExactlyInAnyOrder(Grunning, Gsyscall);
        Site copy =
                table.sites().stream()
                        .filter(
                                s ->
                                        s.function().equals("copystack")
                                                && s.toArg().equals("Gcopystack"))
                        .findFirst()
                        .orElseThrow();
        assertThat(copy.from()).containsExactlyInAnyOrder(Gwaiting, Grunnable);
        Site unsplit =
                table.sites().stream()
                        .filter(
                                s ->
                                        s.function().equals("oldstack")
                                                && s.toArg().equals("Gcopystack"))
                        .findFirst()
                        .orElseThrow();
        assertThat(unsplit.from()).containsExactlyInAnyOrder(Grunning, Gsyscall);
    }

    @Test
    void matchingIsByFunctionAndStatuses() {
        assertThat(table.match("newproc1", Gidle, Gdead)).hasSize(1);
        assertThat(table.match("newproc1", Gdead, Grunning)).isEmpty();
        assertThat(table.match("execute", Grunnable, Grunning)).hasSize(1);
        assertThat(table.match("copystack", Gcopystack, Gwaiting)).hasSize(1);
        assertThat(table.match("schedule", Grunnable, Grunning)).isEmpty();
    }

    @Test
    void aSiteInAHunkWithNoKnownFunctionIsAnErrorNamingTheDiffLine() {
        String diff =
                """
                diff --git a/src/pkg/runtime/proc.c b/src/pkg/runtime/proc.c
                @@ -10,3 +10,3 @@ top:
                 \tx = 1;
                -\tgp->status = Grunnable;
                +\truntime·casgstatus(gp, Gwaiting, Grunnable);
                """;
        assertThatThrownBy(() -> SiteTable.parse(diff, Map.of()))
                .hasMessageContaining("diff line 5")
                .hasMessageContaining("proc.c:10");
        assertThat(SiteTable.parse(diff, Map.of("proc.c:10", "findrunnable")).sites())
                .extracting(Site::toString)
                .containsExactly("proc.c:11 findrunnable casgstatus(Gwaiting, Grunnable)");
    }

    @Test
    void aDefinitionInTheContextOverridesTheHunkHeader() {
        String diff =
                """
                diff --git a/src/pkg/runtime/proc.c b/src/pkg/runtime/proc.c
                @@ -1,5 +1,5 @@ mcommoninit(M *mp)
                 }
                 void
                 runtime·ready(G *gp)
                 {
                +\truntime·casgstatus(gp, Gwaiting, Grunnable);
                """;
        assertThat(SiteTable.parse(diff, Map.of()).sites())
                .extracting(Site::function)
                .containsExactly("ready");
        assertThat(SiteTable.parse(diff, Map.of()).sites().get(0).from())
                .isEqualTo(Set.of(Gwaiting));
    }

    @Test
    void theModulesCopyOfTheDiffIsTheSharedSeedByteForByte() throws IOException {
        Path shared = Path.of("../../shared/seed/0a7c7ac80e.diff");
        Assumptions.assumeTrue(
                Files.exists(shared), "no ../shared beside the repository (CI's clean checkout)");
        byte[] copy;
        try (var in = SiteTable.class.getResourceAsStream(SiteTable.DIFF_RESOURCE)) {
            copy = in.readAllBytes();
        }
        assertThat(copy).isEqualTo(Files.readAllBytes(shared));
    }
}
