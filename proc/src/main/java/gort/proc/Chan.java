package gort.proc;

import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.MCache;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.mem.Memory;
import gort.runtime.os.Lock;
import gort.runtime.os.LockFutex;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Channels: makechan, chansend (chan.go at 0a7c7ac80), chanrecv, closechan and the wait queues
 * (chan.goc at 0a7c7ac80), with the RTCALL entries of docs' chan contract. A blocked sender or
 * receiver waits on a SudoG in the channel's queue, parks through {@link Schedule#park} ("chan
 * send", "chan receive") and is woken by {@link Schedule#ready}, as in Go; the code C runs after
 * park returns is the parked function's {@link G#resume}. select is {@link ChanSelect}.
 *
 * <h2>How gort keeps a channel</h2>
 *
 * An Hchan is allocated in the simulated heap with chan.h's layout (qcount at word 0, dataqsiz at
 * word 1, buf, elemsize, closed, elemtype, sendx, recvx, the queues, the lock: 12 words) and its
 * buffer right after it, as makechan allocates a channel of pointer-free elements. The compiled
 * code reads len and cap from words 0 and 1, which gort keeps current. The queues, the lock (a Lock
 * of the OS layer) and the indices live in a Java {@link Hchan} found by the channel's address. A
 * SudoG is a Java object with an address of its own (what g->param and g->waiting hold). gort
 * differs: there is no race detector, and the element type is only its size (no GC information), so
 * buffers are always in the channel's own allocation.
 *
 * <h2>Panics</h2>
 *
 * Every panic here is raised as Go 1.3 raises it, runtime·panicstring (a runtime error, printed
 * "panic: runtime error: send on closed channel"), through the process's {@link
 * gort.runtime.PanicHook} (the panic module makes it recoverable). At 0a7c7ac80 chansend and
 * makechan had just moved to chan.go, whose plain {@code panic("...")} would print without "runtime
 * error: "; gort keeps the runtime error of chan.goc, which the rest of the file (close, select)
 * still raises at the commit.
 */
public final class Chan {
    private Chan() {}

    /** chan.go maxAlign. */
    static final int maxAlign = 8;

    /** chan.h Hchan, the Java side; see the class comment. */
    static final class Hchan {
        final long addr;
        final long dataqsiz;
        final long buf;
        final int elemsize;
        final long elemtype;
        volatile long qcount;
        volatile int closed;
        long sendx;
        long recvx;
        final WaitQ recvq = new WaitQ();
        final WaitQ sendq = new WaitQ();
        final Lock lock = new Lock();
        private final Memory mem;
        private final int w;

        Hchan(Memory mem, int w, long addr, long dataqsiz, long buf, int elemsize, long elemtype) {
            this.mem = mem;
            this.w = w;
            this.addr = addr;
            this.dataqsiz = dataqsiz;
            this.buf = buf;
            this.elemsize = elemsize;
            this.elemtype = elemtype;
            mem.storep(addr + w, dataqsiz);
            mem.storep(addr + 2L * w, buf);
            mem.store16(addr + 3L * w, elemsize);
            mem.storep(addr + 4L * w, elemtype);
        }

        void setQcount(long v) {
            qcount = v;
            mem.storep(addr, v);
        }

        void setClosed() {
            closed = 1;
            mem.store32(addr + 3L * w + 4, 1);
        }

        /** chanbuf(c, i): the i'th slot of the buffer. */
        long chanbuf(long i) {
            return buf + elemsize * i;
        }
    }

    /** chan.h WaitQ. first is read without the lock by the non-blocking fast paths. */
    static final class WaitQ {
        volatile SudoG first;
        SudoG last;
    }

    /** runtime.h SudoG: a G waiting on a channel (or a select case). */
    static final class SudoG {
        final long addr;
        G g;
        AtomicInteger selectdone;
        SudoG next;
        long elem; // data element
        long releasetime;

        SudoG(long addr) {
            this.addr = addr;
        }
    }

    /**
     * gort: a process's channels by address, an open-addressing table (linear probing, at most half
     * full) that makechan replaces under the monitor when it grows and fills with release stores;
     * every channel operation looks its channel up, so the lookup reads without a lock and without
     * boxing the address. Channels are never removed (gort has no collector).
     */
    static final class Chans {
        private volatile Hchan[] table = new Hchan[64];
        private int count;
        final GoProcess process;

