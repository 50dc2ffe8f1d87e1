package gort.archtests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds comments of gort's Java sources that repeat Go's runtime comments word for word: any run of
 * {@link #RUN} words of a gort comment that also stands, in that order, in one comment of Go's
 * runtime at 0a7c7ac80. Both sides are compared as lower-case words (letters, digits, underscores),
 * so punctuation, case and line breaks do not hide a copy. Go's side is the list that
 * scripts/go-comments/extract.py writes (test resource go-runtime-comments.txt); string literals
 * and text blocks are not comments and are never checked, since message strings are facts that gort
 * reproduces exactly.
 */
final class CopiedComments {
    private CopiedComments() {}

    /** How many words in a row make a copy: more than a stock phrase, less than a sentence. */
    static final int RUN = 6;

    private static final Pattern WORD = Pattern.compile("[a-z0-9_]+");

    /** A copied run: where it starts and its words. */
    record Copy(String file, int line, String words) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + words;
        }
    }

    /** A word of a comment and the line it is on. */
    record Word(String text, int line) {}

    /** Every run of RUN words of Go's comments (one normalized comment per line of the list). */
    static Set<String> goRuns() throws IOException {
        try (InputStream in =
                CopiedComments.class.getResourceAsStream("/go-runtime-comments.txt")) {
            if (in == null) {
                throw new IOException("go-runtime-comments.txt is not on the test class path");
            }
            Set<String> runs = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                addRuns(List.of(line.trim().split(" ")), runs);
            }
            return runs;
        }
    }

    static void addRuns(List<String> words, Set<String> runs) {
        for (int i = 0; i + RUN <= words.size(); i++) {
            runs.add(String.join(" ", words.subList(i, i + RUN)));
        }
    }

    /**
     * The comments of a Java source, each as its words: a block or doc comment, or a run of line
     * comments on consecutive lines (so that a sentence wrapped over lines stays whole).
     */
    static List<List<Word>> comments(String src) {
        List<List<Word>> out = new ArrayList<>();
        List<Word> run = null;
        int runLine = -2;
        int line = 1;
        int n = src.length();
        for (int i = 0; i < n; ) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (src.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !(src.startsWith("\"\"\"", j) && src.charAt(j - 1) != '\\')) {
                    j++;
                }
                j = Math.min(n, j + 3);
                line += count(src, i, j);
                i = j;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else if (src.startsWith("//", i)) {
                int j = src.indexOf('\n', i);
                j = j < 0 ? n : j;
                List<Word> ws = words(src.substring(i + 2, j), line);
                if (run != null && runLine == line - 1) {
                    run.addAll(ws);
                } else {
                    run = new ArrayList<>(ws);
                    out.add(run);
                }
                runLine = line;
                i = j;
            } else if (src.startsWith("/*", i)) {
                int j = src.indexOf("*/", i + 2);
                j = j < 0 ? n : j;
                List<Word> ws = new ArrayList<>();
                int l = line;
                for (String part : src.substring(i + 2, j).split("\n", -1)) {
                    ws.addAll(words(part, l++));
                }
                out.add(ws);
                line += count(src, i, j);
                i = Math.min(n, j + 2);
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }

    private static List<Word> words(String text, int line) {
        List<Word> ws = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            ws.add(new Word(m.group(), line));
        }
        return ws;
    }

    /** The copied runs in one source; overlapping windows of one copy are reported once. */
    static List<Copy> copies(String file, String src, Set<String> goRuns) {
        List<Copy> out = new ArrayList<>();
        for (List<Word> ws : comments(src)) {
            int i = 0;
            while (i + RUN <= ws.size()) {
                if (!goRuns.contains(window(ws, i))) {
                    i++;
                    continue;
                }
                int end = i + RUN;
                while (end < ws.size() && goRuns.contains(window(ws, end - RUN + 1))) {
                    end++;
                }
                StringBuilder words = new StringBuilder();
                for (int k = i; k < end; k++) {
                    words.append(k > i ? " " : "").append(ws.get(k).text());
                }
                out.add(new Copy(file, ws.get(i).line(), words.toString()));
                i = end;
            }
        }
        return out;
    }

    private static String window(List<Word> ws, int from) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < from + RUN; k++) {
            b.append(k > from ? " " : "").append(ws.get(k).text());
        }
        return b.toString();
    }

    /** The copied runs in every .java file under dir. */
    static List<Copy> copiesUnder(Path root, Path dir, Set<String> goRuns) throws IOException {
        List<Copy> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.addAll(copies(root.relativize(f).toString(), Files.readString(f), goRuns));
            }
        }
        return out;
    }
}
