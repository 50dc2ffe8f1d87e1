package gort.conformance.scenarios;

import java.util.List;

/**
 * The corpus is malformed: every problem found, each naming its file (and line) and what is wrong.
 */
public final class CorpusException extends Exception {
    private final List<String> problems;

    public CorpusException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