        Chans(GoProcess process) {
            this.process = process;
        }

        private static int slot(long addr, int mask) {
            long h = addr * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        /** The channel at addr, or null. */
        Hchan get(long addr) {
            Hchan[] t = table;
            int mask = t.length - 1;
            for (int i = slot(addr, mask); ; i = (i + 1) & mask) {
                Hchan c = (Hchan) SLOT.getAcquire(t, i);
                if (c == null) {
                    return null;
                }
                if (c.addr == addr) {
                    return c;
                }
            }
        }

        synchronized void put(Hchan c) {
            Hchan[] t = table;
            if (2 * (count + 1) > t.length) {
                Hchan[] grown = new Hchan[2 * t.length];
                for (Hchan old : t) {
                    if (old != null) {
                        insert(grown, old);
                    }
                }
                table = t = grown;
            }
            insert(t, c);
            count++;
        }

        private static void insert(Hchan[] t, Hchan c) {
            int mask = t.length - 1;
            int i = slot(c.addr, mask);
            while (t[i] != null) {
                i = (i + 1) & mask;
            }
            SLOT.setRelease(t, i, c);
        }

        private static final java.lang.invoke.VarHandle SLOT =
                java.lang.invoke.MethodHandles.arrayElementVarHandle(Hchan[].class);
    }

    static Chans chans(GoProcess process) {
        return process.local(Chans.class, Chans::new);
    }

    /** The channel at addr (null for the nil channel). */
    static Hchan hchan(GoProcess process, long addr) {
        if (addr == 0) {
            return null;
        }
        Hchan c = chans(process).get(addr);
        if (c == null) {
            Throw.throw_(process, "gort: not a channel");
        }
        return c;
    }

    /**
     * A SudoG from the free list of mp's mcache (its P's), or a new one. Port of proc.go
     * acquireSudog (0a7c7ac80). gort differs: an M without a P (C would have no mcache) gets a new
     * SudoG.
     */
    static SudoG acquireSudog(M mp) {
        MCache c = mp.p == null ? null : mp.p.mcache;
        SudoG s = c == null ? null : (SudoG) c.sudogcache;
        if (s != null) {
            c.sudogcache = s.next;
            s.next = null;
            return s;
        }
        GoProcess process = mp.process;
        return new SudoG(process.malloc().mallocgc(6L * process.arch().PtrSize, 0, 0));
    }

    /**
     * Pushes s on the free list of mp's mcache. Port of proc.go releaseSudog (0a7c7ac80). gort
     * differs: the fields are cleared here (C's callers leave them); an M without a P drops s.
     */
    static void releaseSudog(M mp, SudoG s) {
        s.g = null;
        s.selectdone = null;
        s.elem = 0;
        s.releasetime = 0;
        MCache c = mp.p == null ? null : mp.p.mcache;
        if (c == null) {
            s.next = null;
            return;
        }
        s.next = (SudoG) c.sudogcache;
        c.sudogcache = s;
    }

    /**
     * Stamps a waiter's wake-up time when its wait is being profiled (releasetime != 0), as each of
     * the C's wake sites does before runtime·ready.
     */
    static void stampRelease(GoProcess process, SudoG sg) {
        if (sg.releasetime != 0) {
            sg.releasetime = process.cputicks();
        }
    }

    /** The start of a profiled wait: cputicks() when block profiling is on, else 0 (C's t0). */
    static long blockStart(GoProcess process) {
        return process.blockprofilerate.get() > 0 ? process.cputicks() : 0;
    }

    static long argp(Cpu cpu) {
        return cpu.sp() + (cpu.arch().hasLinkRegister ? 4 : 0);
    }

    /** MaxMem of malloc.h: 2^37-1 on 64-bit Linux, 2^32-1 on 32-bit. */
    static long maxMem(GoProcess process) {
        return process.arch().PtrSize == 8 ? (1L << 37) - 1 : (1L << 32) - 1;
    }

