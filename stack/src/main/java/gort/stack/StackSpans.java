package gort.stack;

import gort.runtime.Malloc;
import gort.runtime.mem.Layout;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * gort's stand-in for the three calls stack.c makes into the page heap (mheap.c): MHeap_AllocStack,
 * MHeap_FreeStack and MHeap_Lookup, until malloc.c is ported. Spans are runs of malloc pages (8
 * KiB) taken from the arena through {@link Malloc}, aligned to their own size rounded up to a power
 * of two (so pool spans and big stacks sit at addresses like Go's). A freed span keeps its address
 * and is reused for the next span of the same page count; its pages stay resident, as a freed
 * span's do in Go's heap until the scavenger returns them (stack memory is never assumed zero:
 * stackalloc clears only the Stktop). Guarded by the monitor of this object.
 */
final class StackSpans {
    /** malloc.h PageShift and PageSize. */
    static final int PageShift = 13;

    static final long PageSize = Layout.MallocPageSize;

    /** mheap.h MSpan states that stack.c checks. */
    static final int MSpanInUse = 0;

    static final int MSpanStack = 1;
    static final int MSpanFree = 2;

    /** The fields of malloc.h {@code struct MSpan} that stack.c uses. */
    static final class MSpan {
        MSpan next;
        MSpan prev;

        /** The span's first address (C keeps the page number: start &lt;&lt; PageShift). */
        final long start;

        final long npages;

        /** The first free stack of a pool span (an MLink address in memory), or 0. */
        long freelist;

        /** Stacks of this span in use. */
        int ref;

        int state;

        MSpan(long start, long npages) {
            this.start = start;
            this.npages = npages;
        }
    }

    private final Malloc malloc;
    private final TreeMap<Long, MSpan> spans = new TreeMap<>();
    private final Map<Long, ArrayDeque<MSpan>> free = new HashMap<>();

    StackSpans(Malloc malloc) {
        this.malloc = malloc;
    }

    /** A span of {@code npage} pages in state MSpanStack. Stand-in for mheap.c MHeap_AllocStack. */
    synchronized MSpan MHeap_AllocStack(long npage) {
        ArrayDeque<MSpan> q = free.get(npage);
        MSpan s = q == null ? null : q.poll();
        if (s == null) {
            long bytes = npage << PageShift;
            long align =
                    Long.highestOneBit(bytes) == bytes ? bytes : Long.highestOneBit(bytes) << 1;
            s = new MSpan(malloc.mallocgc(bytes, align), npage);
        }
        s.state = MSpanStack;
        s.ref = 0;
        s.freelist = 0;
        s.next = null;
        s.prev = null;
        spans.put(s.start, s);
        return s;
    }

    /** Returns a stack span to the heap. Stand-in for mheap.c MHeap_FreeStack. */
    synchronized void MHeap_FreeStack(MSpan s) {
        if (s.state != MSpanStack) {
            throw new IllegalStateException("MHeap_FreeStack: span not a stack span");
        }
        s.state = MSpanFree;
        spans.remove(s.start);
        free.computeIfAbsent(s.npages, k -> new ArrayDeque<>()).push(s);
    }

    /** The in-use span holding {@code v}, or null. Stand-in for mheap.c MHeap_Lookup. */
    synchronized MSpan MHeap_Lookup(long v) {
        Map.Entry<Long, MSpan> e = spans.floorEntry(v);
        if (e == null) {
            return null;
        }
        MSpan s = e.getValue();
        return v < s.start + (s.npages << PageShift) ? s : null;
    }

    /** Stack spans in use (for tests). */
    synchronized int inuse() {
        return spans.size();
    }

    // ---- mheap.c's span lists ----

    /** Makes {@code list} an empty circular list. Port of mheap.c MSpanList_Init. */
    static void MSpanList_Init(MSpan list) {
        list.next = list;
        list.prev = list;
    }

    /** Puts {@code span} first on {@code list}. Port of mheap.c MSpanList_Insert. */
    static void MSpanList_Insert(MSpan list, MSpan span) {
        if (span.next != null || span.prev != null) {
            throw new IllegalStateException("MSpanList_Insert: span already on a list");
        }
        span.next = list.next;
        span.prev = list;
        span.next.prev = span;
        span.prev.next = span;
    }

    /** Takes {@code span} off its list. Port of mheap.c MSpanList_Remove. */
    static void MSpanList_Remove(MSpan span) {
        if (span.prev == null && span.next == null) {
            return;
        }
        span.prev.next = span.next;
        span.next.prev = span.prev;
        span.prev = null;
        span.next = null;
    }
}
