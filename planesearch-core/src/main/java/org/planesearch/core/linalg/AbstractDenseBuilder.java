package org.planesearch.core.linalg;

/**
 * Argument and state checks of the {@link DenseMatrixBuilder} implementations, which only store
 * checked rows.
 */
abstract class AbstractDenseBuilder implements DenseMatrixBuilder {
    final int rows;
    final int cols;
    private final boolean float32;
    private boolean done;

    AbstractDenseBuilder(int rows, int cols, boolean float32) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "×" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.float32 = float32;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    @Override
    public final boolean float32() {
        return float32;
    }

    @Override
    public final void setRow(int i, double[] values) {
        checkRows(i, 1);
        Shapes.vector("values", values, cols);
        store(i, 1, values, 0);
    }

    @Override
    public final void setRow(int i, float[] values) {
        checkRows(i, 1);
        Shapes.vector("values", values, cols);
        store(i, 1, values, 0);
    }

    @Override
    public final void setRows(int firstRow, int count, double[] rowMajor, int offset) {
        checkRows(firstRow, count);
        checkSource(rowMajor == null ? -1 : rowMajor.length, count, offset);
        store(firstRow, count, rowMajor, offset);
    }

    @Override
    public final void setRows(int firstRow, int count, float[] rowMajor, int offset) {
        checkRows(firstRow, count);
        checkSource(rowMajor == null ? -1 : rowMajor.length, count, offset);
        store(firstRow, count, rowMajor, offset);
    }

    @Override
    public final DataMatrix build() {
        checkNotDone();
        done = true;
        return finish();
    }

    @Override
    public final void close() {
        if (!done) {
            done = true;
            discard();
        }
    }

    private void checkNotDone() {
        if (done) {
            throw new IllegalStateException("this builder was already built or closed");
        }
    }

    private void checkRows(int first, int count) {
        checkNotDone();
        if (count < 0 || first < 0 || (long) first + count > rows) {
            throw new IllegalArgumentException("rows [" + first + ", " + ((long) first + count)
                    + ") are outside [0, " + rows + ")");
        }
    }

    private void checkSource(int length, int count, int offset) {
        if (length < 0) {
            throw new IllegalArgumentException("rowMajor must not be null");
        }
        long needed = (long) count * cols;
        if (offset < 0 || offset + needed > length) {
            throw new IllegalArgumentException("rowMajor has length " + length + ", needs " + needed
                    + " values from offset " + offset);
        }
    }

    /** Copies count·d values from values[offset…] into rows first… (all checked). */
    abstract void store(int first, int count, double[] values, int offset);

    /** As {@link #store(int, int, double[], int)} for float values. */
    abstract void store(int first, int count, float[] values, int offset);

    /** Wraps the storage in its matrix. Called once. */
    abstract DataMatrix finish();

    /** Frees the storage. Called once, when not built. */
    abstract void discard();
}
