package gort.cmd.diag;

/** Thrown by {@link ErrorSink#report} at gc's tenth error to abandon compilation, as gc exits. */
public final class TooManyErrors extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyErrors() {
        super("too many errors", null, false, false);
    }
}
