package gort.panic;

import gort.proc.DebugVars;
import gort.proc.Schedule;
import gort.proc.StatusAccessors;
import gort.proc.Sysmon;
import gort.proc.Tracebacks;
import gort.proc.World;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.GoProcess;
import gort.runtime.GoThrow;
import gort.runtime.Gobuf;
import gort.runtime.M;
import gort.runtime.PanicHook;
import gort.runtime.Print;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.Isa;
import gort.runtime.malloc.Msize;
import gort.runtime.mem.Fault;
import gort.runtime.mem.Memory;
import gort.runtime.os.ThreadExit;
import gort.traceback.Traceback;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * panic.c for one process: defer, panic, recover, the fatal path (startpanic, printpanics, dopanic)
 * and the signal handler's part of a memory fault (sigpanic). One per process (its {@link
 * PanicHook}); it owns what C keeps in statics: runtime·panicking, paniclk, didothers, and the type
 * descriptors of the run-time errors.
 *
 * <p>gort differs from C where the simulated machine requires: deferred calls run on the
 * goroutine's stack in runtime.panic's frame (see {@link PanicText}), not on a segment of their own
 * from newstackcall, so recover checks the Panic's argp (as Go 1.4 does) instead of the segment's
 * Stktop; Java runtime functions cannot call Go functions, so runtime·panic is assembled text that
 * calls back into the RTCALLs here, and panicstring reaches it through a pushed call of
 * runtime.panicerr. The fatal path prints its tracebacks with the traceback module's gentraceback,
 * and the process's throw (runtime·throw) goes through it too.
 */
public final class Panics implements PanicHook {
    /** SIGSEGV and its SEGV_MAPERR code, as the signal handler records them in the G. */
    static final int SIGSEGV = 0xb;

    static final int SEGV_MAPERR = 1;

    /** Kinds (type.h) printany tells apart. */
    static final int KindInt = 2;

    static final int KindString = 24;
    static final int KindMask = (1 << 5) - 1;

    /** The process this belongs to (bound once, right after the process is built). */
    private volatile GoProcess process;

    private final Records rec;

    /** runtime·panicking: Ms in the fatal path. */
    private final AtomicInteger panicking = new AtomicInteger();

    /** paniclk: one M prints its panic at a time. */
    private final ReentrantLock paniclk = new ReentrantLock();

    /** dopanic's static didothers. */
    private boolean didothers;

    /** The run-time error each G's pushed runtime.panicerr call is to raise. */
    private final Map<G, long[]> pendingErr = new ConcurrentHashMap<>();

    /** The type descriptor of runtime.errorCString (made on first use), and its lock. */
    private long errorCStringType;

    /** The panic support of a process for {@code arch}; {@link #bind} it to the process. */
    public Panics(gort.runtime.arch.Arch arch) {
        this.rec = Records.of(arch);
    }

    /** Binds this to {@code p}, which was built with it as its {@link PanicHook}. */
    public void bind(GoProcess p) {
        if (p.panics() != this || p.arch().PtrSize != rec.w()) {
            throw new IllegalArgumentException("process not built with this PanicHook");
        }
        this.process = p;
    }

    static Panics of(Cpu cpu) {
        return (Panics) cpu.m().process.panics();
    }

    // ---- defer ----

    /**
     * {@code defer f(args)}: records the deferred call (siz bytes of arguments after fn) in a new
     * Defer on g->defer; R0 = 0. Port of panic.c runtime·deferproc and newdefer (0a7c7ac80). gort
     * differs: argp is the caller's outgoing area (where deferreturn finds it), the arguments are
     * copied from two words above it (after siz and fn), and there are no per-P defer pools
     * (freedefer leaves the record to the collector).
     */
    static void deferproc(Cpu cpu, long argp) {
        Panics ps = of(cpu);
        Records r = ps.rec;
        Memory mem = cpu.mem();
        G gp = cpu.g();
        int siz = mem.load32(argp);
        long fn = mem.loadp(argp + r.w());
        if (siz < 0 || siz > PanicText.MAXARGS) {
            Throw.throw_(ps.process, "gort: deferred call's arguments exceed 1024 bytes");
        }
        long d = ps.newdefer(gp, siz);
        mem.storep(d + r.dFn(), fn);
        mem.storep(d + r.dPc(), cpu.pc());
        mem.storep(d + r.dArgp(), argp);
        mem.memmove(d + r.dArgs(), argp + 2L * r.w(), siz);
        // deferproc returns 0 normally; a recovery makes it return 1
        cpu.setReg(Isa.R0, 0);
    }

