package gort.runtime.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The arch descriptors hold the facts of arch_amd64.h, arch_arm.h (0a7c7ac80) and liblink's
 * LinkArch (obj6.c: minlc 1, ptrsize 8, regsize 8; obj5.c: minlc 4, ptrsize 4, regsize 4).
 */
class ArchTest {
    @Test
    void amd64IsThe64BitPortWhoseCallPushesTheReturnPc() {
        Arch a = Arch.amd64;
        assertThat(a.thechar).isEqualTo('6');
        assertThat(a.PtrSize).isEqualTo(8);
        assertThat(a.RegSize).isEqualTo(8);
        assertThat(a.PCQuantum).isEqualTo(1);
        assertThat(a.Int64Align).isEqualTo(8);
        assertThat(a.CacheLineSize).isEqualTo(64);
        assertThat(a.hasLinkRegister).isFalse();
        assertThat(a.callPushesReturnPC()).isTrue();
        assertThat(a.ptrBits()).isEqualTo(64);
    }

    @Test
    void armIsThe32BitPortWithALinkRegisterSavedByTheCallee() {
        Arch a = Arch.arm;
        assertThat(a.thechar).isEqualTo('5');
        assertThat(a.PtrSize).isEqualTo(4);
        assertThat(a.RegSize).isEqualTo(4);
        assertThat(a.PCQuantum).isEqualTo(4);
        assertThat(a.Int64Align).isEqualTo(4);
        assertThat(a.CacheLineSize).isEqualTo(32);
        assertThat(a.hasLinkRegister).isTrue();
        assertThat(a.callPushesReturnPC()).isFalse();
        assertThat(a.ptrBits()).isEqualTo(32);
    }

    @Test
    void bothPortsAreLittleEndianWith4KiBPages() {
        assertThat(Arch.BigEndian).isFalse();
        assertThat(Arch.PhysPageSize).isEqualTo(4096);
    }

    @Test
    void uintptrTruncatesTo32BitsOnArmOnly() {
        assertThat(Arch.amd64.uintptr(-1314L)).isEqualTo(0xfffffffffffffadeL);
        assertThat(Arch.arm.uintptr(-1314L)).isEqualTo(0xfffffadeL);
        assertThat(Arch.arm.maxUintptr()).isEqualTo(0xffffffffL);
    }

    @Test
    void lookupFindsBothGoarchesByTheirGoNames() {
        assertThat(Arch.lookup("amd64")).isSameAs(Arch.amd64);
        assertThat(Arch.lookup("arm")).isSameAs(Arch.arm);
        assertThat(Arch.amd64.goarch()).isEqualTo("amd64");
        assertThat(Arch.arm.goarch()).isEqualTo("arm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"386", "arm64", "amd64p32", "AMD64", "x", ""})
    void lookupOfAnyOtherGoarchSaysWhatGortSimulates(String goarch) {
        assertThatThrownBy(() -> Arch.lookup(goarch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "gort: unsupported GOARCH \""
                                + goarch
                                + "\"; gort simulates amd64 and arm");
    }
}
