package gort.cmd.codegen;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The read-only data of a program: the bytes of its string constants, each stored once. The
 * linker of 2014 put them in rodata right after the text; gort does the same at
 * {@link Image#dataStart}, so a string's address is {@code dataStart + offset(s)}.
 *
 * <p>Not thread-safe; one per generation pass.
 */
final class DataSegment {
  private final Map<String, Integer> offsets = new HashMap<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** Offset of the bytes of {@code s} (one char per byte, as {@code Constant.bytes()}). */
  int intern(String s) {
    Integer off = offsets.get(s);
    if (off != null) {
      return off;
    }
    int at = bytes.size();
    for (int i = 0; i < s.length(); i++) {
      bytes.write(s.charAt(i) & 0xff);
    }
    offsets.put(s, at);
    return at;
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
