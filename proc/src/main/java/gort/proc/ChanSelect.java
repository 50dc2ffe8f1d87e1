package gort.proc;

import gort.proc.Chan.Hchan;
import gort.proc.Chan.SudoG;
import gort.runtime.G;
import gort.runtime.GoProcess;
import gort.runtime.M;
import gort.runtime.Throw;
import gort.runtime.cpu.Cpu;
import gort.runtime.mem.Memory;
import gort.runtime.os.LockFutex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * select: selectgo and block, from chan.goc at 0a7c7ac80.
 *
 * <p>gort differs in the calling convention (the chan contract): Go 1.3 builds a Select with
 * newselect/selectsend/selectrecv/selectdefault and selectgo returns to the chosen case's pc;
 * gort's compiled code passes an array of cases {kind, c, elem, receivedp} and a block flag, and
 * selectgo returns the chosen case's index (-1 for default). The algorithm is C's: a random poll
 * order (fastrand1), channels locked in address order, pass 1 looks for a ready case, pass 2
 * enqueues a SudoG on every channel and parks ("select"), pass 3 dequeues from the others.
 */
public final class ChanSelect {
    private ChanSelect() {}

    /** chan.h Scase.kind. */
    static final int CaseRecv = 1;

    static final int CaseSend = 2;
    static final int CaseDefault = 3;

    /** chan.h Scase: the SudoG (sg.elem is the case's element), channel, kind, receivedp. */
    static final class Scase {
        final SudoG sg;
        final Hchan chan;
        final int index; // gort: the case's source index, returned instead of a pc
        final int kind;
        final long receivedp;

        Scase(SudoG sg, Hchan chan, int index, int kind, long receivedp) {
            this.sg = sg;
            this.chan = chan;
            this.index = index;
            this.kind = kind;
            this.receivedp = receivedp;
        }
    }

    /** chan.h Select. */
    static final class Select {
        final Scase[] scase;
        final int[] pollorder;
        final Hchan[] lockorder;

        /** When a profiled select began (C's t0), else 0. */
        long t0;

        Select(Scase[] scase) {
            this.scase = scase;
            this.pollorder = new int[scase.length];
            this.lockorder = new Hchan[scase.length];
        }
    }

