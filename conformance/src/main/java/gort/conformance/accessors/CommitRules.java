package gort.conformance.accessors;

import java.util.Map;
import java.util.Set;

/**
 * What commit 0a7c7ac80 says each status accessor does, written down from the commit's proc.c as a
 * table of legal moves, independently of gort's implementation (which follows C's switch
 * statements). The conformance suite and the exhaustive tests compare the implementation with it.
 *
 * <p>{@code gpAddr} and {@code goid} are the G's address and goid, which two of the messages print.
 */
public final class CommitRules {
    private CommitRules() {}

    static final int SCAN_BIT = 0x1000;

    /** Lock acquisitions castogscanstatus accepts: oldval → the newvals allowed from it. */
    static final Map<Integer, Set<Integer>> TAKE_SCAN_BIT =
            Map.of(
                    1, Set.of(0x1001), // Grunnable → Gscanrunnable
                    3, Set.of(0x1003), // Gsyscall  → Gscansyscall
                    4, Set.of(0x1004), // Gwaiting  → Gscanwaiting
                    2, Set.of(0x1002, 0x1007)); // Grunning  → Gscanrunning or Gscanenqueue

    /** Lock releases casfromgscanstatus accepts: oldval → the one newval allowed. */
    static final Map<Integer, Integer> RELEASE_SCAN_BIT =
            Map.of(
                    0x1001, 1, // Gscanrunnable → Grunnable
                    0x1002, 2, // Gscanrunning  → Grunning
                    0x1003, 3, // Gscansyscall  → Gsyscall
                    0x1004, 4, // Gscanwaiting  → Gwaiting
                    0x1007, 4); // Gscanenqueue  → Gwaiting

    /**
     * The commit's outcome of {@code accessor(gp, oldval, newval)} on a G whose status is {@code
     * current}.
     */
    public static Outcome expected(
            Accessor accessor, int current, int oldval, int newval, long gpAddr, long goid) {
        return switch (accessor) {
            case casgstatus -> casgstatus(current, oldval, newval);
            case castogscanstatus -> castogscanstatus(current, oldval, newval);
            case casfromgscanstatus -> casfromgscanstatus(current, oldval, newval, gpAddr, goid);
        };
    }

    /**
     * isscanstatus(status): the bare scan bit is not a status and throws; otherwise true exactly
     * when the bit is set. Null means it throws.
     */
    public static Boolean isscanstatus(int status) {
        if (status == SCAN_BIT) {
            return null;
        }
        return (status & SCAN_BIT) != 0;
    }

    static Outcome casgstatus(int current, int oldval, int newval) {
        // The commit checks oldval, then newval, then equality, stopping at the first that fails;
        // isscanstatus itself throws on the bare bit before casgstatus can print anything.
        for (int arg : new int[] {oldval, newval}) {
            Boolean scan = isscanstatus(arg);
            if (scan == null) {
                return Outcome.throwsAfter(current, "", "isscanstatus: Bad status Gscan");
            }
            if (scan) {
                return badIncoming(current, oldval, newval);
            }
        }
        if (oldval == newval) {
            return badIncoming(current, oldval, newval);
        }
        return current == oldval ? Outcome.returns(newval) : Outcome.waits(current);
    }

    private static Outcome badIncoming(int current, int oldval, int newval) {
        return Outcome.throwsAfter(
                current,
                "casgstatus: oldval=" + oldval + ", newval=" + newval + "\n",
                "casgstatus: bad incoming values");
    }

    static Outcome castogscanstatus(int current, int oldval, int newval) {
        Set<Integer> allowed = TAKE_SCAN_BIT.getOrDefault(oldval, Set.of());
        if (!allowed.contains(newval)) {
            return Outcome.throwsAfter(
                    current,
                    "runtime: castogscanstatus oldval=" + oldval + " newval=" + newval + "\n",
                    "castogscanstatus");
        }
        return current == oldval ? Outcome.returns(newval) : Outcome.returnsFalse(current);
    }

    static Outcome casfromgscanstatus(int current, int oldval, int newval, long gpAddr, long goid) {
        Integer allowed = RELEASE_SCAN_BIT.get(oldval);
        if (allowed != null && allowed == newval && current == oldval) {
            return Outcome.returns(newval);
        }
        String gp = "0x" + Long.toHexString(gpAddr);
        return Outcome.throwsAfter(
                current,
                "runtime: casfromgscanstatus failed gp="
                        + gp
                        + ", oldval="
                        + oldval
                        + ", newval="
                        + newval
                        + "\n"
                        + "runtime: gp="
                        + gp
                        + ", goid="
                        + goid
                        + ", gp->atomicstatus="
                        + current
                        + "\n",
                "casfromgscanstatus: gp->status is not in scan state");
    }
}
