package gort.stack;

import static gort.runtime.GStatus.Gcopystack;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gwaiting;
import static org.assertj.core.api.Assertions.assertThat;

import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.StatusObserver;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * newstack's two ways to grow, on both arches, seen from a running program (StackPrograms.rec to
 * depth 1000, whose frames keep a pointer to their own local): copying when every frame has stack
 * maps, the segmented path through lessstack and oldstack when one has not (or when copying is off,
 * GOCOPYSTACK=0). Each run must print the right sum and never "stack is corrupted"; the status
 * transitions show which path ran.
 */
class GrowthPathsTest {
    static final int DEPTH = 1000;

    /** Records transitions and stack events. */
    static final class Recorder implements StatusObserver {
        final List<int[]> transitions = new CopyOnWriteArrayList<>();
        final List<Integer> copies = new CopyOnWriteArrayList<>();

        @Override
        public void transition(G gp, String accessor, int from, int to) {
            transitions.add(new int[] {from, to});
        }

        @Override
        public void spin(G gp, int oldval, int newval, int seen) {}

        @Override
        public void stack(G gp, StackEvent event, int status) {
            if (event == StackEvent.COPY) {
                copies.add(status);
            }
        }

        long count(int from, int to) {
            return transitions.stream().filter(t -> t[0] == from && t[1] == to).count();
        }
    }

    private static String run(Arch arch, boolean maps, boolean copystack, Recorder rec)
            throws Exception {
        return run(arch, maps, maps, copystack, rec);
    }

    private static String run(
            Arch arch, boolean mainMaps, boolean maps, boolean copystack, Recorder rec)
            throws Exception {
        Text text =
                StackPrograms.link(
                        arch,
                        StackPrograms.main(arch, DEPTH, mainMaps),
                        StackPrograms.rec(arch, maps));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoProcess process = StackPrograms.process(text, out, rec, copystack);
        ProgramResult r = Mstart.run(process);
        String s = out.toString(StandardCharsets.UTF_8);
        assertThat(r.exitCode()).as(s).isZero();
        return s;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void copyableFramesGrowByCopying(Arch arch) throws Exception {
        Recorder rec = new Recorder();
        assertThat(run(arch, true, true, rec)).isEqualTo(DEPTH + "\n");
        // copystack ran (several doublings from 8 KiB), always on a G in Gwaiting ("stack growth")
        assertThat(rec.copies).hasSizeGreaterThanOrEqualTo(4).allMatch(st -> st == Gwaiting);
        assertThat(rec.count(Gwaiting, Gcopystack)).isEqualTo(rec.copies.size());
        assertThat(rec.count(Gcopystack, Gwaiting)).isEqualTo(rec.copies.size());
        // no segment was made, so oldstack never ran
        assertThat(rec.count(Grunning, Gcopystack)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFrameWithoutStackMapsTakesTheSegmentedPathAndUnwindsThroughLessstack(Arch arch)
            throws Exception {
        Recorder rec = new Recorder();
        assertThat(run(arch, false, true, rec)).isEqualTo(DEPTH + "\n");
        assertThat(rec.copies).isEmpty();
        // every segment newstack made was left through lessstack: oldstack's bracket, once each
        long unsplits = rec.count(Grunning, Gcopystack);
        assertThat(unsplits).isGreaterThanOrEqualTo(10);
        assertThat(rec.count(Gcopystack, Grunning)).isEqualTo(unsplits);
        // and newstack's own bracket, once per growth; sysmon may also have asked this long
        // recursion to yield (on a slow host it runs past 10 ms), and each such request passes
        // through newstack's bracket too, so growths give a lower bound
        assertThat(rec.count(Grunning, Gwaiting)).isGreaterThanOrEqualTo(unsplits);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void withCopyingOffEvenCopyableFramesTakeTheSegmentedPath(Arch arch) throws Exception {
        Recorder rec = new Recorder();
        assertThat(run(arch, true, false, rec)).isEqualTo(DEPTH + "\n");
        assertThat(rec.copies).isEmpty();
        assertThat(rec.count(Grunning, Gcopystack)).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aSegmentAboveAnUncopyableFrameIsCopiedWithItsStktop(Arch arch) throws Exception {
        // main.main has no stack maps: the first growth splits; the new segment holds only rec
        // frames, so later growths copy it (Stktop included) and the last return unsplits.
        Recorder rec = new Recorder();
        assertThat(run(arch, false, true, true, rec)).isEqualTo(DEPTH + "\n");
        assertThat(rec.count(Grunning, Gcopystack)).as("oldstack once").isEqualTo(1);
        assertThat(rec.copies).hasSizeGreaterThanOrEqualTo(4).allMatch(st -> st == Gwaiting);
    }
}
