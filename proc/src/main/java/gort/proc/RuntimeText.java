package gort.proc;

import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.SP;

import gort.runtime.Defer;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.Throw;
import gort.runtime.arch.Arch;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Label;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.RuntimeFunc;
import gort.runtime.mem.Memory;
import gort.runtime.os.ThreadExit;

/**
 * The runtime's part of a linked program: the two functions the scheduler needs in the text ({@code
 * runtime.main}, {@code runtime.goexit}) and the Java runtime functions that Go code reaches by
 * RTCALL. {@link #link} adds all of them to a {@link Linker}; the program's own functions ({@code
 * main.main} ...) are added beside them.
 *
 * <h2>RTCALL functions and their arguments (at argp, as for a Go call)</h2>
 *
 * <pre>
 *   runtime.newproc     siz int32 (pointer-sized slot), fn *FuncVal, then siz bytes of args
 *   runtime.gosched     -                        (runtime.Gosched)
 *   runtime.goexit      -                        (the body of the function runtime.goexit)
 *   runtime.exit        code int32               (os.Exit)
 *   runtime.NumGoroutine ret int (at argp)       (runtime.NumGoroutine)
 *   runtime.new         typ *Type, ret *T        (new(T); variables moved to the heap)
 *   runtime.panicindex  -                        (an index out of range)
 *   runtime.panicslice  -                        (slice bounds out of range)
 *   runtime.makeslice, growslice                 (see {@link SliceText})
 *   runtime.concatstring2, slicebytetostring, stringtoslicebyte, slicerunetostring,
 *   stringtoslicerune, intstring, stringiter2    (see {@link StringText})
 *   runtime.main        -                        (runtime·main up to main·init; leaves main.main's
 *                                                 and main·init's FuncVal* in the first two
 *                                                 outgoing-args words, its Defer d after them)
 *   runtime.main·afterinit -                     (runtime·main after main·init: pops d, unlocks)
 *   runtime.unlockOSThread -                     (initDone's function, through the text
 *                                                 function of the same name)
 *   runtime.timerproc1  -                        (one round of timerproc, see Timers)
 * and the calls of the chan contract (docs: runtime.makechan, chansend1, chanrecv1, chanrecv2,
 * closechan, selectgo, block; runtime.Goexit, GOMAXPROCS, LockOSThread, UnlockOSThread,
 * debug.SetMaxThreads, time.Sleep, syscall.Close), each with its Go signature's layout.
 *   runtime.printint    v int64      runtime.printuint  v uint64    runtime.printhex v uint64
 *   runtime.printpointer p uintptr   runtime.printbool  v bool (1 byte)
 *   runtime.printstring s string {ptr, len}     runtime.printsp -   runtime.printnl -
 * </pre>
 *
 * These are Go 1.3's names for the print builtins: println(a, b) is printint(a), printsp(),
 * printint(b), printnl(). int64 arguments sit at argp on both arches (arm aligns int64 to 4).
 */
public final class RuntimeText {
    private RuntimeText() {}

