package gort.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.api.Test;

/** The atomics' cases again with every atomic on the lock table, as JDK 22+ runs them. */
class LockedMemoryAtomicsTest extends MemoryAtomicsTest {
    @Override
    Memory newMemory(Arch arch) {
        return Memory.createWithLockedAtomics(arch);
    }

    @Test
    void thisMemoryTakesLocks() {
        assertThat(newMemory(Arch.amd64).lockFreeAtomics()).isFalse();
    }
}