    private long newdefer(G gp, int siz) {
        long d = process.malloc().mallocgc(Msize.roundupsize(rec.deferSize(siz)), 0, 0);
        Memory mem = process.memory();
        mem.store32(d + rec.dSiz(), siz);
        mem.store8(d + rec.dSpecial(), 0);
        mem.storep(d + rec.dLink(), gp.defer);
        gp.defer = d;
        return d;
    }

    /**
     * Runs the next deferred call of the calling frame, if there is one: its arguments are copied
     * to the frame's outgoing area and the call is made so that it returns to this RTCALL, which
     * runs again. Port of panic.c runtime·deferreturn and asm's jmpdefer (0a7c7ac80): the deferred
     * function seems to be called from the frame that ran deferreturn, at the RTCALL instruction
     * itself.
     */
    static void deferreturn(Cpu cpu, long argp) {
        Panics ps = of(cpu);
        Records r = ps.rec;
        Memory mem = cpu.mem();
        G gp = cpu.g();
        long d = gp.defer;
        if (d == 0) {
            return;
        }
        if (mem.loadp(d + r.dArgp()) != argp) {
            return;
        }
        M mp = cpu.m();
        mp.locks++;
        mem.memmove(argp, d + r.dArgs(), mem.load32(d + r.dSiz()));
        long fn = mem.loadp(d + r.dFn());
        gp.defer = mem.loadp(d + r.dLink());
        mp.locks--;
        jmpdefer(cpu, fn, argp);
    }

    /** asm's jmpdefer: call fn with its arguments at argp, returning to the RTCALL deferreturn. */
    private static void jmpdefer(Cpu cpu, long fn, long argp) {
        long again = cpu.pc() - Isa.INSN_BYTES;
        Gobuf b = new Gobuf();
        b.g = cpu.g();
        b.ctxt = fn;
        b.pc = cpu.mem().loadp(fn);
        if (cpu.arch().hasLinkRegister) {
            b.sp = argp - 4;
            b.lr = again;
        } else {
            b.sp = argp - 8;
            cpu.mem().store64(b.sp, again);
        }
        cpu.gogo(b);
    }

    /**
     * runtime.Goexit: runs the goroutine's deferred calls, then ends it. Port of panic.c
     * runtime·Goexit (0a7c7ac80): rundefer, then goexit (proc's). gort differs: the deferred calls
     * are made by the text function runtime.rundefer, entered by a pushed call, since Java cannot
     * call Go (C uses reflect·call).
     */
    static void Goexit(Cpu cpu, long argp) {
        if (cpu.g().defer == 0) {
            gort.proc.Schedule.Goexit(cpu, argp);
            return;
        }
        pushcall(cpu, cpu.pc(), "runtime.rundefer");
    }

    /**
     * One turn of rundefer: the next deferred call off g->defer, its arguments copied to
     * runtime.rundefer's outgoing area and its FuncVal in R0; with none left, goexit. Port of
     * panic.c rundefer (0a7c7ac80).
     */
    static void rundeferNext(Cpu cpu, long argp) {
        Records r = of(cpu).rec;
        Memory mem = cpu.mem();
        G gp = cpu.g();
        long d;
        while ((d = gp.defer) != 0) {
            gp.defer = mem.loadp(d + r.dLink());
            if (isDabort(mem, r, d)) {
                continue; // a panic's dabort: nothing to call
            }
            mem.memmove(argp, d + r.dArgs(), mem.load32(d + r.dSiz()));
            cpu.setReg(Isa.R0, mem.loadp(d + r.dFn()));
            return;
        }
        gort.proc.Schedule.Goexit(cpu, argp);
    }