    /**
     * runtime.makechan(typ *Type, size int) *hchan (RTCALL); typ's first word is the element size.
     * Port of chan.go makechan (0a7c7ac80), with its throw and its panic "makechan: size out of
     * range" (see the class comment); see the class comment for the allocation.
     */
    static void makechan(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        GoProcess process = cpu.m().process;
        int w = cpu.arch().PtrSize;
        long elemsize = mem.loadp(mem.loadp(argp));
        long size = w == 8 ? mem.load64(argp + w) : mem.load32(argp + w);
        long hchanSize = 12L * w + (-(12L * w) & (maxAlign - 1));
        // gc rejects such types already; the runtime checks again
        if (elemsize >= 1 << 16) {
            Throw.throw_(process, "makechan: invalid channel element type");
        }
        if (hchanSize % maxAlign != 0) {
            Throw.throw_(process, "makechan: bad alignment");
        }
        if (size < 0 || (elemsize > 0 && size > (maxMem(process) - hchanSize) / elemsize)) {
            cpu.m().process.panics().panicstring(cpu, "makechan: size out of range");
            return;
        }
        long addr = process.malloc().mallocgc(hchanSize + size * elemsize, 0, 0);
        long buf = size > 0 && elemsize != 0 ? addr + hchanSize : addr;
        Hchan c = new Hchan(mem, w, addr, size, buf, (int) elemsize, mem.loadp(argp));
        chans(process).put(c);
        mem.storep(argp + 2L * w, addr);
    }

    /**
     * runtime.chansend1(c *hchan, elem unsafe.Pointer) (RTCALL). Port of chan.go chansend1
     * (0a7c7ac80).
     */
    static void chansend1(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        Hchan c = hchan(cpu.m().process, mem.loadp(argp));
        chansend(cpu, c, mem.loadp(argp + w), true, cpu.pc());
    }

    /**
     * Sends the value at ep on c; without block, returns false when that would wait. Port of
     * chan.go chansend (0a7c7ac80), with its panic ("send on closed channel", see the class
     * comment) and throws. When it parks, its result is its continuation's (true).
     */
    static boolean chansend(Cpu cpu, Hchan c, long ep, boolean block, long callerpc) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess process = mp.process;
        if (c == null) {
            if (!block) {
                return false;
            }
            Schedule.gopark(cpu, null, null, "chan send (nil chan)");
            return false; // not reached
        }
        // Fast path: a failed non-blocking send, decided without the lock (see chan.go).
        if (!block
                && c.closed == 0
                && ((c.dataqsiz == 0 && c.recvq.first == null)
                        || (c.dataqsiz > 0 && c.qcount == c.dataqsiz))) {
            return false;
        }
        long t0 = blockStart(process);
        LockFutex.lock(mp, c.lock);
        if (c.closed != 0) {
            LockFutex.unlock(mp, c.lock);
            cpu.m().process.panics().panicstring(cpu, "send on closed channel");
            return false;
        }
        if (c.dataqsiz == 0) { // synchronous channel
            SudoG sg = dequeue(c.recvq);
            if (sg != null) { // found a waiting receiver
                LockFutex.unlock(mp, c.lock);
                G recvg = sg.g;
                recvg.param = sg.addr;
                if (sg.elem != 0) {
                    cpu.mem().memmove(sg.elem, ep, c.elemsize);
                }
                stampRelease(process, sg);
                Schedule.ready(mp, recvg);
                return true;
            }
            if (!block) {
                LockFutex.unlock(mp, c.lock);
                return false;
            }
            // nobody to take the value: wait in the channel's send queue
            SudoG mysg = acquireSudog(mp);
            if (t0 != 0) {
                mysg.releasetime = -1;
            }
            mysg.elem = ep;
            gp.waiting = mysg.addr;
            mysg.g = gp;
            mysg.selectdone = null;
            gp.param = 0;
            enqueue(c.sendq, mysg);
            gp.resume =
                    (cpu2, argp2) -> {
                        // someone woke us up.
                        if (gp.param == 0) {
                            if (c.closed == 0) {
                                Throw.throw_(process, "chansend: spurious wakeup");
                            }
                            gp.waiting = 0;
                            releaseSudog(cpu2.m(), mysg);
                            cpu2.m().process.panics().panicstring(cpu2, "send on closed channel");
                            return;
                        }
                        if (mysg.releasetime > 0) {
                            process.profiling().blockevent(cpu2, mysg.releasetime - t0, 3);
                        }
                        if (mysg.addr != gp.waiting) {
                            Throw.throw_(process, "G waiting list is corrupted!");
                        }
                        gp.waiting = 0;
                        releaseSudog(cpu2.m(), mysg);
                    };
            Schedule.goparkunlock(cpu, c.lock, "chan send");
            return true;
        }
        return chansendAsync(cpu, c, ep, block, t0, 0);
    }

