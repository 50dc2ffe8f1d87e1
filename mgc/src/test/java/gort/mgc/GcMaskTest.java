package gort.mgc;

import static org.assertj.core.api.Assertions.assertThat;

import gort.traceback.Stkframe;
import org.junit.jupiter.api.Test;

/** getgcmaskcb's choice of the frame whose locals hold an address. */
class GcMaskTest {
    static Stkframe frame(long sp, long varp) {
        Stkframe f = new Stkframe();
        f.sp = sp;
        f.varp = varp;
        f.continpc = 0x1234;
        return f;
    }

    @Test
    void anAddressBelowTheFramesVarpEndsTheWalkWithTheFrameCopied() {
        Stkframe want = new Stkframe();
        want.sp = 0xc000_0f10L;
        Stkframe f = frame(0xc000_0f00L, 0xc000_0f40L);

        assertThat(GcMask.getgcmaskcb(f, want)).isFalse();
        assertThat(want.sp).isEqualTo(f.sp);
        assertThat(want.varp).isEqualTo(f.varp);
        assertThat(want.continpc).isEqualTo(0x1234);
    }

    @Test
    void anAddressAtOrAboveVarpLetsTheWalkGoOn() {
        Stkframe want = new Stkframe();
        want.sp = 0xc000_0f40L;
        Stkframe f = frame(0xc000_0f00L, 0xc000_0f40L);

        assertThat(GcMask.getgcmaskcb(f, want)).isTrue();
        assertThat(want.sp).isEqualTo(0xc000_0f40L);
        assertThat(want.fn).isNull();
    }
}