    /**
     * Whether d is a panic's dabort. C calls every deferred function, special or not (special only
     * keeps freedefer off records on a stack, such as runtime·main's initDone); gort's dabort is
     * the one special Defer without a function, its abortpanic done in Java.
     */
    static boolean isDabort(Memory mem, Records r, long d) {
        return mem.load8(d + r.dSpecial()) != 0 && mem.loadp(d + r.dFn()) == 0;
    }

    // ---- panic ----

    /**
     * The start of runtime·panic: the Panic record in its frame (arg already stored) pushed on
     * g->panic, and the dabort Defer prepared. Port of panic.c runtime·panic (0a7c7ac80), its first
     * part. gort differs: dabort is marked special and, when a nested panic meets it, marks this
     * panic aborted in Java (abortpanic) instead of being called.
     */
    static void panicStart(Cpu cpu, long argp) {
        Panics ps = of(cpu);
        Records r = ps.rec;
        Memory mem = cpu.mem();
        G gp = cpu.g();
        long p = argp + PanicText.MAXARGS;
        long dabort = p + r.panicSize();
        mem.memclr(p + r.pLink(), r.panicSize() - r.pLink());
        mem.storep(p + r.pLink(), gp.panic);
        mem.storep(p + r.pStackbase(), gp.stackbase);
        gp.panic = p;
        mem.memclr(dabort, r.deferSize(r.w()));
        mem.store32(dabort + r.dSiz(), r.w());
        mem.storep(dabort + r.dArgs(), p);
        mem.storep(dabort + r.dArgp(), -1L >>> (64 - 8 * r.w())); // NoArgs
        mem.store8(dabort + r.dSpecial(), 1);
    }

    /**
     * One turn of runtime·panic's loop: takes the next deferred call off g->defer, installs dabort,
     * copies the call's arguments to the frame's outgoing area and leaves its FuncVal in R0 for the
     * CALLCLOSURE that follows; with no deferred call left, the fatal path: startpanic,
     * printpanics, dopanic. Port of panic.c runtime·panic (0a7c7ac80), the loop.
     */
    static void panicNext(Cpu cpu, long argp) {
        Panics ps = of(cpu);
        Records r = ps.rec;
        Memory mem = cpu.mem();
        G gp = cpu.g();
        long p = argp + PanicText.MAXARGS;
        long dabort = p + r.panicSize();
        for (; ; ) {
            long d = gp.defer;
            if (d == 0) {
                break;
            }
            // unlink d first: a panic inside the deferred call must not run it again
            gp.defer = mem.loadp(d + r.dLink());
            if (isDabort(mem, r, d)) {
                // an outer panic's dabort: this panic aborts it (abortpanic)
                mem.store8(mem.loadp(d + r.dArgs()) + r.pAborted(), 1);
                continue;
            }
            gp.ispanic = true;
            mem.storep(dabort + r.dLink(), gp.defer);
            gp.defer = dabort;
            mem.storep(p + r.pDefer(), d);
            int siz = mem.load32(d + r.dSiz());
            mem.memmove(argp, d + r.dArgs(), siz);
            mem.storep(p + r.pArgp(), argp);
            cpu.setReg(Isa.R0, mem.loadp(d + r.dFn()));
            return;
        }
        // no deferred call recovered: the fatal path
        ps.startpanic(cpu);
        ps.printpanics(gp.panic);
        ps.dopanic(cpu, null);
    }

