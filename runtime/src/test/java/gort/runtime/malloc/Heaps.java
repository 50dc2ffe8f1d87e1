package gort.runtime.malloc;

import gort.runtime.GoProcess;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import gort.runtime.os.SimOs;
import gort.runtime.type.Type;
import java.io.ByteArrayOutputStream;

/** Full processes for the allocator's tests: a one-function text, the sim backend. */
final class Heaps {
    private Heaps() {}

    static GoProcess process(Arch arch, ByteArrayOutputStream out) {
        Text text =
                new Linker(arch)
                        .add(
                                new FuncBuilder(arch, "gort.halt")
                                        .nosplit(true)
                                        .pos("halt.s", 1)
                                        .halt())
                        .link();
        return GoProcess.builder(text).os(new SimOs(1)).stderr(out).morestack(cpu -> {}).build();
    }

    /**
     * A type descriptor in runtime memory: size bytes, kind flags, and the embedded GC mask bytes
     * (two words per byte, pointer bits at shift 2 and 6) in gc[0].
     */
    static long type(Malloc m, long size, int kind, int... mask) {
        Arch a = m.process.arch();
        long t = m.persistentalloc(Type.sizeof(a), 0, n -> {});
        m.mem.storep(t + Type.size(a), size);
        m.mem.store8(t + Type.kind(a), kind);
        for (int i = 0; i < mask.length; i++) {
            m.mem.store8(t + Type.gc(a, 0) + i, mask[i]);
        }
        return t;
    }
}
