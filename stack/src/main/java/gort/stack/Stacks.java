package gort.stack;

import static gort.runtime.Stack.FixedStack;
import static gort.runtime.Stack.NumStackOrders;
import static gort.runtime.Stack.StackCache;
import static gort.runtime.Stack.StackCacheSize;
import static gort.runtime.Stack.StackDebug;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.MCache;
import gort.runtime.Print;
import gort.runtime.StackAllocator;
import gort.runtime.Stktop;
import gort.runtime.Throw;
import gort.runtime.cpu.Func;
import gort.runtime.cpu.Text;
import gort.runtime.malloc.MHeap;
import gort.runtime.malloc.MSpan;
import gort.runtime.malloc.Msize;
import gort.runtime.mem.Memory;

/**
 * stack.c of one process: the stack pool and the per-M (per-P) stack caches (stackinit, poolalloc,
 * poolfree, stackcacherefill, stackcacherelease, stackcache_clear, stackalloc, stackfree),
 * stack.c's globals ({@code runtime·copystack}), and the addresses of the text's runtime functions
 * that newstack and the frame walk compare pcs with. It is the process's {@link StackAllocator}
 * (malg, gfput and gfget reach it through that seam) and its {@code Morestack} hook is {@link
 * NewStack#newstack}.
 *
 * <p>Wiring (GoRunner does it): {@code Stacks s = new Stacks();
 * builder.stacks(s).morestack(s::newstack)}; after build, {@code s.stackinit(process)}; link the
 * text with {@link StackText#link}.
 */
public final class Stacks implements StackAllocator {
    /**
     * stack.c's global {@code runtime·copystack}: grow and shrink by copying when every frame
     * allows it. proc.c's schedinit sets it to precisestack (true on amd64 and arm) unless
     * GOCOPYSTACK=0.
     */
    public volatile boolean copystack = true;

    /**
     * The layout of Defer and SudoG records, given by the modules that own them; null until then
     * (see {@link StackRecords}).
     */
    public volatile StackRecords records;

    GoProcess process;
    Memory mem;
    Text text;
    private MHeap heap;

    /** static MSpan stackpool[NumStackOrders]: list heads of spans with free stacks. */
    private final MSpan[] stackpool = new MSpan[NumStackOrders];

    /**
     * static Lock stackpoolmu: a runtime Lock, taken through the heap's {@code lock} so that a
     * caller without an M (a test, malg before the first M) can take it too.
     */
    private final gort.runtime.os.Lock stackpoolmu = new gort.runtime.os.Lock();

    /** Entries of runtime functions (0 when the text lacks them). */
    long lessstackPc;

    long mainPc;
    long goexitPc;

    /**
     * Checks the cache size and empties the pool's lists; binds this to {@code process}. Port of
     * stack.c runtime·stackinit (0a7c7ac80); gort calls it once the process is built.
     */
    public void stackinit(GoProcess process) {
        if ((StackCacheSize & (Msize.PageSize - 1)) != 0) {
            Throw.throw_(process, "cache size must be a multiple of page size");
        }
        this.process = process;
        this.mem = process.memory();
        this.text = process.text();
        this.heap = process.malloc().mheap;
        for (int i = 0; i < NumStackOrders; i++) {
            stackpool[i] = new MSpan();
            MSpan.MSpanList_Init(stackpool[i]);
        }
        lessstackPc = entry(StackText.LESSSTACK);
        mainPc = entry("runtime.main");
        goexitPc = entry("runtime.goexit");
    }

    private long entry(String name) {
        Func f = text.lookup(name);
        return f == null ? 0 : f.entry;
    }

    /** newstack for the CPU's prologue (the process's Morestack hook). */
    public void newstack(gort.runtime.cpu.Cpu cpu) {
        NewStack.newstack(this, cpu);
    }

    /**
     * Takes a stack of order {@code order} from the pool, carving a new span into stacks when no
     * span has one free. stackpoolmu must be held. Port of stack.c poolalloc (0a7c7ac80).
     */
    private long poolalloc(int order) {
        MSpan list = stackpool[order];
        MSpan s = list.next;
        if (s == list) {
            // the order's list is empty: carve a fresh span into stacks of this size
            s = heap.MHeap_AllocStack(StackCacheSize >> Msize.PageShift);
            if (s == null) {
                Throw.throw_(process, "out of memory");
            }
            if (s.ref != 0) {
                Throw.throw_(process, "bad ref");
            }
            if (s.freelist != 0) {
                Throw.throw_(process, "bad freelist");
            }
            for (long i = 0; i < StackCacheSize; i += (long) FixedStack << order) {
                long x = (s.start << Msize.PageShift) + i;
                mem.storep(x, s.freelist); // x->next = s->freelist
                s.freelist = x;
            }
            MSpan.MSpanList_Insert(process, list, s);
        }
        long x = s.freelist;
        if (x == 0) {
            Throw.throw_(process, "span has no free stacks");
        }
        s.freelist = mem.loadp(x);
        s.ref++;
        if (s.freelist == 0) {
            // s has nothing left to give: off the list
            MSpan.MSpanList_Remove(s);
        }
        return x;
    }

