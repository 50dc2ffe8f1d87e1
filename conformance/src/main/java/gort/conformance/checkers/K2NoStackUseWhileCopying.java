package gort.conformance.checkers;

import static gort.runtime.GStatus.Gcopystack;
import static gort.runtime.GStatus.Gscan;

import gort.conformance.recorder.Event;
import gort.runtime.StatusObserver.StackEvent;
import java.util.ArrayList;
import java.util.List;

/** K2: no stack is scanned, traced or dumped while its G is Gcopystack. */
public final class K2NoStackUseWhileCopying implements Checker {
    @Override
    public String id() {
        return "K2";
    }

    @Override
    public String what() {
        return "no stack scanned, traced or dumped while its G is Gcopystack";
    }

    @Override
    public Verdict check(RunFacts facts) {
        List<String> bad = new ArrayList<>();
        int cases = 0;
        for (Event e : facts.log().events()) {
            if (e instanceof Event.StackUse s && s.event() != StackEvent.COPY) {
                cases++;
                if ((s.status() & ~Gscan) == Gcopystack) {
                    bad.add(
                            String.format(
                                    "goroutine %d (g=%#x): %s of its stack in %s while Gcopystack",
                                    s.goid(), s.g(), s.event(), s.function()));
                }
            }
        }
        return new Verdict(id(), cases, bad);
    }
}
