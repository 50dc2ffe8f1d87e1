package gort.mprof.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The tabwriter configuration pprof.go's debug=1 profiles use. The expected text is what Go's
 * text/tabwriter (NewWriter(w, 1, 8, 1, '\t', 0)) prints for the same input.
 */
class TabWriterTest {
    @Test
    void cellsOfAColumnBlockArePaddedWithTabsToTheWidestCellRoundedToATabStop() {
        StringBuilder out = new StringBuilder();
        new TabWriter(out)
                .print("goroutine profile: total 2\n1 @ 0x1 0x10000000\n")
                .print("#\t0x1\tab\tx.go:1\n")
                .print("#\t0x10000000\tlongername+0x10\tfile.go:12\n")
                .print("\n")
                .print("#\t0x1234567\tmain.f+0x7\tf.go:3\n")
                .flush();
        assertThat(out.toString())
                .isEqualTo(
                        "goroutine profile: total 2\n"
                                + "1 @ 0x1 0x10000000\n"
                                + "#\t0x1\t\tab\t\tx.go:1\n"
                                + "#\t0x10000000\tlongername+0x10\tfile.go:12\n"
                                + "\n"
                                + "#\t0x1234567\tmain.f+0x7\tf.go:3\n");
    }
}
