package gort.runtime.arch;

import java.util.Objects;

/**
 * The simulated GOARCHes: the facts of arch_amd64.h and arch_arm.h at 0a7c7ac80, plus the two the
 * linkers keep (liblink's LinkArch: ptrsize, regsize) and the call convention the CPU follows. The
 * simulated GOARCH is independent of the host's: a JVM on arm64 simulates amd64 and a JVM on amd64
 * simulates the 32-bit arm port.
 *
 * <p>Call conventions, which the CPU, traceback and stack copying follow:
 *
 * <ul>
 *   <li>{@link #amd64}: CALL pushes the return PC onto the stack; at a function's entry 0(SP) holds
 *       it and the arguments start at PtrSize(SP). No link register.
 *   <li>{@link #arm}: BL puts the return PC in the link register LR (R14); a function with a frame
 *       saves LR at 0(SP) of its own frame in its prologue (the callee saves it), and the caller's
 *       outgoing arguments start at 4(R13) as seen from the caller's frame. A leaf function
 *       declared with frame size $-4 does not save LR.
 * </ul>
 *
 * <p>Both are little-endian (BigEndian = 0). Int64Align is the alignment the compiler gives 64-bit
 * values: 8 on amd64 but 4 on arm, which is why arm's 64-bit atomics of the time take a lock
 * (atomic_arm.c) instead of needing 8-byte alignment.
 *
 * <p>Constant names are C's (STYLE.md): the enum constants are the GOARCH names, the fields the
 * names of arch_*.h's enum.
 */
public enum Arch {
    /** GOARCH=amd64: 6g/6l, 64-bit pointers, return PC pushed by CALL. */
    amd64('6', 8, 8, 1, false, 8, 64),
    /** GOARCH=arm: 5g/5l, the 2014 32-bit port (GOARM 5..7), link register saved by the callee. */
    arm('5', 4, 4, 4, true, 4, 32);

    /** Both ports are little-endian (arch_*.h BigEndian = 0). */
    public static final boolean BigEndian = false;

    /** The hardware page size of both ports outside NaCl (arch_*.h PhysPageSize). */
    public static final int PhysPageSize = 4096;

    /** The tool-chain letter: 6g, 6l for amd64; 5g, 5l for arm (arch_*.h thechar). */
    public final char thechar;

    /** sizeof(void*) and sizeof(uintptr) (runtime.h PtrSize; LinkArch ptrsize). */
    public final int PtrSize;

    /** Size of a general register (LinkArch regsize); equals PtrSize on both ports. */
    public final int RegSize;

    /** The unit of PC values: instructions are 1-byte granular on amd64, 4-byte words on arm. */
    public final int PCQuantum;

    /** The return PC goes to a link register (arm's LR) instead of being pushed by CALL. */
    public final boolean hasLinkRegister;

    /** Alignment of 64-bit values in memory laid out by the compiler (arch_*.h Int64Align). */
    public final int Int64Align;

    /** Padding unit against false sharing (arch_*.h CacheLineSize). */
    public final int CacheLineSize;

    private final long uintptrMask;

    Arch(
            char thechar,
            int ptrSize,
            int regSize,
            int pcQuantum,
            boolean hasLinkRegister,
            int int64Align,
            int cacheLineSize) {
        this.thechar = thechar;
        this.PtrSize = ptrSize;
        this.RegSize = regSize;
        this.PCQuantum = pcQuantum;
        this.hasLinkRegister = hasLinkRegister;
        this.Int64Align = int64Align;
        this.CacheLineSize = cacheLineSize;
        this.uintptrMask = ptrSize == 8 ? -1L : 0xffffffffL;
    }

    /** The GOARCH name, as GOARCH and runtime.GOARCH spell it. */
    public String goarch() {
        return name();
    }

    /** Whether CALL itself pushes the return PC (amd64), the complement of a link register. */
    public boolean callPushesReturnPC() {
        return !hasLinkRegister;
    }

    /** Width of a pointer in bits: 64 or 32. */
    public int ptrBits() {
        return PtrSize * 8;
    }

    /**
     * {@code v} converted to this arch's uintptr, as C's {@code (uintptr)v}: unchanged on amd64,
     * its low 32 bits (zero-extended) on arm. Addresses of the simulated machine are always held in
     * this form.
     */
    public long uintptr(long v) {
        return v & uintptrMask;
    }

    /** The largest uintptr: 0xffffffffffffffff on amd64, 0xffffffff on arm. */
    public long maxUintptr() {
        return uintptrMask;
    }

    /**
     * The arch named {@code goarch}. Anything other than "amd64" or "arm" (386, arm64, amd64p32,
     * the empty string) is an error a user can cause, reported with a message the command line
     * prints as it stands.
     *
     * @throws IllegalArgumentException with the message {@code gort: unsupported GOARCH "x"; gort
     *     simulates amd64 and arm}
     */
    public static Arch lookup(String goarch) {
        Objects.requireNonNull(goarch, "goarch");
        switch (goarch) {
            case "amd64":
                return amd64;
            case "arm":
                return arm;
            default:
                throw new IllegalArgumentException(
                        "gort: unsupported GOARCH \""
                                + goarch
                                + "\"; gort simulates amd64 and arm");
        }
    }
}
