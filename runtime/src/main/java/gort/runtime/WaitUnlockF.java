package gort.runtime;

/**
 * runtime.h {@code bool (*waitunlockf)(G*, void*)}: called by park_m once the parking G no longer
 * runs; returning false resumes the G at once.
 */
@FunctionalInterface
public interface WaitUnlockF {
    boolean unlock(G gp, Object lock);
}
