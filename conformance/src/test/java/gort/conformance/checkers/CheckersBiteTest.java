package gort.conformance.checkers;

import static org.assertj.core.api.Assertions.assertThat;

import gort.conformance.recorder.TransitionLog;
import gort.conformance.sites.SiteTable;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each checker passes a correct log and catches a log doctored to break its invariant. */
class CheckersBiteTest {
    /**
     * A log as the runtime writes it: two goroutines born, run, yield, exit; a stack grown and
     * scanned.
     */
    static final String GOOD =
            """
            T g=0x100 goid=0 casgstatus Gidle->Gdead newproc1
            T g=0x100 goid=0 casgstatus Gdead->Grunnable newproc1
            T g=0x100 goid=1 casgstatus Grunnable->Grunning execute
            T g=0x200 goid=0 casgstatus Gidle->Gdead newproc1
            T g=0x200 goid=0 casgstatus Gdead->Grunnable newproc1
            T g=0x100 goid=1 casgstatus Grunning->Grunnable gosched_m
            T g=0x200 goid=2 casgstatus Grunnable->Grunning execute
            T g=0x200 goid=2 casgstatus Grunning->Gwaiting newstack
            T g=0x200 goid=2 casgstatus Gwaiting->Gcopystack copystack
            K g=0x200 goid=2 COPY Gwaiting copystack
            T g=0x200 goid=2 casgstatus Gcopystack->Gwaiting copystack
            T g=0x200 goid=2 casgstatus Gwaiting->Grunning newstack
            T g=0x200 goid=2 casgstatus Grunning->Gwaiting park_m
            T g=0x200 goid=2 castogscanstatus Gwaiting->Gscanwaiting scanstack
            K g=0x200 goid=2 SCAN Gscanwaiting scanstack
            W g=0x200 goid=2 casgstatus Gwaiting->Grunnable seen=Gscanwaiting ready
            T g=0x200 goid=2 casfromgscanstatus Gscanwaiting->Gwaiting scanstack
            T g=0x200 goid=2 casgstatus Gwaiting->Grunnable ready
            T g=0x100 goid=1 casgstatus Grunnable->Grunning execute
            T g=0x100 goid=1 casgstatus Grunning->Gdead goexit0
            """;

    static final Map<Long, Integer> GOOD_END = Map.of(0x100L, 6, 0x200L, 1);

    private final SiteTable table = SiteTable.commit();

    private Verdict run(Checker c, String log, Map<Long, Integer> end) {
        return c.check(new RunFacts(TransitionLog.parse(log), end));
    }

    private Verdict good(Checker c) {
        return run(c, GOOD, GOOD_END);
    }

