package gort.cmd.codegen;

import gort.cmd.syntax.Pos;

/**
 * Raised inside the code generator when a valid program uses a construct it does not handle yet;
 * {@link CodeGen} turns it into the diagnostic "gort cannot compile &lt;construct&gt; yet".
 */
final class CannotCompile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final Pos pos;
    final String what;

    CannotCompile(Pos pos, String what) {
        super(what, null, false, false);
        this.pos = pos == null ? Pos.NONE : pos;
        this.what = what;
    }
}
