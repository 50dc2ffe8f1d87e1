package gort.conformance.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates a corpus: one directory per group, in each a Go program {@code NAME.go} with
 * {@code NAME.out} (the whole expected stderr) or {@code NAME.prefix} (what stderr starts with)
 * and/or {@code NAME.contains} (lines that must each appear; alone, as Go's crash tests check);
 * {@code NAME.amd64.out} and {@code NAME.arm.out} (or {@code .prefix}) say it per GOARCH, for
 * outputs that print pointers. The program's comments before {@code package main} say first what it
 * exercises, then optionally settings:
 *
 * <pre>
 * // gort: exit=0 GOMAXPROCS=1,2,4 GOARCH=amd64,arm backend=real,sim seeds=50 env=GODEBUG=schedtrace=1
 * // gort: env=GOCOPYSTACK=1|GOCOPYSTACK=0
 * </pre>
 *
 * Each {@code env=} sets one variable; one that lists alternatives separated by {@code |} makes the
 * program run once under each, and several such settings multiply (every combination). Every
 * problem is collected and reported together, each as {@code file:line: what is wrong}.
 */
public final class CorpusLoader {
    private CorpusLoader() {}

    /** Where the embedded corpus lives in the jar. */
    public static final String EMBEDDED = "/gort/conformance/corpus";

    private static final Set<String> KEYS =
            Set.of("exit", "GOMAXPROCS", "GOARCH", "backend", "seeds", "env", "timeout");
    private static final Pattern SETTING = Pattern.compile("(\\w+)=(\\S*)");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d+)(ms|s)");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Set for each run by the suite from other keys; an env= that set them would be overwritten.
     */
    private static final Map<String, String> PER_RUN =
            Map.of(
                    "GOMAXPROCS",
                    "use the GOMAXPROCS= key",
                    "GOARCH",
                    "use the GOARCH= key",
                    "GORT_SEED",
                    "use backend=sim and seeds=");

    /** The corpus embedded in gort's jar. */
    public static List<Scenario> embedded() throws CorpusException, IOException {
        URL url = CorpusLoader.class.getResource(EMBEDDED);
        if (url == null) {
            throw new CorpusException(
                    List.of(EMBEDDED + ": the embedded corpus is missing from the build"));
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return load(fs.getPath(EMBEDDED), "corpus");
            }
            return load(Path.of(uri), "corpus");
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** A corpus in a directory; problems are named relative to {@code shownAs}. */
    public static List<Scenario> load(Path dir, String shownAs)
            throws CorpusException, IOException {
        List<String> problems = new ArrayList<>();
        List<Scenario> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new CorpusException(List.of(shownAs + ": not a directory"));
        }
        List<Path> groups;
        try (Stream<Path> s = Files.list(dir)) {
            groups = s.sorted().toList();
        }
        for (Path group : groups) {
            String groupName = name(group);
            if (!Files.isDirectory(group)) {
                if (!groupName.equals("README.md")) {
                    problems.add(
                            shownAs + "/" + groupName + ": a file outside any group directory");
                }
                continue;
            }
            Map<String, Map<String, Path>> files = new TreeMap<>();
            try (Stream<Path> s = Files.list(group)) {
                for (Path f : s.sorted().toList()) {
                    String n = name(f);
                    int dot = n.lastIndexOf('.');
                    String shown = shownAs + "/" + groupName + "/" + n;
                    if (dot <= 0 || Files.isDirectory(f)) {
                        problems.add(
                                shown + ": not a corpus file (NAME.go, .out, .prefix, .contains)");
                        continue;
                    }
                    String ext = n.substring(dot + 1);
                    if (!Set.of("go", "out", "prefix", "contains").contains(ext)) {
                        problems.add(
                                shown
                                        + ": unknown kind of file ."
                                        + ext
                                        + " (NAME.go, .out, .prefix, .contains)");
                        continue;
                    }
                    String stem = n.substring(0, dot);
                    // NAME.amd64.out / NAME.arm.prefix: what one GOARCH must print
                    int archDot = stem.lastIndexOf('.');
                    if (archDot > 0 && !ext.equals("go")) {
                        String arch = stem.substring(archDot + 1);
                        if (!ARCHES.contains(arch)) {
                            problems.add(
                                    shown
                                            + ": unknown GOARCH ."
                                            + arch
                                            + " (NAME."
                                            + String.join("|", ARCHES)
                                            + ".out or .prefix)");
                            continue;
                        }
                        if (ext.equals("contains")) {
                            problems.add(
                                    shown
                                            + ": .contains is for every GOARCH (no NAME.GOARCH.contains)");
                            continue;
                        }
                        stem = stem.substring(0, archDot);
                        ext = arch + "." + ext;
                    }
                    files.computeIfAbsent(stem, k -> new TreeMap<>()).put(ext, f);
                }
            }
            for (Map.Entry<String, Map<String, Path>> e : files.entrySet()) {
                String base = shownAs + "/" + groupName + "/" + e.getKey();
                Scenario sc = scenario(groupName + "/" + e.getKey(), base, e.getValue(), problems);
                if (sc != null) {
                    out.add(sc);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CorpusException(problems);
        }
        if (out.isEmpty()) {
            throw new CorpusException(
                    List.of(shownAs + ": no scenarios (expected GROUP/NAME.go files)"));
        }
        return out;
    }

    private static String name(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    private static Scenario scenario(
            String id, String base, Map<String, Path> files, List<String> problems)
            throws IOException {
        int before = problems.size();
        if (!files.containsKey("go")) {
            problems.add(
                    base
                            + ".go: missing (there is "
                            + String.join(
                                    ", ",
                                    files.keySet().stream()
                                            .map(
                                                    k ->
                                                            base.substring(
                                                                            base.lastIndexOf('/')
                                                                                    + 1)
                                                                    + "."
                                                                    + k)
                                            .toList())
                            + ")");
            return null;
        }
        if (files.containsKey("out") && files.containsKey("prefix")) {
            problems.add(base + ".prefix: a scenario has either .out or .prefix, not both");
        }
        Map<String, String> outByArch = new TreeMap<>();
        Map<String, String> prefixByArch = new TreeMap<>();
        for (String arch : ARCHES) {
            boolean o = files.containsKey(arch + ".out");
            boolean pr = files.containsKey(arch + ".prefix");
            if (o && pr) {
                problems.add(
                        base
                                + "."
                                + arch
                                + ".prefix: a scenario has either ."
                                + arch
                                + ".out or ."
                                + arch
                                + ".prefix, not both");
            }
            if ((o || pr) && (files.containsKey("out") || files.containsKey("prefix"))) {
                problems.add(
                        base
                                + "."
                                + arch
                                + (o ? ".out" : ".prefix")
                                + ": with a per-GOARCH expectation,"
                                + " give one for every GOARCH instead of .out or .prefix");
            }
            if (o) {
                outByArch.put(arch, read(files.get(arch + ".out")));
            }
            if (pr) {
                prefixByArch.put(arch, read(files.get(arch + ".prefix")));
            }
        }
        boolean perArch = !outByArch.isEmpty() || !prefixByArch.isEmpty();
        if (!files.containsKey("out")
                && !files.containsKey("prefix")
                && !files.containsKey("contains")
                && !perArch) {
            problems.add(
                    base
                            + ".out: missing (give the expected stderr as .out, its start as .prefix,"
                            + " or lines it must contain as .contains)");
        }
        String source = read(files.get("go"));
        String out = files.containsKey("out") ? read(files.get("out")) : null;
        String prefix = files.containsKey("prefix") ? read(files.get("prefix")) : null;
        List<String> contains = new ArrayList<>();
        if (files.containsKey("contains")) {
            for (String l : read(files.get("contains")).split("\n")) {
                if (!l.isEmpty()) {
                    contains.add(l);
                }
            }
            if (contains.isEmpty()) {
                problems.add(base + ".contains: empty (list the lines that must appear in stderr)");
            }
        }
        Header h = header(base + ".go", source, problems);
        if (h != null && perArch) {
            for (String arch : h.goarch) {
                if (!outByArch.containsKey(arch) && !prefixByArch.containsKey(arch)) {
                    problems.add(
                            base
                                    + "."
                                    + arch
                                    + ".out: missing (the scenario runs on "
                                    + arch
                                    + " and has per-GOARCH expectations)");
                }
            }
        }
        if (problems.size() > before || h == null) {
            return null;
        }
        return new Scenario(
                id,
                source,
                id + ".go",
                h.description,
                out,
                prefix,
                contains,
                h.exit,
                h.gomaxprocs,
                h.goarch,
                h.backends,
                h.seeds,
                variants(h.env),
                h.timeout,
                outByArch,
                prefixByArch);
    }

    /** The GOARCHes a per-arch expectation file may name. */
    static final List<String> ARCHES = List.of("amd64", "arm");

    private static String read(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final class Header {
        String description;
        int exit = 0;
        List<Integer> gomaxprocs = List.of(1);
        List<String> goarch = List.of("amd64", "arm");
        List<String> backends = List.of("real", "sim");
        Integer seeds;
        List<EnvSetting> env = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(10);
    }

    /** Reads the comments before {@code package main}. */
    static Header header(String file, String source, List<String> problems) {
        Header h = new Header();
        String[] lines = source.split("\n", -1);
        boolean sawPackage = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1) + ": ";
            if (line.startsWith("package ")) {
                sawPackage = true;
                break;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("//")) {
                problems.add(
                        where + "expected comments, then package main; found \"" + line + "\"");
                return null;
            }
            String text = line.substring(2).strip();
            if (h.description == null) {
                if (text.startsWith("gort:") || text.isEmpty()) {
                    problems.add(
                            where
                                    + "the first comment line must say what the program exercises and which Go test it comes from");
                    return null;
                }
                h.description = text;
                continue;
            }
            if (!text.startsWith("gort:")) {
                continue; // more description
            }
            String rest = text.substring("gort:".length()).strip();
            if (rest.isEmpty()) {
                problems.add(where + "empty gort: settings line");
            }
            for (String token : rest.split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                Matcher m = SETTING.matcher(token);
                if (!m.matches()) {
                    problems.add(where + "malformed setting \"" + token + "\" (want key=value)");
                    continue;
                }
                setting(h, m.group(1), m.group(2), where, problems);
            }
        }
        if (!sawPackage) {
            problems.add(file + ": no package clause");
            return null;
        }
        if (h.description == null) {
            problems.add(
                    file
                            + ":1: missing the first comment line saying what the program exercises and which Go test it comes from");
            return null;
        }
        return h;
    }

    private static void setting(
            Header h, String key, String value, String where, List<String> problems) {
        if (!KEYS.contains(key)) {
            problems.add(
                    where
                            + "unknown key \""
                            + key
                            + "\" (known: exit, GOMAXPROCS, GOARCH, backend, seeds, env, timeout)");
            return;
        }
        if (value.isEmpty()) {
            problems.add(where + key + ": empty value");
            return;
        }
        switch (key) {
            case "exit" -> {
                Integer n = integer(value);
                if (n == null || n < 0 || n > 255) {
                    problems.add(where + "exit: \"" + value + "\" is not an exit code 0..255");
                } else {
                    h.exit = n;
                }
            }
            case "seeds" -> {
                Integer n = integer(value);
                if (n == null || n < 1) {
                    problems.add(where + "seeds: \"" + value + "\" is not a positive number");
                } else {
                    h.seeds = n;
                }
            }
            case "GOMAXPROCS" -> {
                List<Integer> procs = new ArrayList<>();
                for (String v : value.split(",", -1)) {
                    Integer n = integer(v);
                    if (n == null || n < 1 || n > 256) {
                        problems.add(where + "GOMAXPROCS: \"" + v + "\" is not a number 1..256");
                        return;
                    }
                    procs.add(n);
                }
                h.gomaxprocs = procs;
            }
            case "GOARCH" ->
                    h.goarch =
                            list(
                                    value,
                                    Set.of("amd64", "arm"),
                                    "GOARCH",
                                    where,
                                    problems,
                                    h.goarch);
            case "backend" ->
                    h.backends =
                            list(
                                    value,
                                    Set.of("real", "sim"),
                                    "backend",
                                    where,
                                    problems,
                                    h.backends);
            case "env" -> env(h, value, where, problems);
            case "timeout" -> {
                Matcher m = TIMEOUT.matcher(value);
                if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                    problems.add(
                            where
                                    + "timeout: \""
                                    + value
                                    + "\" is not a duration such as 10s or 500ms");
                } else {
                    long n = Long.parseLong(m.group(1));
                    h.timeout =
                            m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMillis(n);
                }
            }
            default -> throw new IllegalStateException(key);
        }
    }

    /**
     * One env= setting: its alternatives (one unless it lists several) and the variables they set.
     */
    private record EnvSetting(List<String> alternatives, Set<String> names) {}

    /**
     * An env= value: NAME=VALUE, or alternatives NAME=VALUE|NAME=VALUE... (VALUE may hold '=' and
     * ',', as GODEBUG's does, but not '|'). Alternatives must be distinct, and no two env= settings
     * may set the same variable, so that no run's environment is ambiguous.
     */
    private static void env(Header h, String value, String where, List<String> problems) {
        List<String> alternatives = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String kv : value.split("\\|", -1)) {
            if (kv.isEmpty()) {
                problems.add(
                        where
                                + "env: empty variant in \""
                                + value
                                + "\" (want NAME=VALUE, or alternatives NAME=VALUE|NAME=VALUE)");
                return;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                problems.add(where + "env: \"" + kv + "\" is not NAME=VALUE");
                return;
            }
            String name = kv.substring(0, eq);
            if (!VARIABLE.matcher(name).matches()) {
                problems.add(
                        where
                                + "env: \""
                                + kv
                                + "\": \""
                                + name
                                + "\" is not a variable name (letters, digits, _)");
                return;
            }
            if (PER_RUN.containsKey(name)) {
                problems.add(
                        where
                                + "env: "
                                + name
                                + " is set for each run by the suite ("
                                + PER_RUN.get(name)
                                + ")");
                return;
            }
            if (alternatives.contains(kv)) {
                problems.add(
                        where
                                + "env: the variant \""
                                + kv
                                + "\" is listed twice in \""
                                + value
                                + "\"");
                return;
            }
            alternatives.add(kv);
            names.add(name);
        }
        for (EnvSetting other : h.env) {
            for (String name : names) {
                if (other.names().contains(name)) {
                    problems.add(
                            where
                                    + "env: "
                                    + name
                                    + " is set by two env= settings (list its values in one, as "
                                    + name
                                    + "=A|"
                                    + name
                                    + "=B)");
                    return;
                }
            }
        }
        h.env.add(new EnvSetting(alternatives, names));
    }

    /**
     * The environments a scenario runs under: one alternative of each env= setting, every
     * combination, the first setting's alternatives varying slowest. A variant is named by the
     * alternatives it took from settings that list several; with none, the one variant's name is
     * empty (and runs keep the names they had before variants).
     */
    private static List<EnvVariant> variants(List<EnvSetting> settings) {
        List<EnvVariant> out = new ArrayList<>(List.of(EnvVariant.NONE));
        for (EnvSetting s : settings) {
            List<EnvVariant> next = new ArrayList<>();
            for (EnvVariant v : out) {
                for (String kv : s.alternatives()) {
                    List<String> vars = new ArrayList<>(v.vars());
                    vars.add(kv);
                    String name =
                            s.alternatives().size() == 1
                                    ? v.name()
                                    : v.name().isEmpty() ? kv : v.name() + " " + kv;
                    next.add(new EnvVariant(name, vars));
                }
            }
            out = next;
        }
        return out;
    }

    private static List<String> list(
            String value,
            Set<String> allowed,
            String key,
            String where,
            List<String> problems,
            List<String> fallback) {
        List<String> out = new ArrayList<>();
        for (String v : value.split(",", -1)) {
            if (!allowed.contains(v)) {
                problems.add(
                        where
                                + key
                                + ": \""
                                + v
                                + "\" is not one of "
                                + String.join(", ", allowed.stream().sorted().toList()));
                return fallback;
            }
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static Integer integer(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
