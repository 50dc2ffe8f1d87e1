package gort.runtime.cpu;

import gort.runtime.GoThrow;
import gort.runtime.arch.Arch;
import java.util.List;

/**
 * A linked program's text and symbol table: the code of every function in one array from {@link
 * #textStart} (Layout.initText) up, the runtime functions RTCALL reaches, and the lookups of
 * symtab.c under their C names ({@link #findfunc}, {@link #funcspdelta}, {@link #funcline}, {@link
 * #pcdatavalue}, {@link #funcdata}, ...), which the ported traceback, stack and GC code call as C
 * calls runtime·findfunc and friends. One Text per program; it is immutable, so any number of
 * processes and Ms may run it at once.
 *
 * <p>gort differs from symtab.c in encoding only: pc-value tables are arrays of runs, not varint
 * streams (see {@link PcTable}), and names and files are Java strings. Where symtab.c prints
 * "runtime: invalid pc-encoded table ..." and throws {@code invalid runtime symbol table}, gort
 * raises a {@link GoThrow} with that string and prints nothing: a Text belongs to no process, so it
 * has no print sink.
 */
public final class Text {
    public final Arch arch;

    /** Address of the first instruction. */
    public final long textStart;

    /** Address after the last instruction. */
    public final long textEnd;

    final int[] code;

    /**
     * The code as the CPU runs it: {@link #code} with some opcodes quickened ({@link Cpu#quicken}).
     */
    final int[] exec;

    final long[] pool;

    /** Translates the functions that run often (null with -Dgort.jit=off). */
    final Jit jit;

    private final Func[] ftab;
    final String[] rtNames;
    final RuntimeFunc[] rtFuncs;
    private final String[] filetab;

    /**
     * findfunc's last answer: a frame walk through a deep recursion asks for the same function
     * again and again. A Func is immutable and made before the Text, so a racing read sees null or
     * some earlier answer, each checked against addr before use.
     */
    private Func lastFound;

    Text(
            Arch arch,
            long textStart,
            int[] code,
            long[] pool,
            Func[] ftab,
            String[] rtNames,
            RuntimeFunc[] rtFuncs,
            String[] filetab) {
        this.arch = arch;
        this.textStart = textStart;
        this.textEnd = textStart + (long) code.length / Isa.STRIDE * Isa.INSN_BYTES;
        this.code = code;
        this.exec = Cpu.quicken(code);
        this.pool = pool;
        this.ftab = ftab;
        this.rtNames = rtNames;
        this.rtFuncs = rtFuncs;
        this.filetab = filetab;
        this.jit = Jit.ENABLED ? new Jit(this) : null;
    }

    /** The functions in address order. */
    public List<Func> funcs() {
        return List.of(ftab);
    }

