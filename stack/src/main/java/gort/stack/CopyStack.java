package gort.stack;

import static gort.runtime.GStatus.Gcopystack;
import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Grunnable;
import static gort.runtime.GStatus.Gscan;
import static gort.runtime.GStatus.Gwaiting;
import static gort.runtime.Stack.FixedStack;
import static gort.runtime.Stack.StackDebug;
import static gort.runtime.Stack.StackGuard;
import static gort.runtime.cpu.FuncData.BitsDead;
import static gort.runtime.cpu.FuncData.BitsEface;
import static gort.runtime.cpu.FuncData.BitsIface;
import static gort.runtime.cpu.FuncData.BitsMask;
import static gort.runtime.cpu.FuncData.BitsPerPointer;
import static gort.runtime.cpu.FuncData.BitsPointer;
import static gort.runtime.cpu.FuncData.BitsScalar;
import static gort.runtime.cpu.FuncData.FUNCDATA_ArgsPointerMaps;
import static gort.runtime.cpu.FuncData.FUNCDATA_LocalsPointerMaps;
import static gort.runtime.cpu.FuncData.PCDATA_StackMapIndex;

import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.StatusObserver;
import gort.runtime.Stktop;
import gort.runtime.Throw;
import gort.runtime.cpu.BitVector;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.StackMap;
import gort.runtime.mem.Memory;
import gort.traceback.Stkframe;
import gort.traceback.Traceback;

/**
 * Moving a stack: deciding whether the top segment can be copied (checkframecopy,
 * copyabletopsegment), rewriting the pointers into it (adjustpointers, adjustframe, adjustctxt,
 * adjustdefers, adjustsudogs), copying it (copystack) and halving it (shrinkstack), as stack.c has
 * them at 0a7c7ac80. The stack maps are Go 1.3's two-bit ones, read from the code tables
 * (docs/machine.md).
 */
public final class CopyStack {
    private CopyStack() {}

    /** malloc.h PoisonGC and PoisonStack, truncated to the arch's uintptr. */
    static final long PoisonGC = 0xf969696969696969L;

    static final long PoisonStack = 0x6868686868686868L;

    /** type.h / typekind.h: Type.kind's flags. */
    static final int KindDirectIface = 1 << 5;

    static final int KindNoPointers = 1 << 7;

    /** stack.c {@code struct CopyableInfo}. */
    static final class CopyableInfo {
        long stk; // bottom address of segment
        long base; // the segment's highest address, past its Stktop
        int frames; // frames seen, or -1 once one cannot be copied
    }

    /** stack.c {@code struct AdjustInfo}. */
    static final class AdjustInfo {
        long oldstk; // bottom address of segment
        long oldbase; // the old segment's highest address, past its Stktop
        long delta; // what to add to an old-stack pointer (newbase - oldbase)
    }

    /**
     * A frame walk callback: counts a frame as copyable when it has the stack maps copying needs;
     * stops at the end of the segment and at runtime.main. Port of stack.c checkframecopy
     * (0a7c7ac80). gort differs: there is no runtime.switchtoM (onM is a plain Java call).
     */
    static boolean checkframecopy(Stacks s, Stkframe frame, CopyableInfo cinfo) {
        Func f = frame.fn;
        if (StackDebug >= 2) {
            Print.printf(
                    s.process,
                    "    checking %s frame=[%p,%p] stk=[%p,%p]\n",
                    f.name,
                    frame.sp,
                    frame.fp,
                    cinfo.stk,
                    cinfo.base);
        }
        // a frame below this segment belongs to an older one: stop counting here
        if (frame.varp < cinfo.stk || frame.varp >= cinfo.base) {
            if (StackDebug >= 2) {
                Print.printf(s.process, "    <next segment>\n");
            }
            return false; // stop traceback
        }
        if (f.entry == s.mainPc) {
            // runtime.main at the top of the main goroutine's stack may be copied though it
            // has no full pointer information (it is the runtime's own).
            cinfo.frames++;
            return false; // stop traceback
        }
        if (frame.varp != frame.sp) { // the frame has locals or outgoing args (past the prologue)
            StackMap stackmap = s.text.funcdata(f, FUNCDATA_LocalsPointerMaps);
            if (stackmap == null) {
                cinfo.frames = -1;
                if (StackDebug >= 1) {
                    Print.printf(s.process, "copystack: no locals info for %s\n", f.name);
                }
                return false;
            }
            if (stackmap.n <= 0) {
                cinfo.frames = -1;
                if (StackDebug >= 1) {
                    Print.printf(s.process, "copystack: locals size info only for %s\n", f.name);
                }
                return false;
            }
        }
        if (frame.arglen != 0) {
            StackMap stackmap = s.text.funcdata(f, FUNCDATA_ArgsPointerMaps);
            if (stackmap == null) {
                cinfo.frames = -1;
                if (StackDebug >= 1) {
                    Print.printf(s.process, "copystack: no arg info for %s\n", f.name);
                }
                return false;
            }
        }
        cinfo.frames++;
        return true; // copyable: go on to the caller
    }

