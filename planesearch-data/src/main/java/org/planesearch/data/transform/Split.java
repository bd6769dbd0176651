package org.planesearch.data.transform;

import org.planesearch.data.Dataset;

/**
 * A dataset divided in two. Each part owns its own copy of the rows; {@link #close()} frees both.
 *
 * @param train the training part
 * @param test the test part
 */
public record Split(Dataset train, Dataset test) implements AutoCloseable {

    /** Validates non-null parts. */
    public Split {
        if (train == null || test == null) {
            throw new IllegalArgumentException("train and test must not be null");
        }
    }

    /** Frees both parts. */
    @Override
    public void close() {
        train.close();
        test.close();
    }
}
