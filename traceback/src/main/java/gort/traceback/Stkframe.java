package gort.traceback;

import gort.runtime.cpu.Func;

/**
 * One frame of a walk: runtime.h {@code struct Stkframe} (0a7c7ac80). The walker fills it in and
 * hands it to a {@link Traceback.Callback}; the callback may read it but must not keep it, as the
 * walker reuses the same object for the next frame.
 */
public final class Stkframe {
    /** The function the frame belongs to. */
    public Func fn;

    /** Where the function is: the return address into it for every frame but the innermost. */
    public long pc;

    /**
     * Where execution would go on in this frame: pc, or after a sigpanic the pc of the deferreturn
     * that a recovered panic resumes at (0 when nothing will resume the frame). Stack maps are read
     * at this pc.
     */
    public long continpc;

    /** The return address into the caller (0 for the outermost frame). */
    public long lr;

    /** The frame's lowest address. */
    public long sp;

    /** The caller's sp: the word above the return address (amd64) or the saved LR (arm). */
    public long fp;

    /** The top of the locals: the locals lie below it. */
    public long varp;

    /** Where the incoming arguments begin. */
    public long argp;

    /** How many bytes of arguments (and results) the frame has. */
    public long arglen;

    void clear() {
        fn = null;
        pc = continpc = lr = sp = fp = varp = argp = arglen = 0;
    }
}
