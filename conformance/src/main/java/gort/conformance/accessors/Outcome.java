package gort.conformance.accessors;

/**
 * What one accessor call did: how it ended, the status it left, everything it printed, and the
 * throw string when it threw.
 */
public record Outcome(Ending ending, int finalStatus, String printed, String thrown) {

    /** How an accessor call ends. */
    public enum Ending {
        /** Returned normally (castogscanstatus: returned true). */
        RETURNS,
        /** castogscanstatus returned false: the status was not oldval. */
        RETURNS_FALSE,
        /** casgstatus keeps spinning: the status is not oldval and nothing will change it. */
        WAITS,
        /** A runtime throw. */
        THROWS
    }

    static Outcome returns(int status) {
        return new Outcome(Ending.RETURNS, status, "", null);
    }

    static Outcome returnsFalse(int status) {
        return new Outcome(Ending.RETURNS_FALSE, status, "", null);
    }

    static Outcome waits(int status) {
        return new Outcome(Ending.WAITS, status, "", null);
    }

    static Outcome throwsAfter(int status, String printedBefore, String thrown) {
        return new Outcome(
                Ending.THROWS, status, printedBefore + "fatal error: " + thrown + "\n", thrown);
    }

    @Override
    public String toString() {
        return ending
                + " status=0x"
                + Integer.toHexString(finalStatus)
                + (thrown == null ? "" : " thrown=\"" + thrown + "\"")
                + (printed.isEmpty() ? "" : " printed=\"" + printed.replace("\n", "\\n") + "\"");
    }
}
