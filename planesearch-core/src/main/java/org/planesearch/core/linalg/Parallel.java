package org.planesearch.core.linalg;

/**
 * Deterministic data parallelism for code outside {@code linalg} that loops over examples (a
 * model's per-row loss sums in a subspace trial): the same thread pool and the same partition
 * rule as the matrix products.
 *
 * <p>Rows [0, n) are cut into {@link #parts(int, long)} contiguous ranges by
 * {@link #start(int, int, int)}; the caller's {@link PartTask} computes each range into its own
 * partial results, and the caller adds the partials in part order. The partition depends only
 * on n, the work estimate and {@link Backend#threads()}, so the same thread count gives the same
 * bits. When the pool is busy (a nested call), the parts run one after another in the calling
 * thread: same partition, same bits.
 *
 * <p>No allocation per call: the task object is the caller's (keep one per evaluator). Thread-safe.
 */
public final class Parallel {

    private Parallel() {
    }

    /** One part of a partitioned loop. */
    @FunctionalInterface
    public interface PartTask {
        /** Computes part {@code part}; called exactly once per part and run, possibly on another thread. */
        void runPart(int part);
    }

    /**
     * How many parts to cut n rows into, given the work per row (in multiply-adds or similar):
     * min(threads, n, ⌊n·workPerRow / 2¹⁶⌋), at least 1 — the same threshold as the products,
     * below which waking a worker costs more than it saves.
     */
    public static int parts(int n, long workPerRow) {
        long work = (long) n * Math.max(1, workPerRow);
        long byWork = work / PartitionedMatrix.MIN_WORK_PER_PART;
        long p = Math.min(Math.min(Backend.threads(), n), byWork);
        return (int) Math.max(1, p);
    }

    /** First row of part {@code part} when n rows are cut into {@code parts} ranges (end = start(part + 1)). */
    public static int start(int n, int parts, int part) {
        return (int) ((long) n * part / parts);
    }

    /** Runs task.runPart(p) for p = 0 … parts − 1, the calling thread taking part 0; returns when all are done. */
    public static void run(PartTask task, int parts) {
        if (parts == 1) {
            task.runPart(0);
            return;
        }
        WorkerPool.current().run(task, parts);
    }
}
