package gort.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.arch.Arch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * runtime·cas, xadd, xchg, atomicload, atomicstore and their 64-bit and pointer forms on Memory,
 * done the JVM's default way (VarHandles on JDK 17..21, the lock table on JDK 22+); {@link
 * LockedMemoryAtomicsTest} runs the same cases on the lock table on every JDK.
 */
class MemoryAtomicsTest {
    static final long BASE = 0x100000;
    static final long PAGE = Memory.PhysPageSize;

    Memory newMemory(Arch arch) {
        return Memory.create(arch);
    }

    private Memory space(Arch arch) {
        Memory m = newMemory(arch);
        m.reserve("test", BASE, 4 * PAGE);
        m.map(BASE, 3 * PAGE);
        return m;
    }

    private Memory mem;

    @BeforeEach
    void setUp() {
        mem = space(Arch.amd64);
    }

    @Test
    void casSucceedsOnlyWhenTheWordHoldsOld() {
        assertThat(mem.cas(BASE, 0, 5)).isTrue();
        assertThat(mem.load32(BASE)).isEqualTo(5);
        assertThat(mem.cas(BASE, 0, 6)).isFalse();
        assertThat(mem.load32(BASE)).isEqualTo(5);
        assertThat(mem.cas(BASE, 5, -1)).isTrue();
        assertThat(mem.atomicload(BASE)).isEqualTo(-1);
        assertThat(mem.load32(BASE + 4)).isZero();
    }

    @Test
    void cas64SucceedsOnlyWhenTheWordHoldsOld() {
        assertThat(mem.cas64(BASE + 8, 0, 0x100000001L)).isTrue();
        assertThat(mem.cas64(BASE + 8, 1, 2)).isFalse();
        assertThat(mem.atomicload64(BASE + 8)).isEqualTo(0x100000001L);
        assertThat(mem.load32(BASE + 12)).isEqualTo(1);
    }

    @Test
    void xaddReturnsTheNewValueAndXchgTheOld() {
        assertThat(mem.xadd(BASE, 3)).isEqualTo(3);
        assertThat(mem.xadd(BASE, -5)).isEqualTo(-2);
        assertThat(mem.xchg(BASE, 9)).isEqualTo(-2);
        assertThat(mem.xadd64(BASE + 8, 1L << 40)).isEqualTo(1L << 40);
        assertThat(mem.xadd64(BASE + 8, -1)).isEqualTo((1L << 40) - 1);
        assertThat(mem.xchg64(BASE + 8, 7)).isEqualTo((1L << 40) - 1);
        assertThat(mem.load64(BASE + 8)).isEqualTo(7);
    }

    @Test
    void atomicStoresAreSeenByPlainAndAtomicLoads() {
        mem.atomicstore(BASE + 2 * PAGE, 0x7f000001);
        mem.atomicstore64(BASE + 2 * PAGE + 8, Long.MIN_VALUE);
        assertThat(mem.load32(BASE + 2 * PAGE)).isEqualTo(0x7f000001);
        assertThat(mem.atomicload64(BASE + 2 * PAGE + 8)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void atomicLoadOfAnUntouchedWordIsZeroAndMakesNothingResident() {
        assertThat(mem.atomicload(BASE + PAGE)).isZero();
        assertThat(mem.atomicload64(BASE + PAGE + 8)).isZero();
        assertThat(mem.residentBytes()).isZero();
    }

    @Test
    void pointerAtomicsHaveTheArchsWidth() {
        assertThat(mem.casp(BASE, 0, 0xc208000000L)).isTrue();
        assertThat(mem.atomicloadp(BASE)).isEqualTo(0xc208000000L);
        assertThat(mem.xchgp(BASE, 1)).isEqualTo(0xc208000000L);

        Memory arm = space(Arch.arm);
        arm.store32(BASE + 4, -1);
        assertThat(arm.casp(BASE, 0, 0xfffffadeL)).isTrue();
        assertThat(arm.atomicloadp(BASE)).isEqualTo(0xfffffadeL);
        arm.atomicstorep(BASE, 0x10300000L);
        assertThat(arm.loadp(BASE)).isEqualTo(0x10300000L);
        assertThat(arm.load32(BASE + 4)).isEqualTo(-1);
    }

    @Test
    void misalignedAtomicsFault() {
        for (long a : new long[] {BASE + 1, BASE + 2, BASE + 3}) {
            assertThatThrownBy(() -> mem.cas(a, 0, 1))
                    .isInstanceOfSatisfying(
                            Fault.class,
                            f -> {
                                assertThat(f.faultCause()).isEqualTo(Fault.Cause.MISALIGNED);
                                assertThat(f.addr()).isEqualTo(a);
                                assertThat(f.isWrite()).isTrue();
                            });
        }
        assertThatThrownBy(() -> mem.atomicload(BASE + 2)).isInstanceOf(Fault.class);
        assertThatThrownBy(() -> mem.xadd64(BASE + 4, 1))
                .isInstanceOfSatisfying(
                        Fault.class,
                        f -> assertThat(f.faultCause()).isEqualTo(Fault.Cause.MISALIGNED));
        assertThatThrownBy(() -> mem.atomicload64(BASE + 4))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.isWrite()).isFalse());
    }

