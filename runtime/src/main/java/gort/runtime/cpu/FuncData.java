package gort.runtime.cpu;

/**
 * The constants of funcdata.h and of mgc0.h's pointer maps at 0a7c7ac80, under their C names and
 * values: which pc-value table and which funcdata slot mean what, and the two-bit word kinds of the
 * stack maps.
 */
public final class FuncData {
    private FuncData() {}

    // ---- funcdata.h ----

    /** pcdata table: the argument size at a CALL whose callee's size is not static. */
    public static final int PCDATA_ArgSize = 0;

    /** pcdata table: which stack map (bit vector index) applies at a call site. */
    public static final int PCDATA_StackMapIndex = 1;

    /** funcdata slot: the arguments' stack maps. */
    public static final int FUNCDATA_ArgsPointerMaps = 2;

    /** funcdata slot: the locals' stack maps. */
    public static final int FUNCDATA_LocalsPointerMaps = 3;

    /** funcdata slot: dead value maps (unused by the runtime at this commit). */
    public static final int FUNCDATA_DeadValueMaps = 4;

    /** Func.args when the argument size is not known (assembly functions without a size). */
    public static final int ArgsSizeUnknown = 0x80000000;

    // ---- mgc0.h: pointer maps ----

    /** Bits per word in a stack map. */
    public static final int BitsPerPointer = 2;

    public static final int BitsMask = (1 << BitsPerPointer) - 1;
    public static final int PointersPerByte = 8 / BitsPerPointer;

    /** The word holds nothing live. */
    public static final int BitsDead = 0;

    /** The word holds a non-pointer. */
    public static final int BitsScalar = 1;

    /** The word holds a pointer. */
    public static final int BitsPointer = 2;

    /**
     * First word of an interface; the next word's pair says {@link #BitsIface} or {@link
     * #BitsEface}.
     */
    public static final int BitsMultiWord = 3;

    /** Second pair after BitsMultiWord: a non-empty interface (itab, data). */
    public static final int BitsIface = 2;

    /** Second pair after BitsMultiWord: an empty interface (type, data). */
    public static final int BitsEface = 3;
}
