package gort.conformance.recorder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recorder saw in one run, in the order it saw it. Its text form is one line per event
 * ({@link Event#line}) and its hash the SHA-256 of that text: two runs with the same seed on the
 * sim backend must give the same hash on every host (D1).
 */
public final class TransitionLog {
    private final List<Event> events;
    // Made on first use and kept: every checker asks, and a log never changes.
    private List<Event.Transition> transitions;
    private Map<Long, List<Event.Transition>> byG;
    private String text;

    public TransitionLog(List<Event> events) {
        this.events = List.copyOf(events);
    }

    public List<Event> events() {
        return events;
    }

    /** The status changes only (an unmodifiable list). */
    public synchronized List<Event.Transition> transitions() {
        if (transitions == null) {
            List<Event.Transition> out = new ArrayList<>();
            for (Event e : events) {
                if (e instanceof Event.Transition t) {
                    out.add(t);
                }
            }
            transitions = Collections.unmodifiableList(out);
        }
        return transitions;
    }

    /**
     * Each G's transitions in the order they happened, G by G in the order of their first event.
     * The recorder logs a transition just after the accessor's compare-and-set, so when two threads
     * change one G back to back (a collector releases the scan bit and the waiting mutator's
     * casgstatus succeeds at once) their entries may land in the other order. Each transition
     * starts from the status the previous one left, which fixes the true order: where an entry does
     * not start from the current status and one of the next few entries of the G does, that one is
     * taken first. A chain that cannot be mended stays as logged, for the S1 checker to report. The
     * map and its lists are unmodifiable.
     */
    public synchronized Map<Long, List<Event.Transition>> byG() {
        if (byG == null) {
            Map<Long, List<Event.Transition>> logged = new LinkedHashMap<>();
            for (Event.Transition t : transitions()) {
                logged.computeIfAbsent(t.g(), k -> new ArrayList<>()).add(t);
            }
            Map<Long, List<Event.Transition>> out = new LinkedHashMap<>();
            logged.forEach((g, list) -> out.put(g, Collections.unmodifiableList(mend(list))));
            byG = Collections.unmodifiableMap(out);
        }
        return byG;
    }

    private static final int MEND_WINDOW = 4;

    private static List<Event.Transition> mend(List<Event.Transition> list) {
        List<Event.Transition> pending = new ArrayList<>(list);
        List<Event.Transition> out = new ArrayList<>(list.size());
        while (!pending.isEmpty()) {
            int pick = 0;
            if (!out.isEmpty()) {
                int current = out.get(out.size() - 1).to();
                if (pending.get(0).from() != current) {
                    for (int i = 1; i < Math.min(MEND_WINDOW, pending.size()); i++) {
                        if (pending.get(i).from() == current) {
                            pick = i;
                            break;
                        }
                    }
                }
            }
            out.add(pending.remove(pick));
        }
        return out;
    }

    /** One line per event, each ending in a newline. */
    public synchronized String text() {
        if (text == null) {
            StringBuilder b = new StringBuilder(events.size() * 64);
            for (Event e : events) {
                b.append(e.line()).append('\n');
            }
            text = b.toString();
        }
        return text;
    }

    /** SHA-256 of {@link #text()}, in lower-case hex. */
    public String hash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Parses the text form back (tests doctor logs this way); a bad line throws naming it. */
    public static TransitionLog parse(String text) {
        List<Event> events = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                events.add(parseLine(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "log line " + (i + 1) + ": cannot parse \"" + line + "\"", e);
            }
        }
        return new TransitionLog(events);
    }

    private static Event parseLine(String line) {
        String[] f = line.split(" ");
        long g = Long.decode(f[1].substring("g=".length()));
        long goid = Long.parseLong(f[2].substring("goid=".length()));
        switch (f[0]) {
            case "T" -> {
                String[] pair = f[4].split("->");
                return new Event.Transition(g, goid, f[3], status(pair[0]), status(pair[1]), f[5]);
            }
            case "W" -> {
                String[] pair = f[4].split("->");
                return new Event.Spin(
                        g,
                        goid,
                        status(pair[0]),
                        status(pair[1]),
                        status(f[5].substring("seen=".length())),
                        f[6]);
            }
            case "K" -> {
                return new Event.StackUse(
                        g,
                        goid,
                        gort.runtime.StatusObserver.StackEvent.valueOf(f[3]),
                        status(f[4]),
                        f[5]);
            }
            default -> throw new IllegalArgumentException("unknown event kind " + f[0]);
        }
    }

    private static int status(String name) {
        int s = StatusNames.parse(name);
        if (s < 0) {
            throw new IllegalArgumentException("unknown status " + name);
        }
        return s;
    }
}
