package gort.heapdump.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reader over dumps in heapdump.c's encoding, good and bad. */
class DumpReaderTest {
    @Test
    void everyRecordOfTheSampleIsReadWithItsFields() throws Exception {
        HeapDump d = DumpReader.read(DumpBytes.sample());
        assertThat(d.params.ptrSize()).isEqualTo(8);
        assertThat(d.params.thechar()).isEqualTo('6');
        assertThat(d.params.arenaStart()).isEqualTo(0xc208000000L);
        assertThat(d.itabs).containsExactly(new HeapDump.Itab(0x4a0000, true));
        assertThat(d.objects)
                .extracting(HeapDump.Obj::addr)
                .containsExactly(0xc208000000L, 0xc208000010L, 0xc208001000L);
        assertThat(d.types).singleElement().extracting(HeapDump.Type::name).isEqualTo("main.T");
        HeapDump.Goroutine g = d.goroutines.get(0);
        assertThat(g.goid()).isEqualTo(4);
        assertThat(g.waitreason()).isEqualTo("chan receive");
        assertThat(g.frames())
                .extracting(HeapDump.Frame::name)
                .containsExactly("main.waiter", "runtime.goexit");
        assertThat(g.frames().get(0).fields())
                .containsExactly(new HeapDump.Field(HeapDump.FieldKind.PTR, 8));
        assertThat(d.defers).singleElement().extracting(HeapDump.Defer::gp).isEqualTo(g.addr());
        assertThat(d.threads).extracting(HeapDump.OsThread::id).containsExactly(0L, 1L);
        assertThat(d.data.contents()).hasSize(16);
        assertThat(d.bss.fields()).containsExactly(new HeapDump.Field(HeapDump.FieldKind.PTR, 8));
        assertThat(d.finalizers)
                .singleElement()
                .extracting(HeapDump.Finalizer::queued)
                .isEqualTo(false);
        assertThat(d.memstats.counters()[0]).isZero();
        assertThat(d.memstats.counters()[23]).isEqualTo(23);
        assertThat(d.memstats.pauseNs()[255]).isEqualTo(24 + 255);
        assertThat(d.memstats.numgc()).isEqualTo(3);
        assertThat(d.memprof.get(0).frames())
                .extracting(HeapDump.ProfFrame::func)
                .containsExactly("main.alloc", "main.main");
        assertThat(d.allocSamples)
                .containsExactly(new HeapDump.AllocSample(0xc208000010L, 0x600000));
    }

    @Test
    void theSummaryNamesTheGoroutinesFramesObjectsAndRoots() throws Exception {
        String t = DumpSummary.text(DumpReader.read(DumpBytes.sample()));
        assertThat(t)
                .contains("go1.3 heap dump: amd64, PtrSize 8, little-endian")
                .contains("goroutine 4 [waiting, chan receive] at 0xc208002000\n")
                .contains("\tmain.waiter+0x1c\tsp=0xc208010f00 frame 32 bytes, 1 pointer fields\n")
                .contains("\tdefer 0xc208003000 fn 0x400e00\n")
                .contains("objects: 3, 80 bytes\n\t2 of 16 bytes\n\t1 of 48 bytes\n")
                .contains("\tdata at 0x500000: 16 bytes, 1 pointer fields\n")
                .contains("\tfinalizers: 1 set, 0 queued\n")
                .contains("\tnumgc = 3\n")
                .contains("\t\tmain.alloc /src/prog.go:12\n");
    }

