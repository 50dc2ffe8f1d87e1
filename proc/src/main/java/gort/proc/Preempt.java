package gort.proc;

import static gort.runtime.GStatus.Grunning;
import static gort.runtime.GStatus.Gscan;
import static gort.runtime.GStatus.Gsyscall;
import static gort.runtime.GStatus.Gwaiting;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.PStatus;
import gort.runtime.Print;
import gort.runtime.Stack;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;

/**
 * Preemption of a running G: sysmon's retake and stoptheworld set {@code stackguard0 =
 * StackPreempt} (preemptone), the G's next prologue fails its stack check and calls morestack,
 * and newstack, seeing StackPreempt, acts as if the G had called runtime.Gosched.
 *
 * <p><b>The seam.</b> newstack is stack.c's, ported by the stack module (above proc). Until that
 * module's newstack is what {@link GoProcess#morestack()} runs, the M's morestack hook
 * ({@link Mstart#mstart}) sends a check that failed for StackPreempt here, and every other one
 * to the process's morestack. {@link #newstack} ports exactly newstack's steps on that path:
 * the wrong-goroutine check, the status move to Gwaiting ("stack growth") and back, and the
 * StackPreempt branch. Once the stack module handles StackPreempt itself, the hook's one test
 * goes and this class with it.
 */
final class Preempt {
    private Preempt() {}

    /**
     * The StackPreempt path of newstack, on g0 with the G's state saved by morestack. Port of
     * stack.c runtime·newstack (0a7c7ac80), in part (see the class comment); gort's morestack
     * leaves nothing for rewindmorestack to undo and there is no forked child.
     */
    static void newstack(Cpu cpu) {
        M mp = cpu.m();
        GoProcess process = mp.process;
        if (mp.morebuf.g != mp.curg) {
            Print.printf(process, "runtime: newstack called from g=%p\n\tm=%p m->curg=%p m->g0=%p m->gsignal=%p\n",
                    mp.morebuf.g, mp, mp.curg, mp.g0, mp.gsignal);
            Throw.throw_(process, "runtime: wrong goroutine in newstack");
        }
        G gp = mp.curg;
        int oldstatus = StatusAccessors.readgstatus(gp) & ~Gscan;
        mp.moreargp = 0;
        mp.morebuf.pc = 0;
        mp.morebuf.lr = 0;
        mp.morebuf.sp = 0;
        StatusAccessors.casgstatus(gp, oldstatus, Gwaiting); // oldstatus is not in a Gscan status
        gp.waitreason = "stack growth";
        if (gp.stackguard0 == Stack.StackPreempt(process.arch())) {
            if (gp == mp.g0) {
                Throw.throw_(process, "runtime: preempt g0");
            }
            if (oldstatus == Grunning && mp.p == null && mp.locks == 0) {
                Throw.throw_(process, "runtime: g is running but p is not");
            }
            if (oldstatus == Gsyscall && mp.locks == 0) {
                Throw.throw_(process, "runtime: stack growth during syscall");
            }
            // Preempt user Go code only, never a G in the runtime's critical sections.
            if (oldstatus != Grunning || mp.locks != 0 || mp.mallocing != 0 || mp.gcing != 0
                    || mp.p.status != PStatus.Prunning) {
                // Let it run on; gp->preempt stays set, so it is preempted next time.
                gp.stackguard0 = gp.stackguard;
                StatusAccessors.casgstatus(gp, Gwaiting, oldstatus);
                cpu.gogo(gp.sched); // never return
                return;
            }
            // Act like goroutine called runtime.Gosched.
            StatusAccessors.casgstatus(gp, Gwaiting, oldstatus);
            cpu.mcallOnG0(Schedule::gosched_m); // never return
            return;
        }
        Throw.throw_(process, "gort: Preempt.newstack without a preemption request");
    }
}