    /** The function named {@code name}, or null. */
    public Func lookup(String name) {
        for (Func f : ftab) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Number of instructions. */
    public int ninsns() {
        return code.length / Isa.STRIDE;
    }

    /** The opcode of the instruction at {@code pc} (see {@link Isa}); -1 outside the text. */
    public int opAt(long pc) {
        if (!inText(pc)) {
            return -1;
        }
        return code[(int) ((pc - textStart) / Isa.INSN_BYTES) * Isa.STRIDE] & 0xff;
    }

    boolean inText(long pc) {
        return pc >= textStart && pc < textEnd && ((pc - textStart) & (Isa.INSN_BYTES - 1)) == 0;
    }

    // ---- symtab.c ----

    /**
     * The function containing {@code addr}, or null. Port of symtab.c findfunc (0a7c7ac80): binary
     * search for the entry at or below addr; gort's table also knows each function's end, which
     * equals the next entry since functions are back to back.
     */
    public Func findfunc(long addr) {
        Func last = lastFound;
        if (last != null && last.entry <= addr && addr < last.end) {
            return last;
        }
        if (ftab.length == 0) {
            return null;
        }
        if (addr < ftab[0].entry || addr >= ftab[ftab.length - 1].end) {
            return null;
        }
        int lo = 0;
        int hi = ftab.length;
        while (lo < hi) {
            int n = (lo + hi) >>> 1;
            Func f = ftab[n];
            if (f.entry <= addr && addr < f.end) {
                lastFound = f;
                return f;
            } else if (addr < f.entry) {
                hi = n;
            } else {
                lo = n + 1;
            }
        }
        return null;
    }

    /** runtime·funcname: the function's name, or null for a null Func. */
    public String funcname(Func f) {
        return f == null ? null : f.name;
    }

    /**
     * The value of {@code tab} at {@code targetpc}. Port of symtab.c pcvalue (0a7c7ac80): -1 when
     * the function has no such table; a pc the table does not cover throws {@code invalid runtime
     * symbol table} when {@code strict}, else yields -1.
     */
    private int pcvalue(Func f, PcTable tab, long targetpc, boolean strict) {
        int v = tab.lookup(targetpc - f.entry);
        if (v != Integer.MIN_VALUE) {
            return v;
        }
        if (!strict) {
            return -1;
        }
        throw new GoThrow("invalid runtime symbol table");
    }

    /**
     * The source line of {@code targetpc} in {@code f}, 0 when unknown. Port of symtab.c funcline
     * (0a7c7ac80); C also returns the file through a pointer, gort has {@link #funcfile}.
     */
    public int funcline(Func f, long targetpc) {
        int fileno = pcvalue(f, f.pcfile, targetpc, true);
        int line = pcvalue(f, f.pcln, targetpc, true);
        if (fileno == -1 || line == -1 || fileno >= filetab.length) {
            return 0;
        }
        return line;
    }

    /** The source file of {@code targetpc} in {@code f}, "?" when unknown (funcline's file). */
    public String funcfile(Func f, long targetpc) {
        int fileno = pcvalue(f, f.pcfile, targetpc, true);
        int line = pcvalue(f, f.pcln, targetpc, true);
        if (fileno == -1 || line == -1 || fileno >= filetab.length) {
            return "?";
        }
        return filetab[fileno];
    }

    /**
     * SP's offset at {@code targetpc} from its value at entry (before the instruction there runs).
     * Port of symtab.c funcspdelta (0a7c7ac80).
     */
    public int funcspdelta(Func f, long targetpc) {
        return pcvalue(f, f.pcsp, targetpc, true);
    }

    /**
     * The value of pcdata table {@code table} (PCDATA_ArgSize, PCDATA_StackMapIndex) at {@code
     * targetpc}, -1 if none. Port of symtab.c pcdatavalue (0a7c7ac80).
     */
    public int pcdatavalue(Func f, int table, long targetpc) {
        if (table < 0 || table >= f.pcdata.length) {
            return -1;
        }
        return pcvalue(f, f.pcdata[table], targetpc, true);
    }

    /**
     * The argument size of the call that returns to {@code targetpc}. Port of symtab.c funcarglen
     * (0a7c7ac80): looks one PCQuantum back, into the call instruction.
     */
    public int funcarglen(Func f, long targetpc) {
        if (targetpc == f.entry) {
            return 0;
        }
        return pcdatavalue(f, FuncData.PCDATA_ArgSize, targetpc - arch.PCQuantum);
    }

    /**
     * Funcdata slot {@code i} (FUNCDATA_ArgsPointerMaps, FUNCDATA_LocalsPointerMaps), or null. Port
     * of symtab.c funcdata (0a7c7ac80); gort's funcdata are StackMaps, not raw pointers.
     */
    public StackMap funcdata(Func f, int i) {
        if (i < 0 || i >= f.funcdata.length) {
            return null;
        }
        return f.funcdata[i];
    }

    /** The name of runtime function {@code i} (an RTCALL operand). */
    public String rtname(int i) {
        return rtNames[i];
    }
}
