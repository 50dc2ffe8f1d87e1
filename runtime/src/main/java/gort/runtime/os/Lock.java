package gort.runtime.os;

/**
 * runtime.h {@code struct Lock} on futex systems: one word, MUTEX_UNLOCKED (0), MUTEX_LOCKED (1) or
 * MUTEX_SLEEPING (2). Taken and released by {@link LockFutex#lock} and {@link LockFutex#unlock}.
 */
public final class Lock extends Futex {}
