package org.planesearch.data.transform;

/**
 * The row indices of a train/test split, each in increasing order; together they are 0 … n−1
 * exactly once. The arrays are owned by the record: do not modify them.
 *
 * @param train training rows
 * @param test test rows
 */
public record SplitIndices(int[] train, int[] test) {

    /** Validates non-null arrays. */
    public SplitIndices {
        if (train == null || test == null) {
            throw new IllegalArgumentException("train and test must not be null");
        }
    }
}