    /**
     * After a deferred call returned during a panic: dabort removed, and if the call recovered, the
     * aborted panics dropped and the recovery started (mcall). Port of panic.c runtime·panic
     * (0a7c7ac80), after newstackcall.
     */
    static void panicDone(Cpu cpu, long argp) {
        Panics ps = of(cpu);
        Records r = ps.rec;
        Memory mem = cpu.mem();
        G gp = cpu.g();
        long p = argp + PanicText.MAXARGS;
        long dabort = p + r.panicSize();
        if (gp.defer != dabort) {
            Throw.throw_(ps.process, "bad defer entry in panic");
        }
        gp.defer = mem.loadp(dabort + r.dLink());
        long d = mem.loadp(p + r.pDefer());
        if (mem.load8(p + r.pRecovered()) != 0) {
            gp.panic = mem.loadp(p + r.pLink());
            // A panic that a later one aborted is still linked from g->panic; since its
            // frame is being unwound, drop it here.
            while (gp.panic != 0 && mem.load8(gp.panic + r.pAborted()) != 0) {
                gp.panic = mem.loadp(gp.panic + r.pLink());
            }
            if (gp.panic == 0) { // must be done with signal
                gp.sig = 0;
            }
            // Pass information about the recovering frame to recovery.
            gp.sigcode0 = mem.loadp(d + r.dArgp());
            gp.sigcode1 = mem.loadp(d + r.dPc());
            cpu.mcall(Panics::recovery);
        }
    }

    /**
     * Resumes the frame that deferred the recovering call as if its deferproc returned 1, so that
     * it jumps to its return epilogue. Port of panic.c recovery (0a7c7ac80). gort differs: the sp
     * is the caller's at its RTCALL deferproc (no pushed words to make up for).
     */
    static void recovery(G gp) {
        long argp = gp.sigcode0;
        long pc = gp.sigcode1;
        unwindstack(gp, argp);
        Cpu cpu = gp.m.cpu;
        gp.sched.sp = cpu.arch().hasLinkRegister ? argp - 4 : argp;
        gp.sched.pc = pc;
        gp.sched.lr = 0;
        gp.sched.ret = 1;
        gp.sched.g = gp;
        cpu.gogo(gp.sched);
    }

    /**
     * panic.c runtime·unwindstack (0a7c7ac80): frees the stack segments above the one holding sp
     * and checks sp lies in gp's stack. gort: the port lives with the Stktop it reads, in the stack
     * module, reached through the process's StackAllocator (whose default, for stacks that never
     * split, only checks).
     */
    static void unwindstack(G gp, long sp) {
        gp.process.stacks().unwindstack(gp.m, gp, sp);
    }

    /**
     * recover(): the current panic's value, marking it recovered, when called directly by the
     * deferred call the panic is running; else nil. Port of panic.c runtime·recover (0a7c7ac80);
     * gort checks the caller's argp against the Panic's (Go 1.4's rule) since deferred calls do not
     * run on a segment of their own.
     */
    static void recover(Cpu cpu, long argp) {
        Records r = of(cpu).rec;
        Memory mem = cpu.mem();
        G gp = cpu.g();
        long callerArgp = mem.loadp(argp);
        long ret = argp + r.w();
        long p = gp.panic;
        if (p != 0
                && mem.load8(p + r.pRecovered()) == 0
                && (callerArgp == mem.loadp(p + r.pArgp()) - gp.panicwrap
                        || splitDeferredCall(mem, r.w(), gp, p + r.pArgp(), callerArgp))) {
            mem.store8(p + r.pRecovered(), 1);
            mem.storep(ret, mem.loadp(p + r.pArg()));
            mem.storep(ret + r.w(), mem.loadp(p + r.pArg() + r.w()));
        } else {
            mem.storep(ret, 0);
            mem.storep(ret + r.w(), 0);
        }
    }

    /**
     * gort: whether the caller of recover is the deferred call that split its stack at its prologue
     * (newstack's segmented path): it then runs at the top of a new segment, whose Stktop
     * (runtime.h: stackguard, stackbase, gobuf, argsize uint32, panicwrap uint32, argp;
     * docs/machine.md) says its arguments were at the panic's argp, and its argp is C's {@code top
     * - top->argsize - g->panicwrap}.
     */
    private static boolean splitDeferredCall(
            Memory mem, int w, G gp, long pArgpField, long callerArgp) {
        long top = gp.stackbase;
        if (top == 0) {
            return false;
        }
        long topArgp = mem.loadp(top + 8L * w + 8);
        int topArgsize = mem.load32(top + 8L * w);
        return topArgp == mem.loadp(pArgpField) && callerArgp == top - topArgsize - gp.panicwrap;
    }

