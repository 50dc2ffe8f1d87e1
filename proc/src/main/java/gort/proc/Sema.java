package gort.proc;

import gort.proc.Chan.SudoG;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.cpu.Cpu;
import gort.runtime.cpu.RuntimeFunc;
import gort.runtime.mem.Memory;
import gort.runtime.os.Lock;
import gort.runtime.os.LockFutex;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's semaphores, from sema.go at 0a7c7ac80 (the brief's "sema.goc" is their older home):
 * semacquire and semrelease on a uint32 in simulated memory, with the goroutines that wait queued
 * on SudoGs in one of 251 semaRoots (chosen by the word's address) and parked through gopark
 * ("semacquire"), woken by goready. The runtime uses them for worldsema ({@link World}). Only this
 * part of sema.go is ported: sync's entries (asyncsemacquire, syncsemacquire ...) and block
 * profiling (blockprofilerate is mprof's) are not.
 *
 * <p>gort differs: a Java runtime function cannot be resumed where it parked, so the code
 * semacquire's caller runs once it holds the semaphore is the continuation {@code after} (run at
 * once when the semaphore is free, else through the G's {@link G#resume} when it is woken); and a
 * semaRoot's queue is singly linked (SudoG has no prev field): semrelease, which walks the queue
 * from its head anyway, unlinks the SudoG it finds behind its predecessor.
 */
public final class Sema {
    private Sema() {}

    /** sema.go semTabSize: prime, so as not to correlate with the addresses in use. */
    static final int semTabSize = 251;

    /** sema.go semaRoot: the waiters on the semaphores that hash here. */
    static final class SemaRoot {
        final Lock lock = new Lock();
        SudoG head;
        SudoG tail;

        /** Number of waiters; read without the lock. */
        final AtomicInteger nwait = new AtomicInteger();
    }

    /** sema.go's semtable, per process (C's cache-line padding has no meaning here). */
    static final class Table {
        final SemaRoot[] roots = new SemaRoot[semTabSize];

        Table(GoProcess process) {
            for (int i = 0; i < semTabSize; i++) {
                roots[i] = new SemaRoot();
            }
        }
    }

    /**
     * Takes the semaphore at addr, parking the calling G ("semacquire") until a semrelease when its
     * count is 0; then runs {@code after}. Port of sema.go semacquire (0a7c7ac80); profile asks for
     * a block-profile event, which gort does not record (no mprof).
     */
    public static void semacquire(Cpu cpu, long addr, boolean profile, RuntimeFunc after) {
        GoProcess process = cpu.m().process;
        // Easy case.
        if (cansemacquire(process, addr)) {
            after.call(cpu, Chan.argp(cpu));
            return;
        }
        // Harder case: count ourselves as a waiter, try once more, queue, sleep; the signaler
        // dequeues the SudoG.
        SudoG s = Chan.acquireSudog(cpu.m());
        SemaRoot root = semroot(process, addr);
        s.releasetime = 0;
        semacquireLoop(cpu, root, addr, s, after);
    }

    /** One turn of semacquire's loop: queue and park unless the semaphore can be taken. */
    private static void semacquireLoop(
            Cpu cpu, SemaRoot root, long addr, SudoG s, RuntimeFunc after) {
        M mp = cpu.m();
        GoProcess process = mp.process;
        LockFutex.lock(mp, root.lock);
        // Counting ourselves in nwait turns off semrelease's easy case.
        process.atomic(); // a switch point of the sim backend (OsLayer.atomic)
        root.nwait.incrementAndGet();
        // The count may have risen since the first try: look once more before sleeping.
        if (cansemacquire(process, addr)) {
            process.atomic();
            root.nwait.decrementAndGet();
            LockFutex.unlock(mp, root.lock);
            Chan.releaseSudog(mp, s);
            after.call(cpu, Chan.argp(cpu));
            return;
        }
        // Any semrelease from now on sees nwait and so wakes a waiter: sleep.
        queue(root, addr, s, cpu.g());
        cpu.g().resume =
                (c, argp) -> {
                    if (cansemacquire(process, addr)) {
                        Chan.releaseSudog(
                                c.m(),
                                s); // the M that resumed this G, maybe not the one that parked it
                        after.call(c, argp);
                        return;
                    }
                    semacquireLoop(c, root, addr, s, after);
                };
        Schedule.goparkunlock(cpu, root.lock, "semacquire");
    }

    /**
     * Releases the semaphore at addr: adds one to its count and, if a G waits on it, readies the
     * first. Port of sema.go semrelease (0a7c7ac80); mp is the calling M.
     */
    public static void semrelease(M mp, long addr) {
        GoProcess process = mp.process;
        Memory mem = process.memory();
        SemaRoot root = semroot(process, addr);
        process.atomic();
        mem.xadd(addr, 1);
        // Easy case: no waiters? (Checked after the xadd, so that no wakeup is missed: see
        // semacquire's loop.)
        process.atomic();
        if (root.nwait.get() == 0) {
            return;
        }
        // Someone may be waiting: find and wake one.
        LockFutex.lock(mp, root.lock);
        if (root.nwait.get() == 0) {
            // Another goroutine took the count already: nobody to wake.
            LockFutex.unlock(mp, root.lock);
            return;
        }
        SudoG prev = null;
        SudoG s = root.head;
        for (; s != null; prev = s, s = s.next) {
            if (s.elem == addr) {
                root.nwait.decrementAndGet();
                dequeue(root, prev, s);
                break;
            }
        }
        LockFutex.unlock(mp, root.lock);
        if (s != null) {
            Schedule.ready(mp, s.g);
        }
    }

    /** The semaRoot of the semaphore at addr. Port of sema.go semroot (0a7c7ac80). */
    static SemaRoot semroot(GoProcess process, long addr) {
        Table t = process.local(Table.class, Table::new);
        return t.roots[(int) Long.remainderUnsigned(addr >>> 3, semTabSize)];
    }

    /**
     * Takes one from the count at addr if it is not 0. Port of sema.go cansemacquire (0a7c7ac80).
     */
    static boolean cansemacquire(GoProcess process, long addr) {
        Memory mem = process.memory();
        for (; ; ) {
            process.atomic();
            int v = mem.atomicload(addr);
            if (v == 0) {
                return false;
            }
            process.atomic();
            if (mem.cas(addr, v, v - 1)) {
                return true;
            }
        }
    }

    /**
     * Appends s, for gp waiting on addr, to root's queue. Port of sema.go semaRoot.queue
     * (0a7c7ac80).
     */
    static void queue(SemaRoot root, long addr, SudoG s, G gp) {
        s.g = gp;
        s.elem = addr;
        s.next = null;
        if (root.tail != null) {
            root.tail.next = s;
        } else {
            root.head = s;
        }
        root.tail = s;
    }

    /**
     * Unlinks s, which follows prev (null: s is the head), from root's queue. Port of sema.go
     * semaRoot.dequeue (0a7c7ac80), for a singly linked queue (see the class comment).
     */
    static void dequeue(SemaRoot root, SudoG prev, SudoG s) {
        if (s.next == null) {
            root.tail = prev;
        }
        if (prev != null) {
            prev.next = s.next;
        } else {
            root.head = s.next;
        }
        s.next = null;
    }
}