    /**
     * chansend's asynchronous part, from its wait-for-space loop on; c is locked. t0 and t1 are the
     * C's locals: when the profiled wait began, and when a receiver last woke this sender.
     */
    private static boolean chansendAsync(
            Cpu cpu, Hchan c, long ep, boolean block, long t0, long t1) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess process = mp.process;
        if (c.qcount >= c.dataqsiz) {
            if (!block) {
                LockFutex.unlock(mp, c.lock);
                return false;
            }
            SudoG mysg = acquireSudog(mp);
            if (t0 != 0) {
                mysg.releasetime = -1;
            }
            mysg.g = gp;
            mysg.elem = 0;
            mysg.selectdone = null;
            enqueue(c.sendq, mysg);
            gp.resume =
                    (cpu2, argp2) -> {
                        // woken without a receiver having taken the value: start over
                        long woke = mysg.releasetime != 0 ? mysg.releasetime : t1;
                        releaseSudog(cpu2.m(), mysg);
                        LockFutex.lock(cpu2.m(), c.lock);
                        if (c.closed != 0) {
                            LockFutex.unlock(cpu2.m(), c.lock);
                            cpu2.m().process.panics().panicstring(cpu2, "send on closed channel");
                            return;
                        }
                        chansendAsync(cpu2, c, ep, block, t0, woke);
                    };
            Schedule.goparkunlock(cpu, c.lock, "chan send");
            return true;
        }
        // room in the buffer: the value goes in at sendx
        cpu.mem().memmove(c.chanbuf(c.sendx), ep, c.elemsize);
        c.sendx++;
        if (c.sendx == c.dataqsiz) {
            c.sendx = 0;
        }
        c.setQcount(c.qcount + 1);
        // wake up a waiting receiver
        SudoG sg = dequeue(c.recvq);
        if (sg != null) {
            G recvg = sg.g;
            LockFutex.unlock(mp, c.lock);
            stampRelease(process, sg);
            Schedule.ready(mp, recvg);
        } else {
            LockFutex.unlock(mp, c.lock);
        }
        if (t1 > 0) {
            process.profiling().blockevent(cpu, t1 - t0, 3);
        }
        return true;
    }

    /** Where chanrecv reports whether a value was received (C's bool *received). */
    @FunctionalInterface
    interface Received {
        void set(Cpu cpu, boolean received);
    }

    private static void set(Received r, Cpu cpu, boolean v) {
        if (r != null) {
            r.set(cpu, v);
        }
    }

    /**
     * runtime.chanrecv1(c *hchan, elem unsafe.Pointer) (RTCALL). Port of chan.goc chanrecv1
     * (0a7c7ac80).
     */
    static void chanrecv1(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        chanrecv(cpu, hchan(cpu.m().process, mem.loadp(argp)), mem.loadp(argp + w), true, null);
    }

    /**
     * runtime.chanrecv2(c *hchan, elem unsafe.Pointer) (received bool) (RTCALL). Port of chan.goc
     * chanrecv2 (0a7c7ac80); received is stored at the result slot when known, which after a park
     * is when the G runs again.
     */
    static void chanrecv2(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        int w = cpu.arch().PtrSize;
        chanrecv(
                cpu,
                hchan(cpu.m().process, mem.loadp(argp)),
                mem.loadp(argp + w),
                true,
                (c, v) -> c.mem().store8(argp(c) + 2L * w, v ? 1 : 0));
    }

    /**
     * Receives from c into ep (discarding the value when ep is 0); without block, returns false
     * when that would wait. Port of chan.goc chanrecv (0a7c7ac80), with its throw "chanrecv:
     * spurious wakeup"; a closed channel yields the zero value and received = false.
     */
    static boolean chanrecv(Cpu cpu, Hchan c, long ep, boolean block, Received received) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess process = mp.process;
        if (c == null) {
            if (!block) {
                return false;
            }
            Schedule.park(cpu, null, null, "chan receive (nil chan)");
            return false; // not reached
        }
        // Fast path: a failed non-blocking receive; the closed check must come second.
        if (!block
                && ((c.dataqsiz == 0 && c.sendq.first == null) || (c.dataqsiz > 0 && c.qcount == 0))
                && c.closed == 0) {
            return false;
        }
        long t0 = blockStart(process);
        RecvWait w = t0 != 0 ? new RecvWait(t0) : null;
        LockFutex.lock(mp, c.lock);
        if (c.dataqsiz > 0) {
            return chanrecvAsync(cpu, c, ep, block, received, w);
        }
        if (c.closed != 0) {
            return chanrecvClosed(cpu, c, ep, received, w);
        }
        SudoG sg = dequeue(c.sendq);
        if (sg != null) {
            LockFutex.unlock(mp, c.lock);
            if (ep != 0) {
                cpu.mem().memmove(ep, sg.elem, c.elemsize);
            }
            G sendg = sg.g;
            sendg.param = sg.addr;
            stampRelease(process, sg);
            Schedule.ready(mp, sendg);
            set(received, cpu, true);
            return true;
        }
        if (!block) {
            LockFutex.unlock(mp, c.lock);
            return false;
        }
        SudoG mysg = acquireSudog(mp);
        mysg.releasetime = w != null ? w.releasetime : 0;
        mysg.elem = ep;
        mysg.g = gp;
        mysg.selectdone = null;
        gp.param = 0;
        enqueue(c.recvq, mysg);
        gp.resume =
                (cpu2, argp2) -> {
                    if (w != null) {
                        w.releasetime = mysg.releasetime;
                    }
                    releaseSudog(cpu2.m(), mysg);
                    if (gp.param == 0) {
                        LockFutex.lock(cpu2.m(), c.lock);
                        if (c.closed == 0) {
                            Throw.throw_(process, "chanrecv: spurious wakeup");
                        }
                        chanrecvClosed(cpu2, c, ep, received, w);
                        return;
                    }
                    set(received, cpu2, true);
                    recvBlockevent(cpu2, w);
                };
        Schedule.parkunlock(cpu, c.lock, "chan receive");
        return true;
    }

    /**
     * chanrecv's stack SudoG as far as block profiling needs it: when the wait began (t0) and the
     * releasetime it carries from one wait to the next; null when profiling is off.
     */
    static final class RecvWait {
        final long t0;
        long releasetime = -1;

        RecvWait(long t0) {
            this.t0 = t0;
        }
    }

    /** chanrecv's closing {@code if(mysg.releasetime > 0) runtime·blockevent(..., 2)}. */
    private static void recvBlockevent(Cpu cpu, RecvWait w) {
        if (w != null && w.releasetime > 0) {
            cpu.m().process.profiling().blockevent(cpu, w.releasetime - w.t0, 2);
        }
    }

    /** chanrecv from its label asynch: c is buffered and locked. */
    private static boolean chanrecvAsync(
            Cpu cpu, Hchan c, long ep, boolean block, Received received, RecvWait w) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess process = mp.process;
        if (c.qcount <= 0) {
            if (c.closed != 0) {
                return chanrecvClosed(cpu, c, ep, received, w);
            }
            if (!block) {
                LockFutex.unlock(mp, c.lock);
                set(received, cpu, false);
                return false;
            }
            SudoG mysg = acquireSudog(mp);
            mysg.releasetime = w != null ? w.releasetime : 0;
            mysg.g = gp;
            mysg.elem = 0;
            mysg.selectdone = null;
            enqueue(c.recvq, mysg);
            gp.resume =
                    (cpu2, argp2) -> {
                        if (w != null) {
                            w.releasetime = mysg.releasetime;
                        }
                        releaseSudog(cpu2.m(), mysg);
                        LockFutex.lock(cpu2.m(), c.lock);
                        chanrecvAsync(cpu2, c, ep, block, received, w);
                    };
            Schedule.parkunlock(cpu, c.lock, "chan receive");
            return true;
        }
        Memory mem = cpu.mem();
        if (ep != 0) {
            mem.memmove(ep, c.chanbuf(c.recvx), c.elemsize);
        }
        mem.memclr(c.chanbuf(c.recvx), c.elemsize);
        if (++c.recvx == c.dataqsiz) {
            c.recvx = 0;
        }
        c.setQcount(c.qcount - 1);
        SudoG sg = dequeue(c.sendq);
        if (sg != null) {
            G sendg = sg.g;
            LockFutex.unlock(mp, c.lock);
            stampRelease(process, sg);
            Schedule.ready(mp, sendg);
        } else {
            LockFutex.unlock(mp, c.lock);
        }
        set(received, cpu, true);
        recvBlockevent(cpu, w);
        return true;
    }

    /** chanrecv from its label closed: the zero value, received = false; unlocks c. */
    private static boolean chanrecvClosed(
            Cpu cpu, Hchan c, long ep, Received received, RecvWait w) {
        if (ep != 0) {
            cpu.mem().memclr(ep, c.elemsize);
        }
        set(received, cpu, false);
        LockFutex.unlock(cpu.m(), c.lock);
        recvBlockevent(cpu, w);
        return true;
    }

    /** runtime.closechan(c *hchan) (RTCALL). Port of chan.goc closechan (0a7c7ac80). */
    static void closechan(Cpu cpu, long argp) {
        closechan(cpu, hchan(cpu.m().process, cpu.mem().loadp(argp)));
    }

    /**
     * Closes c and readies every waiting receiver and sender with param = nil. Port of chan.goc
     * closechan (0a7c7ac80), with its panics (runtime errors there: "close of nil channel", "close
     * of closed channel").
     */
    static void closechan(Cpu cpu, Hchan c) {
        M mp = cpu.m();
        if (c == null) {
            cpu.m().process.panics().panicstring(cpu, "close of nil channel");
            return;
        }
        LockFutex.lock(mp, c.lock);
        if (c.closed != 0) {
            LockFutex.unlock(mp, c.lock);
            cpu.m().process.panics().panicstring(cpu, "close of closed channel");
            return;
        }
        c.setClosed();
        // release all readers
        for (; ; ) {
            SudoG sg = dequeue(c.recvq);
            if (sg == null) {
                break;
            }
            G gp = sg.g;
            gp.param = 0;
            stampRelease(mp.process, sg);
            Schedule.ready(mp, gp);
        }
        // release all writers
        for (; ; ) {
            SudoG sg = dequeue(c.sendq);
            if (sg == null) {
                break;
            }
            G gp = sg.g;
            gp.param = 0;
            stampRelease(mp.process, sg);
            Schedule.ready(mp, gp);
        }
        LockFutex.unlock(mp, c.lock);
    }

    /**
     * Takes the first SudoG of q that may be signalled (a select's SudoG only if this call wins its
     * selectdone). Port of chan.goc dequeue (0a7c7ac80).
     */
    static SudoG dequeue(WaitQ q) {
        for (; ; ) {
            SudoG sgp = q.first;
            if (sgp == null) {
                return null;
            }
            q.first = sgp.next;
            if (q.last == sgp) {
                q.last = null;
            }
            // a waiter from a select that another case already won is skipped
            if (sgp.selectdone != null) {
                if (sgp.g != null) {
                    sgp.g.process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
                }
                // claim the right to signal
                if (sgp.selectdone.get() != 0 || !sgp.selectdone.compareAndSet(0, 1)) {
                    continue;
                }
            }
            return sgp;
        }
    }

    /** Removes gp's first SudoG from q. Port of chan.goc dequeueg (0a7c7ac80); gp is C's g. */
    static void dequeueg(WaitQ q, G gp) {
        SudoG prevsgp = null;
        for (SudoG sgp = q.first; sgp != null; prevsgp = sgp, sgp = sgp.next) {
            if (sgp.g == gp) {
                if (prevsgp == null) {
                    q.first = sgp.next;
                } else {
                    prevsgp.next = sgp.next;
                }
                if (q.last == sgp) {
                    q.last = prevsgp;
                }
                break;
            }
        }
    }

    /** Appends sgp to q. Port of chan.goc enqueue (0a7c7ac80). */
    static void enqueue(WaitQ q, SudoG sgp) {
        sgp.next = null;
        if (q.first == null) {
            q.first = sgp;
            q.last = sgp;
            return;
        }
        q.last.next = sgp;
        q.last = sgp;
    }
}