    // ---- run-time errors ----

    /**
     * Panics with the run-time error s. Port of panic.c runtime·panicstring (0a7c7ac80): the checks
     * for panics where the runtime cannot unwind, then newErrorCString and a call of runtime·panic,
     * made here by pushing a call of runtime.panicerr from the RTCALL.
     */
    @Override
    public void panicstring(Cpu cpu, String s) {
        M mp = cpu.m();
        if (mp.softfloat != 0) {
            mp.locks--;
            mp.softfloat = 0;
        }
        if (mp.mallocing != 0) {
            Print.printf(process, "panic: %s\n", s);
            Throw.throw_(process, "panic during malloc");
        }
        if (mp.gcing != 0) {
            Print.printf(process, "panic: %s\n", s);
            Throw.throw_(process, "panic during gc");
        }
        if (mp.locks != 0) {
            Print.printf(process, "panic: %s\n", s);
            Throw.throw_(process, "panic holding locks");
        }
        pendingErr.put(cpu.g(), newErrorCString(s));
        pushcall(cpu, cpu.pc(), "runtime.panicerr");
    }

    /** RTCALL of runtime.panicerr: its outgoing area gets the pending run-time error. */
    static void panicerr(Cpu cpu, long argp) {
        long[] e = of(cpu).pendingErr.remove(cpu.g());
        if (e == null) {
            Throw.throw_(cpu.m().process, "gort: runtime.panicerr without an error");
        }
        cpu.mem().storep(argp, e[0]);
        cpu.mem().storep(argp + cpu.arch().PtrSize, e[1]);
    }

    /**
     * A run-time error as an interface value: the type runtime.errorCString and the address of the
     * NUL-terminated message. Port of error.go newErrorCString (0a7c7ac80).
     */
    long[] newErrorCString(String s) {
        long t;
        synchronized (this) {
            t = errorCStringType;
        }
        if (t == 0) {
            // made outside the monitor: allocation passes the sim backend's switch points
            long made = newtype("runtime.errorCString", 12);
            synchronized (this) {
                if (errorCStringType == 0) {
                    errorCStringType = made;
                }
                t = errorCStringType;
            }
        }
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        long str =
                process.malloc().mallocgc(b.length + 1, 0, gort.runtime.malloc.Malloc.FlagNoScan);
        process.memory().copyIn(str, b, 0, b.length);
        return new long[] {t, str};
    }

    /**
     * A type descriptor in type.h's layout ({@link gort.runtime.type.Type}) for the runtime's own
     * types: size, align, kind (no pointers) and string.
     */
    private long newtype(String name, int kind) {
        int w = rec.w();
        Memory mem = process.memory();
        byte[] nb = name.getBytes(StandardCharsets.ISO_8859_1);
        long bytes = process.malloc().mallocgc(nb.length, 0, gort.runtime.malloc.Malloc.FlagNoScan);
        mem.copyIn(bytes, nb, 0, nb.length);
        long str = process.malloc().mallocgc(2L * w, 0, 0);
        mem.storep(str, bytes);
        mem.storep(str + w, nb.length);
        long t = process.malloc().mallocgc(gort.runtime.type.Type.sizeof(mem.arch()), 0, 0);
        mem.storep(t, w);
        mem.store8(t + gort.runtime.type.Type.fieldAlign(mem.arch()), w);
        mem.store8(
                t + gort.runtime.type.Type.kind(mem.arch()),
                kind | gort.runtime.type.Type.KindNoPointers);
        mem.storep(t + gort.runtime.type.Type.string(mem.arch()), str);
        return t;
    }

