package gort.conformance.checkers;

import static gort.runtime.GStatus.Gcopystack;
import static gort.runtime.GStatus.Gwaiting;

import gort.conformance.recorder.Event;
import gort.conformance.recorder.StatusNames;
import java.util.ArrayList;
import java.util.List;

/**
 * K1: copystack and oldstack bracket the stack switch with Gcopystack, and the change right after
 * the G entered Gcopystack, made by the same function, restores the status it had; newstack
 * brackets growth with Gwaiting, and its next change of the G (after any copystack bracket inside)
 * restores the status it had, again in newstack. A bracket still open at the end is a violation
 * unless the process died of a fatal error (a throw inside the bracket, such as newstack's "stack
 * overflow", ends everything there).
 */
public final class K1StackBrackets implements Checker {
    @Override
    public String id() {
        return "K1";
    }

    @Override
    public String what() {
        return "copystack/oldstack bracket with Gcopystack, newstack with Gwaiting, and restore";
    }

    @Override
    public Verdict check(RunFacts facts) {
        List<String> bad = new ArrayList<>();
        int cases = 0;
        for (List<Event.Transition> chain : facts.log().byG().values()) {
            for (int i = 0; i < chain.size(); i++) {
                Event.Transition t = chain.get(i);
                if (t.to() == Gcopystack) {
                    cases++;
                    if (!t.function().equals("copystack") && !t.function().equals("oldstack")) {
                        bad.add(
                                Transitions.describe(t)
                                        + ": only copystack and oldstack enter Gcopystack");
                    }
                    Event.Transition next = i + 1 < chain.size() ? chain.get(i + 1) : null;
                    if (next == null) {
                        if (facts.fatal()) {
                            continue;
                        }
                        bad.add(Transitions.describe(t) + ": never left Gcopystack");
                    } else if (next.to() != t.from() || !next.function().equals(t.function())) {
                        bad.add(
                                Transitions.describe(next)
                                        + ": should restore "
                                        + StatusNames.name(t.from())
                                        + " in "
                                        + t.function());
                    }
                }
                if (t.function().equals("newstack") && t.to() == Gwaiting) {
                    cases++;
                    Event.Transition restore = null;
                    for (int j = i + 1; j < chain.size(); j++) {
                        Event.Transition n = chain.get(j);
                        boolean copyBracket =
                                n.function().equals("copystack")
                                        && (n.to() == Gcopystack || n.from() == Gcopystack);
                        if (!copyBracket) {
                            restore = n;
                            break;
                        }
                    }
                    if (restore == null) {
                        if (facts.fatal()) {
                            continue;
                        }
                        bad.add(Transitions.describe(t) + ": growth never ended");
                    } else if (!restore.function().equals("newstack")
                            || restore.from() != Gwaiting
                            || restore.to() != t.from()) {
                        bad.add(
                                Transitions.describe(restore)
                                        + ": newstack should restore "
                                        + StatusNames.name(t.from())
                                        + " first");
                    }
                }
            }
        }
        return new Verdict(id(), cases, bad);
    }
}
