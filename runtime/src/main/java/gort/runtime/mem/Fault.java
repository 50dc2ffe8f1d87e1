package gort.runtime.mem;

/**
 * An access that the simulated hardware refuses: the counterpart of SIGSEGV (an address outside
 * every mapped range, including the never-mapped nil page) and SIGBUS (a misaligned atomic). The
 * CPU turns it into Go's sigpanic: for a fault address below 0x1000 ({@link #isNilPage()}) {@code
 * panic: runtime error: invalid memory address or nil pointer dereference}, otherwise {@code
 * unexpected fault address 0x...} and {@code fatal error: fault}.
 *
 * <p>The address is the first byte the access could not reach: for an access that starts on a
 * mapped page and runs into an unmapped one, the first byte of the unmapped page, as the hardware
 * reports it. A faulting access writes nothing.
 */
public final class Fault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the access faulted. */
    public enum Cause {
        /** No mapping at the address (SIGSEGV). */
        UNMAPPED,
        /** An atomic operation on an address not aligned to its size (SIGBUS). */
        MISALIGNED
    }

    private final long addr;
    private final boolean write;
    private final Cause cause;

    public Fault(long addr, boolean write, Cause cause) {
        super(describe(addr, write, cause));
        this.addr = addr;
        this.write = write;
        this.cause = cause;
    }

    /** The fault address (siginfo's si_addr, Go's g->sigcode1). */
    public long addr() {
        return addr;
    }

    /** Whether the access was a write (an atomic read-modify-write counts as a write). */
    public boolean isWrite() {
        return write;
    }

    public Cause faultCause() {
        return cause;
    }

    /**
     * Whether sigpanic treats it as a nil dereference: the address is in the first 0x1000 bytes.
     */
    public boolean isNilPage() {
        return Long.compareUnsigned(addr, Memory.PhysPageSize) < 0;
    }

    private static String describe(long addr, boolean write, Cause cause) {
        return (cause == Cause.MISALIGNED ? "misaligned atomic " : "unmapped ")
                + (write ? "write" : "read")
                + " at 0x"
                + Long.toHexString(addr);
    }
}