    /**
     * x.(T) failed: panics with Go 1.3's TypeAssertionError text. Port of iface.goc assertE2T's
     * failure (0a7c7ac80): "interface conversion: interface is nil, not T" or "interface
     * conversion: interface is H, not T".
     */
    static void panicdottype(Cpu cpu, long argp) {
        Panics ps = of(cpu);
        Memory mem = cpu.mem();
        long have = mem.loadp(argp);
        long want = mem.loadp(argp + cpu.arch().PtrSize);
        String msg =
                "interface conversion: interface is "
                        + (have == 0 ? "nil" : ps.typestring(have))
                        + ", not "
                        + ps.typestring(want);
        ps.panicstring(cpu, msg);
    }

    // ---- signals ----

    /**
     * The signal handler's part of a fault in Go code: when gp may panic, record the signal in gp
     * and make the faulting instruction appear to call runtime.sigpanic. Port of signal_amd64x.c /
     * signal_arm.c runtime·sighandler, the SigPanic case (0a7c7ac80).
     */
    @Override
    public boolean sighandler(Cpu cpu, Fault f) {
        G gp = cpu.g();
        if (gp == null || !canpanic(cpu.m(), gp)) {
            return false;
        }
        gp.sig = SIGSEGV;
        gp.sigcode0 = SEGV_MAPERR;
        gp.sigcode1 = f.addr();
        gp.sigpc = cpu.pc();
        pushsigpanic(cpu);
        return true;
    }

    /**
     * Whether gp may panic instead of crashing: it runs Go code on its M, nothing locked or dying,
     * status Grunning (the scan bit ignored), not in a syscall. Port of panic.c runtime·canpanic
     * (0a7c7ac80), with the commit's readgstatus.
     */
    static boolean canpanic(M mp, G gp) {
        if (gp == null || gp != mp.curg) {
            return false;
        }
        if (mp.locks - mp.softfloat != 0
                || mp.mallocing != 0
                || mp.throwing != 0
                || mp.gcing != 0
                || mp.dying != 0) {
            return false;
        }
        int status = StatusAccessors.readgstatus(gp);
        return (status & ~GStatus.Gscan) == GStatus.Grunning && gp.syscallsp == 0;
    }

    /**
     * The run-time error of the fault recorded in g (RTCALL of runtime.sigpanic, its outgoing area
     * receiving the error). Port of os_linux.c runtime·sigpanic (0a7c7ac80), SIGSEGV.
     */
    static void sigpanic(Cpu cpu, long argp) {
        Panics ps = of(cpu);
        G gp = cpu.g();
        if (gp.sig == SIGSEGV) {
            if (gp.sigcode1 < 0x1000 || gp.paniconfault) {
                String s =
                        gp.sigpc == 0
                                ? "call of nil func value"
                                : "invalid memory address or nil pointer dereference";
                long[] e = ps.newErrorCString(s);
                cpu.mem().storep(argp, e[0]);
                cpu.mem().storep(argp + cpu.arch().PtrSize, e[1]);
                return;
            }
            Print.printf(ps.process, "unexpected fault address %p\n", gp.sigcode1);
            Throw.throw_(ps.process, "fault");
        }
        Throw.throw_(ps.process, "gort: sigpanic without a signal");
    }

    /** Makes the Go code at {@code ret} appear to CALL {@code name} from there. */
    private static void pushcall(Cpu cpu, long ret, String name) {
        Gobuf b = callbuf(cpu, name);
        if (cpu.arch().hasLinkRegister) {
            b.sp = cpu.sp();
            b.lr = ret;
        } else {
            b.sp = cpu.sp() - 8;
            cpu.mem().store64(b.sp, ret);
        }
        cpu.gogo(b);
    }

    /**
     * The signal handler's fake call of runtime.sigpanic from the faulting pc, as signal_amd64x.c
     * and signal_arm.c arrange it (0a7c7ac80). amd64 pushes the faulting pc as a return address
     * unless it is 0 (a nil call, whose CALL already pushed one: sigpanic then seems called by the
     * nil call's caller). arm always stores the interrupted LR on the stack, so that a fault in a
     * leaf (LR still live) unwinds, and sets LR to the faulting pc unless that is 0, where the old
     * LR names the caller better; the walker takes the stored word back after sigpanic's frame.
     */
    private static void pushsigpanic(Cpu cpu) {
        long pc = cpu.pc();
        Gobuf b = callbuf(cpu, "runtime.sigpanic");
        if (cpu.arch().hasLinkRegister) {
            b.sp = cpu.sp() - 4;
            cpu.mem().store32(b.sp, (int) cpu.lr());
            b.lr = pc != 0 ? pc : cpu.lr();
        } else if (pc != 0) {
            b.sp = cpu.sp() - 8;
            cpu.mem().store64(b.sp, pc);
        } else {
            b.sp = cpu.sp();
        }
        cpu.gogo(b);
    }

