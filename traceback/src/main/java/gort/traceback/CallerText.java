package gort.traceback;

import gort.proc.StringText;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;
import gort.runtime.mem.Fault;
import gort.runtime.mem.Memory;
import java.nio.charset.StandardCharsets;

/**
 * The Go-callable readers of stacks and symbols that are built on the walker: runtime1.goc's
 * runtime.Caller and runtime.Callers, and symtab.go's runtime.FuncForPC with the methods of
 * *runtime.Func (0a7c7ac80). They live beside gentraceback because gort has no module for
 * runtime1.goc or symtab.go, whose other functions (findfunc, funcline ...) are gort.runtime's
 * Text.
 *
 * <p>Caller and Callers are text functions, as in C, where they are C functions with frames of
 * their own: their skip counts start at that frame (Callers with skip 0 records its own pc first).
 * Each is a one-instruction body (an RTCALL into the Java code here) that reads its incoming
 * arguments where gentraceback says a frame's arguments are. FuncForPC and the methods are plain
 * RTCALLs. gort differs: a *runtime.Func is the entry pc of its function (C points into the
 * pclntab); only its methods and nil comparisons can tell.
 */
public final class CallerText {
    private CallerText() {}

    /** Adds runtime.Caller and runtime.Callers (text) and the FuncForPC calls (RTCALL) to l. */
    public static Linker link(Linker l, Arch arch) {
        int w = arch.PtrSize;
        // one word of argument (skip), then the results: a pc, a string, a line and a bool
        FuncBuilder caller =
                new FuncBuilder(arch, "runtime.Caller")
                        .args(6 * w)
                        .locals(0)
                        .pos("runtime1.goc", 73)
                        .rtcall("runtime.Caller·body")
                        .ret();
        // skip, the slice's 3 words, the count
        FuncBuilder callers =
                new FuncBuilder(arch, "runtime.Callers")
                        .args(5 * w)
                        .locals(0)
                        .pos("runtime1.goc", 103)
                        .rtcall("runtime.Callers·body")
                        .ret();
        return l.add(caller)
                .add(callers)
                .runtime("runtime.Caller·body", CallerText::Caller)
                .runtime("runtime.Callers·body", CallerText::Callers)
                .runtime("runtime.FuncForPC", CallerText::FuncForPC)
                .runtime("runtime.(*Func).Name", CallerText::funcname_go)
                .runtime("runtime.(*Func).Entry", CallerText::funcentry_go)
                .runtime("runtime.(*Func).FileLine", CallerText::funcline_go);
    }

    /** Where the running text function's incoming arguments are, as gentraceback finds argp. */
    static long incomingArgs(Cpu cpu) {
        Text text = cpu.text();
        Func f = text.findfunc(cpu.pc());
        // one word above the frame: past the pushed return pc (amd64) or the saved LR slot (arm)
        return cpu.sp() + text.funcspdelta(f, cpu.pc()) + cpu.arch().PtrSize;
    }

    /**
     * The pc, file and line of the call skip frames above Caller's caller (0: the caller of
     * Caller). Two pcs are taken so that a frame "called" by sigpanic keeps its pc: there was no
     * call to back up into. Port of runtime1.goc runtime·Caller (0a7c7ac80).
     */
    static void Caller(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        Text text = cpu.text();
        int w = cpu.arch().PtrSize;
        long a = incomingArgs(cpu);
        int skip = (int) mem.loadp(a);
        long[] rpc = new long[2];
        long retpc = 0;
        String retfile;
        long retline;
        boolean retbool;
        Func f;
        if (skip < 0 || Traceback.callers(cpu, skip, rpc, 2) < 2) {
            retfile = "";
            retline = 0;
            retbool = false;
        } else if ((f = text.findfunc(rpc[1])) == null) {
            retfile = "";
            retline = 0;
            retbool = true; // the pc alone
        } else {
            retpc = rpc[1];
            long pc = retpc;
            Func g = text.findfunc(rpc[0]);
            Traceback.State st = Traceback.State.of(cpu.m().process);
            if (pc > f.entry && (g == null || g.entry != st.sigpanic)) {
                pc--;
            }
            retline = text.funcline(f, pc);
            retfile = text.funcfile(f, pc);
            retbool = true;
        }
        mem.storep(a + w, retpc);
        gostring(cpu, a + 2L * w, retfile);
        mem.storep(a + 4L * w, retline);
        mem.store8(a + 5L * w, retbool ? 1 : 0);
    }

