package gort.runtime.cpu;

/**
 * What the prologue's morestack call runs on g0 once the CPU has done asm morestack's part: C's
 * {@code runtime·newstack} (stack.c, issue 5). When it is called, the CPU has set {@code
 * m->morebuf}, {@code m->moreargp}, {@code m->moreframesize}, {@code m->moreargsize} and {@code
 * g->sched} exactly as asm_amd64.s / asm_arm.s morestack do (see {@link Cpu}), and switched {@link
 * Cpu#g()} to {@code m->g0}.
 *
 * <p>Like newstack, it must not simply return. It ends in one of:
 *
 * <ul>
 *   <li>{@link Cpu#gogo(gort.runtime.Gobuf)}: the CPU continues from that state (a new stack, or
 *       g->sched itself to retry after a declined preemption);
 *   <li>{@link Cpu#mcallOnG0(McallFn)}: the CPU returns {@link Cpu.Stop#MCALL} to the scheduler
 *       loop with that fn (newstack's {@code gosched_m(gp)} on preemption);
 *   <li>a throw.
 * </ul>
 *
 * If it returns having done neither, the CPU crashes as asm morestack does after newstack returns:
 * a store to address 0x1003.
 */
@FunctionalInterface
public interface Morestack {
    void newstack(Cpu cpu);
}
