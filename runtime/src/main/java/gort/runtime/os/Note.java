package gort.runtime.os;

/**
 * runtime.h {@code struct Note} on futex systems: a one-time notification, key 0 (clear) or 1
 * (woken). {@link LockFutex#noteclear}, {@link LockFutex#notewakeup}, {@link LockFutex#notesleep}
 * and {@link LockFutex#notetsleep} use it.
 */
public final class Note extends Futex {}