    /** Adds the runtime's functions and RTCALL table to {@code l}. */
    public static Linker link(Linker l, Arch arch) {
        int w = arch.PtrSize;
        // frame: two outgoing words (main.main's and main.init's FuncVals), then the Defer d
        FuncBuilder main =
                new FuncBuilder(arch, "runtime.main")
                        .locals(2 * w + Defer.size(w, 0))
                        .pos("proc.c", 225);
        Label noinit = main.newLabel();
        main.rtcall("runtime.main")
                .line(259)
                .load(R0, SP, main.outarg(w), Isa.width(w, false))
                .jz(R0, noinit)
                .callclosure(R0)
                .bind(noinit)
                .line(261)
                .rtcall("runtime.main·afterinit")
                .line(266)
                .load(R0, SP, main.outarg(0), Isa.width(w, false))
                .callclosure(R0)
                .line(276)
                .movi(R0, 0)
                .store(SP, main.outarg(0), R0, Isa.W4)
                .rtcall("runtime.exit")
                .halt();
        // initDone's function: C's FuncVal points at runtime·unlockOSThread itself; gort's
        // deferred calls are Go calls, so a text function makes the RTCALL.
        FuncBuilder unlock =
                new FuncBuilder(arch, "runtime.unlockOSThread")
                        .pos("proc.c", 2345)
                        .rtcall("runtime.unlockOSThread")
                        .ret();
        FuncBuilder goexit =
                new FuncBuilder(arch, "runtime.goexit")
                        .nosplit(true)
                        .pos("proc.c", 1633)
                        .rtcall("runtime.goexit")
                        .halt();
        FuncBuilder timerproc =
                new FuncBuilder(arch, "runtime.timerproc").locals(w).pos("time.go", 160);
        Label round = timerproc.newLabel();
        timerproc.bind(round).rtcall("runtime.timerproc1").jmp(round);
        return l.add(main)
                .add(unlock)
                .add(goexit)
                .add(timerproc)
                .runtime("runtime.main", RuntimeText::main)
                .runtime("runtime.main·afterinit", RuntimeText::mainAfterinit)
                .runtime("runtime.unlockOSThread", Ms::unlockOSThreadInternal)
                .runtime("runtime.timerproc1", Timers::timerproc1)
                .runtime("runtime.Goexit", Schedule::Goexit)
                .runtime("runtime.GOMAXPROCS", World::GOMAXPROCS)
                .runtime("runtime.LockOSThread", Ms::LockOSThread)
                .runtime("runtime.UnlockOSThread", Ms::UnlockOSThread)
                .runtime("debug.SetMaxThreads", Ms::SetMaxThreads)
                .runtime("runtime.makechan", Chan::makechan)
                .runtime("runtime.chansend1", Chan::chansend1)
                .runtime("runtime.chanrecv1", Chan::chanrecv1)
                .runtime("runtime.chanrecv2", Chan::chanrecv2)
                .runtime("runtime.closechan", Chan::closechan)
                .runtime("runtime.selectgo", ChanSelect::selectgo)
                .runtime("runtime.block", ChanSelect::block)
                .runtime("time.Sleep", Timers::timeSleep)
                .runtime("syscall.Close", Syscalls::Close)
                .runtime("runtime.newproc", NewProc::newproc)
                .runtime("runtime.gosched", Schedule::gosched)
                .runtime("runtime.goexit", Schedule::goexit)
                .runtime("runtime.exit", RuntimeText::exit)
                .runtime("runtime.NumGoroutine", RuntimeText::NumGoroutine)
                .runtime("runtime.new", RuntimeText::new_)
                .runtime("runtime.panicdivide", RuntimeText::panicdivide)
                .runtime("runtime.panicindex", RuntimeText::panicindex)
                .runtime("runtime.panicslice", RuntimeText::panicslice)
                .runtime("runtime.makeslice", SliceText::makeslice)
                .runtime("runtime.growslice", SliceText::growslice)
                .runtime("runtime.concatstring2", StringText::concatstring2)
                .runtime("runtime.slicebytetostring", StringText::slicebytetostring)
                .runtime("runtime.stringtoslicebyte", StringText::stringtoslicebyte)
                .runtime("runtime.slicerunetostring", StringText::slicerunetostring)
                .runtime("runtime.stringtoslicerune", StringText::stringtoslicerune)
                .runtime("runtime.intstring", StringText::intstring)
                .runtime("runtime.stringiter2", StringText::stringiter2)
                .runtime(
                        "runtime.printint",
                        (cpu, argp) -> Print.printint(p(cpu), cpu.mem().load64(argp)))
                .runtime(
                        "runtime.printuint",
                        (cpu, argp) -> Print.printuint(p(cpu), cpu.mem().load64(argp)))
                .runtime(
                        "runtime.printhex",
                        (cpu, argp) -> Print.printhex(p(cpu), cpu.mem().load64(argp)))
                .runtime(
                        "runtime.printpointer",
                        (cpu, argp) -> Print.printpointer(p(cpu), cpu.mem().loadp(argp)))
                .runtime(
                        "runtime.printbool",
                        (cpu, argp) -> Print.printbool(p(cpu), cpu.mem().load8(argp) != 0))
                .runtime("runtime.printstring", RuntimeText::printstring)
                .runtime("runtime.printslice", RuntimeText::printslice)
                .runtime("runtime.printeface", RuntimeText::printeface)
                .runtime("runtime.printsp", (cpu, argp) -> Print.prints(p(cpu), " "))
                .runtime("runtime.printnl", (cpu, argp) -> Print.prints(p(cpu), "\n"));
    }

