package gort.panic;

import gort.runtime.arch.Arch;

/**
 * Where the fields of runtime.h's Defer and Panic records sit in simulated memory, for one
 * arch (0a7c7ac80). Defer: siz int32, special bool, argp, pc, fn, link, then the arguments.
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
        return 0;
    }

    int dSpecial() {
        return 4;
    }

    int dArgp() {
        return 8;
    }

    int dPc() {
        return 8 + w;
    }

    int dFn() {
        return 8 + 2 * w;
    }

    int dLink() {
        return 8 + 3 * w;
    }

    int dArgs() {
        return 8 + 4 * w;
    }

    /** TOTALSIZE(siz): the header and the arguments rounded to a word. */
    int deferSize(int siz) {
        return dArgs() + (siz + w - 1) / w * w;
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
