package gort.runtime.malloc;

import gort.runtime.GoProcess;
import gort.runtime.Print;
import gort.runtime.Throw;
import gort.runtime.os.Lock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * malloc.h {@code struct MSpan} at 0a7c7ac80: a run of heap pages, and mheap.c's span-list
 * functions (MSpan_Init, MSpanList_Init, IsEmpty, Insert, InsertBack, Remove).
 *
 * <p>gort differs: an MSpan is a Java object (C's live outside the collected heap too, in FixAlloc
 * chunks), so the list links are Java references; {@code start} is still the page number (address
 * &gt;&gt; PageShift) and {@code freelist} an address in simulated memory whose first word links
 * the next free object (MLink). Special records are Java objects on the span's list.
 *
 * <p>Span states: MSpanInUse (objects of the collected heap), MSpanStack (stack.c's), MSpanFree (on
 * a heap free list), MSpanListHead (a list head, never a real span), MSpanDead (merged away or not
 * yet initialised).
 */
public final class MSpan {
    public static final int MSpanInUse = 0;
    public static final int MSpanStack = 1;
    public static final int MSpanFree = 2;
    public static final int MSpanListHead = 3;
    public static final int MSpanDead = 4;

    /** malloc.h KindSpecialFinalizer, KindSpecialProfile. */
    public static final int KindSpecialFinalizer = 1;

    public static final int KindSpecialProfile = 2;

    /**
     * malloc.h {@code struct Special}: a record attached to one object of the span, kept sorted by
     * (offset, kind).
     */
    public static class Special {
        public Special next;
        public int offset;
        public int kind;
    }

    /** malloc.h SpecialFinalizer: the finalizer fn (a FuncVal address) and its signature types. */
    public static final class SpecialFinalizer extends Special {
        public long fn;
        public long nret;
        public long fint;
        public long ot;
    }

    /** malloc.h SpecialProfile: the memory-profile bucket (mprof's, held as an Object). */
    public static final class SpecialProfile extends Special {
        public Object b;
    }

    public MSpan next;
    public MSpan prev;

    /** The first page number. */
    public long start;

    public long npages;

    /** The first free object (an MLink address), or 0. */
    public long freelist;

    /** The sweep generation (C's uint32, read and cas'd atomically). */
    public final AtomicInteger sweepgen = new AtomicInteger();

    /** Objects handed out: capacity minus the free list's length. */
    public int ref;

    public int sizeclass;
    public boolean incache;
    public int state;
    public int needzero;
    public long elemsize;
    public long unusedsince;
    public long npreleased;

    /** The end of the span's objects (an address). */
    public long limit;

    public final Lock specialLock = new Lock();
    public Special specials;

    /**
     * mcache.c's {@code static MSpan emptymspan}: the span every MCache class slot starts with. Its
     * free list is always empty, so the first allocation of a class refills; nothing writes to it
     * (MCache_Refill and MCache_ReleaseAll compare with it before touching a span), which is why
     * one object can serve every process.
     */
    public static final MSpan emptymspan = new MSpan();

    /** The span's first address. */
    public long base() {
        return start << Msize.PageShift;
    }

    /**
     * Makes {@code span} a dead span of npages pages from page start, on no list. Port of mheap.c
     * runtime·MSpan_Init (0a7c7ac80).
     */
    public static void MSpan_Init(MSpan span, long start, long npages) {
        span.next = null;
        span.prev = null;
        span.start = start;
        span.npages = npages;
        span.freelist = 0;
        span.ref = 0;
        span.sizeclass = 0;
        span.incache = false;
        span.elemsize = 0;
        span.state = MSpanDead;
        span.unusedsince = 0;
        span.npreleased = 0;
        span.specials = null;
        span.needzero = 0;
    }

    /** Makes {@code list} an empty circular list head. Port of mheap.c runtime·MSpanList_Init. */
    public static void MSpanList_Init(MSpan list) {
        list.state = MSpanListHead;
        list.next = list;
        list.prev = list;
    }

    /** Takes span off whatever list holds it. Port of mheap.c runtime·MSpanList_Remove. */
    public static void MSpanList_Remove(MSpan span) {
        if (span.prev == null && span.next == null) {
            return;
        }
        span.prev.next = span.next;
        span.next.prev = span.prev;
        span.prev = null;
        span.next = null;
    }

    /** Whether list has no span. Port of mheap.c runtime·MSpanList_IsEmpty (0a7c7ac80). */
    public static boolean MSpanList_IsEmpty(MSpan list) {
        return list.next == list;
    }

    /**
     * Puts span first on list; span must be on no list. Port of mheap.c runtime·MSpanList_Insert
     * (0a7c7ac80).
     */
    public static void MSpanList_Insert(GoProcess process, MSpan list, MSpan span) {
        if (span.next != null || span.prev != null) {
            Print.printf(
                    process,
                    "failed MSpanList_Insert %p %p %p\n",
                    id(span),
                    id(span.next),
                    id(span.prev));
            Throw.throw_(process, "MSpanList_Insert");
        }
        span.next = list.next;
        span.prev = list;
        span.next.prev = span;
        span.prev.next = span;
    }

    /**
     * Puts span last on list; span must be on no list. Port of mheap.c runtime·MSpanList_InsertBack
     * (0a7c7ac80), whose throw says MSpanList_Insert too.
     */
    public static void MSpanList_InsertBack(GoProcess process, MSpan list, MSpan span) {
        if (span.next != null || span.prev != null) {
            Print.printf(
                    process,
                    "failed MSpanList_Insert %p %p %p\n",
                    id(span),
                    id(span.next),
                    id(span.prev));
            Throw.throw_(process, "MSpanList_Insert");
        }
        span.next = list;
        span.prev = list.prev;
        span.next.prev = span;
        span.prev.next = span;
    }

    /** runtime·cas(&amp;s-&gt;sweepgen, old, nw). */
    public boolean casSweepgen(int old, int nw) {
        return sweepgen.compareAndSet(old, nw);
    }

    /** What %p prints for a Java-held span: its first address (0 for none). */
    static long id(MSpan s) {
        return s == null ? 0 : s.base();
    }
}
