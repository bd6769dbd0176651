package org.planesearch.core.stochastic;

import java.util.SplittableRandom;

/**
 * How a data set is cut into mini-batches: every epoch visits the n rows in a fresh random order
 * (Fisher–Yates, seeded), in consecutive batches of {@code batchSize} rows; the last batch of an
 * epoch is smaller when batchSize does not divide n, or dropped with {@code dropLast}.
 *
 * <p>The order of epoch e depends only on (seed, e): the permutation is drawn from
 * {@code new SplittableRandom(seed + e·φ)} (φ = the golden-ratio constant 0x9E3779B97F4A7C15) applied
 * to the identity, so a run resumed at epoch e sees the same batches as an uninterrupted one.
 * A batch size ≥ n gives full-batch epochs (one step each, rows in order). Immutable.
 *
 * @param batchSize rows per step, ≥ 1
 * @param epochs the number of epochs, ≥ 1
 * @param seed the shuffling seed
 * @param dropLast whether a last, smaller batch of an epoch is skipped
 */
public record BatchSchedule(int batchSize, int epochs, long seed, boolean dropLast) {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    public BatchSchedule {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }

    /** The steps of one epoch over n rows. */
    public int stepsPerEpoch(int n) {
        if (batchSize >= n) {
            return 1;
        }
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The row order of epoch e (1-based) over n rows, written into order (length n). */
    public void order(int epoch, int[] order) {
        int n = order.length;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (batchSize >= n) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed + epoch * GOLDEN);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** The rows of step s (0-based) of an epoch over n rows. */
    public int batchRows(int step, int n) {
        if (batchSize >= n) {
            return n;
        }
        return Math.min(batchSize, n - step * batchSize);
    }
}