    /**
     * Fills pc with the return pcs of the calling goroutine's frames, skip frames in (0: Callers'
     * own frame); returns how many. An empty slice gets none (C's callers would take a nil buffer
     * for a request to print). Port of runtime1.goc runtime·Callers (0a7c7ac80).
     */
    static void Callers(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long a = incomingArgs(cpu);
        int skip = (int) mem.loadp(a);
        long array = mem.loadp(a + w);
        int len = (int) mem.loadp(a + 2L * w);
        int n = 0;
        if (len > 0) {
            long[] buf = new long[len];
            n = Traceback.callers(cpu, Math.max(skip, 0), buf, len);
            for (int i = 0; i < n; i++) {
                mem.storep(array + (long) i * w, buf[i]);
            }
        }
        mem.storep(a + 4L * w, n);
    }

    /** The *Func of the function containing pc, or nil. Port of symtab.go FuncForPC (0a7c7ac80). */
    static void FuncForPC(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        Func f = cpu.text().findfunc(mem.loadp(argp));
        mem.storep(argp + cpu.arch().PtrSize, f == null ? 0 : f.entry);
    }

    /** (*Func).Name. Port of symtab.go Func.Name (0a7c7ac80). */
    static void funcname_go(Cpu cpu, long argp) {
        Func f = receiver(cpu, argp);
        gostring(cpu, argp + cpu.arch().PtrSize, cpu.text().funcname(f));
    }

    /** (*Func).Entry. Port of symtab.go Func.Entry (0a7c7ac80). */
    static void funcentry_go(Cpu cpu, long argp) {
        Func f = receiver(cpu, argp);
        cpu.mem().storep(argp + cpu.arch().PtrSize, f.entry);
    }

    /**
     * (*Func).FileLine(pc): the file and line of pc in f's tables, "?" and 0 where they have none.
     * Port of symtab.go Func.FileLine (0a7c7ac80).
     */
    static void funcline_go(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        Text text = cpu.text();
        int w = cpu.arch().PtrSize;
        Func f = receiver(cpu, argp);
        long pc = mem.loadp(argp + w);
        String file = "?";
        int line = 0;
        // symtab.go's pcvalue finds no value for a pc outside f: "?" and 0, not a throw
        if (pc >= f.entry && pc < f.end) {
            file = text.funcfile(f, pc);
            line = text.funcline(f, pc);
            if (file.equals("?") || line < 0) {
                file = "?";
                line = 0;
            }
        }
        gostring(cpu, argp + 2L * w, file);
        mem.storep(argp + 4L * w, line);
    }

    /** The Func a *Func names; a nil one faults on its first field, as in Go. */
    private static Func receiver(Cpu cpu, long argp) {
        long p = cpu.mem().loadp(argp);
        Func f = p == 0 ? null : cpu.text().findfunc(p);
        if (f == null) {
            throw new Fault(p, false, Fault.Cause.UNMAPPED);
        }
        return f;
    }

    /** Stores a new Go string holding s at {@code at} (pointer, length). */
    private static void gostring(Cpu cpu, long at, String s) {
        Memory mem = cpu.mem();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long p = b.length == 0 ? 0 : StringText.gostringsize(cpu, b.length);
        if (b.length > 0) {
            mem.copyIn(p, b, 0, b.length);
        }
        mem.storep(at, p);
        mem.storep(at + cpu.arch().PtrSize, b.length);
    }
}
