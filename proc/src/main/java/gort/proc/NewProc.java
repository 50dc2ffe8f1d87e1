package gort.proc;

import static gort.runtime.GStatus.Gdead;
import static gort.runtime.GStatus.Gidle;
import static gort.runtime.GStatus.Grunnable;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.Gobuf;
import gort.runtime.M;
import gort.runtime.P;
import gort.runtime.Print;
import gort.runtime.Stack;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Sys;
import gort.runtime.mem.Memory;
import gort.runtime.os.LockFutex;

/**
 * Making goroutines: malg, newproc/newproc1 (the {@code go} statement), allgadd, and the free list
 * of dead Gs (gfput, gfget, gfpurge), as proc.c has them at 0a7c7ac80.
 *
 * <h2>Publication order (the commit's point)</h2>
 *
 * A G made by malg is Gidle. newproc1 moves it to Gdead <em>before</em> allgadd publishes it in
 * allg (allgadd throws on Gidle), sets up its stack and sched while it is Gdead (a collector skips
 * Gdead Gs, so it never scans the half-built stack), and only then makes it Grunnable and queues
 * it. A G reused from the free list is already Gdead and skips Gidle.
 *
 * <p>gort differs throughout: C's globals are the process's fields, and C's {@code g->m} is passed
 * as {@code mp}. Java runtime code always runs on the M's own (Java) stack, which plays the part of
 * g0's: where C checks {@code g == g->m->g0} to choose between calling stackalloc and
 * mcall(mstackalloc), gort always calls stackalloc directly.
 */
public final class NewProc {
    private NewProc() {}

    /** proc.c GoidCacheBatch. */
    static final int GoidCacheBatch = 16;

    /**
     * Allocates a G (Gidle) with a stack for stacksize bytes, none if stacksize &lt; 0. Port of
     * proc.c runtime·malg (0a7c7ac80). gort differs: the StackTop check is C's own of stack.h
     * against sizeof(Stktop), which gort's constants satisfy by construction; allocg is {@link
     * GoProcess#newG}.
     */
    static G malg(GoProcess process, int stacksize) {
        return malg(process, null, stacksize);
    }

    /**
     * {@link #malg(GoProcess, int)} called on {@code mp} (C's g->m), whose stack cache may serve
     * it.
     */
    static G malg(GoProcess process, M mp, int stacksize) {
        G newg = process.newG(Gidle);
        if (stacksize >= 0) {
            stacksize = round2(Stack.StackSystem + stacksize);
            long stk = process.stacks().stackalloc(mp, newg, stacksize);
            newg.stack0 = stk;
            newg.stackguard = stk + Stack.StackGuard;
            newg.stackguard0 = newg.stackguard;
            newg.stackbase = stk + stacksize - Stack.StackTop;
        }
        return newg;
    }

    /** stack.c runtime·round2: the least power of two &gt;= x. */
    static int round2(int x) {
        int s = 0;
        while ((1 << s) < x) {
            s++;
        }
        return 1 << s;
    }

    /**
     * The {@code go} statement: RTCALL runtime.newproc with, at argp, {@code siz} (int32, in a
     * pointer-sized slot), {@code fn} (FuncVal*), then siz bytes of fn's arguments. Port of proc.c
     * runtime·newproc and newproc_m (0a7c7ac80). gort differs: the arguments follow fn directly on
     * both arches (the RTCALL argument area already skips arm's saved-LR slot, which C's {@code
     * &fn+2} steps over); callerpc is the pc after the RTCALL; onM(newproc_m) is a plain call,
     * since Java runtime code already runs on the M's stack.
     */
    public static void newproc(Cpu cpu, long argp) {
        M mp = cpu.m();
        GoProcess process = mp.process;
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        int siz = mem.load32(argp);
        long fn = mem.loadp(argp + w);
        mp.locks++;
        newproc1(mp, fn, argp + 2L * w, siz, 0, cpu.pc());
        mp.locks--;
    }

