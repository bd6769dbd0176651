package org.planesearch.core.linalg;

/**
 * Fills a dense n×d matrix row by row in its final storage, so that a reader never holds a
 * second full copy of the data: for the native backend the rows go straight into native memory
 * (float64 or float32), for the Java backend into the one array the matrix will keep. Obtained
 * from {@link Matrices#denseBuilder(int, int, boolean)} or {@link Backend#denseBuilder(int, int,
 * boolean)}.
 *
 * <pre>{@code
 * try (DenseMatrixBuilder b = Matrices.denseBuilder(n, d, false)) {
 *     for (int i = 0; i < n; i++) {
 *         parseRow(line(i), row);          // the reader's own double[d] (or float[d]) buffer
 *         b.setRow(i, row);
 *     }
 *     return b.build();                   // close() after build() frees nothing
 * }
 * }</pre>
 *
 * <p>Rows may be set in any order and more than once; rows never set are zero. Values are
 * converted to the storage precision on the way in (float64 values into float32 storage round
 * to nearest). {@link #build()} hands the storage to the matrix and ends the builder; closing a
 * builder that was not built frees its storage. Not thread-safe.
 */
public interface DenseMatrixBuilder extends AutoCloseable {

    /** n. */
    int rows();

    /** d. */
    int cols();

    /** True when the matrix stores float32. */
    boolean float32();

    /**
     * Sets row i to values[0, d).
     *
     * @param i the row, in [0, n)
     * @param values at least d values. Not modified.
     */
    void setRow(int i, double[] values);

    /** Sets row i to values[0, d). values: at least d values, not modified. */
    void setRow(int i, float[] values);

    /**
     * Sets rows firstRow … firstRow + count − 1 from count·d row-major values starting at
     * {@code offset}: one native copy for many rows.
     *
     * @param rowMajor values. Not modified.
     */
    void setRows(int firstRow, int count, double[] rowMajor, int offset);

    /** As {@link #setRows(int, int, double[], int)} for float values. rowMajor: not modified. */
    void setRows(int firstRow, int count, float[] rowMajor, int offset);

    /**
     * Returns the matrix, which now owns the storage. Throws {@link IllegalStateException} when
     * called twice or after {@link #close()}; the setters throw it too after this call.
     */
    DataMatrix build();

    /** Frees the storage unless {@link #build()} handed it over. Idempotent. */
    @Override
    void close();
}
