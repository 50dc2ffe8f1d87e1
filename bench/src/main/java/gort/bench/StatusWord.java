package gort.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The baseline for the status accessor benchmarks: a plain object holding nothing but a volatile
 * int, with its own {@link VarHandle}. Reading or swapping its word costs what the hardware and the
 * JIT charge for one acquire read or one compare-and-set and nothing else; no argument checks, no
 * observer, no second object. {@link StatusAccessorBench} measures gort's accessors on a {@link
 * gort.runtime.G} against the same operations on this object.
 *
 * <p>It lives in the bench module and is not a G, so the rule that only the accessors touch {@code
 * G.ATOMICSTATUS} is untouched by it.
 */
public final class StatusWord {
    /** The word; benchmarks reach it only through {@link #VALUE}. */
    volatile int value;

    /** The baseline's own handle on {@link #value}. */
    static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(StatusWord.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    StatusWord(int initial) {
        this.value = initial;
    }
}