    /**
     * Creates a G that will run the FuncVal {@code fn} on narg bytes of arguments from argp and
     * room for nret bytes of results, queued on mp's P. Port of proc.c runtime·newproc1
     * (0a7c7ac80), with the commit's order: malg, Gidle→Gdead, allgadd, set up, Gdead→Grunnable,
     * goid, runqput. gort differs: the wakep call is a seam for issue 4 ({@link Schedule#wakep});
     * preemption requests are restored through mp.curg (see LockFutex).
     */
    public static G newproc1(M mp, long fn, long argp, int narg, int nret, long callerpc) {
        GoProcess process = mp.process;
        Memory mem = process.memory();
        if (fn == 0) {
            mp.throwing = -1; // do not dump full stacks
            Throw.throw_(process, "go of nil func value");
        }
        mp.locks++; // no preemption while this code holds mp.p in hand
        int siz = narg + nret;
        siz = (siz + 7) & ~7;

        if (siz > Stack.StackMin - 1024) {
            Throw.throw_(
                    process, "runtime.newproc: function arguments too large for new goroutine");
        }

        P p = mp.p;
        G newg = gfget(process, p);
        if (newg != null) {
            if (newg.stackguard - Stack.StackGuard != newg.stack0) {
                Throw.throw_(process, "invalid stack in newg");
            }
        } else {
            newg = malg(process, mp, Stack.StackMin);
            StatusAccessors.casgstatus(newg, Gidle, Gdead);
            allgadd(mp, newg); // publishes with status Gdead so the GC scanner skips its stack
        }

        if (StatusAccessors.readgstatus(newg) != Gdead) {
            Throw.throw_(process, "newproc1: new g is not Gdead");
        }

        long sp = newg.stackbase;
        sp -= siz;
        mem.memmove(sp, argp, narg);
        if (process.arch().hasLinkRegister) {
            // caller's LR
            sp -= process.arch().PtrSize;
            mem.storep(sp, 0);
        }

        clear(newg.sched);
        newg.sched.sp = sp;
        newg.sched.pc = process.text().lookup("runtime.goexit").entry;
        newg.sched.g = newg;
        gostartcallfn(process, newg.sched, fn);
        newg.gopc = callerpc;
        StatusAccessors.casgstatus(newg, Gdead, Grunnable);

        if (p.goidcache == p.goidcacheend) {
            // goidgen counts ids handed out so far; this P takes the next GoidCacheBatch of
            // them. goidgen starts at 0, which makes the main goroutine goroutine 1.
            p.goidcache = process.sched.goidgen.addAndGet(GoidCacheBatch);
            p.goidcache -= GoidCacheBatch - 1;
            p.goidcacheend = p.goidcache + GoidCacheBatch;
        }
        newg.goid = p.goidcache++;
        newg.panicwrap = 0;
        RunQueues.runqput(process, mp, p, newg);

        if (process.sched.npidle.get() != 0
                && process.sched.nmspinning.get() == 0
                && mem.loadp(fn) != process.text().lookup("runtime.main").entry) {
            Schedule.wakep(process, mp);
        }
        mp.locks--;
        G gp = mp.curg;
        if (mp.locks == 0 && gp != null && gp.preempt) {
            gp.stackguard0 = Stack.StackPreempt(process.arch());
        }
        return newg;
    }

    private static void clear(Gobuf b) {
        b.sp = 0;
        b.pc = 0;
        b.g = null;
        b.ctxt = 0;
        b.ret = 0;
        b.lr = 0;
    }

    /**
     * Makes gobuf look as if it called fv's function with context fv. Port of stack.c
     * runtime·gostartcallfn (0a7c7ac80), here until the stack module (issue 5) exists; a nil fv
     * starts nilfunc, which gort does not have, so it throws.
     */
    static void gostartcallfn(GoProcess process, Gobuf gobuf, long fv) {
        if (fv == 0) {
            Throw.throw_(process, "gostartcallfn: nil FuncVal (nilfunc)");
        }
        Memory mem = process.memory();
        Sys.gostartcall(process, mem, gobuf, mem.loadp(fv), fv);
    }

