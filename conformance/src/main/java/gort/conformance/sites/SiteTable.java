package gort.conformance.sites;

import gort.conformance.recorder.StatusNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The T1 table: every casgstatus call commit 0a7c7ac80 added, read from the commit's diff (a copy
 * of {@code shared/seed/0a7c7ac80e.diff} in this module's resources) rather than typed in.
 *
 * <p>How the parser reads the diff: it follows the new file's line numbers through each hunk; the C
 * function around a line is the last function definition (a line that starts with a name followed
 * by {@code (}) among the hunk's context and added lines, else the one git's hunk header names,
 * else the one {@code hunk-functions.txt} gives for that hunk (git names a label or a return type
 * there). An argument that is a variable, as newstack's {@code oldstatus}, stands for the statuses
 * the commit's own comments in that function say it holds ("oldstatus is Gsyscall or Grunning"), or
 * for any base status when they say nothing.
 */
public final class SiteTable {
    /** The diff as a resource of this module. */
    public static final String DIFF_RESOURCE = "/gort/conformance/sites/0a7c7ac80e.diff";

    static final String HUNKS_RESOURCE = "/gort/conformance/sites/hunk-functions.txt";

    /** A C function definition at the start of a line: name(, possibly runtime·name or ·name. */
    public static final Pattern DEFINITION =
            Pattern.compile("^(?:func\\s+)?([A-Za-z_·∕][A-Za-z0-9_·∕]*)\\(");

    private static final Pattern HUNK =
            Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@ ?(.*)$");
    private static final Pattern CALL =
            Pattern.compile("runtime·casgstatus\\((\\w+), *(\\w+), *(\\w+)\\)");
    private static final Pattern STATUS = Pattern.compile("\\bG[a-z]+\\b");

    private final List<Site> sites;

    SiteTable(List<Site> sites) {
        this.sites = List.copyOf(sites);
    }

    public List<Site> sites() {
        return sites;
    }

    /** The C functions that hold sites, in the diff's order. */
    public Set<String> functions() {
        Set<String> out = new LinkedHashSet<>();
        sites.forEach(s -> out.add(s.function()));
        return out;
    }

    /** The sites a transition {@code from → to} made by C function {@code function} may be. */
    public List<Site> match(String function, int from, int to) {
        return sites.stream().filter(s -> s.matches(function, from, to)).toList();
    }

    /** The table of the commit, from the module's copy of its diff. */
    public static SiteTable commit() {
        return parse(resource(DIFF_RESOURCE), hunkFunctions(resource(HUNKS_RESOURCE)));
    }

    static String resource(String name) {
        try (InputStream in = SiteTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "proc.c 1219 findrunnable" lines → {"proc.c:1219": "findrunnable"}. */
    static Map<String, String> hunkFunctions(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            out.put(f[0] + ":" + f[1], f[2]);
        }
        return out;
    }

    /**
     * A C name without its package prefix: runtime·gc → gc, runtime∕debug·WriteHeapDump →
     * WriteHeapDump.
     */
    public static String cName(String name) {
        int dot = name.lastIndexOf('·');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /**
     * Parses a unified diff of Go's runtime. {@code hunkFunctions} names the function of hunks
     * whose text does not ("file:oldStart" → name); a site in a hunk with no function at all is an
     * error naming the diff line.
     */
    public static SiteTable parse(String diff, Map<String, String> hunkFunctions) {
        record Raw(
                String file,
                int line,
                int diffLine,
                String function,
                String from,
                String to,
                String comment) {}
        List<Raw> raws = new ArrayList<>();
        String file = null;
        String function = null;
        String hunkKey = null;
        int newLine = 0;
        String[] lines = diff.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("diff --git ")) {
                String path = line.substring(line.lastIndexOf(" b/") + 3);
                file = path.substring(path.lastIndexOf('/') + 1);
                function = null;
                continue;
            }
            Matcher h = HUNK.matcher(line);
            if (h.matches()) {
                newLine = Integer.parseInt(h.group(2));
                hunkKey = file + ":" + h.group(1);
                Matcher d = DEFINITION.matcher(h.group(3));
                function = d.find() ? cName(d.group(1)) : hunkFunctions.get(hunkKey);
                continue;
            }
            if (file == null
                    || line.startsWith("---")
                    || line.startsWith("+++")
                    || line.startsWith("index ")
                    || line.startsWith("\\")) {
                continue;
            }
            // An empty line inside a hunk is a blank context line whose leading space was trimmed.
            char kind = line.isEmpty() ? ' ' : line.charAt(0);
            if (kind == '-') {
                continue;
            }
            String body = line.isEmpty() ? "" : line.substring(1);
            Matcher d = DEFINITION.matcher(body);
            if (d.find()) {
                function = cName(d.group(1));
            }
            if (kind == '+') {
                Matcher c = CALL.matcher(body);
                if (c.find()) {
                    if (function == null) {
                        throw new IllegalArgumentException(
                                "diff line "
                                        + (i + 1)
                                        + ": casgstatus call in "
                                        + hunkKey
                                        + " but no function is known for that hunk (add it to hunk-functions.txt)");
                    }
                    int slash = body.indexOf("//");
                    raws.add(
                            new Raw(
                                    file,
                                    newLine,
                                    i + 1,
                                    function,
                                    c.group(2),
                                    c.group(3),
                                    slash < 0 ? "" : body.substring(slash)));
                }
            }
            newLine++;
        }
        // What each variable argument may hold, by function: the statuses its comments name.
        Map<String, Set<Integer>> variables = new HashMap<>();
        for (Raw r : raws) {
            for (String arg : List.of(r.from(), r.to())) {
                if (StatusNames.parse(arg) < 0 && r.comment().contains(arg + " is")) {
                    Set<Integer> named =
                            variables.computeIfAbsent(
                                    r.function() + "." + arg, k -> new LinkedHashSet<>());
                    Matcher m =
                            STATUS.matcher(r.comment().substring(r.comment().indexOf(arg + " is")));
                    while (m.find()) {
                        int s = StatusNames.parse(m.group());
                        if (s >= 0 && (s & gort.runtime.GStatus.Gscan) == 0) {
                            named.add(s);
                        }
                    }
                }
            }
        }
        List<Site> sites = new ArrayList<>();
        for (Raw r : raws) {
            sites.add(
                    new Site(
                            r.file(),
                            r.line(),
                            r.function(),
                            r.from(),
                            r.to(),
                            statuses(r.from(), r.function(), variables, r.diffLine()),
                            statuses(r.to(), r.function(), variables, r.diffLine())));
        }
        return new SiteTable(sites);
    }

    private static final Set<Integer> ANY_BASE = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8);

    private static Set<Integer> statuses(
            String arg, String function, Map<String, Set<Integer>> variables, int diffLine) {
        int s = StatusNames.parse(arg);
        if (s >= 0) {
            return Set.of(s);
        }
        if (!Character.isLowerCase(arg.charAt(0))) {
            throw new IllegalArgumentException("diff line " + diffLine + ": unknown status " + arg);
        }
        Set<Integer> named = variables.get(function + "." + arg);
        return named == null || named.isEmpty() ? ANY_BASE : named;
    }
}
