package org.planesearch.core.linalg;

/**
 * A dense mini-batch of rows gathered from a larger {@link DataMatrix}: a B×d row-major Java
 * array that is refilled in place ({@link #gather}) for every batch, so that an objective built
 * once on it serves every batch of that size without allocating. Products run on
 * {@link DenseProducts} (OpenBLAS on per-range copies when the native backend is loaded, Java
 * loops otherwise), with the same fixed partitions and bits as the hidden-layer products.
 *
 * <p>Rows of a sparse source are stored densely: fine for networks (dense inputs); a sparse
 * linear model with a huge d would want a CSR batch instead (not provided).
 *
 * <p>Not thread-safe. {@link #close()} releases the product workspace; a closed batch may still
 * be gathered into but not multiplied.
 */
public final class BatchMatrix implements DataMatrix {

    private final int rows;
    private final int cols;
    private final double[] values;
    private final double[] row;
    private final DenseProducts products = new DenseProducts();
    private boolean closed;

    /** An all-zero B×d batch. */
    public BatchMatrix(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("BatchMatrix: rows and cols must be >= 1, got " + rows + "×" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("BatchMatrix: " + rows + "×" + cols + " exceeds one Java array");
        }
        this.rows = rows;
        this.cols = cols;
        this.values = new double[rows * cols];
        this.row = new double[cols];
    }

    /**
     * Copies rows {@code order[from]}, …, {@code order[from + rows − 1]} of source into this
     * batch, in that order. source: cols must match; order: not modified.
     */
    public void gather(DataMatrix source, int[] order, int from) {
        if (source.cols() != cols) {
            throw new IllegalArgumentException("BatchMatrix: source has " + source.cols() + " columns, batch " + cols);
        }
        if (from < 0 || from + rows > order.length) {
            throw new IllegalArgumentException("BatchMatrix: rows [" + from + ", " + (from + rows)
                    + ") out of an order of length " + order.length);
        }
        for (int i = 0; i < rows; i++) {
            source.row(order[from + i], row);
            System.arraycopy(row, 0, values, i * cols, cols);
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public long nonZeros() {
        return (long) rows * cols;
    }

    @Override
    public void multiply(double[] v, double[] out) {
        checkOpen();
        Shapes.vector("v", v, cols);
        Shapes.vector("out", out, rows);
        for (int i = 0; i < rows; i++) {
            int at = i * cols;
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += values[at + j] * v[j];
            }
            out[i] = s;
        }
    }

    @Override
    public void multiplyTransposed(double[] r, double[] out) {
        checkOpen();
        Shapes.vector("r", r, rows);
        Shapes.vector("out", out, cols);
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < rows; i++) {
            double ri = r[i];
            if (ri != 0) {
                int at = i * cols;
                for (int j = 0; j < cols; j++) {
                    out[j] += ri * values[at + j];
                }
            }
        }
    }

    @Override
    public void multiply(double[] m, int k, double[] out) {
        checkOpen();
        Shapes.vector("m", m, (long) cols * k);
        Shapes.vector("out", out, (long) rows * k);
        products.multiply(values, m, rows, cols, k, out);
    }

    @Override
    public void multiplyTransposed(double[] r, int k, double[] out) {
        checkOpen();
        Shapes.vector("r", r, (long) rows * k);
        Shapes.vector("out", out, (long) cols * k);
        products.multiplyTransposed(values, r, rows, cols, k, out);
    }

    @Override
    public void row(int i, double[] out) {
        if (i < 0 || i >= rows) {
            throw new IllegalArgumentException("row " + i + " out of [0, " + rows + ")");
        }
        Shapes.vector("out", out, cols);
        System.arraycopy(values, i * cols, out, 0, cols);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            products.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("BatchMatrix is closed");
        }
    }
}
