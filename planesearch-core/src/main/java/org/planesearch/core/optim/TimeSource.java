package org.planesearch.core.optim;

/**
 * A monotonic clock in nanoseconds, as {@link System#nanoTime()}. The optimizer reads it once at
 * the start and once per iteration to fill {@link IterationRecord#elapsedSeconds()}; tests inject
 * a fake one so that time budgets can be tested without sleeping.
 */
@FunctionalInterface
public interface TimeSource {

    /** Nanoseconds since an arbitrary origin; only differences are meaningful. */
    long nanoTime();

    /** The system's monotonic clock. */
    static TimeSource system() {
        return System::nanoTime;
    }
}