    private static Gobuf callbuf(Cpu cpu, String name) {
        Func fn = cpu.text().lookup(name);
        if (fn == null) {
            Throw.throw_(cpu.m().process, "runtime: missing function " + name);
        }
        Gobuf b = new Gobuf();
        b.g = cpu.g();
        b.pc = fn.entry;
        return b;
    }

    // ---- the fatal path ----

    /**
     * Prints the panics from the oldest: "panic: v", " [recovered]", a tab between. Port of panic.c
     * printpanics (0a7c7ac80).
     */
    void printpanics(long p) {
        Memory mem = process.memory();
        long link = mem.loadp(p + rec.pLink());
        if (link != 0) {
            printpanics(link);
            Print.printf(process, "\t");
        }
        Print.printf(process, "panic: ");
        printany(mem.loadp(p + rec.pArg()), mem.loadp(p + rec.pArg() + rec.w()));
        if (mem.load8(p + rec.pRecovered()) != 0) {
            Print.printf(process, " [recovered]");
        }
        Print.printf(process, "\n");
    }

    /**
     * Prints a panic's value as Go 1.3 does: nil; a run-time error's Error(); an int or a string as
     * print would; anything else as {@code (T) (0xtype,0xdata)}. Port of error.go printany
     * (0a7c7ac80). gort differs: values whose type has a String or Error method of the program fall
     * to the last case (Java cannot call Go methods).
     */
    void printany(long type, long data) {
        Memory mem = process.memory();
        int w = rec.w();
        if (type == 0) {
            Print.printf(process, "nil");
            return;
        }
        if (type == errorCStringType) {
            Print.printf(process, "runtime error: ");
            Print.prints(process, cstring(data));
            return;
        }
        String ts = typestring(type);
        int kind = gort.runtime.type.Type.kindOf(mem, type) & KindMask;
        if (kind == KindInt && ts.equals("int")) {
            Print.printint(process, w == 8 ? data : (int) data);
        } else if (kind == KindString && ts.equals("string")) {
            long len = mem.loadp(data + w);
            Print.prints(
                    process,
                    len == 0
                            ? ""
                            : new String(
                                    mem.read(mem.loadp(data), (int) len),
                                    StandardCharsets.ISO_8859_1));
        } else {
            Print.printf(process, "(");
            Print.prints(process, ts);
            Print.printf(process, ") ");
            Print.printf(process, "(%p,%p)", type, data);
        }
    }

    /** *t->string of a type descriptor. */
    String typestring(long t) {
        Memory mem = process.memory();
        int w = rec.w();
        long s = gort.runtime.type.Type.stringOf(mem, t);
        if (s == 0) {
            return "???";
        }
        long len = mem.loadp(s + w);
        return new String(mem.read(mem.loadp(s), (int) len), StandardCharsets.ISO_8859_1);
    }

    private String cstring(long p) {
        StringBuilder b = new StringBuilder();
        Memory mem = process.memory();
        for (int c; (c = mem.load8(p)) != 0; p++) {
            b.append((char) c);
        }
        return b.toString();
    }

    /**
     * panic.c runtime·throw (0a7c7ac80), the process's throw: marks the M throwing (so that its
     * goroutine's traceback shows runtime frames, fp and sp), enters the fatal path, prints "fatal
     * error: s" and the tracebacks, and ends the process with exit code 2; its fatal() is the
     * GoThrow. Off the Ms' threads (a unit test of one function) it throws the GoThrow as the
     * default hook does.
     */
    @Override
    public void throw_(GoProcess process, String s) {
        M mp = process.currentM();
        if (mp == null || mp.cpu == null || mp.process != process) {
            PanicHook.super.throw_(process, s);
            return;
        }
        if (mp.throwing == 0) {
            mp.throwing = 1;
        }
        startpanic(mp.cpu);
        Print.printf(process, "fatal error: %s\n", s);
        dopanic(mp.cpu, new GoThrow(s));
    }

