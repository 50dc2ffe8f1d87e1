package gort.proc;

import gort.runtime.G;
import gort.runtime.GoProcess;

/**
 * The network poller as gort has it: the stub of netpoll_stub.c (0a7c7ac80), which the 2014 runtime
 * uses on systems without a poller. gort's programs have no network descriptors, so nothing ever
 * becomes ready through it; the scheduler's calls (findrunnable's non-blocking and blocking polls,
 * sysmon's poll, starttheworld's) run their paths and get no Gs.
 */
final class Netpoll {
    private Netpoll() {}

    /**
     * Returns the list of Gs made runnable by network readiness (none). Port of netpoll_stub.c
     * runtime·netpoll (0a7c7ac80); {@code block} is ignored there too.
     */
    static G netpoll(GoProcess process, boolean block) {
        return null;
    }
}
