package gort.stack;

import static gort.runtime.GStatus.Gcopystack;
import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscan;
import static gort.runtime.GStatus.Gsyscall;
import static gort.runtime.GStatus.Gwaiting;
import static gort.runtime.Stack.StackDebug;
import static gort.runtime.Stack.StackExtra;
import static gort.runtime.Stack.StackGuard;
import static gort.runtime.Stack.StackMin;
import static gort.runtime.Stack.StackSystem;

import gort.proc.Schedule;
import gort.proc.StatusAccessors;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.Gobuf;
import gort.runtime.M;
import gort.runtime.PStatus;
import gort.runtime.Print;
import gort.runtime.Stack;
import gort.runtime.Stktop;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Sys;
import gort.runtime.mem.Fault;
import gort.runtime.mem.Memory;

/**
 * Growing and unsplitting stacks: newstack (what the prologue's morestack runs on g0) and oldstack
 * (what lessstack runs when a function returns off a segment), as stack.c has them at 0a7c7ac80,
 * with the commit's status brackets: newstack moves the G from Grunning or Gsyscall to Gwaiting
 * ("stack growth") and back on every way out; oldstack from Grunning or Gsyscall to Gcopystack and
 * back.
 */
public final class NewStack {
    private NewStack() {}

    /**
     * Called through morestack when gp's prologue finds too little stack, or a preemption request:
     * on StackPreempt, yields (gosched) or declines; else copies the top segment to one twice its
     * size when every frame is copyable, or else starts a new segment that returns through
     * lessstack; either way checks maxstacksize. Port of stack.c runtime·newstack (0a7c7ac80). gort
     * differs: it ends by asking the CPU for gogo or (for gosched_m) for an mcall from g0, as
     * {@link gort.runtime.cpu.Morestack} says; newstackcall (reflect.call's moreframesize 1) never
     * happens in gort.
     */
    static void newstack(Stacks s, Cpu cpu) {
        M m = cpu.m();
        GoProcess process = s.process;
        Memory mem = s.mem;
        if (m.forkstackguard != 0) {
            Throw.throw_(process, "split stack after fork");
        }
        if (m.morebuf.g != m.curg) {
            Print.printf(
                    process,
                    "runtime: newstack called from g=%p\n"
                            + "\tm=%p m->curg=%p m->g0=%p m->gsignal=%p\n",
                    m.morebuf.g,
                    m,
                    m.curg,
                    m.g0,
                    m.gsignal);
            Throw.throw_(process, "runtime: wrong goroutine in newstack");
        }

        // gp is executing, so it is Grunning or Gsyscall (a stack overflow inside
        // entersyscall), or one of those with the scan bit while the collector looks at it.
        G gp = m.curg;
        int oldstatus = StatusAccessors.readgstatus(gp) & ~Gscan;
        int framesize = m.moreframesize;
        int argsize = m.moreargsize;
        long moreargp = m.moreargp;
        m.moreargp = 0;
        Gobuf morebuf = copy(m.morebuf);
        m.morebuf.pc = 0;
        m.morebuf.lr = 0;
        m.morebuf.sp = 0;

        StatusAccessors.casgstatus(gp, oldstatus, Gwaiting); // oldstatus carries no scan bit
        gp.waitreason = "stack growth";
        boolean newstackcall = framesize == 1;
        if (newstackcall) {
            framesize = 0;
        }

        // newstackcall's saved state is already at its start: nothing to rewind.
        if (!newstackcall) {
            Sys.rewindmorestack(process, s.text, gp.sched);
        }

        if (gp.stackbase == 0) {
            Throw.throw_(process, "nil stackbase");
        }
        long sp = gp.sched.sp;
        if (!mem.arch().hasLinkRegister) {
            // morestack's own return address took one more word.
            sp -= mem.arch().PtrSize;
        }
        if (StackDebug >= 1 || sp < gp.stackguard - StackGuard) {
            Print.printf(
                    process,
                    "runtime: newstack framesize=%p argsize=%p sp=%p stack=[%p, %p]\n"
                            + "\tmorebuf={pc:%p sp:%p lr:%p}\n"
                            + "\tsched={pc:%p sp:%p lr:%p ctxt:%p}\n",
                    (long) framesize,
                    (long) argsize,
                    sp,
                    gp.stackguard - StackGuard,
                    gp.stackbase,
                    m.morebuf.pc,
                    m.morebuf.sp,
                    m.morebuf.lr,
                    gp.sched.pc,
                    gp.sched.sp,
                    gp.sched.lr,
                    gp.sched.ctxt);
        }
        if (sp < gp.stackguard - StackGuard) {
            Print.printf(
                    process,
                    "runtime: gp=%p, gp->status=%d, oldstatus=%d\n ",
                    gp,
                    StatusAccessors.readgstatus(gp),
                    oldstatus);
            Print.printf(
                    process,
                    "runtime: split stack overflow: %p < %p\n",
                    sp,
                    gp.stackguard - StackGuard);
            Throw.throw_(process, "runtime: split stack overflow");
        }

        if (argsize % mem.arch().PtrSize != 0) {
            Print.printf(process, "runtime: stack growth with misaligned argsize %d\n", argsize);
            Throw.throw_(process, "runtime: stack growth argsize");
        }

        if (gp.stackguard0 == Stack.StackPreempt(mem.arch())) {
            if (gp == m.g0) {
                Throw.throw_(process, "runtime: preempt g0");
            }
            if (oldstatus == Grunning && m.p == null && m.locks == 0) {
                Throw.throw_(process, "runtime: g is running but p is not");
            }
            if (oldstatus == Gsyscall && m.locks == 0) {
                Throw.throw_(process, "runtime: stack growth during syscall");
            }

            // Preempt only plain Go code: not while the M holds locks, allocates, collects or
            // runs without its P.
            if (oldstatus != Grunning
                    || m.locks != 0
                    || m.mallocing != 0
                    || m.gcing != 0
                    || m.p.status != PStatus.Prunning) {
                // Not now: gp->preempt stays set, so a later prologue check asks again.
                gp.stackguard0 = gp.stackguard;
                StatusAccessors.casgstatus(
                        gp, Gwaiting, oldstatus); // oldstatus is Gsyscall or Grunning
                cpu.gogo(gp.sched); // never return
                return;
            }
            // Yield exactly as a call of runtime.Gosched would.
            StatusAccessors.casgstatus(
                    gp, Gwaiting, oldstatus); // oldstatus is Gsyscall or Grunning
            cpu.mcallOnG0(Schedule::gosched_m); // never return
            return;
        }

        // When copystack can fix every frame of the top segment, the stack grows by moving into
        // one twice the size; otherwise a new segment is chained on.
        if (s.copystack) {
            int nframes = CopyStack.copyabletopsegment(s, gp);
            if (nframes != -1) {
                long oldstk = gp.stackguard - StackGuard;
                long oldbase = gp.stackbase + Stktop.SIZE;
                long oldsize = oldbase - oldstk;
                long newsize = oldsize * 2;
                // copystack coordinates with a concurrent scanner of the stack (Gcopystack).
                CopyStack.copystack(s, m, gp, nframes, newsize);
                if (StackDebug >= 1) {
                    Print.printf(process, "stack grow done\n");
                }
                if (gp.stacksize > process.maxstacksize) {
                    Print.printf(
                            process,
                            "runtime: goroutine stack exceeds %D-byte limit\n",
                            process.maxstacksize);
                    Throw.throw_(process, "stack overflow");
                }
                StatusAccessors.casgstatus(
                        gp, Gwaiting, oldstatus); // oldstatus is Gsyscall or Grunning
                cpu.gogo(gp.sched);
                return;
            }
        }

        // allocate new segment.
        framesize += argsize;
        framesize += StackExtra; // room for more functions, Stktop.
        if (framesize < StackMin) {
            framesize = StackMin;
        }
        framesize += StackSystem;
        framesize = CopyStack.round2(framesize);
        long stk = s.stackalloc(m, gp, framesize);
        if (gp.stacksize > process.maxstacksize) {
            Print.printf(
                    process,
                    "runtime: goroutine stack exceeds %D-byte limit\n",
                    process.maxstacksize);
            Throw.throw_(process, "stack overflow");
        }
        long top = stk + framesize - Stktop.SIZE;

        if (StackDebug >= 1) {
            Print.printf(process, "\t-> new stack gp=%p [%p, %p]\n", gp, stk, top);
        }

        Stktop.setStackbase(mem, top, gp.stackbase);
        Stktop.setStackguard(mem, top, gp.stackguard);
        Stktop.setGobuf(
                mem,
                top,
                morebuf.sp,
                morebuf.pc,
                morebuf.g == null ? 0 : morebuf.g.addr,
                morebuf.ctxt,
                morebuf.ret,
                morebuf.lr);
        Stktop.setArgp(mem, top, moreargp);
        Stktop.setArgsize(mem, top, argsize);

        // copy flag from panic
        Stktop.setPanic(mem, top, gp.ispanic);
        gp.ispanic = false;

        // A split in the outermost frame of a deferred call run by a panic: the new segment
        // carries the panic flag on, which recover looks for.
        long oldtop = Stktop.stackbase(mem, top);
        if (oldtop != 0
                && Stktop.panic(mem, oldtop)
                && Stktop.argp(mem, top) == oldtop - Stktop.argsize(mem, oldtop) - gp.panicwrap) {
            Stktop.setPanic(mem, top, true);
        }

        Stktop.setPanicwrap(mem, top, gp.panicwrap);
        gp.panicwrap = 0;

        gp.stackbase = top;
        gp.stackguard = stk + StackGuard;
        gp.stackguard0 = gp.stackguard;

        sp = top;
        if (argsize > 0) {
            sp -= argsize;
            mem.memmove(sp, Stktop.argp(mem, top), argsize);
        }
        if (mem.arch().hasLinkRegister) {
            // the slot where a caller's saved LR sits, under the arguments
            sp -= mem.arch().PtrSize;
            mem.storep(sp, 0);
        }

        // The function restarts on the new segment with lessstack as its return address.
        if (s.lessstackPc == 0) {
            Throw.throw_(process, "gort: runtime.lessstack is not linked into the program");
        }
        Gobuf label = new Gobuf();
        label.sp = sp;
        label.pc = s.lessstackPc;
        label.g = m.curg;
        if (newstackcall) {
            gostartcallfn(s, label, m.cret);
        } else {
            Sys.gostartcall(process, mem, label, gp.sched.pc, gp.sched.ctxt);
            gp.sched.ctxt = 0;
        }
        StatusAccessors.casgstatus(gp, Gwaiting, oldstatus); // oldstatus is Grunning or Gsyscall
        cpu.gogo(label);
    }

