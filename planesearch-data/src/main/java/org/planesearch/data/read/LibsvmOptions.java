package org.planesearch.data.read;

import org.planesearch.data.Storage;

/**
 * How {@link LibsvmReader} reads a file.
 *
 * @param storage SPARSE (default) keeps the CSR form; DENSE / DENSE_FLOAT expand it
 * @param numFeatures the number of features d, or 0 (default) to take the largest index in the
 *     file. Give the training width when reading test data: rows with fewer features are padded
 *     with zeros, an index beyond d is an error.
 * @param maxFeatureIndex the largest feature index accepted when numFeatures is 0 (default
 *     2²⁴ = 16,777,216), so that a line such as {@code 1 2000000000:1} fails with a clear message
 *     instead of making anything allocate 2·10⁹ entries. Raise it for data that really is wider.
 */
public record LibsvmOptions(Storage storage, int numFeatures, int maxFeatureIndex) {

    /** The default {@link #maxFeatureIndex()}: 2²⁴. */
    public static final int DEFAULT_MAX_FEATURE_INDEX = 1 << 24;

    /** Validates: storage not null, numFeatures ≥ 0, maxFeatureIndex ≥ 1. */
    public LibsvmOptions {
        if (storage == null) {
            throw new IllegalArgumentException("storage must not be null");
        }
        if (numFeatures < 0) {
            throw new IllegalArgumentException("numFeatures must be >= 0 (0 = from the data), got " + numFeatures);
        }
        if (maxFeatureIndex < 1) {
            throw new IllegalArgumentException("maxFeatureIndex must be >= 1, got " + maxFeatureIndex);
        }
    }

    /** SPARSE storage, width from the data, indices up to 2²⁴. */
    public static LibsvmOptions defaults() {
        return new LibsvmOptions(Storage.SPARSE, 0, DEFAULT_MAX_FEATURE_INDEX);
    }

    /** A copy with another storage. */
    public LibsvmOptions withStorage(Storage newStorage) {
        return new LibsvmOptions(newStorage, numFeatures, maxFeatureIndex);
    }

    /** A copy with a fixed number of features (0 = from the data). */
    public LibsvmOptions withNumFeatures(int newNumFeatures) {
        return new LibsvmOptions(storage, newNumFeatures, maxFeatureIndex);
    }

    /** A copy with another limit on feature indices. */
    public LibsvmOptions withMaxFeatureIndex(int newMaxFeatureIndex) {
        return new LibsvmOptions(storage, numFeatures, newMaxFeatureIndex);
    }
}