    /**
     * The number of frames in gp's top segment if every one of them (and every defer of the
     * segment) can be copied, else -1. Port of stack.c copyabletopsegment (0a7c7ac80). gort
     * differs: until the Defer layout is known ({@link Stacks#records}), a G with defers is not
     * copyable.
     */
    public static int copyabletopsegment(Stacks s, G gp) {
        if (gp.stackbase == 0) {
            Throw.throw_(s.process, "stackbase == 0");
        }
        CopyableInfo cinfo = new CopyableInfo();
        cinfo.stk = gp.stackguard - StackGuard;
        cinfo.base = gp.stackbase + Stktop.SIZE;
        cinfo.frames = 0;

        // Every frame must be copyable; the walk counts them on the way.
        Traceback.gentraceback(
                null,
                ~0L,
                ~0L,
                0,
                gp,
                0,
                null,
                0x7fffffff,
                frame -> checkframecopy(s, frame, cinfo),
                false);
        if (StackDebug >= 1 && cinfo.frames != -1) {
            Print.printf(s.process, "copystack: %d copyable frames\n", cinfo.frames);
        }

        if (cinfo.frames == -1) {
            return -1;
        }

        // A Defer in this segment must be one whose pointers copystack can fix
        StackRecords r = s.records;
        Memory mem = s.mem;
        for (long d = gp.defer; d != 0; d = mem.loadp(d + r.deferLink())) {
            if (r == null) {
                return -1; // gort: Defer records not known yet
            }
            if (cinfo.stk <= d && d < cinfo.base) {
                // The Defer is on the stack; the frame walk established its copyableness.
                continue;
            }
            long argp = mem.loadp(d + r.deferArgp());
            if (argp < cinfo.stk || cinfo.base <= argp) {
                break; // this Defer and the rest belong to older segments
            }
            long fn = mem.loadp(d + r.deferFn());
            if (fn == 0) { // See issue 8047
                continue;
            }
            Func f = s.text.findfunc(mem.loadp(fn));
            if (f == null) {
                if (StackDebug >= 1) {
                    Print.printf(
                            s.process, "copystack: no func for deferred pc %p\n", mem.loadp(fn));
                }
                return -1;
            }
            // The args map is what is needed; a missing locals map means the pointer map
            // cannot be trusted (it came from C).
            StackMap stackmap = s.text.funcdata(f, FUNCDATA_ArgsPointerMaps);
            if (stackmap == null || stackmap.n <= 0) {
                if (StackDebug >= 1) {
                    Print.printf(s.process, "copystack: no arg info for deferred %s\n", f.name);
                }
                return -1;
            }
            stackmap = s.text.funcdata(f, FUNCDATA_LocalsPointerMaps);
            if (stackmap == null || stackmap.n <= 0) {
                if (StackDebug >= 1) {
                    Print.printf(s.process, "copystack: no local info for deferred %s\n", f.name);
                }
                return -1;
            }
            if (cinfo.stk <= fn && fn < cinfo.base) {
                // FuncVal is on the stack; the frame walk established its copyableness.
                continue;
            }
            // A heap FuncVal never points into a stack (the compiler does not do that).
        }

        return cinfo.frames;
    }