    /**
     * Gives stack {@code x} of order {@code order} back to its span, and the span back to the heap
     * once all its stacks are free. stackpoolmu must be held. Port of stack.c poolfree (0a7c7ac80).
     */
    private void poolfree(long x, int order) {
        MSpan s = heap.MHeap_Lookup(x);
        if (s == null || s.state != MSpan.MSpanStack) {
            Throw.throw_(process, "freeing stack not in a stack span");
        }
        if (s.freelist == 0) {
            // s was full and gets one back: on the list again
            MSpan.MSpanList_Insert(process, stackpool[order], s);
        }
        mem.storep(x, s.freelist);
        s.freelist = x;
        s.ref--;
        if (s.ref == 0) {
            // every stack of s is free: the span goes back to the heap
            MSpan.MSpanList_Remove(s);
            s.freelist = 0;
            heap.MHeap_FreeStack(s);
        }
    }

    /**
     * Fills c's list of order {@code order} with half a cache's worth of stacks from the pool. Port
     * of stack.c stackcacherefill (0a7c7ac80).
     */
    void stackcacherefill(MCache c, int order) {
        if (StackDebug >= 1) {
            Print.printf(process, "stackcacherefill order=%d\n", order);
        }
        // Refill to half the cache's size, so that alloc and free right at the edge do
        // not go to the pool every time.
        long list = 0;
        long size = 0;
        process.malloc().lock(stackpoolmu);
        try {
            while (size < StackCacheSize / 2) {
                long x = poolalloc(order);
                mem.storep(x, list);
                list = x;
                size += (long) FixedStack << order;
            }
        } finally {
            process.malloc().unlock(stackpoolmu);
        }
        c.stackcache[order].list = list;
        c.stackcache[order].size = size;
    }

    /**
     * Returns stacks of c's list of order {@code order} to the pool until it holds half a cache's
     * worth. Port of stack.c stackcacherelease (0a7c7ac80).
     */
    void stackcacherelease(MCache c, int order) {
        if (StackDebug >= 1) {
            Print.printf(process, "stackcacherelease order=%d\n", order);
        }
        long x = c.stackcache[order].list;
        long size = c.stackcache[order].size;
        process.malloc().lock(stackpoolmu);
        try {
            while (size > StackCacheSize / 2) {
                long y = mem.loadp(x);
                poolfree(x, order);
                x = y;
                size -= (long) FixedStack << order;
            }
        } finally {
            process.malloc().unlock(stackpoolmu);
        }
        c.stackcache[order].list = x;
        c.stackcache[order].size = size;
    }

    /**
     * Returns every stack of c's cache to the pool (when a P goes away or the collector flushes
     * caches). Port of stack.c runtime·stackcache_clear (0a7c7ac80).
     */
    public void stackcache_clear(MCache c) {
        if (StackDebug >= 1) {
            Print.printf(process, "stackcache clear\n");
        }
        process.malloc().lock(stackpoolmu);
        try {
            for (int order = 0; order < NumStackOrders; order++) {
                long x = c.stackcache[order].list;
                while (x != 0) {
                    long y = mem.loadp(x);
                    poolfree(x, order);
                    x = y;
                }
                c.stackcache[order].list = 0;
                c.stackcache[order].size = 0;
            }
        } finally {
            process.malloc().unlock(stackpoolmu);
        }
    }

    /** C's {@code g->m->mcache}: the mcache of the P that mp holds, or null. */
    static MCache mcache(M mp) {
        return mp == null || mp.p == null ? null : mp.p.mcache;
    }

    @Override
    public long stackalloc(G gp, long n) {
        return stackalloc(null, gp, n);
    }

    @Override
    public void stackfree(G gp, long v, long n) {
        stackfree(null, gp, v, n);
    }