    /**
     * Called (through lessstack) when a function returns off a segment that newstack made: restores
     * the caller's state saved in the Stktop, copies the results back to the caller's frame,
     * switches gp to the previous segment under Gcopystack, frees the segment and continues the
     * caller. Port of stack.c runtime·oldstack (0a7c7ac80), with the commit's bracket and its
     * {@code runtime: oldstack status=%d} check. gort differs: C's {@code top->gobuf.g->goid} load
     * faults on a bad g; gort faults when the stored G address is not gp's.
     */
    static void oldstack(Stacks s, Cpu cpu) {
        M m = cpu.m();
        GoProcess process = s.process;
        Memory mem = s.mem;
        G gp = m.curg;
        long top = gp.stackbase;
        if (top == 0) {
            Throw.throw_(process, "nil stackbase");
        }
        long old = gp.stackguard - StackGuard;
        long sp = top;
        int argsize = Stktop.argsize(mem, top);

        if (StackDebug >= 1) {
            Print.printf(
                    process,
                    "runtime: oldstack gobuf={pc:%p sp:%p lr:%p} cret=%p argsize=%p\n",
                    Stktop.gobufPc(mem, top),
                    Stktop.gobufSp(mem, top),
                    Stktop.gobufLr(mem, top),
                    m.cret,
                    (long) argsize);
        }

        long gaddr = Stktop.gobufG(mem, top);
        gp.sched.sp = Stktop.gobufSp(mem, top);
        gp.sched.pc = Stktop.gobufPc(mem, top);
        gp.sched.g = gaddr == gp.addr ? gp : null;
        gp.sched.ctxt = Stktop.gobufCtxt(mem, top);
        gp.sched.lr = Stktop.gobufLr(mem, top);
        gp.sched.ret = m.cret;
        m.cret = 0; // drop reference
        // gp is usually Grunning, but Gsyscall if the overflow happened in a call inside
        // entersyscall.

        int oldstatus = StatusAccessors.readgstatus(gp);
        oldstatus &= ~Gscan;
        if (oldstatus != Grunning && oldstatus != Gsyscall) {
            Print.printf(process, "runtime: oldstack status=%d\n", oldstatus);
            Throw.throw_(process, "oldstack");
        }
        StatusAccessors.casgstatus(gp, oldstatus, Gcopystack);
        gp.waitreason = "stack unsplit";

        if (argsize > 0) {
            sp -= argsize;
            mem.memmove(Stktop.argp(mem, top), sp, argsize);
        }
        if (gp.sched.g == null) {
            throw new Fault(gaddr, false, Fault.Cause.UNMAPPED); // a bad g faults here, not in gogo
        }

        gp.stackbase = Stktop.stackbase(mem, top);
        gp.stackguard = Stktop.stackguard(mem, top);
        gp.stackguard0 = gp.stackguard;
        gp.panicwrap = Stktop.panicwrap(mem, top);
        s.stackfree(m, gp, old, top + Stktop.SIZE - old);
        StatusAccessors.casgstatus(gp, Gcopystack, oldstatus); // oldstatus is Grunning or Gsyscall
        cpu.gogo(gp.sched);
    }

