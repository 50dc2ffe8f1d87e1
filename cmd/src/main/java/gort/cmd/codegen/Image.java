package gort.cmd.codegen;

import gort.runtime.cpu.Text;
import gort.runtime.mem.Memory;

/**
 * A linked program: its text and its read-only data, which lives in {@link Memory} from
 * {@link #dataStart} (the first page boundary after the text, as 6l/5l place rodata after text).
 *
 * @param text the linked functions and their tables
 * @param dataStart address of the first data byte, a multiple of {@link Memory#PhysPageSize}
 * @param data the data bytes (string constants)
 */
public record Image(Text text, long dataStart, byte[] data) {

  public Image {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Reserves and maps the region "rodata" in {@code mem} and copies the data there. */
  public void load(Memory mem) {
    if (data.length == 0) {
      return;
    }
    long size = (data.length + Memory.PhysPageSize - 1) & -(long) Memory.PhysPageSize;
    mem.reserve("rodata", dataStart, size);
    mem.map(dataStart, size);
    mem.copyIn(dataStart, data, 0, data.length);
  }
}