    private static GoProcess p(Cpu cpu) {
        return cpu.m().process;
    }

    /**
     * The C body of runtime·main up to main·init: maxstacksize, sysmon, the main goroutine locked
     * to m0 for init, the special Defer d (fn initDone, in runtime.main's frame right after the two
     * outgoing words at argp) that makes a runtime.Goexit during init unlock too, the check that
     * this is m0; then main.main's and main·init's FuncVals for the assembled runtime.main to call.
     * Port of proc.c runtime·main (0a7c7ac80), up to main·init (the rest is {@link #mainAfterinit}
     * and the assembled function, since Java code cannot call Go code). gort differs: forcegc's
     * helper (mgc's) and racefini are not there.
     */
    static void main(Cpu cpu, long argp) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess process = mp.process;
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        // The real limit: a decimal 1 GB with 64-bit pointers, 250 MB with 32-bit ones, so that
        // the overflow message shows round numbers.
        process.maxstacksize = w == 8 ? 1000000000L : 250000000L;
        Ms.newm(mp, Sysmon::sysmon, null);
        // Lock the main goroutine onto m0 during initialization; a program that needs main.main
        // on the main thread calls runtime.LockOSThread in init to keep the lock.
        Ms.lockOSThreadInternal(mp, gp);
        // Defer the unlock, so that a runtime.Goexit during init unlocks as well.
        long d = argp + 2L * w;
        mem.storep(d + Defer.fn(w), initDone(process, cpu));
        mem.store32(d + Defer.siz(), 0);
        mem.storep(d + Defer.link(w), gp.defer);
        mem.storep(d + Defer.argp(w), Defer.NoArgs(w));
        mem.storep(d + Defer.pc(w), 0);
        mem.store8(d + Defer.special(), 1);
        gp.defer = d;
        if (mp != process.m0) {
            Throw.throw_(process, "runtime·main not on m0");
        }
        if (process.mainFuncVal == 0) {
            process.mainFuncVal = funcval(process, cpu, "main.main");
        }
        mem.storep(argp, process.mainFuncVal);
        // main·init, when the program has one (the compiler always makes it; hand-assembled
        // test programs may not), runs first, as in C.
        long init =
                process.text().lookup("main.init") == null ? 0 : funcval(process, cpu, "main.init");
        mem.storep(argp + w, init);
    }

    /**
     * runtime·main after main·init returned: d must still be the innermost Defer with initDone as
     * its function; it is popped and the main goroutine unlocked from m0. Port of proc.c
     * runtime·main (0a7c7ac80), the part between main·init and main·main.
     */
    static void mainAfterinit(Cpu cpu, long argp) {
        G gp = cpu.g();
        GoProcess process = cpu.m().process;
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        long d = argp + 2L * w;
        if (gp.defer != d || mem.loadp(d + Defer.fn(w)) != initDone(process, cpu)) {
            Throw.throw_(process, "runtime: bad defer entry after init");
        }
        gp.defer = mem.loadp(d + Defer.link(w));
        Ms.unlockOSThreadInternal(cpu, argp);
    }

    /** proc.c's static FuncVal initDone (runtime·unlockOSThread), one per process. */
    private static long initDone(GoProcess process, Cpu cpu) {
        return process.local(
                        InitDone.class,
                        p -> new InitDone(funcval(p, cpu, "runtime.unlockOSThread")))
                .fv;
    }

    /** The address of a process's initDone FuncVal. */
    private record InitDone(long fv) {}

    /** A FuncVal for the named function, allocated in the heap. */
    private static long funcval(GoProcess process, Cpu cpu, String name) {
        long fv =
                process.malloc()
                        .mallocgc(cpu.arch().PtrSize, 0, gort.runtime.malloc.Malloc.FlagNoScan);
        process.memory().storep(fv, Mstart.entry(process, name));
        return fv;
    }

    /**
     * An integer division by zero in Go code (the compiler checks the divisor and calls here). Port
     * of panic.c runtime·panicdivide (0a7c7ac80): panicstring("integer divide by zero"), through
     * the process's {@link gort.runtime.PanicHook} (the panic module makes it a real, recoverable
     * panic).
     */
    static void panicdivide(Cpu cpu, long argp) {
        p(cpu).panics().panicstring(cpu, "integer divide by zero");
    }

    /**
     * An index out of range in Go code (the compiler checks the index and calls here). Port of
     * runtime.c runtime·panicindex (0a7c7ac80): panicstring("index out of range").
     */
    static void panicindex(Cpu cpu, long argp) {
        p(cpu).panics().panicstring(cpu, "index out of range");
    }

    /**
     * Slice bounds out of range in Go code (the compiler checks them and calls here). Port of
     * runtime.c runtime·panicslice (0a7c7ac80): panicstring("slice bounds out of range").
     */
    static void panicslice(Cpu cpu, long argp) {
        p(cpu).panics().panicstring(cpu, "slice bounds out of range");
    }

    /**
     * os.Exit(code): ends the process with {@code code}. Stands for sys_linux_*.s runtime·exit
     * (exit_group); see {@link GoProcess#exit}. The calling M stops at once.
     */
    static void exit(Cpu cpu, long argp) {
        RuntimeFunc atexit = p(cpu).takeAtexit();
        if (atexit != null) {
            atexit.call(cpu, argp); // gort's exit-time profiles; the hook calls exit again
            return;
        }
        p(cpu).exit(cpu.mem().load32(argp));
        throw new ThreadExit();
    }

    /**
     * new(T): a fresh zeroed object of typ's size; typ points at a Type whose first word is the
     * size (type.h). Port of malloc.goc new (0a7c7ac80): ret = mallocgc(typ-&gt;size, typ |
     * TypeInfo_SingleObject, typ-&gt;kind &amp; KindNoPointers ? FlagNoScan : 0), as malloc.go
     * newobject does it (a zero size gets &amp;zeroObject).
     */
    static void new_(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        long ret = p(cpu).malloc().newobject(mem.loadp(argp));
        mem.storep(argp + cpu.arch().PtrSize, ret);
    }

    /**
     * runtime.NumGoroutine: its int result, gcount(), stored at argp. Port of runtime.goc
     * NumGoroutine (0a7c7ac80).
     */
    static void NumGoroutine(Cpu cpu, long argp) {
        cpu.mem().storep(argp, gcount(p(cpu)));
    }

    /**
     * The number of goroutines that exist: all Gs less the free ones (on sched's and the Ps' free
     * lists), at least 1. Port of proc.c runtime·gcount (0a7c7ac80); like C it reads the counts
     * without locks, so the result may be inconsistent under concurrent change.
     */
    public static int gcount(GoProcess process) {
        int n = process.allglen - process.sched.ngfree;
        for (gort.runtime.P pp : process.allp) {
            if (pp == null) {
                break;
            }
            n -= pp.gfreecnt;
        }
        // The counters are read without a lock and may disagree; the caller is running, so
        // at least one goroutine exists.
        if (n < 1) {
            n = 1;
        }
        return n;
    }

    /**
     * Prints a slice as {@code [len/cap]0xarray}. Port of print.c runtime·printslice (0a7c7ac80).
     */
    static void printslice(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        GoProcess process = p(cpu);
        Print.prints(process, "[");
        Print.printint(process, signedWord(cpu, mem.loadp(argp + w)));
        Print.prints(process, "/");
        Print.printint(process, signedWord(cpu, mem.loadp(argp + 2L * w)));
        Print.prints(process, "]");
        Print.printpointer(process, mem.loadp(argp));
    }

    /**
     * Prints an interface{} as {@code (0xtype,0xdata)}. Port of print.c runtime·printeface
     * (0a7c7ac80).
     */
    static void printeface(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        Print.printf(p(cpu), "(%p,%p)", mem.loadp(argp), mem.loadp(argp + cpu.arch().PtrSize));
    }

    private static long signedWord(Cpu cpu, long v) {
        return cpu.arch().PtrSize == 4 ? (int) v : v;
    }

    /**
     * Prints a Go string's bytes as they are. Port of print.c runtime·printstring (0a7c7ac80):
     * gwrite of {@code v.len} bytes at {@code v.str}.
     */
    static void printstring(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        long str = mem.loadp(argp);
        long len = mem.loadp(argp + cpu.arch().PtrSize);
        if (len > 0) {
            Print.gwrite(p(cpu), mem.read(str, (int) len));
        }
    }
}
