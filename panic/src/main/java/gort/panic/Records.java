package gort.panic;

import gort.runtime.arch.Arch;

/**
 * Where the fields of runtime.h's Defer and Panic records sit in simulated memory, for one arch
 * (0a7c7ac80). Defer: siz int32, special bool, argp, pc, fn, link, then the arguments (the layout
 * is gort.runtime.Defer's, which proc shares). Panic: gort.runtime.Panic's layout (arg Eface, link,
 * defer, stackbase, recovered, aborted and gort's argp, which recover checks in place of the Stktop
 * of newstackcall's segment).
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
        return gort.runtime.Panic.arg(w);
    }

    int pLink() {
        return gort.runtime.Panic.link(w);
    }

    int pDefer() {
        return gort.runtime.Panic.defer(w);
    }

    int pStackbase() {
        return gort.runtime.Panic.stackbase(w);
    }

    int pRecovered() {
        return gort.runtime.Panic.recovered(w);
    }

    int pAborted() {
        return gort.runtime.Panic.aborted(w);
    }

    int pArgp() {
        return gort.runtime.Panic.argp(w);
    }

    int panicSize() {
        return gort.runtime.Panic.size(w);
    }
}
