package org.planesearch.core.linalg;

/**
 * A compressed-sparse-row n×d matrix: row i holds the entries values[p] at columns colIdx[p]
 * for p in [rowPtr[i], rowPtr[i + 1]). Products loop over the stored entries only, split into
 * row ranges holding equal numbers of non-zeros (so a few dense rows do not leave one thread
 * with all the work), as {@link PartitionedMatrix} describes.
 *
 * <ul>
 *   <li>X·v and X·M gather: each output row is a sum over its row's entries, left to right.</li>
 *   <li>Xᵀr and XᵀR scatter into a per-part d (or d×k) buffer, reduced in part order.</li>
 * </ul>
 */
final class CsrMatrix extends PartitionedMatrix {
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;
    private int[] bounds = new int[0];
    private int boundsParts;

    /**
     * Takes over the arrays (not copied) after checking them: rowPtr of length rows + 1,
     * non-decreasing from 0; column indices strictly increasing within each row and in [0, cols);
     * the first nnz = rowPtr[rows] values finite.
     */
    CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        super(rows, cols);
        if (rowPtr == null || colIdx == null || values == null) {
            throw new IllegalArgumentException("rowPtr, colIdx and values must not be null");
        }
        if (rowPtr.length != rows + 1 || rowPtr[0] != 0) {
            throw new IllegalArgumentException("rowPtr must have length rows+1 = " + (rows + 1) + " and start at 0");
        }
        int nnz = rowPtr[rows];
        if (nnz < 0 || colIdx.length < nnz || values.length < nnz) {
            throw new IllegalArgumentException("CSR arrays shorter than nnz = " + nnz);
        }
        for (int i = 0; i < rows; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) {
                throw new IllegalArgumentException("rowPtr decreases at row " + i);
            }
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int c = colIdx[p];
                if (c < 0 || c >= cols || (p > rowPtr[i] && c <= colIdx[p - 1])) {
                    throw new IllegalArgumentException("row " + i + ": column index " + c
                            + " out of range [0, " + cols + ") or not strictly increasing");
                }
                if (!Double.isFinite(values[p])) {
                    throw new IllegalArgumentException("row " + i + ", column " + c + ": value " + values[p]
                            + " is not finite");
                }
            }
        }
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
    }

    @Override
    public long nonZeros() {
        return rowPtr[rows];
    }

    @Override
    long work() {
        return Math.max(rowPtr[rows], rows);
    }

    /** Part p starts at the first row whose entries begin at or after nnz·p/parts. */
    @Override
    int partStart(int p, int parts) {
        if (boundsParts != parts) {
            int[] b = bounds.length == parts + 1 ? bounds : new int[parts + 1];
            long nnz = rowPtr[rows];
            b[0] = 0;
            b[parts] = rows;
            for (int q = 1; q < parts; q++) {
                long target = nnz * q / parts;
                int lo = b[q - 1];
                int hi = rows;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (rowPtr[mid] < target) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                b[q] = lo;
            }
            bounds = b;
            boundsParts = parts;
        }
        return bounds[p];
    }

    @Override
    void multiplyRows(int part, int i0, int i1, double[] v, double[] out) {
        for (int i = i0; i < i1; i++) {
            double s = 0;
            for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                s += values[p] * v[colIdx[p]];
            }
            out[i] = s;
        }
    }

    @Override
    void multiplyTransposedRows(int part, int i0, int i1, double[] r, double[] target) {
        java.util.Arrays.fill(target, 0, cols, 0.0);
        for (int i = i0; i < i1; i++) {
            double ri = r[i];
            for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                target[colIdx[p]] += values[p] * ri;
            }
        }
    }

    @Override
    void multiplyRows(int part, int i0, int i1, double[] m, int k, double[] out) {
        java.util.Arrays.fill(out, i0 * k, i1 * k, 0.0);
        for (int i = i0; i < i1; i++) {
            int ob = i * k;
            for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                double v = values[p];
                int mb = colIdx[p] * k;
                for (int c = 0; c < k; c++) {
                    out[ob + c] += v * m[mb + c];
                }
            }
        }
    }

    @Override
    void multiplyTransposedRows(int part, int i0, int i1, double[] r, int k, double[] target) {
        java.util.Arrays.fill(target, 0, cols * k, 0.0);
        for (int i = i0; i < i1; i++) {
            int rb = i * k;
            for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                double v = values[p];
                int ob = colIdx[p] * k;
                for (int c = 0; c < k; c++) {
                    target[ob + c] += v * r[rb + c];
                }
            }
        }
    }

    @Override
    void copyRow(int i, double[] out) {
        java.util.Arrays.fill(out, 0, cols, 0.0);
        for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
            out[colIdx[p]] = values[p];
        }
    }

    @Override
    void release() {
    }
}
