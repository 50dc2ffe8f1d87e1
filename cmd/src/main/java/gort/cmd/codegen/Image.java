package gort.cmd.codegen;

import gort.runtime.cpu.Text;
import gort.runtime.mem.Memory;

/**
 * A linked program: its text, its read-only data, which lives in {@link Memory} from {@link
 * #dataStart} (the first page boundary after the text, as 6l/5l place rodata after text), and its
 * writable bss (the package-level variables) from {@link #bssStart}, the first page boundary after
 * the rodata.
 *
 * @param text the linked functions and their tables
 * @param dataStart address of the first data byte, a multiple of {@link Memory#PhysPageSize}
 * @param data the data bytes (string constants, static FuncVals with their entries filled in)
 * @param bssStart address of the bss, a multiple of {@link Memory#PhysPageSize}
 * @param bssSize bytes of bss (zero when the program has no package-level variables)
 * @param gcdata address (in the rodata) of runtime·gcdata, the GC program of the data section,
 *     which in gort is empty: it starts and ends at {@link #bssStart}
 * @param gcbss address (in the rodata) of runtime·gcbss, the GC program of the bss
 */
public record Image(
        Text text,
        long dataStart,
        byte[] data,
        long bssStart,
        long bssSize,
        long gcdata,
        long gcbss) {

    public Image {
        data = data.clone();
    }

    /** An image without bss and GC programs. */
    public Image(Text text, long dataStart, byte[] data) {
        this(text, dataStart, data, dataStart + roundPage(data.length), 0, 0, 0);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * Reserves and maps the region "rodata" in {@code mem} and copies the data there; then reserves
     * and maps the region "bss" (zeroed, writable) for the package variables.
     */
    public void load(Memory mem) {
        if (data.length > 0) {
            long size = roundPage(data.length);
            mem.reserve("rodata", dataStart, size);
            mem.map(dataStart, size);
            mem.copyIn(dataStart, data, 0, data.length);
        }
        if (bssSize > 0) {
            long size = roundPage(bssSize);
            mem.reserve("bss", bssStart, size);
            mem.map(bssStart, size);
            mem.memclr(bssStart, bssSize);
        }
    }

    static long roundPage(long a) {
        return (a + Memory.PhysPageSize - 1) & -(long) Memory.PhysPageSize;
    }
}
