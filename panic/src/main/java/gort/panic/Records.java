package gort.panic;

import gort.runtime.arch.Arch;

/**
 * Where the fields of runtime.h's Defer and Panic records sit in simulated memory, for one
 * arch (0a7c7ac80). Defer: siz int32, special bool, argp, pc, fn, link, then the arguments
 * (the layout is gort.runtime.Defer's, which proc shares).
 * Panic: arg Eface, link, defer, stackbase, recovered bool, aborted bool; gort adds argp (Go
 * 1.4's field: where the arguments of the deferred call the panic is running sit), which
 * recover checks in place of the Stktop of newstackcall's segment.
 */
record Records(int w) {
    static Records of(Arch arch) {
        return new Records(arch.PtrSize);
    }

    // ---- Defer ----
    int dSiz() {
        return gort.runtime.Defer.siz();
    }

    int dSpecial() {
        return gort.runtime.Defer.special();
    }

    int dArgp() {
        return gort.runtime.Defer.argp(w);
    }

    int dPc() {
        return gort.runtime.Defer.pc(w);
    }

    int dFn() {
        return gort.runtime.Defer.fn(w);
    }

    int dLink() {
        return gort.runtime.Defer.link(w);
    }

    int dArgs() {
        return gort.runtime.Defer.args(w);
    }

    /** TOTALSIZE(siz): the header and the arguments rounded to a word. */
    int deferSize(int siz) {
        return gort.runtime.Defer.size(w, siz);
    }

    // ---- Panic ----
    int pArg() {
        return 0;
    }

    int pLink() {
        return 2 * w;
    }

    int pDefer() {
        return 3 * w;
    }

    int pStackbase() {
        return 4 * w;
    }

    int pRecovered() {
        return 5 * w;
    }

    int pAborted() {
        return 5 * w + 1;
    }

    int pArgp() {
        return 6 * w;
    }

    int panicSize() {
        return 7 * w;
    }
}
