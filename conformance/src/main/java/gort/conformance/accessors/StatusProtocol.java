package gort.conformance.accessors;

import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GoProcess;

/**
 * The status accessors as something the suite can test: gort's own ({@link #GORT}) or, in the
 * suite's tests, doctored variants that must be caught.
 */
public interface StatusProtocol {
    int readgstatus(G gp);

    void casgstatus(G gp, int oldval, int newval);

    boolean castogscanstatus(G gp, int oldval, int newval);

    void casfromgscanstatus(G gp, int oldval, int newval);

    boolean isscanstatus(GoProcess process, int status);

    /** gort's accessors, {@link StatusAccessors}. */
    StatusProtocol GORT = new Gort();

    /** gort's accessors as a class, so that the suite's tests can doctor one method of it. */
    class Gort implements StatusProtocol {
        @Override
        public int readgstatus(G gp) {
            return StatusAccessors.readgstatus(gp);
        }

        @Override
        public void casgstatus(G gp, int oldval, int newval) {
            StatusAccessors.casgstatus(gp, oldval, newval);
        }

        @Override
        public boolean castogscanstatus(G gp, int oldval, int newval) {
            return StatusAccessors.castogscanstatus(gp, oldval, newval);
        }

        @Override
        public void casfromgscanstatus(G gp, int oldval, int newval) {
            StatusAccessors.casfromgscanstatus(gp, oldval, newval);
        }

        @Override
        public boolean isscanstatus(GoProcess process, int status) {
            return StatusAccessors.isscanstatus(process, status);
        }
    }
}
