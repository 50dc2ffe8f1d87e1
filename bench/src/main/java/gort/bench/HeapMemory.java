package gort.bench;

import gort.runtime.GoProcess;
import gort.runtime.arch.Arch;
import gort.runtime.malloc.Malloc;

/**
 * Issue 18's memory figure: JVM heap per byte of simulated heap. A process's heap gets N objects of
 * SIZE bytes from gomallocgc (as {@link MallocBench}'s M with a P), each written once in every word
 * (so its blocks are resident, as a program's would be), pointer-free or with {@link
 * MallocBench#pointers64}'s mask (then the heap bitmap is written too). The JVM heap is settled
 * before and after ({@link GoroutineMemory#settledHeap}); the figure is its growth over the bytes
 * the objects take (N × SIZE), with the simulated resident bytes beside it.
 *
 * <pre>
 *   java -Xmx6g -cp bench/target/benchmarks.jar gort.bench.HeapMemory [N [GOARCH...]]
 * </pre>
 *
 * (defaults: N = 1,000,000 objects of 64 bytes, GOARCH amd64 and arm).
 */
public final class HeapMemory {
    private HeapMemory() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String[] arches =
                args.length > 1
                        ? java.util.Arrays.copyOfRange(args, 1, args.length)
                        : new String[] {"amd64", "arm"};
        for (String a : arches) {
            for (boolean pointers : new boolean[] {false, true}) {
                Arch arch = Arch.valueOf(a);
                GoProcess process = MallocBench.heapOnThisThread(arch);
                Malloc malloc = process.malloc();
                long typ = MallocBench.pointers64(process);
                long heap0 = GoroutineMemory.settledHeap();
                long res0 = process.memory().residentBytes();
                int w = arch.PtrSize;
                for (int i = 0; i < n; i++) {
                    long x =
                            pointers
                                    ? malloc.mallocgc(64, typ, 0)
                                    : malloc.mallocgc(64, 0, Malloc.FlagNoScan);
                    for (int o = 0; o < 64; o += w) {
                        process.memory().storep(x + o, i | 1);
                    }
                }
                long heap1 = GoroutineMemory.settledHeap();
                long res1 = process.memory().residentBytes();
                long bytes = 64L * n;
                System.out.printf(
                        "%s %s: %d objects of 64 bytes = %.1f MiB; JVM heap +%.1f MiB = %.3f bytes per simulated byte; resident +%.1f MiB%n",
                        a,
                        pointers ? "with pointers" : "FlagNoScan",
                        n,
                        bytes / 1048576.0,
                        (heap1 - heap0) / 1048576.0,
                        (double) (heap1 - heap0) / bytes,
                        (res1 - res0) / 1048576.0);
                process.bindThread(null);
            }
        }
    }
}