    /**
     * Enters the fatal path once per M: marks it dying, counts it in panicking, takes paniclk and
     * freezes the world; a second entry prints "panic during panic", a third "stack trace
     * unavailable". Port of panic.c runtime·startpanic (0a7c7ac80). gort differs: there is no
     * mcache to allocate here, and an M that gets paniclk after another M's fatal path ended the
     * process stops, as exit_group would have killed its thread.
     */
    void startpanic(Cpu cpu) {
        M mp = cpu.m();
        switch (mp.dying) {
            case 0 -> {
                mp.dying = 1;
                cpu.g().writebuf = 0;
                panicking.incrementAndGet();
                paniclk.lock();
                if (process.exiting()) {
                    paniclk.unlock();
                    throw new ThreadExit();
                }
                DebugVars debug = DebugVars.of(process);
                if (debug.schedtrace > 0 || debug.scheddetail > 0) {
                    Sysmon.schedtrace(mp, true);
                }
                World.freezetheworld(mp);
            }
            case 1 -> {
                // The fatal path itself failed (printing the panic value, say): a bare
                // traceback is all that is left to try.
                mp.dying = 2;
                Print.printf(process, "panic during panic\n");
                dopanic(cpu, null);
                exit(3);
            }
            case 2 -> {
                // Even the traceback failed.
                mp.dying = 3;
                Print.printf(process, "stack trace unavailable\n");
                exit(4);
            }
            default -> exit(5);
        }
    }

    /**
     * Prints the signal (if any), the crashing goroutine's header and traceback (or, on g0,
     * "runtime stack:"), once per process every other goroutine, and ends the process: exit code 2,
     * with {@code cause} as its fatal error when a throw got here. Port of panic.c runtime·dopanic
     * (0a7c7ac80). gort differs: the runtime's own C frames are Java, so g0 has no frames to print
     * under "runtime stack:"; GOTRACEBACK=crash ends with exit code 2, not SIGABRT (runtime·crash),
     * as gort has no signals.
     */
    void dopanic(Cpu cpu, Throwable cause) {
        G gp = cpu.g();
        M mp = cpu.m();
        if (gp.sig != 0) {
            Print.printf(
                    process,
                    "[signal %x code=%p addr=%p pc=%p]\n",
                    gp.sig,
                    gp.sigcode0,
                    gp.sigcode1,
                    gp.sigpc);
        }
        boolean[] crash = new boolean[1];
        int t = Traceback.gotraceback(mp, crash);
        if (t > 0) {
            if (gp != mp.g0) {
                Print.printf(process, "\n");
                Schedule.goroutineheader(process, gp);
                // From the Go code that is running: its RTCALL into the fatal path is where
                // C's dopanic finds its caller.
                Traceback.traceback(mp, cpu.pc(), cpu.sp(), cpu.lr(), gp);
            } else if (t >= 2 || mp.throwing > 0) {
                Print.printf(process, "\nruntime stack:\n");
            }
            boolean first;
            synchronized (this) {
                first = !didothers;
                didothers = true;
            }
            if (first) {
                Tracebacks.tracebackothers(mp, gp, Traceback.TRACER);
            }
        }
        if (paniclk.isHeldByCurrentThread()) {
            paniclk.unlock();
        }
        if (panicking.decrementAndGet() != 0) {
            // Another M is on the fatal path too: it prints what it has and ends the process.
            try {
                process.awaitExit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ThreadExit();
        }
        if (cause != null) {
            process.die(cause);
            throw new ThreadExit();
        }
        exit(2);
    }

    private void exit(int code) {
        process.exit(code);
        throw new ThreadExit();
    }
}
