package gort.conformance.recorder;

import gort.runtime.G;
import gort.runtime.StatusObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StatusObserver} that logs every status change, every wait of casgstatus and every stack
 * event of one process, each with the C function that caused it. Attach one per run ({@code
 * GoRunner.Settings}); {@link #log()} gives what it saw so far.
 *
 * <p>Entries are appended under one lock, so the log is a total order of the callbacks. A spin is
 * logged once per wait: casgstatus calls {@link #spin} on every failed attempt, and a thread that
 * keeps spinning on the same transition adds nothing new.
 */
public final class TransitionRecorder implements StatusObserver {
    private final List<Event> events = new ArrayList<>();
    private final ThreadLocal<Event.Spin> lastSpin = new ThreadLocal<>();

    @Override
    public void transition(G gp, String accessor, int from, int to) {
        lastSpin.remove();
        append(new Event.Transition(gp.addr(), gp.goid, accessor, from, to, Callers.cFunction()));
    }

    @Override
    public void spin(G gp, int oldval, int newval, int seen) {
        Event.Spin last = lastSpin.get();
        if (last != null
                && last.g() == gp.addr()
                && last.from() == oldval
                && last.to() == newval
                && last.seen() == seen) {
            return;
        }
        Event.Spin spin =
                new Event.Spin(gp.addr(), gp.goid, oldval, newval, seen, Callers.cFunction());
        lastSpin.set(spin);
        append(spin);
    }

    @Override
    public void stack(G gp, StackEvent event, int status) {
        append(new Event.StackUse(gp.addr(), gp.goid, event, status, Callers.cFunction()));
    }

    private void append(Event e) {
        synchronized (events) {
            events.add(e);
        }
    }

    /** The events so far. */
    public TransitionLog log() {
        synchronized (events) {
            return new TransitionLog(events);
        }
    }
}
