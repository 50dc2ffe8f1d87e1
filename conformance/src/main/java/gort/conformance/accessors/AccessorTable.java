package gort.conformance.accessors;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.StatusObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs every (current status, oldval, newval) case of the three accessors, and every status of
 * isscanstatus, against a {@link StatusProtocol} and compares each outcome with {@link
 * CommitRules}. The statuses are 0..9 and 0x1000..0x1009: every status the commit names, the bare
 * scan bit, and values next to them that no transition should accept.
 *
 * <p>Each case gets a fresh process and G. A casgstatus that would spin forever is abandoned by the
 * process's observer after a few spins in which the status did not change: the loop's exit depends
 * only on the status, so an unchanged status after a failed attempt means it would spin forever.
 */
public final class AccessorTable {
    private AccessorTable() {}

    /** The statuses every argument ranges over. */
    public static final int[] STATUSES =
            IntStream.concat(IntStream.rangeClosed(0, 9), IntStream.rangeClosed(0x1000, 0x1009))
                    .toArray();

    /** The goid each case's G gets (dumpgstatus prints it). */
    static final long GOID = 17;

    /** Spins seen with an unchanged status before a casgstatus counts as waiting forever. */
    static final int SPINS_TO_WAIT = 3;

    /** One case that did not match the commit. */
    public record Mismatch(String call, String expected, String actual) {
        @Override
        public String toString() {
            return call + ": expected " + expected + ", got " + actual;
        }
    }

    /** Cases run and mismatches found for one accessor. */
    public record Result(String name, int cases, List<Mismatch> mismatches) {
        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    /** Runs all cases of {@code accessor}. */
    public static Result run(StatusProtocol protocol, Accessor accessor) {
        List<Mismatch> mismatches = new ArrayList<>();
        int cases = 0;
        for (int current : STATUSES) {
            for (int oldval : STATUSES) {
                for (int newval : STATUSES) {
                    cases++;
                    Outcome actual = call(protocol, accessor, current, oldval, newval);
                    Outcome expected =
                            CommitRules.expected(
                                    accessor,
                                    current,
                                    oldval,
                                    newval,
                                    GoProcess.FIRST_G_ADDR,
                                    GOID);
                    if (!expected.equals(actual)) {
                        mismatches.add(
                                new Mismatch(
                                        String.format(
                                                "%s(gp, %#x, %#x) on status %#x",
                                                accessor, oldval, newval, current),
                                        expected.toString(),
                                        actual.toString()));
                    }
                }
            }
        }
        return new Result(accessor.name(), cases, mismatches);
    }

    /** Runs isscanstatus on every status; a mismatch is reported with oldval = newval = status. */
    public static Result runIsscanstatus(StatusProtocol protocol) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (int status : STATUSES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GoProcess process = GoProcess.create(out);
            Boolean expected = CommitRules.isscanstatus(status);
            Boolean actual;
            String thrown = null;
            try {
                actual = protocol.isscanstatus(process, status);
            } catch (GoThrow t) {
                actual = null;
                thrown = t.getMessage();
            }
            String printed = out.toString(StandardCharsets.UTF_8);
            boolean ok =
                    expected == null
                            ? actual == null
                                    && "isscanstatus: Bad status Gscan".equals(thrown)
                                    && printed.equals(
                                            "fatal error: isscanstatus: Bad status Gscan\n")
                            : expected.equals(actual) && printed.isEmpty();
            if (!ok) {
                mismatches.add(
                        new Mismatch(
                                String.format("isscanstatus(%#x)", status),
                                expected == null
                                        ? "throw \"isscanstatus: Bad status Gscan\""
                                        : "return " + expected,
                                (actual == null ? "throw \"" + thrown + "\"" : "return " + actual)
                                        + (printed.isEmpty()
                                                ? ""
                                                : " printing \""
                                                        + printed.replace("\n", "\\n")
                                                        + "\"")));
            }
        }
        return new Result("isscanstatus", STATUSES.length, mismatches);
    }

    /** Calls {@code accessor(gp, oldval, newval)} on a fresh G whose status is {@code current}. */
    public static Outcome call(
            StatusProtocol protocol, Accessor accessor, int current, int oldval, int newval) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AbandonWait abandon = new AbandonWait();
        GoProcess process = GoProcess.create(out, abandon);
        G gp = process.newG(current);
        gp.goid = GOID;
        Outcome.Ending ending;
        String thrown = null;
        try {
            switch (accessor) {
                case casgstatus -> protocol.casgstatus(gp, oldval, newval);
                case castogscanstatus -> {
                    if (!protocol.castogscanstatus(gp, oldval, newval)) {
                        return new Outcome(
                                Outcome.Ending.RETURNS_FALSE,
                                protocol.readgstatus(gp),
                                out.toString(StandardCharsets.UTF_8),
                                null);
                    }
                }
                case casfromgscanstatus -> protocol.casfromgscanstatus(gp, oldval, newval);
            }
            ending = Outcome.Ending.RETURNS;
        } catch (GoThrow t) {
            ending = Outcome.Ending.THROWS;
            thrown = t.getMessage();
        } catch (StillWaiting w) {
            ending = Outcome.Ending.WAITS;
        }
        return new Outcome(
                ending, protocol.readgstatus(gp), out.toString(StandardCharsets.UTF_8), thrown);
    }

    /** Thrown by {@link AbandonWait} to end a casgstatus that would spin forever. */
    static final class StillWaiting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StillWaiting() {
            super(null, null, false, false);
        }
    }

    /** Abandons a casgstatus after a few spins that saw the same status. */
    private static final class AbandonWait implements StatusObserver {
        private int spins;
        private int lastSeen = -1;

        @Override
        public void transition(G gp, String accessor, int from, int to) {}

        @Override
        public void spin(G gp, int oldval, int newval, int seen) {
            if (spins > 0 && seen != lastSeen) {
                spins = 0; // the status moved: not (yet) a wait that lasts forever
            }
            lastSeen = seen;
            if (++spins >= SPINS_TO_WAIT) {
                throw new StillWaiting();
            }
        }
    }
}
