package gort.runtime;

import gort.runtime.cpu.Cpu;

/**
 * The mprof.goc entry point that files below mprof call, declared low as runtime.h declares it:
 * runtime·blockevent, which the channel and select code calls after a goroutine waited. The mprof
 * module implements it; a process without one records nothing.
 */
@FunctionalInterface
public interface Profiling {
    /** A process's default: no profile is kept. */
    Profiling NONE = (cpu, cycles, skip) -> {};

    /**
     * runtime·blockevent(cycles, skip): the goroutine running on cpu waited {@code cycles} ticks;
     * {@code skip} is the C caller's frame count (see the implementation for how gort uses it).
     */
    void blockevent(Cpu cpu, long cycles, int skip);
}
