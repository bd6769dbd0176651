package org.planesearch.data.read;

import org.planesearch.data.DataFormatException;

/**
 * The memory one read may hold, counted before every allocation that grows with the input, so
 * that no file (a gzip bomb, a billion one-character lines, a header that claims more than the
 * body holds) can drive the JVM into an {@link OutOfMemoryError}: the read stops first, with one
 * {@link DataFormatException} naming the file and how far it got.
 *
 * <p>The readers {@link #reserve} the bytes of every array they are about to allocate or grow to
 * (rows, entries, labels, the final matrix) and {@link #release} the bytes of the array a larger
 * copy replaces, so {@link #held()} is the peak they hold at any moment, to within the constant
 * buffers of a line (at most {@link TextLines#MAX_LINE_BYTES}). The default limit is
 * {@link #DEFAULT_SHARE} of the JVM's maximum heap ({@code -Xmx}): the same rule as the check of
 * dense storage, which leaves the other half to the model and the optimizer. Not thread-safe: one
 * budget per read.
 */
final class MemoryBudget {

    /** The share of the JVM's maximum heap one read may hold: one half. */
    static final double DEFAULT_SHARE = 0.5;

    /** Bytes counted for a label string that is not shared with an earlier row (header + chars). */
    static final int STRING_OVERHEAD = 56;

    private final String name;
    private final long limit;
    private long held;

    /**
     * A budget of {@code limit} bytes.
     *
     * @param name the file, for messages
     */
    MemoryBudget(String name, long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("MemoryBudget: limit must be >= 1, got " + limit);
        }
        this.name = name;
        this.limit = limit;
    }

    /** The default budget: {@link #DEFAULT_SHARE} of the JVM's maximum heap. */
    static MemoryBudget ofHeap(String name) {
        return new MemoryBudget(name, (long) (Runtime.getRuntime().maxMemory() * DEFAULT_SHARE));
    }

    /**
     * Counts {@code bytes} about to be allocated; throws, before the allocation, when the read
     * would then hold more than the limit.
     *
     * @param what what is being allocated and how far the read is, for the message
     */
    void reserve(long bytes, String what) throws DataFormatException {
        if (bytes < 0 || held + bytes > limit || held + bytes < 0) {
            throw new DataFormatException(name, "reading it needs more than " + mib(limit) + " MiB (" + what
                    + "), more than one read may take of the " + mib(Runtime.getRuntime().maxMemory())
                    + " MiB this JVM may use; use sparse or float32 storage, split the file, or give Java more "
                    + "memory (PLANESEARCH_JAVA_OPTS=-Xmx...)");
        }
        held += bytes;
    }

    /** Counts {@code bytes} as freed (an array that a larger copy replaced). */
    void release(long bytes) {
        held = Math.max(0, held - bytes);
    }

    /** Bytes held now by the read's counted arrays. */
    long held() {
        return held;
    }

    /** The limit in bytes. */
    long limit() {
        return limit;
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
