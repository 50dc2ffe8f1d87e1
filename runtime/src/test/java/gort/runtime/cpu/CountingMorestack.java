package gort.runtime.cpu;

import gort.runtime.G;
import gort.runtime.Gobuf;
import gort.runtime.Stack;

/**
 * A stand-in for newstack (issue 5) for tests: it records each call and what morestack left in m
 * and g->sched, then either honours a preemption request by handing a recording fn to the scheduler
 * (as newstack calls gosched_m) or "grows" the stack by restoring the guard to g->stackguard
 * lowered by {@link #grant} bytes, and resumes the G with gogo(&gp->sched).
 */
final class CountingMorestack implements Morestack {
    int calls;
    long grant;
    long schedPC, schedSP, schedLR, schedCtxt, morebufPC, morebufSP, moreargp;
    int moreframesize, moreargsize;
    boolean onG0;
    G preempted;

    CountingMorestack(long grant) {
        this.grant = grant;
    }

    @Override
    public void newstack(Cpu cpu) {
        calls++;
        G gp = cpu.m().curg;
        onG0 = cpu.g() == cpu.m().g0;
        Gobuf s = gp.sched;
        schedPC = s.pc;
        schedSP = s.sp;
        schedLR = s.lr;
        schedCtxt = s.ctxt;
        morebufPC = cpu.m().morebuf.pc;
        morebufSP = cpu.m().morebuf.sp;
        moreargp = cpu.m().moreargp;
        moreframesize = cpu.m().moreframesize;
        moreargsize = cpu.m().moreargsize;
        Sys.rewindmorestack(gp.process, cpu.text(), s);
        if (gp.stackguard0 == Stack.StackPreempt(cpu.arch())) {
            gp.stackguard0 = gp.stackguard;
            cpu.mcallOnG0(g -> preempted = g);
            return;
        }
        gp.stackguard0 = gp.stackguard - grant;
        cpu.gogo(s);
    }
}
