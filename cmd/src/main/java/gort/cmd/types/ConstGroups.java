package gort.cmd.types;

import gort.cmd.syntax.Decl;
import java.util.List;

/**
 * Walks a list of declarations the way the Go spec reads constant groups: iota counts the specs of
 * one parenthesized group from 0, and a spec with neither type nor values repeats the last spec of
 * its group that had them. Package-level and local declarations share this walk.
 */
final class ConstGroups {
    /** The spec whose type and values apply, whether they were inherited, and this spec's iota. */
    record Spec(Decl.Const source, boolean inherited, Constant iota) {}

    private final List<? extends Decl> decls;
    private int first = -1;
    private Decl.Const last;

    ConstGroups(List<? extends Decl> decls) {
        this.decls = decls;
    }

    /** The spec for decls[index], which is a const spec; every index must be visited in order. */
    Spec at(int index, Decl.Const s) {
        if (first < 0 || s.group == null || decls.get(index - 1).group != s.group) {
            first = index;
            last = null;
        }
        Constant iota = Constant.of(index - first);
        boolean inherited = true;
        if (s.type != null || s.values != null) {
            last = s;
            inherited = false;
        } else if (last == null) {
            last = new Decl.Const(s.pos, null);
            inherited = false;
        }
        return new Spec(last, inherited, iota);
    }

    /** decls[index] is not a const spec: whatever group was open has ended. */
    void end() {
        first = -1;
    }
}
