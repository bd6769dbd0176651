package org.planesearch.core.linalg;

/** A dense row-major matrix in a Java array; products by plain loops. */
final class JavaDenseMatrix implements DataMatrix {
    private final int rows;
    private final int cols;
    private final double[] a;

    JavaDenseMatrix(int rows, int cols, double[] a) {
        if (rows < 0 || cols < 0 || (long) rows * cols != a.length) {
            throw new IllegalArgumentException("dense matrix " + rows + "×" + cols + " needs " + ((long) rows * cols)
                    + " values, got " + a.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.a = a;
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
        Shapes.vector("v", v, cols);
        Shapes.vector("out", out, rows);
        for (int i = 0; i < rows; i++) {
            double s = 0;
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                s += a[base + j] * v[j];
            }
            out[i] = s;
        }
    }

    @Override
    public void multiplyTransposed(double[] r, double[] out) {
        Shapes.vector("r", r, rows);
        Shapes.vector("out", out, cols);
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < rows; i++) {
            double ri = r[i];
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += a[base + j] * ri;
            }
        }
    }

    @Override
    public void multiply(double[] m, int k, double[] out) {
        Shapes.vector("m", m, cols * k);
        Shapes.vector("out", out, rows * k);
        java.util.Arrays.fill(out, 0, rows * k, 0);
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int ob = i * k;
            for (int j = 0; j < cols; j++) {
                double aij = a[base + j];
                int mb = j * k;
                for (int c = 0; c < k; c++) {
                    out[ob + c] += aij * m[mb + c];
                }
            }
        }
    }

    @Override
    public void multiplyTransposed(double[] r, int k, double[] out) {
        Shapes.vector("r", r, rows * k);
        Shapes.vector("out", out, cols * k);
        java.util.Arrays.fill(out, 0, cols * k, 0);
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int rb = i * k;
            for (int j = 0; j < cols; j++) {
                double aij = a[base + j];
                int ob = j * k;
                for (int c = 0; c < k; c++) {
                    out[ob + c] += aij * r[rb + c];
                }
            }
        }
    }

    @Override
    public void row(int i, double[] out) {
        Shapes.vector("out", out, cols);
        System.arraycopy(a, i * cols, out, 0, cols);
    }

    @Override
    public void close() {
    }
}