    /**
     * Rewrites the words described by {@code bv} at {@code scanp}: each live pointer into the old
     * stack [oldstk, oldbase) moves by delta; scalars, dead words and pointers elsewhere stay. A
     * pointer slot holding a small non-zero value or a poison value throws {@code bad pointer!}.
     * Port of stack.c adjustpointers (0a7c7ac80). gort differs: runtime·debug.gcdead (poisoning
     * dead slots) is not ported (it is off by default).
     */
    static void adjustpointers(
            Stacks s, M mp, long scanp, BitVector bv, AdjustInfo adjinfo, Func f) {
        Memory mem = s.mem;
        int w = mem.arch().PtrSize;
        long minp = adjinfo.oldstk;
        long maxp = adjinfo.oldbase;
        long delta = adjinfo.delta;
        if (StackDebug < 4 && bv.pointerFree()) {
            // gort: every word is BitsDead or BitsScalar, which C visits one by one to do nothing
            return;
        }
        int num = bv.n / BitsPerPointer;
        int bits = 0; // bitmap word number bitsIndex, which holds the kinds of sixteen words
        int bitsIndex = -1;
        for (int i = 0; i < num; i++) {
            if (i >> 4 != bitsIndex) {
                bitsIndex = i >> 4;
                bits = bv.data(bitsIndex);
            }
            if (StackDebug < 4
                    && (bits & PointerKindBits & (-1 << ((i & 15) * BitsPerPointer))) == 0) {
                // gort: the rest of this bitmap word holds only BitsDead or BitsScalar words, which
                // C visits one by one to do nothing (gcdead is off); skipped whole.
                i |= 15;
                continue;
            }
            int kind = bits >>> ((i & 15) * BitsPerPointer) & BitsMask;
            long slot = scanp + (long) i * w;
            if (StackDebug >= 4) {
                Print.printf(
                        s.process, "        %p:%s:%p\n", slot, mapnames[kind], mem.loadp(slot));
            }
            switch (kind) {
                case BitsDead:
                case BitsScalar:
                    break;
                case BitsPointer:
                    {
                        long p = mem.loadp(slot);
                        if (f != null
                                && p != 0
                                && (Long.compareUnsigned(p, gort.runtime.malloc.Msize.PageSize) < 0
                                        || p == mem.arch().uintptr(PoisonGC)
                                        || p == mem.arch().uintptr(PoisonStack))) {
                            // A small nonzero value where the map says pointer: the liveness
                            // information is wrong, or the slot holds garbage.
                            if (mp != null) {
                                mp.traceback = 2;
                            }
                            Print.printf(
                                    s.process,
                                    "runtime: bad pointer in frame %s at %p: %p\n",
                                    f.name,
                                    slot,
                                    p);
                            Throw.throw_(s.process, "bad pointer!");
                        }
                        if (minp <= p && p < maxp) {
                            if (StackDebug >= 3) {
                                Print.printf(
                                        s.process,
                                        "adjust ptr %p %s\n",
                                        p,
                                        f == null ? null : f.name);
                            }
                            mem.storep(slot, p + delta);
                        }
                        break;
                    }
                default:
                    { // BitsMultiWord
                        int next = bv.kind(i + 1);
                        long slot1 = slot + w;
                        if (next == BitsEface) {
                            long t = mem.loadp(slot);
                            if (t != 0
                                    && ((typeKind(mem, t) & KindDirectIface) == 0
                                            || (typeKind(mem, t) & KindNoPointers) == 0)) {
                                long p = mem.loadp(slot1);
                                if (minp <= p && p < maxp) {
                                    if (StackDebug >= 3) {
                                        Print.printf(s.process, "adjust eface %p\n", p);
                                    }
                                    if (mem.loadp(t)
                                            > w) { // currently such objects are always on the heap
                                        Throw.throw_(
                                                s.process, "large interface value found on stack");
                                    }
                                    mem.storep(slot1, p + delta);
                                }
                            }
                            i++;
                        } else if (next == BitsIface) {
                            long tab = mem.loadp(slot);
                            if (tab != 0) {
                                long t = mem.loadp(tab + w); // Itab.type
                                if ((typeKind(mem, t) & KindDirectIface) == 0
                                        || (typeKind(mem, t) & KindNoPointers) == 0) {
                                    long p = mem.loadp(slot1);
                                    if (minp <= p && p < maxp) {
                                        if (StackDebug >= 3) {
                                            Print.printf(s.process, "adjust iface %p\n", p);
                                        }
                                        if (mem.loadp(t) > w) {
                                            Throw.throw_(
                                                    s.process,
                                                    "large interface value found on stack");
                                        }
                                        mem.storep(slot1, p + delta);
                                    }
                                }
                            }
                            i++;
                        } else {
                            Throw.throw_(s.process, "unexpected garbage collection bits");
                        }
                        break;
                    }
            }
        }
    }

    /**
     * The high bit of every two-bit pair of a bitmap word: set for BitsPointer and BitsMultiWord,
     * clear for BitsDead and BitsScalar, the kinds adjustpointers leaves alone.
     */
    private static final int PointerKindBits = 0xaaaaaaaa;

