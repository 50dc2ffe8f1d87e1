package gort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class GoProcessTest {

    @Test
    void eachNewGGetsTheNextGAddressAndTheGivenStatusMemory() {
        GoProcess process = GoProcess.create(OutputStream.nullOutputStream());

        G first = process.newG(GStatus.Gidle);
        G second = process.newG(GStatus.Gscanenqueue);

        assertThat(first.addr).isEqualTo(0xc208000000L);
        assertThat(second.addr).isEqualTo(0xc208000000L + 288);
        assertThat(first.process).isSameAs(process);
        assertThat((int) G.ATOMICSTATUS.getVolatile(second)).isEqualTo(0x1007);
    }

    @Test
    void eachProcessHasItsOwnAddressSpace() {
        GoProcess a = GoProcess.create(OutputStream.nullOutputStream());
        GoProcess b = GoProcess.create(OutputStream.nullOutputStream());

        assertThat(a.newG(0).addr).isEqualTo(b.newG(0).addr);
        assertThat(a.observer()).isNull();
    }

    static final class First {}

    static final class Second {
        final First first;

        Second(GoProcess p) {
            first = p.local(First.class, q -> new First()); // a local made while making another
        }
    }

    @Test
    void localMakesOneInstancePerTypeAndProcess() {
        GoProcess a = GoProcess.create(OutputStream.nullOutputStream());
        GoProcess b = GoProcess.create(OutputStream.nullOutputStream());
        int[] made = new int[1];

        Second s =
                a.local(
                        Second.class,
                        p -> {
                            made[0]++;
                            return new Second(p);
                        });

        assertThat(a.local(Second.class, p -> new Second(p))).isSameAs(s);
        assertThat(a.local(First.class, p -> new First())).isSameAs(s.first);
        assertThat(b.local(First.class, p -> new First())).isNotSameAs(s.first);
        assertThat(made[0]).isEqualTo(1);
    }

    @Test
    void statusConstantsHaveTheCommitsValues() {
        assertThat(
                        new int[] {
                            GStatus.Gidle,
                            GStatus.Grunnable,
                            GStatus.Grunning,
                            GStatus.Gsyscall,
                            GStatus.Gwaiting,
                            GStatus.Gmoribund_unused,
                            GStatus.Gdead,
                            GStatus.Genqueue,
                            GStatus.Gcopystack
                        })
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(
                        new int[] {
                            GStatus.Gscan,
                            GStatus.Gscanrunnable,
                            GStatus.Gscanrunning,
                            GStatus.Gscansyscall,
                            GStatus.Gscanwaiting,
                            GStatus.Gscanenqueue
                        })
                .containsExactly(0x1000, 0x1001, 0x1002, 0x1003, 0x1004, 0x1007);
        assertThat(
                        new int[] {
                            PStatus.Pidle,
                            PStatus.Prunning,
                            PStatus.Psyscall,
                            PStatus.Pgcstop,
                            PStatus.Pdead
                        })
                .containsExactly(0, 1, 2, 3, 4);
    }
}
