package gort.cmd.codegen;

import gort.runtime.arch.Arch;

/**
 * Not a test: times fib(27) compiled from Go source on the simulated CPU against the same recursion
 * in plain Java. Run with the test classpath: {@code java gort.cmd.codegen.FibSpeedCheck}.
 */
final class FibSpeedCheck {
    private FibSpeedCheck() {}

    static final String SRC =
            """
      package main

      func fib(n int) int {
      	if n < 2 {
      		return n
      	}
      	return fib(n-1) + fib(n-2)
      }

      func main() {
      	println(fib(27))
      }
      """;

    static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    public static void main(String[] args) {
        for (Arch arch : Arch.values()) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                GoMachine gm = new GoMachine(arch).load(SRC);
                long t0 = System.nanoTime();
                gm.runMain();
                best = Math.min(best, System.nanoTime() - t0);
                if (!gm.output().equals("196418\n")) {
                    throw new AssertionError(gm.output());
                }
            }
            System.out.printf("%s: fib(27) on the CPU %.1f ms%n", arch, best / 1e6);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            int r = fib(27);
            best = Math.min(best, System.nanoTime() - t0);
            if (r != 196418) {
                throw new AssertionError(r);
            }
        }
        System.out.printf("plain Java fib(27) %.2f ms%n", best / 1e6);
    }
}
