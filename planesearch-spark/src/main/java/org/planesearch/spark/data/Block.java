package org.planesearch.spark.data;

import java.io.Serializable;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Matrices;

/**
 * One partition's examples: the rows of X (dense row-major, or CSR for sparse data) and their
 * labels, already in the model's label convention (±1 for binary models, class indices for
 * softmax, targets for regression). A training RDD holds exactly one block per partition.
 *
 * <p>The products run on a {@link DataMatrix} built on first use in the executor (dense: in the
 * library's current backend, native OpenBLAS memory when it loads; sparse: CSR over the block's
 * own arrays), not serialized. Products are made while holding this block's lock, so two runs
 * over the same cached data never share the matrix's scratch at once.
 *
 * <p>Immutable apart from that lazily built matrix: the arrays are owned and never modified.
 */
public final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int cols;
    private final double[] dense;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;
    private final double[] labels;
    private transient DataMatrix matrix;

    private Block(int rows, int cols, double[] dense, int[] rowPtr, int[] colIdx, double[] values, double[] labels) {
        if (rows < 1) {
            throw new IllegalArgumentException("a block needs at least one row, got " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException("a block needs at least one column, got " + cols);
        }
        if (labels == null || labels.length != rows) {
            throw new IllegalArgumentException("a block of " + rows + " rows needs " + rows + " labels, got "
                    + (labels == null ? "null" : String.valueOf(labels.length)));
        }
        this.rows = rows;
        this.cols = cols;
        this.dense = dense;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
        this.labels = labels;
    }

    /** A dense block; takes over the arrays (rowMajor: rows·cols values). */
    public static Block dense(int rows, int cols, double[] rowMajor, double[] labels) {
        if (rowMajor == null || (long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("a dense " + rows + "×" + cols + " block needs " + ((long) rows * cols)
                    + " values, got " + (rowMajor == null ? "null" : String.valueOf(rowMajor.length)));
        }
        return new Block(rows, cols, rowMajor, null, null, null, labels);
    }

    /** A CSR block (as {@link Matrices#csr}); takes over the arrays. */
    public static Block sparse(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values, double[] labels) {
        if (rowPtr == null || colIdx == null || values == null || rowPtr.length != rows + 1) {
            throw new IllegalArgumentException("a CSR block of " + rows + " rows needs rowPtr of length " + (rows + 1)
                    + " and the column and value arrays");
        }
        return new Block(rows, cols, null, rowPtr, colIdx, values, labels);
    }

    /** m, the rows of this block. */
    public int rows() {
        return rows;
    }

    /** d, the features. */
    public int cols() {
        return cols;
    }

    public boolean isSparse() {
        return dense == null;
    }

    /** Stored entries. */
    public long nonZeros() {
        return dense == null ? rowPtr[rows] : (long) rows * cols;
    }

    /** The labels, by reference: not to be modified. */
    public double[] labels() {
        return labels;
    }

    /** The matrix of this block (built on first use). Use it only while holding this block's lock. */
    public synchronized DataMatrix matrix() {
        if (matrix == null) {
            matrix = dense != null ? Matrices.dense(rows, cols, dense) : Matrices.csr(rows, cols, rowPtr, colIdx, values);
        }
        return matrix;
    }

    @Override
    public String toString() {
        return "Block[" + rows + "×" + cols + (isSparse() ? ", sparse, " + nonZeros() + " non-zeros" : ", dense") + "]";
    }
}