    private static String error(byte[] b) {
        try {
            DumpReader.read(b);
        } catch (DumpFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("read a bad dump");
    }

    @Test
    void badDumpsNameTheOffsetAndWhatIsWrong() {
        byte[] good = DumpBytes.sample();
        assertThat(error("go1.4 heap dump\n".getBytes()))
                .isEqualTo("offset 0: not a go1.3 heap dump: the header is missing");
        assertThat(error(Arrays.copyOf(good, good.length - 1)))
                .isEqualTo("offset " + (good.length - 1) + ": truncated: no EOF record");
        assertThat(error(new DumpBytes().header().i(99).bytes()))
                .isEqualTo("offset 16: bad tag 99");
        byte[] longVarint =
                new DumpBytes()
                        .header()
                        .raw(
                                new byte[] {
                                    (byte) 0x81,
                                    (byte) 0x80,
                                    (byte) 0x80,
                                    (byte) 0x80,
                                    (byte) 0x80,
                                    (byte) 0x80,
                                    (byte) 0x80,
                                    (byte) 0x80,
                                    (byte) 0x80,
                                    (byte) 0x80,
                                    0
                                })
                        .bytes();
        assertThat(error(longVarint)).isEqualTo("offset 16: bad varint: overflows 64 bits");
        assertThat(
                        error(
                                new DumpBytes()
                                        .header()
                                        .i(DumpReader.TagObject)
                                        .i(1)
                                        .i(0)
                                        .i(0)
                                        .i(100)
                                        .bytes()))
                .isEqualTo("offset 20: truncated: 100 bytes announced, 0 left");
        assertThat(error(new DumpBytes().header().i(DumpReader.TagEOF).i(0).bytes()))
                .isEqualTo("offset 17: 1 bytes after the EOF record");
        assertThat(error(new DumpBytes().header().i(DumpReader.TagItab).i(1).i(7).bytes()))
                .isEqualTo("offset 18: bad bool 7");
        assertThat(
                        error(
                                new DumpBytes()
                                        .header()
                                        .i(DumpReader.TagType)
                                        .i(1)
                                        .i(8)
                                        .s("T")
                                        .b(true)
                                        .i(2)
                                        .i(0)
                                        .bytes()))
                .isEqualTo("offset 22: bad field kind 2");
    }

    /**
     * Seeded mutations of the sample (bytes flipped, cut, inserted, dropped): the reader either
     * reads the result or names what is wrong, and never fails any other way.
     */
    @Test
    void mutatedDumpsAreReadOrRejectedWithAnOffsetNeverWithAnotherError() {
        byte[] good = DumpBytes.sample();
        SplittableRandom rnd = new SplittableRandom(20141207);
        int tried = 0;
        int rejected = 0;
        for (; tried < 20_000; tried++) {
            byte[] b = good.clone();
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(Math.max(1, b.length));
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        if (b.length > 0) {
                            b[at] = (byte) rnd.nextInt(256);
                        }
                    }
                    case 1 -> b = Arrays.copyOf(b, at);
                    case 2 -> {
                        byte[] c = new byte[b.length + 1];
                        System.arraycopy(b, 0, c, 0, at);
                        c[at] = (byte) rnd.nextInt(256);
                        System.arraycopy(b, at, c, at + 1, b.length - at);
                        b = c;
                    }
                    default -> {
                        if (b.length > 0) {
                            byte[] c = new byte[b.length - 1];
                            System.arraycopy(b, 0, c, 0, at);
                            System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                            b = c;
                        }
                    }
                }
            }
            try {
                DumpSummary.text(DumpReader.read(b));
            } catch (DumpFormatException e) {
                rejected++;
                assertThat(e.offset()).isBetween(0L, (long) b.length);
            }
        }
        assertThat(tried).isEqualTo(20_000);
        assertThat(rejected).as("most mutations break the dump").isGreaterThan(tried / 2);
    }

    @Test
    void aStackFrameBeforeAnyGoroutineIsAnError() {
        byte[] b =
                new DumpBytes()
                        .header()
                        .i(DumpReader.TagStackFrame)
                        .i(1)
                        .i(0)
                        .i(0)
                        .mem(new byte[0])
                        .i(0)
                        .i(0)
                        .i(0)
                        .s("f")
                        .i(0)
                        .i(DumpReader.TagEOF)
                        .bytes();
        assertThatThrownBy(() -> DumpReader.read(b))
                .isInstanceOf(DumpFormatException.class)
                .hasMessage("offset 16: a stack frame before any goroutine");
    }
}
