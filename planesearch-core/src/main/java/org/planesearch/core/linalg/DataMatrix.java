package org.planesearch.core.linalg;

/**
 * A data matrix X (n rows = examples, d columns = features), dense or sparse, in whatever
 * storage serves its products fastest (native memory for the BLAS, CSR for sparse data).
 *
 * <p>All matrices passed as {@code double[]} are row-major. Every product is one pass over the
 * data, the cost unit the optimizer reports. Implementations check shapes at entry and throw
 * {@link IllegalArgumentException} naming the argument and the expected length.
 *
 * <p>Products may run on several threads internally; a single instance is not safe for
 * concurrent calls. {@link #close()} frees native memory; using a closed matrix throws
 * {@link IllegalStateException}.
 */
public interface DataMatrix extends AutoCloseable {

    /** n, the number of examples. */
    int rows();

    /** d, the number of features. */
    int cols();

    /** Stored non-zeros (rows·cols for dense matrices). */
    long nonZeros();

    /** out = X·v. v: length cols, not modified. out: length rows, modified. */
    void multiply(double[] v, double[] out);

    /** out = Xᵀ·r. r: length rows, not modified. out: length cols, modified. */
    void multiplyTransposed(double[] r, double[] out);

    /**
     * out = X·M for M (cols × k, row-major). m: not modified. out: rows × k row-major, modified.
     */
    void multiply(double[] m, int k, double[] out);

    /**
     * out = Xᵀ·R for R (rows × k, row-major). r: not modified. out: cols × k row-major, modified.
     */
    void multiplyTransposed(double[] r, int k, double[] out);

    /** Copies row i into out (length cols; zeros where a sparse row has no entry). */
    void row(int i, double[] out);

    /** Frees any native memory. Idempotent. */
    @Override
    void close();
}
