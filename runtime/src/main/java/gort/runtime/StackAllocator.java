package gort.runtime;

/**
 * stack.c's stackalloc and stackfree, which malg, gfput and gfget call: the seam through which the
 * stack module (issue 5) plugs in its port. Until then {@link StackAllocator#standin} serves.
 */
public interface StackAllocator {
    /** Allocates a stack of {@code n} bytes for {@code gp}; returns its lowest address. */
    long stackalloc(G gp, long n);

    /** Frees the stack {@code [v, v+n)} of {@code gp}. */
    void stackfree(G gp, long v, long n);

    /**
     * stackalloc as called on {@code mp} (C's {@code g->m}), whose mcache may serve it. The default
     * ignores mp.
     */
    default long stackalloc(M mp, G gp, long n) {
        return stackalloc(gp, n);
    }

    /** stackfree as called on {@code mp} (C's {@code g->m}). The default ignores mp. */
    default void stackfree(M mp, G gp, long v, long n) {
        stackfree(gp, v, n);
    }

    /**
     * stack.c runtime·stackcache_clear: returns every stack cached in c to the stack pool
     * (freemcache and the collector's flushallmcaches call it). The default has no cache.
     */
    default void stackcache_clear(MCache c) {}

    /**
     * panic.c runtime·unwindstack: frees gp's stack segments above the one holding {@code sp} (all
     * but the first when sp is 0), then checks that sp lies in gp's stack, printing {@code recover:
     * %p not in [%p, %p]} and throwing {@code bad unwindstack} if not. Called on mp (C's g->m, not
     * gp's own stack) by goexit0 and by panic's recovery. The default, for allocators whose stacks
     * never split, only checks.
     */
    default void unwindstack(M mp, G gp, long sp) {
        if (sp != 0 && (sp < gp.stackguard - Stack.StackGuard || gp.stackbase < sp)) {
            Print.printf(
                    gp.process,
                    "recover: %p not in [%p, %p]\n",
                    sp,
                    gp.stackguard - Stack.StackGuard,
                    gp.stackbase);
            Throw.throw_(gp.process, "bad unwindstack");
        }
    }

    /**
     * The stand-in for processes built without stack.c's allocator: each stack is a span of its own
     * from the heap (MHeap_AllocStack), given back by stackfree (MHeap_FreeStack). Enough for
     * programs whose stacks do not grow.
     */
    static StackAllocator standin(GoProcess process) {
        return new StackAllocator() {
            private final java.util.Map<Long, gort.runtime.malloc.MSpan> spans =
                    new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public long stackalloc(G gp, long n) {
                gp.stacksize += n;
                long npage =
                        (n + gort.runtime.malloc.Msize.PageMask)
                                >> gort.runtime.malloc.Msize.PageShift;
                gort.runtime.malloc.MSpan s = process.malloc().mheap.MHeap_AllocStack(npage);
                if (s == null) {
                    Throw.throw_(process, "out of memory");
                }
                spans.put(s.base(), s);
                return s.base();
            }

            @Override
            public void stackfree(G gp, long v, long n) {
                gp.stacksize -= n;
                gort.runtime.malloc.MSpan s = spans.remove(v);
                if (s != null) {
                    process.malloc().mheap.MHeap_FreeStack(s);
                }
            }
        };
    }
}
