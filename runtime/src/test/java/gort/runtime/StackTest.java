package gort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.api.Test;

/**
 * The stack constants equal the values at 0a7c7ac80, checked by hand against
 * src/pkg/runtime/stack.h (StackSystem .. StackTop, StackPreempt), malloc.h (StackCacheSize,
 * NumStackOrders) and stack.c (StackDebug, StackFromSystem, StackFaultOnFree, StackCache), for GOOS
 * linux.
 */
class StackTest {
    @Test
    void stackHConstantsHaveTheCommitsValues() {
        assertThat(Stack.StackSystem).isEqualTo(0);
        assertThat(Stack.StackExtra).isEqualTo(2048);
        assertThat(Stack.StackMin).isEqualTo(8192);
        assertThat(Stack.StackSystemRounded).isEqualTo(0);
        assertThat(Stack.FixedStack).isEqualTo(8192);
        assertThat(Stack.StackBig).isEqualTo(4096);
        assertThat(Stack.StackGuard).isEqualTo(256);
        assertThat(Stack.StackSmall).isEqualTo(128);
        assertThat(Stack.StackLimit).isEqualTo(128);
        assertThat(Stack.StackTop).isEqualTo(88);
    }

    @Test
    void stackPreemptIsMinus1314AsAUintptrOfTheArchsWidth() {
        assertThat(Stack.StackPreempt(Arch.amd64))
                .isEqualTo(0xfffffffffffffadeL)
                .isEqualTo(Stack.StackPreempt64);
        assertThat(Stack.StackPreempt(Arch.arm))
                .isEqualTo(0xfffffadeL)
                .isEqualTo(Stack.StackPreempt32);
        assertThat(Stack.StackPreemptValue).isEqualTo(-1314L);
    }

    @Test
    void stackPreemptIsAboveEveryRealStackPointer() {
        assertThat(Long.compareUnsigned(Stack.StackPreempt(Arch.amd64), 0x7ffffffff000L))
                .isPositive();
        assertThat(Long.compareUnsigned(Stack.StackPreempt(Arch.arm), 0xbf000000L)).isPositive();
    }

    @Test
    void stackCacheConstantsOfMallocHAndStackC() {
        assertThat(Stack.StackCacheSize).isEqualTo(32 * 1024);
        assertThat(Stack.NumStackOrders).isEqualTo(3);
        assertThat(Stack.StackDebug).isEqualTo(0);
        assertThat(Stack.StackFromSystem).isEqualTo(0);
        assertThat(Stack.StackFaultOnFree).isEqualTo(0);
        assertThat(Stack.StackCache).isEqualTo(1);
    }
}
