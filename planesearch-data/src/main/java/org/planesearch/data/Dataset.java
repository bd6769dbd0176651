package org.planesearch.data;

import java.util.List;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.DenseMatrixBuilder;
import org.planesearch.core.linalg.Matrices;

/**
 * A dataset: an n×d feature matrix, one label per row, and the names of the features.
 *
 * <p>{@code featureNames} is either empty (the file names no features, as in LIBSVM and IDX; then
 * {@link #featureName(int)} gives the 1-based column number) or has exactly d entries.
 * {@code storage} records how {@code features} was built, so that transforms can build their
 * result the same way.
 *
 * <p>The dataset owns its matrix: {@link #close()} frees it (native memory). Not thread-safe
 * beyond what {@link DataMatrix} promises.
 *
 * @param name a short name for messages (usually the file name as the user wrote it)
 * @param features the n×d feature matrix
 * @param storage how {@code features} is stored
 * @param labels n labels (possibly {@linkplain Labels#isPresent() absent})
 * @param featureNames empty, or d names
 */
public record Dataset(String name, DataMatrix features, Storage storage, Labels labels, List<String> featureNames)
        implements AutoCloseable {

    /** Validates shapes; copies {@code featureNames}. */
    public Dataset {
        if (name == null || features == null || storage == null || labels == null || featureNames == null) {
            throw new IllegalArgumentException("name, features, storage, labels and featureNames must not be null");
        }
        if (labels.size() != features.rows()) {
            throw new IllegalArgumentException("dataset " + name + ": " + labels.size() + " labels for "
                    + features.rows() + " rows");
        }
        if (!featureNames.isEmpty() && featureNames.size() != features.cols()) {
            throw new IllegalArgumentException("dataset " + name + ": " + featureNames.size() + " feature names for "
                    + features.cols() + " columns");
        }
        featureNames = List.copyOf(featureNames);
    }

    /** n, the number of examples. */
    public int rows() {
        return features.rows();
    }

    /** d, the number of features. */
    public int cols() {
        return features.cols();
    }

    /** The name of feature j (0-based): its header name, or its 1-based number when unnamed. */
    public String featureName(int j) {
        if (j < 0 || j >= cols()) {
            throw new IndexOutOfBoundsException("feature " + j + " of " + cols());
        }
        return featureNames.isEmpty() ? Integer.toString(j + 1) : featureNames.get(j);
    }

    /**
     * Checks that this dataset has exactly the number of features a model expects.
     *
     * @throws DataFormatException naming this dataset and both counts
     */
    public void requireFeatures(int expected) throws DataFormatException {
        if (cols() != expected) {
            throw new DataFormatException(name, "has " + cols() + " features, but " + expected
                    + " are expected (the number the model was trained with)");
        }
    }

    /**
     * The given rows as a new dataset with the same storage (the matrix is copied; this dataset is
     * unchanged and still owns its own matrix). Rows are read through {@link DataMatrix#row}, so
     * this costs O(k·d) time for k selected rows, sparse matrices included.
     *
     * @param newName the name of the result
     * @param rowIndices rows in [0, n), in the order wanted; not modified
     */
    public Dataset select(String newName, int[] rowIndices) {
        DataMatrix m = copyRows(features, storage, rowIndices, null, null);
        return new Dataset(newName, m, storage, labels.select(rowIndices), featureNames);
    }

    /**
     * A new dataset (same storage, labels and names) whose every row x is replaced by
     * (x − shift) / scale, element-wise. Reads rows through {@link DataMatrix#row}: O(n·d) time
     * for sparse matrices too. With a shift on sparse storage the result is stored sparse but has
     * few zeros; callers that want to keep sparsity pass a null shift.
     *
     * @param newName the name of the result
     * @param shift length d, or null for none; not modified
     * @param scale length d, non-zero, or null for none; not modified
     */
    public Dataset shiftAndScale(String newName, double[] shift, double[] scale) {
        if (shift != null && shift.length != cols()) {
            throw new IllegalArgumentException("shift has length " + shift.length + ", expected " + cols());
        }
        if (scale != null && scale.length != cols()) {
            throw new IllegalArgumentException("scale has length " + scale.length + ", expected " + cols());
        }
        int[] all = new int[rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        DataMatrix m = copyRows(features, storage, all, shift, scale);
        return new Dataset(newName, m, storage, labels, featureNames);
    }

    /** Frees the feature matrix. Idempotent. */
    @Override
    public void close() {
        features.close();
    }

    /**
     * Builds a matrix of the given storage from selected rows of another, optionally transforming
     * each row as x ← (x − shift) / scale. Reads rows through {@link DataMatrix#row}, so it costs
     * O(rows·d) time and O(d) extra memory besides the result, for sparse matrices too.
     *
     * @param shift length d or null (no shift); not modified
     * @param scale length d or null (no scaling); not modified
     */
    static DataMatrix copyRows(DataMatrix source, Storage storage, int[] rowIndices, double[] shift, double[] scale) {
        int d = source.cols();
        int n = rowIndices.length;
        double[] row = new double[d];
        if (storage == Storage.SPARSE) {
            int[] rowPtr = new int[n + 1];
            int cap = 16;
            int[] colIdx = new int[cap];
            double[] vals = new double[cap];
            int nnz = 0;
            for (int k = 0; k < n; k++) {
                readRow(source, rowIndices[k], row, shift, scale);
                for (int j = 0; j < d; j++) {
                    if (row[j] != 0) {
                        if (nnz == cap) {
                            cap = grow(cap);
                            colIdx = java.util.Arrays.copyOf(colIdx, cap);
                            vals = java.util.Arrays.copyOf(vals, cap);
                        }
                        colIdx[nnz] = j;
                        vals[nnz] = row[j];
                        nnz++;
                    }
                }
                rowPtr[k + 1] = nnz;
            }
            return Matrices.csr(n, d, rowPtr, colIdx, vals);
        }
        try (DenseMatrixBuilder b = Matrices.denseBuilder(n, d, storage == Storage.DENSE_FLOAT)) {
            for (int k = 0; k < n; k++) {
                readRow(source, rowIndices[k], row, shift, scale);
                b.setRow(k, row);
            }
            return b.build();
        }
    }

    private static void readRow(DataMatrix source, int i, double[] row, double[] shift, double[] scale) {
        if (i < 0 || i >= source.rows()) {
            throw new IndexOutOfBoundsException("row " + i + " of " + source.rows());
        }
        source.row(i, row);
        if (shift != null) {
            for (int j = 0; j < row.length; j++) {
                row[j] -= shift[j];
            }
        }
        if (scale != null) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= scale[j];
            }
        }
    }

    private static int grow(int cap) {
        if (cap >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("more than " + cap + " non-zeros do not fit one Java array");
        }
        return (int) Math.min((long) cap * 2, Integer.MAX_VALUE - 8);
    }
}