    /** GOOD with one line replaced. */
    private static String doctor(String from, String to) {
        assertThat(GOOD).contains(from);
        return GOOD.replaceFirst(
                java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void everyCheckerPassesTheCorrectLogAndChecksSomething() {
        for (Checker c : Checkers.all(table)) {
            Verdict v = good(c);
            assertThat(v.violations()).as(c.id()).isEmpty();
            assertThat(v.invariant()).isEqualTo(c.id());
        }
        int transitions = TransitionLog.parse(GOOD).transitions().size();
        assertThat(good(new S1AccessorsOnly()).cases()).isEqualTo(transitions + GOOD_END.size());
        assertThat(good(new K1StackBrackets()).cases()).isEqualTo(2);
        assertThat(good(new K2NoStackUseWhileCopying()).cases()).isEqualTo(1);
    }

    @Test
    void s1CatchesAForeignWriterAGapInTheChainAndAWrongFinalStatus() {
        Checker s1 = new S1AccessorsOnly();
        assertThat(
                        run(
                                        s1,
                                        doctor(
                                                "casgstatus Grunning->Gdead goexit0",
                                                "setstatus Grunning->Gdead goexit0"),
                                        GOOD_END)
                                .violations())
                .singleElement()
                .asString()
                .contains("not made by a status accessor");
        assertThat(
                        run(
                                        s1,
                                        doctor(
                                                "T g=0x100 goid=1 casgstatus Grunning->Grunnable gosched_m\n",
                                                ""),
                                        GOOD_END)
                                .violations())
                .anySatisfy(
                        v ->
                                assertThat(v)
                                        .contains(
                                                "starts from Grunnable but the last logged change left"));
        assertThat(run(s1, GOOD, Map.of(0x100L, 2, 0x200L, 1)).violations())
                .singleElement()
                .asString()
                .contains("g=0x100 ends Grunning but its last logged change left Gdead");
    }

    @Test
    void s2s3s4CatchPairsTheirAccessorNeverMakes() {
        assertThat(
                        run(
                                        AccessorPairs.s2(),
                                        doctor(
                                                "casgstatus Gwaiting->Grunnable ready",
                                                "casgstatus Gwaiting->Gscanrunnable ready"),
                                        Map.of())
                                .violations())
                .singleElement()
                .asString()
                .contains("the commit's casgstatus never makes this change");
        assertThat(
                        run(
                                        AccessorPairs.s3(),
                                        doctor(
                                                "castogscanstatus Gwaiting->Gscanwaiting",
                                                "castogscanstatus Gwaiting->Gscanrunnable"),
                                        Map.of())
                                .violations())
                .hasSize(1);
        assertThat(
                        run(
                                        AccessorPairs.s4(),
                                        doctor(
                                                "casfromgscanstatus Gscanwaiting->Gwaiting",
                                                "casfromgscanstatus Gscanwaiting->Grunnable"),
                                        Map.of())
                                .violations())
                .hasSize(1);
        assertThat(good(AccessorPairs.s3()).cases()).isEqualTo(1);
    }

    @Test
    void s5CatchesAChangeWhileTheScanBitIsHeld() {
        String log =
                doctor(
                        """
                T g=0x200 goid=2 casfromgscanstatus Gscanwaiting->Gwaiting scanstack
                T g=0x200 goid=2 casgstatus Gwaiting->Grunnable ready
                """,
                        """
                T g=0x200 goid=2 casgstatus Gscanwaiting->Grunnable ready
                """);
        assertThat(run(new S5ScanBitIsALock(), log, Map.of()).violations())
                .singleElement()
                .asString()
                .contains("while the scan bit taken by scanstack (Gscanwaiting) was held");
    }

    @Test
    void l1CatchesAGThatRunsBeforeItIsDeadAndOneMissingFromAllg() {
        String log =
                doctor(
                        """
                T g=0x100 goid=0 casgstatus Gidle->Gdead newproc1
                T g=0x100 goid=0 casgstatus Gdead->Grunnable newproc1
                """,
                        """
                T g=0x100 goid=0 casgstatus Gidle->Grunnable newproc1
                """);
        assertThat(run(new L1NewGIsDead(), log, GOOD_END).violations())
                .singleElement()
                .asString()
                .contains("a new G must become Gdead");
        assertThat(run(new L1NewGIsDead(), GOOD, Map.of(0x100L, 6)).violations())
                .singleElement()
                .asString()
                .contains("g=0x200 left Gidle but is not in allg");
        assertThat(
                        run(new L1NewGIsDead(), GOOD, Map.of(0x100L, 6, 0x200L, 1, 0x300L, 0))
                                .violations())
                .singleElement()
                .asString()
                .contains("g=0x300 is in allg with status Gidle");
    }

    @Test
    void l1ForgivesAGThatWasBetweenGdeadAndAllgaddWhenAnotherMThrew() {
        String log = GOOD + "T g=0x300 goid=0 casgstatus Gidle->Gdead newproc1\n";
        assertThat(
                        new L1NewGIsDead()
                                .check(new RunFacts(TransitionLog.parse(log), GOOD_END, false))
                                .violations())
                .singleElement()
                .asString()
                .contains("g=0x300 left Gidle but is not in allg");
        assertThat(
                        new L1NewGIsDead()
                                .check(new RunFacts(TransitionLog.parse(log), GOOD_END, true))
                                .violations())
                .isEmpty();
    }

    @Test
    void k1CatchesABracketThatRestoresTheWrongStatus() {
        String log =
                doctor(
                        "casgstatus Gcopystack->Gwaiting copystack",
                        "casgstatus Gcopystack->Grunnable copystack");
        assertThat(run(new K1StackBrackets(), log, Map.of()).violations())
                .isNotEmpty()
                .anySatisfy(v -> assertThat(v).contains("should restore Gwaiting in copystack"));
        String growth =
                doctor(
                        "casgstatus Gwaiting->Grunning newstack",
                        "casgstatus Gwaiting->Grunning gosched_m");
        assertThat(run(new K1StackBrackets(), growth, Map.of()).violations())
                .singleElement()
                .asString()
                .contains("newstack should restore Grunning first");
    }

    @Test
    void k1AllowsAnOpenBracketOnlyWhenTheProcessDiedOfAThrow() {
        String overflow =
                """
                T g=0x100 goid=0 casgstatus Gidle->Gdead newproc1
                T g=0x100 goid=0 casgstatus Gdead->Grunnable newproc1
                T g=0x100 goid=1 casgstatus Grunnable->Grunning execute
                T g=0x100 goid=1 casgstatus Grunning->Gwaiting newstack
                """;
        TransitionLog log = TransitionLog.parse(overflow);
        assertThat(new K1StackBrackets().check(new RunFacts(log, Map.of(), false)).violations())
                .singleElement()
                .asString()
                .contains("growth never ended");
        assertThat(new K1StackBrackets().check(new RunFacts(log, Map.of(), true)).violations())
                .isEmpty();
    }

    @Test
    void k2CatchesAScanWhileCopying() {
        String log =
                doctor(
                        "K g=0x200 goid=2 COPY Gwaiting copystack",
                        "K g=0x200 goid=2 TRACEBACK Gcopystack traceback");
        assertThat(run(new K2NoStackUseWhileCopying(), log, Map.of()).violations())
                .singleElement()
                .asString()
                .contains("TRACEBACK of its stack in traceback while Gcopystack");
    }

    @Test
    void t1CatchesATransitionAtNoSiteOfTheCommit() {
        String log =
                doctor(
                        "casgstatus Grunnable->Grunning execute\nT g=0x200",
                        "casgstatus Grunnable->Grunning schedule\nT g=0x200");
        assertThat(run(new T1CommitSites(table), log, Map.of()).violations())
                .singleElement()
                .asString()
                .contains("Grunnable->Grunning in schedule: no such call in the commit");
        // casgstatus changes only: the commit adds no callers of the scan accessors
        assertThat(good(new T1CommitSites(table)).cases())
                .isEqualTo(TransitionLog.parse(GOOD).transitions().size() - 2);
    }
}
