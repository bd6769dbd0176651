package org.planesearch.core.linalg;

/** A compressed-sparse-row matrix; products by plain loops over the stored entries. */
final class CsrMatrix implements DataMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;

    CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("CSR shape must be non-negative, got " + rows + "×" + cols);
        }
        if (rowPtr.length != rows + 1 || rowPtr[0] != 0) {
            throw new IllegalArgumentException("rowPtr must have length rows+1 = " + (rows + 1) + " and start at 0");
        }
        int nnz = rowPtr[rows];
        if (colIdx.length < nnz || values.length < nnz) {
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
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
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
        return rowPtr[rows];
    }

    @Override
    public void multiply(double[] v, double[] out) {
        Shapes.vector("v", v, cols);
        Shapes.vector("out", out, rows);
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                s += values[p] * v[colIdx[p]];
            }
            out[i] = s;
        }
    }

    @Override
    public void multiplyTransposed(double[] r, double[] out) {
        Shapes.vector("r", r, rows);
        Shapes.vector("out", out, cols);
        java.util.Arrays.fill(out, 0, cols, 0);
        for (int i = 0; i < rows; i++) {
            double ri = r[i];
            for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                out[colIdx[p]] += values[p] * ri;
            }
        }
    }

    @Override
    public void multiply(double[] m, int k, double[] out) {
        Shapes.vector("m", m, (long) cols * k);
        Shapes.vector("out", out, (long) rows * k);
        java.util.Arrays.fill(out, 0, rows * k, 0);
        for (int i = 0; i < rows; i++) {
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
    public void multiplyTransposed(double[] r, int k, double[] out) {
        Shapes.vector("r", r, (long) rows * k);
        Shapes.vector("out", out, (long) cols * k);
        java.util.Arrays.fill(out, 0, cols * k, 0);
        for (int i = 0; i < rows; i++) {
            int rb = i * k;
            for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                double v = values[p];
                int ob = colIdx[p] * k;
                for (int c = 0; c < k; c++) {
                    out[ob + c] += v * r[rb + c];
                }
            }
        }
    }

    @Override
    public void row(int i, double[] out) {
        Shapes.vector("out", out, cols);
        java.util.Arrays.fill(out, 0, cols, 0);
        for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
            out[colIdx[p]] = values[p];
        }
    }

    @Override
    public void close() {
    }
}
