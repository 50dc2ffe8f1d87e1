package gort.heapdump.reader;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds dumps byte by byte in heapdump.c's encoding (dumpint, dumpbool, dumpmemrange). */
final class DumpBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    DumpBytes header() {
        return raw(DumpReader.HEADER.getBytes(StandardCharsets.US_ASCII));
    }

    DumpBytes raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    DumpBytes i(long v) {
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            out.write((int) (v | 0x80) & 0xff);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    DumpBytes b(boolean v) {
        return i(v ? 1 : 0);
    }

    DumpBytes s(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        return i(b.length).raw(b);
    }

    DumpBytes mem(byte[] b) {
        return i(b.length).raw(b);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * A dump with one record of every tag, as a process with one waiting goroutine (two frames, a
     * defer), two threads, three heap objects, data and bss, a finalizer and a memory profile
     * bucket would give.
     */
    static byte[] sample() {
        DumpBytes d = new DumpBytes().header();
        d.i(DumpReader.TagParams).b(false).i(8).i(0xc208000000L).i(0xc208100000L).i('6').s("").i(2);
        d.i(DumpReader.TagItab).i(0x4a0000).b(true);
        d.i(DumpReader.TagObject).i(0xc208000000L).i(0).i(0).mem(new byte[16]);
        d.i(DumpReader.TagObject).i(0xc208000010L).i(0).i(0).mem(new byte[16]);
        d.i(DumpReader.TagObject).i(0xc208001000L).i(0).i(0).mem(new byte[48]);
        d.i(DumpReader.TagType).i(0x4a1000).i(8).s("main.T").b(false).i(0);
        d.i(DumpReader.TagGoRoutine)
                .i(0xc208002000L)
                .i(0xc208010f00L)
                .i(4)
                .i(0x400d00)
                .i(4)
                .b(false)
                .b(false)
                .i(0)
                .s("chan receive")
                .i(0)
                .i(0)
                .i(0xc208003000L)
                .i(0);
        d.i(DumpReader.TagStackFrame)
                .i(0xc208010f00L)
                .i(0)
                .i(0)
                .mem(new byte[32])
                .i(0x400ce0)
                .i(0x400cfc)
                .i(0x400cfc)
                .s("main.waiter")
                .i(1)
                .i(8)
                .i(0);
        d.i(DumpReader.TagStackFrame)
                .i(0xc208010f20L)
                .i(1)
                .i(0xc208010f00L)
                .mem(new byte[8])
                .i(0x400c40)
                .i(0x400c40)
                .i(0x400c40)
                .s("runtime.goexit")
                .i(0);
        d.i(DumpReader.TagDefer)
                .i(0xc208003000L)
                .i(0xc208002000L)
                .i(0xc208010f28L)
                .i(0x400d10)
                .i(0xc208004000L)
                .i(0x400e00)
                .i(0);
        d.i(DumpReader.TagOSThread).i(0xc208005000L).i(0).i(100);
        d.i(DumpReader.TagOSThread).i(0xc208006000L).i(1).i(101);
        d.i(DumpReader.TagData).i(0x500000).mem(new byte[16]).i(1).i(0).i(0);
        d.i(DumpReader.TagBss).i(0x500010).mem(new byte[24]).i(1).i(8).i(0);
        d.i(DumpReader.TagFinalizer)
                .i(0xc208000000L)
                .i(0x4b0000)
                .i(0x400f00)
                .i(0x4a1000)
                .i(0x4a1100);
        d.i(DumpReader.TagMemStats);
        for (int k = 0; k < 24 + 256; k++) {
            d.i(k);
        }
        d.i(3);
        d.i(DumpReader.TagMemProf)
                .i(0x600000)
                .i(16)
                .i(2)
                .s("main.alloc")
                .s("/src/prog.go")
                .i(12)
                .s("main.main")
                .s("/src/prog.go")
                .i(20)
                .i(5)
                .i(1);
        d.i(DumpReader.TagAllocSample).i(0xc208000010L).i(0x600000);
        d.i(DumpReader.TagEOF);
        return d.bytes();
    }
}