    /** stack.c mapnames, for StackDebug's word dump. */
    private static final String[] mapnames = {"---", "scalar", "ptr", "multi"};

    /** type.h Type.kind, flags included. */
    private static int typeKind(Memory mem, long t) {
        return gort.runtime.type.Type.kindOf(mem, t);
    }

    /**
     * A frame walk callback: adjusts the pointers in one frame's locals and arguments with the
     * stack maps at its continuation pc. Port of stack.c adjustframe (0a7c7ac80); the
     * argument/result area is the callee's to fix: its frame's walk covers it, as in C.
     */
    static boolean adjustframe(Stacks s, M mp, Stkframe frame, AdjustInfo adjinfo) {
        Func f = frame.fn;
        if (StackDebug >= 2) {
            Print.printf(
                    s.process,
                    "    adjusting %s frame=[%p,%p] pc=%p continpc=%p\n",
                    f.name,
                    frame.sp,
                    frame.fp,
                    frame.pc,
                    frame.continpc);
        }
        if (f.entry == s.mainPc) {
            return true;
        }
        long targetpc = frame.continpc;
        if (targetpc == 0) {
            // Frame is dead.
            return true;
        }
        if (targetpc != f.entry) {
            targetpc--;
        }
        int pcdata = s.text.pcdatavalue(f, PCDATA_StackMapIndex, targetpc);
        if (pcdata == -1) {
            pcdata = 0; // in prologue
        }

        // adjust local pointers
        if (frame.varp != frame.sp) {
            StackMap stackmap = s.text.funcdata(f, FUNCDATA_LocalsPointerMaps);
            if (stackmap == null) {
                Throw.throw_(s.process, "no locals info");
            }
            if (stackmap.n <= 0) {
                Throw.throw_(s.process, "locals size info only");
            }
            BitVector bv = stackmapdata(s, stackmap, pcdata);
            if (StackDebug >= 3) {
                Print.printf(s.process, "      locals\n");
            }
            adjustpointers(
                    s,
                    mp,
                    frame.varp - (long) bv.n / BitsPerPointer * s.mem.arch().PtrSize,
                    bv,
                    adjinfo,
                    f);
        }
        // adjust inargs and outargs
        if (frame.arglen != 0) {
            StackMap stackmap = s.text.funcdata(f, FUNCDATA_ArgsPointerMaps);
            if (stackmap == null) {
                Throw.throw_(s.process, "no arg info");
            }
            BitVector bv = stackmapdata(s, stackmap, pcdata);
            if (StackDebug >= 3) {
                Print.printf(s.process, "      args\n");
            }
            adjustpointers(s, mp, frame.argp, bv, adjinfo, null);
        }
        return true;
    }

    /** mgc0.c stackmapdata with its throw going through the process. */
    static BitVector stackmapdata(Stacks s, StackMap stackmap, int n) {
        if (n < 0 || n >= stackmap.n) {
            Throw.throw_(s.process, "stackmapdata: index out of range");
        }
        return stackmap.stackmapdata(n);
    }

    /**
     * Moves gp's saved closure context if it points into the old stack. Port of stack.c adjustctxt
     * (0a7c7ac80).
     */
    static void adjustctxt(G gp, AdjustInfo adjinfo) {
        if (adjinfo.oldstk <= gp.sched.ctxt && gp.sched.ctxt < adjinfo.oldbase) {
            gp.sched.ctxt = gp.sched.ctxt + adjinfo.delta;
        }
    }

