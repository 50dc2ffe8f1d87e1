package gort.runtime.cpu;

import java.util.Objects;

/**
 * One function of the text (runtime.h {@code struct Func}): its name, entry pc, argument and frame
 * sizes, its pc-value tables (sp delta, file, line, pcdata) and funcdata (stack maps). The lookups
 * that read it are {@link Text}'s, under symtab.c's names.
 *
 * <p>Field meanings follow the 2014 linker (ld/pcln.c): {@link #frame} is the "legacy frame size"
 * {@code locals + PtrSize}, or just {@code locals} for an arm leaf; {@link #args} is the size of
 * the arguments and results, or {@link FuncData#ArgsSizeUnknown}. gort adds the facts the linker
 * knew but Func did not record: {@link #end}, {@link #locals}, {@link #nosplit}, {@link #leaf} and
 * {@link #needctxt}. Immutable.
 */
public final class Func {
    /** Full name: {@code main.f}, {@code main.func·001}, {@code runtime.goexit}. */
    public final String name;

    /** The first pc of the function. */
    public final long entry;

    /** The pc after its last instruction. */
    public final long end;

    /** Argument + result bytes, or ArgsSizeUnknown. */
    public final int args;

    /** Legacy frame size (ld/pcln.c): locals + PtrSize, locals alone for an arm leaf. */
    public final int frame;

    /** Locals and outgoing-args bytes (the linker's textstksiz, cursym->locals). */
    public final int locals;

    /** No split-stack check in the prologue (NOSPLIT, given or inferred as liblink does). */
    public final boolean nosplit;

    /** arm: the function saves no LR (liblink's cursym->leaf); always false on amd64. */
    public final boolean leaf;

    /** The function reads CTXT (a closure body): morestack saves it rather than zeroing it. */
    public final boolean needctxt;

    final PcTable pcsp;
    final PcTable pcfile;
    final PcTable pcln;
    final PcTable[] pcdata;
    final StackMap[] funcdata;

    /** Index of the first instruction in the text's code array. */
    final int entryIndex;

    Func(
            String name,
            long entry,
            long end,
            int args,
            int frame,
            int locals,
            boolean nosplit,
            boolean leaf,
            boolean needctxt,
            PcTable pcsp,
            PcTable pcfile,
            PcTable pcln,
            PcTable[] pcdata,
            StackMap[] funcdata,
            int entryIndex) {
        this.name = Objects.requireNonNull(name, "name");
        this.entry = entry;
        this.end = end;
        this.args = args;
        this.frame = frame;
        this.locals = locals;
        this.nosplit = nosplit;
        this.leaf = leaf;
        this.needctxt = needctxt;
        this.pcsp = pcsp;
        this.pcfile = pcfile;
        this.pcln = pcln;
        this.pcdata = pcdata;
        this.funcdata = funcdata;
        this.entryIndex = entryIndex;
    }

    /** Number of pcdata tables (Func.npcdata). */
    public int npcdata() {
        return pcdata.length;
    }

    /** Number of funcdata slots (Func.nfuncdata). */
    public int nfuncdata() {
        return funcdata.length;
    }

    @Override
    public String toString() {
        return name + "@0x" + Long.toHexString(entry);
    }
}
