package gort.runtime.cpu;

import gort.runtime.arch.Arch;

/**
 * A rough single-threaded speed check of the interpreter (best of 10 rounds), not a benchmark
 * (bench holds those): recursive fib(27) hand-assembled ({@link Rig#fib}) on each arch, in
 * simulated instructions and calls per second, beside plain Java fib(27). Run from the repository
 * with {@code java -cp runtime/target/classes:runtime/target/test-classes
 * gort.runtime.cpu.FibSpeedCheck}.
 */
public final class FibSpeedCheck {
    private FibSpeedCheck() {}

    static final int N = 27;

    public static void main(String[] args) {
        long javaBest = Long.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            sink += fib(N);
            javaBest = Math.min(javaBest, System.nanoTime() - t0);
        }
        System.out.printf("plain Java fib(%d) = %d: %.3f ms%n", N, fib(N), javaBest / 1e6);
        for (Arch arch : Arch.values()) {
            Rig rig = new Rig(arch);
            rig.load(rig.linker().add(Rig.fib(arch, "main.fib")).link());
            long best = Long.MAX_VALUE;
            long result = 0;
            for (int round = 0; round < 10; round++) {
                long t0 = System.nanoTime();
                result = rig.call("main.fib", 1, N)[0];
                best = Math.min(best, System.nanoTime() - t0);
            }
            long insns = insns(N);
            long calls = calls(N);
            System.out.printf(
                    "%-5s gort fib(%d) = %d: %.1f ms, %d instructions (%.0f M/s), "
                            + "%d calls (%.1f M/s), %.0fx plain Java%n",
                    arch,
                    N,
                    result,
                    best / 1e6,
                    insns,
                    insns / (best / 1e3),
                    calls,
                    calls / (best / 1e3),
                    (double) best / javaBest);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** Instructions Rig.fib executes: 8 on the base path, 22 plus the two calls otherwise. */
    static long insns(int n) {
        return n < 2 ? 8 : 22 + insns(n - 1) + insns(n - 2);
    }

    static long calls(int n) {
        return n < 2 ? 1 : 1 + calls(n - 1) + calls(n - 2);
    }
}