    @Test
    void armDoes64BitAtomicsOnFourAlignedWordsAsAtomicArmCDoes() {
        Memory arm = space(Arch.arm);
        long a = BASE + PAGE - 4; // 4-aligned, straddles a page
        assertThat(arm.cas64(a, 0, 0x0123456789abcdefL)).isTrue();
        assertThat(arm.cas64(a, 0, 1)).isFalse();
        assertThat(arm.xadd64(a, 1)).isEqualTo(0x0123456789abcdf0L);
        assertThat(arm.atomicload64(a)).isEqualTo(0x0123456789abcdf0L);
        assertThat(arm.load32(BASE + PAGE)).isEqualTo(0x01234567);
        assertThatThrownBy(() -> arm.cas64(a + 2, 0, 1)).isInstanceOf(Fault.class);
    }

    @Test
    void atomicsOnUnmappedWordsFault() {
        assertThatThrownBy(() -> mem.cas(BASE + 3 * PAGE, 0, 1))
                .isInstanceOfSatisfying(
                        Fault.class,
                        f -> {
                            assertThat(f.faultCause()).isEqualTo(Fault.Cause.UNMAPPED);
                            assertThat(f.addr()).isEqualTo(BASE + 3 * PAGE);
                        });
        assertThatThrownBy(() -> mem.atomicload(0)).isInstanceOf(Fault.class);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void twoThreadsXaddingTheSameWordLoseNoIncrement(Arch arch) throws Exception {
        Memory m = space(arch);
        long word = BASE + PAGE; // not resident yet: both threads race to make it so
        long word64 = BASE + 2 * PAGE + (arch == Arch.arm ? 4 : 8);
        int rounds = 200_000;
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable adder =
                () -> {
                    try {
                        start.await();
                        for (int i = 0; i < rounds; i++) {
                            m.xadd(word, 1);
                            m.xadd64(word64, 3);
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                };
        Thread t1 = new Thread(adder, "M1");
        Thread t2 = new Thread(adder, "M2");
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        assertThat(failure.get()).isNull();
        assertThat(m.atomicload(word)).isEqualTo(2 * rounds);
        assertThat(m.atomicload64(word64)).isEqualTo(6L * rounds);
        assertThat(m.residentBytes()).isEqualTo(2 * PAGE);
    }

    @Test
    void twoThreadsWritingAnUntouchedPageAtOnceKeepBothWrites() throws Exception {
        for (int round = 0; round < 200; round++) {
            Memory m = space(Arch.amd64);
            CyclicBarrier start = new CyclicBarrier(2);
            Thread t1 =
                    new Thread(
                            () -> {
                                await(start);
                                m.store64(BASE, 1);
                            });
            Thread t2 =
                    new Thread(
                            () -> {
                                await(start);
                                m.store64(BASE + 8, 2);
                            });
            t1.start();
            t2.start();
            t1.join();
            t2.join();
            assertThat(m.load64(BASE)).isEqualTo(1);
            assertThat(m.load64(BASE + 8)).isEqualTo(2);
            assertThat(m.residentBytes()).isEqualTo(PAGE);
        }
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
