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
 * StackPreempt} (preemptone), the G's next prologue fails its stack check and calls morestack, and
 * newstack, seeing StackPreempt, acts as if the G had called runtime.Gosched.
 *
 * <p>newstack is stack.c's, ported by the stack module (gort.stack.NewStack, above proc), which is
 * what a full process's morestack runs. A process built without the stack module (proc's own tests,
 * benchmarks of the CPU) still has sysmon, which preempts any G that runs for 10ms; for those,
 * {@link #orElse} makes a morestack hook that takes the StackPreempt path here and leaves every
 * real stack-growth request to another hook. {@link #newstack} ports exactly newstack's steps on
 * that path: the wrong-goroutine check, the status move to Gwaiting ("stack growth") and back, and
 * the StackPreempt branch.
 */
public final class Preempt {
    private Preempt() {}

    /**
     * The StackPreempt path of newstack, on g0 with the G's state saved by morestack. Port of
     * stack.c runtime·newstack (0a7c7ac80), in part (see the class comment); gort's morestack
     * leaves nothing for rewindmorestack to undo and there is no forked child.
     */
    public static void newstack(Cpu cpu) {
        M mp = cpu.m();
        GoProcess process = mp.process;
        if (mp.morebuf.g != mp.curg) {
            Print.printf(
                    process,
                    "runtime: newstack called from g=%p\n\tm=%p m->curg=%p m->g0=%p m->gsignal=%p\n",
                    mp.morebuf.g,
                    mp,
                    mp.curg,
                    mp.g0,
                    mp.gsignal);
            Throw.throw_(process, "runtime: wrong goroutine in newstack");
        }
        G gp = mp.curg;
        int oldstatus = StatusAccessors.readgstatus(gp) & ~Gscan;
        mp.moreargp = 0;
        mp.morebuf.pc = 0;
        mp.morebuf.lr = 0;
        mp.morebuf.sp = 0;
        StatusAccessors.casgstatus(gp, oldstatus, Gwaiting); // oldstatus carries no scan bit
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
            if (oldstatus != Grunning
                    || mp.locks != 0
                    || mp.mallocing != 0
                    || mp.gcing != 0
                    || mp.p.status != PStatus.Prunning) {
                // Let it run on; gp->preempt stays set, so it is preempted next time.
                gp.stackguard0 = gp.stackguard;
                StatusAccessors.casgstatus(gp, Gwaiting, oldstatus);
                cpu.gogo(gp.sched); // never return
                return;
            }
            // Yield exactly as a call of runtime.Gosched would.
            StatusAccessors.casgstatus(gp, Gwaiting, oldstatus);
            cpu.mcallOnG0(Schedule::gosched_m); // never return
            return;
        }
        Throw.throw_(process, "gort: Preempt.newstack without a preemption request");
    }

    /**
     * A morestack hook for a process without the stack module: a check that failed for a preemption
     * request goes to {@link #newstack}, any other to {@code growth}.
     */
    public static gort.runtime.cpu.Morestack orElse(gort.runtime.cpu.Morestack growth) {
        return cpu -> {
            G gp = cpu.m().curg;
            if (gp != null
                    && (long) G.STACKGUARD0.getOpaque(gp) == Stack.StackPreempt(cpu.arch())) {
                newstack(cpu);
                return;
            }
            growth.newstack(cpu);
        };
    }
}
