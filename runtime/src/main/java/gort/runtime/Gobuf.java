package gort.runtime;

/**
 * A saved register set (runtime.h {@code struct Gobuf}): what gogo restores to resume a G.
 * Addresses are simulated-machine addresses.
 */
public final class Gobuf {
    public long sp;
    public long pc;
    public G g;

    /** Closure context: the address of the FuncVal being called, or 0. */
    public long ctxt;

    public long ret;

    /** Saved link register (arm only). */
    public long lr;
}