    /**
     * Moves the Defer records, FuncVals, argps and deferred arguments of the segment that point
     * into the old stack. Port of stack.c adjustdefers (0a7c7ac80). gort differs: without a Defer
     * layout ({@link Stacks#records}) there is nothing it can read, and copyabletopsegment has
     * already refused a G with defers.
     */
    static void adjustdefers(Stacks s, M mp, G gp, AdjustInfo adjinfo) {
        StackRecords r = s.records;
        if (r == null || gp.defer == 0) {
            return;
        }
        Memory mem = s.mem;
        long dp = -1; // -1: &gp->defer; else the address of the previous record's link field
        for (long d = gp.defer; d != 0; ) {
            if (adjinfo.oldstk <= d && d < adjinfo.oldbase) {
                // This record lives in the old stack itself: it moves with the frame holding it.
                long nd = d + adjinfo.delta;
                if (dp == -1) {
                    gp.defer = nd;
                } else {
                    mem.storep(dp, nd);
                }
                dp = d + r.deferLink();
                d = mem.loadp(dp);
                continue;
            }
            long argp = mem.loadp(d + r.deferArgp());
            if (argp < adjinfo.oldstk || adjinfo.oldbase <= argp) {
                break; // this Defer and the rest belong to older segments
            }
            long fn = mem.loadp(d + r.deferFn());
            if (fn == 0) {
                // nil fn: calling it will panic, and there is no argument map to go by
                mem.storep(d + r.deferArgp(), argp + adjinfo.delta);
                dp = d + r.deferLink();
                d = mem.loadp(dp);
                continue;
            }
            Func f = s.text.findfunc(mem.loadp(fn));
            if (f == null) {
                Throw.throw_(s.process, "can't adjust unknown defer");
            }
            if (StackDebug >= 4) {
                Print.printf(s.process, "  checking defer %s\n", f.name);
            }
            // the FuncVal itself may be a closure allocated in the old stack
            if (adjinfo.oldstk <= fn && fn < adjinfo.oldbase) {
                if (StackDebug >= 3) {
                    Print.printf(s.process, "    adjust defer fn %s\n", f.name);
                }
                mem.storep(d + r.deferFn(), fn + adjinfo.delta);
            } else {
                // the saved arguments may hold pointers into the old stack
                if (StackDebug >= 3) {
                    Print.printf(s.process, "    adjust deferred args for %s\n", f.name);
                }
                StackMap stackmap = s.text.funcdata(f, FUNCDATA_ArgsPointerMaps);
                if (stackmap == null) {
                    Throw.throw_(s.process, "runtime: deferred function has no arg ptr map");
                }
                BitVector bv = stackmapdata(s, stackmap, 0);
                adjustpointers(s, mp, d + r.deferArgs(), bv, adjinfo, f);
            }
            mem.storep(d + r.deferArgp(), argp + adjinfo.delta);
            dp = d + r.deferLink();
            d = mem.loadp(dp);
        }
    }

    /**
     * Moves the elem pointers of the SudoGs gp waits on that point into the old stack. Port of
     * stack.c adjustsudogs (0a7c7ac80); without a SudoG layout ({@link Stacks#records}) no waiting
     * G is copied (see shrinkstack; newstack copies only running Gs, whose gp->waiting is empty).
     */
    static void adjustsudogs(Stacks s, G gp, AdjustInfo adjinfo) {
        StackRecords r = s.records;
        if (r == null || !r.knowsSudogs()) {
            return;
        }
        Memory mem = s.mem;
        for (long sg = gp.waiting; sg != 0; sg = mem.loadp(sg + r.sudogWaitlink())) {
            long e = mem.loadp(sg + r.sudogElem());
            if (adjinfo.oldstk <= e && e < adjinfo.oldbase) {
                mem.storep(sg + r.sudogElem(), e + adjinfo.delta);
            }
        }
    }