    /**
     * Allocates a stack of n bytes (a power of two) for gp on mp: small stacks from mp's stack
     * cache (refilled from the pool) or, without a cache, from the pool; larger ones as a span of
     * their own. Clears the Stktop at the top. Port of stack.c runtime·stackalloc (0a7c7ac80).
     *
     * <p>gort differs: the "stackalloc not on scheduler stack" check has nothing to check, as Java
     * runtime code always runs on the M's own stack (g0's part); debug.efence and StackFromSystem
     * (both off) are not ported; stackpoolmu is taken through the heap's lock, which serves callers
     * without an M (a test, or malg before the first M); raceenabled is false.
     */
    @Override
    public long stackalloc(M mp, G gp, long n) {
        bound();
        if ((n & (n - 1)) != 0) {
            Throw.throw_(process, "stack size not a power of 2");
        }
        if (StackDebug >= 1) {
            Print.printf(process, "stackalloc %d\n", (int) n);
        }

        gp.stacksize += n;

        // Small stacks come from per-order free lists; bigger ones get a span of their own.
        long v;
        if (StackCache != 0 && n < (long) FixedStack << NumStackOrders && n < StackCacheSize) {
            int order = 0;
            long n2 = n;
            while (n2 > FixedStack) {
                order++;
                n2 >>= 1;
            }
            MCache c = mcache(mp);
            long x;
            if (c == null || mp.gcing != 0 || mp.helpgc != 0) {
                // no cache: an M without a P (inside exitsyscall or procresize) or a collection
                // in progress, which empties the caches itself; go to the pool under its lock.
                process.malloc().lock(stackpoolmu);
                try {
                    x = poolalloc(order);
                } finally {
                    process.malloc().unlock(stackpoolmu);
                }
            } else {
                x = c.stackcache[order].list;
                if (x == 0) {
                    stackcacherefill(c, order);
                    x = c.stackcache[order].list;
                }
                c.stackcache[order].list = mem.loadp(x);
                c.stackcache[order].size -= n;
            }
            v = x;
        } else {
            MSpan s = heap.MHeap_AllocStack(round(n, Msize.PageSize) >> Msize.PageShift);
            if (s == null) {
                Throw.throw_(process, "out of memory");
            }
            v = s.start << Msize.PageShift;
        }
        long top = v + n - Stktop.SIZE;
        mem.memclr(top, Stktop.SIZE);
        if (StackDebug >= 1) {
            Print.printf(process, "  allocated %p\n", v);
        }
        return v;
    }

    /**
     * Frees the stack [v, v+n) of gp on mp: small stacks to mp's cache (releasing half of it to the
     * pool when full) or to the pool, larger ones' spans to the heap. Port of stack.c
     * runtime·stackfree (0a7c7ac80). gort differs: C receives the Stktop and computes n = (top+1) -
     * v; the StackAllocator seam passes n.
     */
    @Override
    public void stackfree(M mp, G gp, long v, long n) {
        bound();
        if ((n & (n - 1)) != 0) {
            Throw.throw_(process, "stack not a power of 2");
        }
        if (StackDebug >= 1) {
            Print.printf(process, "stackfree %p %d\n", v, (int) n);
            mem.memclr(v, n); // for testing, clobber stack data
        }
        gp.stacksize -= n;
        if (StackCache != 0 && n < (long) FixedStack << NumStackOrders && n < StackCacheSize) {
            int order = 0;
            long n2 = n;
            while (n2 > FixedStack) {
                order++;
                n2 >>= 1;
            }
            long x = v;
            MCache c = mcache(mp);
            if (c == null || mp.gcing != 0 || mp.helpgc != 0) {
                process.malloc().lock(stackpoolmu);
                try {
                    poolfree(x, order);
                } finally {
                    process.malloc().unlock(stackpoolmu);
                }
            } else {
                if (c.stackcache[order].size >= StackCacheSize) {
                    stackcacherelease(c, order);
                }
                mem.storep(x, c.stackcache[order].list);
                c.stackcache[order].list = x;
                c.stackcache[order].size += n;
            }
        } else {
            MSpan s = heap.MHeap_Lookup(v);
            if (s == null || s.state != MSpan.MSpanStack) {
                Print.printf(process, "%p %p\n", s == null ? 0 : s.start << Msize.PageShift, v);
                Throw.throw_(process, "bad span state");
            }
            heap.MHeap_FreeStack(s);
        }
    }

    /**
     * Frees gp's segments above the one holding sp (all but the bottom one when sp is 0), then
     * checks sp lies in what remains. Port of panic.c runtime·unwindstack (0a7c7ac80): it lives
     * here, with the Stktop it reads, and goexit0 (proc) and recovery (panic) reach it through the
     * StackAllocator seam. gort differs: "unwindstack on self" cannot be checked (Java runtime code
     * has no g of its own); its callers run on g0's side as C's do.
     */
    @Override
    public void unwindstack(M mp, G gp, long sp) {
        bound();
        long top;
        while ((top = gp.stackbase) != 0 && Stktop.stackbase(mem, top) != 0) {
            long stk = gp.stackguard - gort.runtime.Stack.StackGuard;
            if (stk <= sp && sp < gp.stackbase) {
                break;
            }
            gp.stackbase = Stktop.stackbase(mem, top);
            gp.stackguard = Stktop.stackguard(mem, top);
            gp.stackguard0 = gp.stackguard;
            stackfree(mp, gp, stk, top + Stktop.SIZE - stk);
        }
        StackAllocator.super.unwindstack(mp, gp, sp);
    }

    /** gort: the wiring must call stackinit (as schedinit does) before the first stack. */
    private void bound() {
        if (heap == null) {
            throw new IllegalStateException("gort: Stacks.stackinit(process) was not called");
        }
    }

    /** Stack spans taken from the heap and not returned (for tests). */
    public int spansInUse() {
        int n = 0;
        for (MSpan s : heap.allspans()) {
            if (s.state == MSpan.MSpanStack) {
                n++;
            }
        }
        return n;
    }

    private static long round(long x, long n) {
        return (x + n - 1) & -n;
    }
}
