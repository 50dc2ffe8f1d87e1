package gort.runtime.os;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A futex word: the {@code uint32 key} of C's Lock and Note, which lock_futex.c changes with
 * runtime·xchg/cas and sleeps on with futexsleep. {@link #key} is an {@link AtomicInteger}, so
 * every access is volatile (C's xchg and cas are full barriers; atomicload is an acquire).
 */
public abstract class Futex {
    /** The word. */
    final AtomicInteger key = new AtomicInteger();

    Futex() {}

    /** The key's current value (an acquire read), for tests and dumps. */
    public int key() {
        return key.get();
    }
}
