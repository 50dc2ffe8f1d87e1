package gort.heapdump.reader;

/** A dump that is not what heapdump.c writes: where (byte offset) and what is wrong. */
public final class DumpFormatException extends Exception {
    private final long offset;

    public DumpFormatException(long offset, String what) {
        super("offset " + offset + ": " + what);
        this.offset = offset;
    }

    /** The byte offset in the file where reading went wrong. */
    public long offset() {
        return offset;
    }
}