    /**
     * runtime.selectgo(cases unsafe.Pointer, ncases int, block bool) (chosen int) (RTCALL): builds
     * the Select as newselect/selectsend/selectrecv/selectdefault would (a nil channel's case does
     * not compete), then runs selectgo.
     */
    static void selectgo(Cpu cpu, long argp) {
        Memory mem = cpu.mem();
        GoProcess process = cpu.m().process;
        int w = cpu.arch().PtrSize;
        long cases = mem.loadp(argp);
        int n = (int) mem.loadp(argp + w);
        boolean block = mem.load8(argp + 2L * w) != 0;
        List<Scase> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long rec = cases + 4L * w * i;
            long kind = mem.loadp(rec);
            long c = mem.loadp(rec + w);
            if (c == 0) {
                continue; // nil cases do not compete
            }
            SudoG sg = Chan.acquireSudog(cpu.m());
            sg.elem = mem.loadp(rec + 2L * w);
            if (kind == 1) {
                list.add(new Scase(sg, Chan.hchan(process, c), i, CaseSend, 0));
            } else {
                list.add(
                        new Scase(
                                sg, Chan.hchan(process, c), i, CaseRecv, mem.loadp(rec + 3L * w)));
            }
        }
        if (!block) {
            list.add(new Scase(Chan.acquireSudog(cpu.m()), null, -1, CaseDefault, 0));
        }
        selectgo(cpu, new Select(list.toArray(new Scase[0])));
    }

    /** Where the chosen index goes: the result slot after the three arguments. */
    private static void retc(Cpu cpu, Select sel, Scase cas) {
        GoProcess process = cpu.m().process;
        int w = cpu.arch().PtrSize;
        cpu.mem().storep(Chan.argp(cpu) + 3L * w, cas.index);
        if (cas.sg.releasetime > 0) {
            process.profiling().blockevent(cpu, cas.sg.releasetime - sel.t0, 2);
        }
        for (Scase s : sel.scase) {
            Chan.releaseSudog(cpu.m(), s.sg);
        }
    }

    /**
     * Port of chan.goc selectgo (0a7c7ac80): the poll order, the lock order (heap sort by channel
     * address), then the loop.
     */
    static void selectgo(Cpu cpu, Select sel) {
        M mp = cpu.m();
        int ncase = sel.scase.length;
        sel.t0 = Chan.blockStart(mp.process);
        if (sel.t0 != 0) {
            for (int i = 0; i < ncase; i++) {
                sel.scase[i].sg.releasetime = -1;
            }
        }
        // generate permuted order
        for (int i = 0; i < ncase; i++) {
            sel.pollorder[i] = i;
        }
        for (int i = 1; i < ncase; i++) {
            int o = sel.pollorder[i];
            int j = Integer.remainderUnsigned(Schedule.fastrand1(mp), i + 1);
            sel.pollorder[i] = sel.pollorder[j];
            sel.pollorder[j] = o;
        }
        // lockorder: the cases' channels by address, so every select locks in one global
        // order (a heap sort, as C).
        for (int i = 0; i < ncase; i++) {
            int j = i;
            Hchan c = sel.scase[j].chan;
            int k;
            while (j > 0 && addr(sel.lockorder[k = (j - 1) / 2]) < addr(c)) {
                sel.lockorder[j] = sel.lockorder[k];
                j = k;
            }
            sel.lockorder[j] = c;
        }
        for (int i = ncase; i-- > 0; ) {
            Hchan c = sel.lockorder[i];
            sel.lockorder[i] = sel.lockorder[0];
            int j = 0;
            for (; ; ) {
                int k = j * 2 + 1;
                if (k >= i) {
                    break;
                }
                if (k + 1 < i && addr(sel.lockorder[k]) < addr(sel.lockorder[k + 1])) {
                    k++;
                }
                if (addr(c) < addr(sel.lockorder[k])) {
                    sel.lockorder[j] = sel.lockorder[k];
                    j = k;
                    continue;
                }
                break;
            }
            sel.lockorder[j] = c;
        }
        sellock(mp, sel);
        loop(cpu, sel);
    }

    private static long addr(Hchan c) {
        return c == null ? 0 : c.addr; // Go compares pointers unsigned; heap addresses are positive
    }

    /** selectgo from its label loop: every channel is locked. */
    private static void loop(Cpu cpu, Select sel) {
        M mp = cpu.m();
        G gp = cpu.g();
        Memory mem = cpu.mem();
        // first pass: a case that can proceed now (a waiting partner, buffer space or data)
        Scase dfl = null;
        for (int i = 0; i < sel.scase.length; i++) {
            Scase cas = sel.scase[sel.pollorder[i]];
            Hchan c = cas.chan;
            switch (cas.kind) {
                case CaseRecv -> {
                    if (c.dataqsiz > 0) {
                        if (c.qcount > 0) {
                            asyncrecv(cpu, sel, cas);
                            return;
                        }
                    } else {
                        SudoG sg = Chan.dequeue(c.sendq);
                        if (sg != null) {
                            syncrecv(cpu, sel, cas, sg);
                            return;
                        }
                    }
                    if (c.closed != 0) {
                        // a receive from a closed, drained channel: the zero value
                        selunlock(mp, sel);
                        if (cas.receivedp != 0) {
                            mem.store8(cas.receivedp, 0);
                        }
                        if (cas.sg.elem != 0) {
                            mem.memclr(cas.sg.elem, c.elemsize);
                        }
                        retc(cpu, sel, cas);
                        return;
                    }
                }
                case CaseSend -> {
                    if (c.closed != 0) {
                        // send on closed channel
                        selunlock(mp, sel);
                        for (Scase x : sel.scase) {
                            Chan.releaseSudog(cpu.m(), x.sg);
                        }
                        cpu.m().process.panics().panicstring(cpu, "send on closed channel");
                        return;
                    }
                    if (c.dataqsiz > 0) {
                        if (c.qcount < c.dataqsiz) {
                            asyncsend(cpu, sel, cas);
                            return;
                        }
                    } else {
                        SudoG sg = Chan.dequeue(c.recvq);
                        if (sg != null) {
                            syncsend(cpu, sel, cas, sg);
                            return;
                        }
                    }
                }
                default -> dfl = cas;
            }
        }
        if (dfl != null) {
            selunlock(mp, sel);
            retc(cpu, sel, dfl);
            return;
        }

        // second pass: wait on every channel at once
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < sel.scase.length; i++) {
            Scase cas = sel.scase[sel.pollorder[i]];
            Hchan c = cas.chan;
            SudoG sg = cas.sg;
            sg.g = gp;
            sg.selectdone = done;
            if (cas.kind == CaseRecv) {
                Chan.enqueue(c.recvq, sg);
            } else if (cas.kind == CaseSend) {
                Chan.enqueue(c.sendq, sg);
            }
        }
        gp.param = 0;
        gp.resume = (cpu2, argp2) -> woken(cpu2, sel);
        Schedule.park(
                cpu,
                (g, s) -> {
                    selunlock(mp, (Select) s); // selparkcommit
                    return true;
                },
                sel,
                "select");
    }

    /** selectgo after its park: pass 3, then the case that woke it, or the loop again. */
    private static void woken(Cpu cpu, Select sel) {
        M mp = cpu.m();
        G gp = cpu.g();
        GoProcess process = mp.process;
        sellock(mp, sel);
        long sg = gp.param;
        // third pass: leave the queues of the channels that did not fire, else quiet
        // channels would collect stale waiters
        Scase won = null;
        for (Scase cas : sel.scase) {
            if (sg != 0 && cas.sg.addr == sg) {
                won = cas;
                continue;
            }
            Hchan c = cas.chan;
            if (cas.kind == CaseSend) {
                Chan.dequeueg(c.sendq, gp);
            } else if (cas.kind == CaseRecv) {
                Chan.dequeueg(c.recvq, gp);
            }
        }
        if (won == null) {
            loop(cpu, sel);
            return;
        }
        Hchan c = won.chan;
        if (c.dataqsiz > 0) {
            Throw.throw_(process, "selectgo: shouldn't happen");
        }
        if (won.kind == CaseRecv && won.receivedp != 0) {
            cpu.mem().store8(won.receivedp, 1);
        }
        selunlock(mp, sel);
        retc(cpu, sel, won);
    }

    /** can receive from buffer */
    private static void asyncrecv(Cpu cpu, Select sel, Scase cas) {
        M mp = cpu.m();
        Memory mem = cpu.mem();
        Hchan c = cas.chan;
        if (cas.receivedp != 0) {
            mem.store8(cas.receivedp, 1);
        }
        if (cas.sg.elem != 0) {
            mem.memmove(cas.sg.elem, c.chanbuf(c.recvx), c.elemsize);
        }
        mem.memclr(c.chanbuf(c.recvx), c.elemsize);
        if (++c.recvx == c.dataqsiz) {
            c.recvx = 0;
        }
        c.setQcount(c.qcount - 1);
        SudoG sg = Chan.dequeue(c.sendq);
        if (sg != null) {
            G gp = sg.g;
            selunlock(mp, sel);
            Chan.stampRelease(mp.process, sg);
            Schedule.ready(mp, gp);
        } else {
            selunlock(mp, sel);
        }
        retc(cpu, sel, cas);
    }

    /** can send to buffer */
    private static void asyncsend(Cpu cpu, Select sel, Scase cas) {
        M mp = cpu.m();
        Hchan c = cas.chan;
        cpu.mem().memmove(c.chanbuf(c.sendx), cas.sg.elem, c.elemsize);
        if (++c.sendx == c.dataqsiz) {
            c.sendx = 0;
        }
        c.setQcount(c.qcount + 1);
        SudoG sg = Chan.dequeue(c.recvq);
        if (sg != null) {
            G gp = sg.g;
            selunlock(mp, sel);
            Chan.stampRelease(mp.process, sg);
            Schedule.ready(mp, gp);
        } else {
            selunlock(mp, sel);
        }
        retc(cpu, sel, cas);
    }

    /** The case received from a sender parked on the channel (sg). */
    private static void syncrecv(Cpu cpu, Select sel, Scase cas, SudoG sg) {
        M mp = cpu.m();
        Memory mem = cpu.mem();
        Hchan c = cas.chan;
        selunlock(mp, sel);
        if (cas.receivedp != 0) {
            mem.store8(cas.receivedp, 1);
        }
        if (cas.sg.elem != 0) {
            mem.memmove(cas.sg.elem, sg.elem, c.elemsize);
        }
        G gp = sg.g;
        gp.param = sg.addr;
        Chan.stampRelease(mp.process, sg);
        Schedule.ready(mp, gp);
        retc(cpu, sel, cas);
    }

    /** The case sent to a receiver parked on the channel (sg). */
    private static void syncsend(Cpu cpu, Select sel, Scase cas, SudoG sg) {
        M mp = cpu.m();
        Hchan c = cas.chan;
        selunlock(mp, sel);
        if (sg.elem != 0) {
            cpu.mem().memmove(sg.elem, cas.sg.elem, c.elemsize);
        }
        G gp = sg.g;
        gp.param = sg.addr;
        Chan.stampRelease(mp.process, sg);
        Schedule.ready(mp, gp);
        retc(cpu, sel, cas);
    }

    /** Locks every channel once, in address order. Port of chan.goc sellock (0a7c7ac80). */
    static void sellock(M mp, Select sel) {
        Hchan c = null;
        for (int i = 0; i < sel.lockorder.length; i++) {
            Hchan c0 = sel.lockorder[i];
            if (c0 != null && c0 != c) {
                c = c0;
                LockFutex.lock(mp, c.lock);
            }
        }
    }

    /**
     * Unlocks every channel once, in reverse order, never touching sel after the last unlock
     * (another M may be running the woken select by then). Port of chan.goc selunlock (0a7c7ac80).
     */
    static void selunlock(M mp, Select sel) {
        Hchan[] lockorder = sel.lockorder;
        int n = lockorder.length;
        int r = 0;
        // skip the default case
        if (n > 0 && lockorder[0] == null) {
            r = 1;
        }
        for (int i = n - 1; i >= r; i--) {
            Hchan c = lockorder[i];
            if (i > 0 && lockorder[i - 1] == c) {
                continue; // the same channel again: unlocked once, at its last case
            }
            LockFutex.unlock(mp, c.lock);
        }
    }

    /** runtime.block() (RTCALL): select {} parks forever. Port of chan.goc block (0a7c7ac80). */
    static void block(Cpu cpu, long argp) {
        Schedule.park(cpu, null, null, "select (no cases)"); // forever
    }
}
