package gort.runtime.mem;

import gort.runtime.arch.Arch;

/**
 * A rough single-threaded speed check of Memory's hot path (best of 10 rounds), not a benchmark
 * (bench holds those): 64-bit load+store pairs per second on a goroutine-stack-sized range of the
 * arena, on the OS stack (the second region), and on a Java long[] for scale; and 32-bit xadds per
 * second. Run from the repository with {@code java -cp
 * runtime/target/classes:runtime/target/test-classes gort.runtime.mem.MemorySpeedCheck}.
 */
public final class MemorySpeedCheck {
    private MemorySpeedCheck() {}

    public static void main(String[] args) {
        for (Arch arch : Arch.values()) {
            Layout l = Layout.of(arch);
            Memory m = l.newMemory();
            m.map(l.arenaStart, 1 << 20);
            long stack = l.arenaStart + 8192;
            long os = l.osStackTop - 8192;
            long[] bestArena = null;
            long[] bestOs = null;
            for (int round = 0; round < 10; round++) {
                bestArena = best(bestArena, run(m, stack));
                bestOs = best(bestOs, run(m, os));
            }
            report(arch + " load64+store64, arena (1st region)   ", bestArena);
            report(arch + " load64+store64, os stack (2nd region)", bestOs);
        }
        Memory m = Layout.of(Arch.amd64).newMemory();
        long w = Layout.of(Arch.amd64).osStackTop - 64;
        long[] bestXadd = null;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            int n = 2_000_000;
            for (int i = 0; i < n; i++) {
                m.xadd(w, 1);
            }
            bestXadd = best(bestXadd, new long[] {n, System.nanoTime() - t0, m.atomicload(w)});
        }
        report("xadd (lock-free " + m.lockFreeAtomics() + ")", bestXadd);
        long[] plain = new long[1024];
        long[] bestPlain = null;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            long n = 0;
            long sum = 0;
            for (int it = 0; it < 20_000; it++) {
                for (int i = 0; i < 1023; i++) {
                    long v = plain[i + 1];
                    plain[i] = v + i;
                    sum += v;
                }
                n += 1023;
            }
            bestPlain = best(bestPlain, new long[] {n, System.nanoTime() - t0, sum});
        }
        report("long[] load+store baseline", bestPlain);
    }

    /** Walks an 8 KiB range like a frame-heavy loop: load a word, store its neighbour. */
    private static long[] run(Memory m, long base) {
        long t0 = System.nanoTime();
        long n = 0;
        long sum = 0;
        for (int it = 0; it < 20_000; it++) {
            for (long a = base; a < base + 8192 - 8; a += 8) {
                long v = m.load64(a + 8);
                m.store64(a, v + a);
                sum += v;
            }
            n += 1023;
        }
        return new long[] {n, System.nanoTime() - t0, sum};
    }

    private static long[] best(long[] a, long[] b) {
        return a == null || b[1] < a[1] ? b : a;
    }

    private static void report(String what, long[] r) {
        System.out.printf(
                "%s: %6.1f M ops/s (%.2f ns/op) [%d]%n",
                what, r[0] * 1e3 / r[1], (double) r[1] / r[0], r[2] & 1);
    }
}