    /**
     * Appends gp to allg; gp must not be Gidle. Port of proc.c allgadd (0a7c7ac80); the array is a
     * Java array grown as C grows it (4096 bytes' worth first, then doubling).
     */
    static void allgadd(M mp, G gp) {
        GoProcess process = mp.process;
        if (StatusAccessors.readgstatus(gp) == Gidle) {
            Throw.throw_(process, "allgadd: bad status Gidle");
        }

        LockFutex.lock(mp, process.allglock);
        int allgcap = process.allg == null ? 0 : process.allg.length;
        if (process.allglen >= allgcap) {
            int cap = 4096 / process.arch().PtrSize;
            if (cap < 2 * allgcap) {
                cap = 2 * allgcap;
            }
            G[] nw = new G[cap];
            if (process.allg != null) {
                System.arraycopy(process.allg, 0, nw, 0, process.allglen);
            }
            process.allg = nw;
        }
        process.allg[process.allglen++] = gp;
        LockFutex.unlock(mp, process.allglock);
    }

    /**
     * Puts the dead gp on p's free list; a long local list sends half its Gs to the global one.
     * Port of proc.c gfput (0a7c7ac80).
     */
    static void gfput(M mp, P p, G gp) {
        GoProcess process = mp.process;
        if (StatusAccessors.readgstatus(gp) != Gdead) {
            Throw.throw_(process, "gfput: bad status (not Gdead)");
        }

        if (gp.stackguard - Stack.StackGuard != gp.stack0) {
            Throw.throw_(process, "invalid stack in gfput");
        }
        long stksize = gp.stackbase + Stack.StackTop - gp.stack0;
        if (stksize != gp.stacksize) {
            Print.printf(
                    process,
                    "runtime: bad stacksize, goroutine %D, remain=%d, last=%d\n",
                    gp.goid,
                    (int) gp.stacksize,
                    (int) stksize);
            Throw.throw_(process, "gfput: bad stacksize");
        }
        if (stksize != Stack.FixedStack) {
            // a grown stack is not worth keeping: free it
            process.stacks().stackfree(mp, gp, gp.stack0, stksize);
            gp.stack0 = 0;
            gp.stackguard = 0;
            gp.stackguard0 = 0;
            gp.stackbase = 0;
        }
        gp.schedlink = p.gfree;
        p.gfree = gp;
        p.gfreecnt++;
        if (p.gfreecnt >= 64) {
            LockFutex.lock(mp, process.sched.gflock);
            while (p.gfreecnt >= 32) {
                p.gfreecnt--;
                gp = p.gfree;
                p.gfree = gp.schedlink;
                gp.schedlink = process.sched.gfree;
                process.sched.gfree = gp;
                process.sched.ngfree++;
            }
            LockFutex.unlock(mp, process.sched.gflock);
        }
    }

    /**
     * Takes a dead G from p's free list (refilled from the global one), giving it a stack if gfput
     * freed its own; null if none. Port of proc.c gfget (0a7c7ac80).
     */
    static G gfget(GoProcess process, P p) {
        M mp = p.m;
        G gp;
        for (; ; ) {
            gp = p.gfree;
            if (gp == null && process.sched.gfree != null) {
                LockFutex.lock(mp, process.sched.gflock);
                while (p.gfreecnt < 32 && process.sched.gfree != null) {
                    p.gfreecnt++;
                    gp = process.sched.gfree;
                    process.sched.gfree = gp.schedlink;
                    process.sched.ngfree--;
                    gp.schedlink = p.gfree;
                    p.gfree = gp;
                }
                LockFutex.unlock(mp, process.sched.gflock);
                continue;
            }
            break;
        }
        if (gp != null) {
            p.gfree = gp.schedlink;
            p.gfreecnt--;
            if (gp.stack0 == 0) {
                // gfput freed this G's odd-sized stack: give it a standard one.
                long stk = process.stacks().stackalloc(mp, gp, Stack.FixedStack);
                gp.stack0 = stk;
                gp.stackbase = stk + Stack.FixedStack - Stack.StackTop;
                gp.stackguard = stk + Stack.StackGuard;
                gp.stackguard0 = gp.stackguard;
            }
        }
        return gp;
    }

    /** Moves all of p's free Gs to the global list. Port of proc.c gfpurge (0a7c7ac80). */
    static void gfpurge(M mp, P p) {
        GoProcess process = mp.process;
        LockFutex.lock(mp, process.sched.gflock);
        while (p.gfreecnt != 0) {
            p.gfreecnt--;
            G gp = p.gfree;
            p.gfree = gp.schedlink;
            gp.schedlink = process.sched.gfree;
            process.sched.gfree = gp;
            process.sched.ngfree++;
        }
        LockFutex.unlock(mp, process.sched.gflock);
    }
}