    /**
     * Copies gp's top segment, of nframes frames, to a new stack of newsize bytes: adjusts the
     * pointers into it, copies the used part with the Stktop, switches gp to it under Gcopystack,
     * and frees the old one. gp must be Gwaiting or Grunnable. Port of stack.c copystack
     * (0a7c7ac80), with the commit's status bracket. gort adds the StatusObserver's stack event
     * (COPY) before the stack is read. Like C it leaves gp->panic alone: a Panic record lives in
     * runtime.panic's frame, which has no stack maps (a C frame in 2014, an assembled one in gort),
     * so copyabletopsegment never lets the segment holding it be copied; C runs each deferred call
     * on a fresh segment (newstackcall), gort on the same one, where that frame forces the
     * segmented path (corpus stack/panicgrow). gort also differs in the copy itself: {@link
     * gort.runtime.mem.Memory#transfer} moves whole blocks by exchanging page-table entries,
     * leaving the old stack's bytes unspecified; nothing reads them, as the old stack is freed at
     * the end.
     */
    public static void copystack(Stacks s, M mp, G gp, int nframes, long newsize) {
        if (gp.syscallstack != 0) {
            Throw.throw_(s.process, "can't handle stack copy in syscall yet");
        }
        long oldstk = gp.stackguard - StackGuard;
        if (gp.stackbase == 0) {
            Throw.throw_(s.process, "nil stackbase");
        }
        long oldbase = gp.stackbase + Stktop.SIZE;
        long oldsize = oldbase - oldstk;
        long used = oldbase - gp.sched.sp;
        long oldtop = gp.stackbase;

        StatusObserver obs = s.process.observer();
        if (obs != null) {
            obs.stack(gp, StatusObserver.StackEvent.COPY, StatusAccessors.readgstatus(gp));
        }

        // allocate new stack
        long newstk = s.stackalloc(mp, gp, newsize);
        long newbase = newstk + newsize;
        long newtop = newbase - Stktop.SIZE;

        if (StackDebug >= 1) {
            Print.printf(
                    s.process,
                    "copystack gp=%p [%p %p]/%d -> [%p %p]/%d\n",
                    gp,
                    oldstk,
                    oldbase,
                    (int) oldsize,
                    newstk,
                    newbase,
                    (int) newsize);
        }

        // fix the pointers held in the frames that move
        AdjustInfo adjinfo = new AdjustInfo();
        adjinfo.oldstk = oldstk;
        adjinfo.oldbase = oldbase;
        adjinfo.delta = newbase - oldbase;
        Traceback.gentraceback(
                mp,
                ~0L,
                ~0L,
                0,
                gp,
                0,
                null,
                nframes,
                frame -> adjustframe(s, mp, frame, adjinfo),
                false);

        // and the pointers into this stack held outside its frames
        adjustctxt(gp, adjinfo);
        adjustdefers(s, mp, gp, adjinfo);
        adjustsudogs(s, gp, adjinfo);

        // move the used part, Stktop included; gort moves whole blocks
        // (Memory.transfer) since the old stack is freed below and nothing reads it again
        s.mem.transfer(newbase - used, oldbase - used, used);
        int oldstatus = StatusAccessors.readgstatus(gp);
        oldstatus &= ~Gscan;
        if (oldstatus == Gwaiting || oldstatus == Grunnable) {
            StatusAccessors.casgstatus(
                    gp, oldstatus, Gcopystack); // oldstatus is Gwaiting or Grunnable
        } else {
            Throw.throw_(s.process, "copystack: bad status, not Gwaiting or Grunnable");
        }
        // the G now runs on the new stack
        gp.stackbase = newtop;
        gp.stackguard = newstk + StackGuard;
        gp.stackguard0 = newstk + StackGuard; // a pending preemption request is lost here, as in C
        if (gp.stack0 == oldstk) {
            gp.stack0 = newstk;
        }
        gp.sched.sp = newbase - used;

        StatusAccessors.casgstatus(gp, Gcopystack, oldstatus); // oldstatus is Gwaiting or Grunnable

        // free old stack
        s.stackfree(mp, gp, oldstk, oldtop + Stktop.SIZE - oldstk);
    }

    /** The least power of two &gt;= x. Port of stack.c runtime·round2 (0a7c7ac80). */
    public static int round2(int x) {
        int s = 0;
        while ((1 << s) < x) {
            s++;
        }
        return 1 << s;
    }

    /**
     * Halves gp's stack when it uses less than a quarter of it and every frame can be copied; never
     * below FixedStack, never in a syscall. Called at collection time in C (mgc, later); callable
     * by tests. Port of stack.c runtime·shrinkstack (0a7c7ac80). gort differs: the Windows
     * libcallsp case does not apply; a G waiting on SudoGs is not shrunk while their layout is
     * unknown ({@link Stacks#records}).
     */
    public static void shrinkstack(Stacks s, M mp, G gp) {
        if (!s.copystack) {
            return;
        }
        if (StatusAccessors.readgstatus(gp) == Gdead) {
            return;
        }
        if (gp.stackbase == 0) {
            Throw.throw_(s.process, "stackbase == 0");
        }
        long oldstk = gp.stackguard - StackGuard;
        long oldbase = gp.stackbase + Stktop.SIZE;
        long oldsize = oldbase - oldstk;
        long newsize = oldsize / 2;
        if (newsize < FixedStack) {
            return; // already the smallest size
        }
        long used = oldbase - gp.sched.sp;
        if (used >= oldsize / 4) {
            return; // a quarter or more is in use: keep the size
        }

        if (gp.syscallstack != 0) { // TODO in C too: can this case be handled?
            return;
        }
        if (gp.waiting != 0 && (s.records == null || !s.records.knowsSudogs())) {
            return; // gort: SudoG layout unknown
        }
        if (StackDebug > 0) {
            Print.printf(s.process, "shrinking stack %D->%D\n", oldsize, newsize);
        }
        int nframes = copyabletopsegment(s, gp);
        if (nframes == -1) {
            return;
        }
        copystack(s, mp, gp, nframes, newsize);
    }
}
