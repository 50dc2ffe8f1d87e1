package gort.runtime;

/**
 * The stack part of malloc.h {@code struct MCache}: per-order free lists of small stacks ({@code
 * stackcache[NumStackOrders]}), which stack.c's stackalloc and stackfree use without a lock, and
 * the free SudoGs ({@code sudogcache}). The rest of MCache (size-class lists, local statistics)
 * arrives with malloc.c.
 *
 * <p>In 2014 {@code m->mcache} is the mcache of the P the M holds (acquirep sets it, releasep
 * clears it), so each P owns one; gort keeps it on {@link P#mcache} and stack.c reads {@code
 * m->mcache} as {@code mp.p == null ? null : mp.p.mcache}. Used only by the thread that holds the
 * P.
 */
public final class MCache {
    /** malloc.h StackFreeList: a list of free stacks linked through their first word (MLink). */
    public static final class StackFreeList {
        /** The first free stack (an MLink address), or 0. */
        public long list;

        /** Total bytes of the stacks on the list. */
        public long size;
    }

    public final StackFreeList[] stackcache = new StackFreeList[Stack.NumStackOrders];

    /**
     * malloc.h MCache.sudogcache: the P's free SudoGs (proc.go acquireSudog, releaseSudog), linked
     * through their next field. The SudoG type is proc's channel code's, so the head is held as an
     * Object here.
     */
    public Object sudogcache;

    public MCache() {
        for (int i = 0; i < stackcache.length; i++) {
            stackcache[i] = new StackFreeList();
        }
    }
}