    /**
     * The body of runtime.lessstack, reached when a function returns to the lessstack pc that
     * newstack planted: saves the return register in m->cret and runs oldstack. Port of asm_amd64.s
     * / asm_arm.s runtime·lessstack (0a7c7ac80). gort differs: it runs as an RTCALL of the text's
     * runtime.lessstack (see {@link StackText}), on the M's Java stack rather than after switching
     * SP to g0's, and a return from oldstack (which cannot happen) is a throw where asm stores to
     * 0x1004.
     */
    static void lessstack(Cpu cpu, long argp) {
        Stacks s = StackText.stacks(cpu);
        cpu.m().cret = cpu.reg(Isa.R0);
        oldstack(s, cpu);
    }

    /**
     * Makes gobuf look as if it called fv's function (nilfunc for a nil fv) and then saved itself.
     * Port of stack.c runtime·gostartcallfn (0a7c7ac80). gort differs: there is no nilfunc in the
     * text, so a nil fv faults at address 0 as nilfunc's store would.
     */
    static void gostartcallfn(Stacks s, Gobuf gobuf, long fv) {
        if (fv == 0) {
            throw new Fault(0, true, Fault.Cause.UNMAPPED); // nilfunc: *(byte*)0 = 0
        }
        Sys.gostartcall(s.process, s.mem, gobuf, s.mem.loadp(fv), fv);
    }

    private static Gobuf copy(Gobuf b) {
        Gobuf c = new Gobuf();
        c.sp = b.sp;
        c.pc = b.pc;
        c.g = b.g;
        c.ctxt = b.ctxt;
        c.ret = b.ret;
        c.lr = b.lr;
        return c;
    }
}
