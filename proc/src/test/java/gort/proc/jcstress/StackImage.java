package gort.proc.jcstress;

/**
 * A goroutine's stack as the looped scan tests see it: a row of words that the G rewrites, all to
 * the same value, each time it runs. A scan that finds the words disagreeing has watched the G run
 * in the middle of it.
 *
 * <p>The fields are plain on purpose: only the status protocol may order them.
 */
public final class StackImage {
    public static final int WORDS = 32;

    private final int[] words = new int[WORDS];

    /** What the G does while Grunning: writes {@code value} to every word, bottom up. */
    public void rewrite(int value) {
        for (int w = 0; w < WORDS; w++) {
            words[w] = value;
        }
    }

    /**
     * Reads every word, top down, and tells whether they all agree. Reading against the writer's
     * direction means a rewrite that overlaps the scan at all is crossed and seen.
     */
    public boolean scanIsConsistent() {
        int top = words[WORDS - 1];
        for (int w = WORDS - 2; w >= 0; w--) {
            if (words[w] != top) {
                return false;
            }
        }
        return true;
    }
}
