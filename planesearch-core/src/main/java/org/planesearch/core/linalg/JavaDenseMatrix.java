package org.planesearch.core.linalg;

/**
 * A dense row-major n×d float64 matrix in a Java array, products by the blocked loops of
 * {@link DenseKernels}, split into row ranges across the {@link WorkerPool} as
 * {@link PartitionedMatrix} describes. Limited to n·d &lt; 2³¹ values (one Java array).
 *
 * <p>Scratch: for X·M the caller's M is transposed once per call into a d×k buffer; for XᵀR each
 * part accumulates Gᵀ (k×d) and transposes it into its partial sum. Both buffers grow with the
 * largest k seen and are then reused.
 */
final class JavaDenseMatrix extends PartitionedMatrix {
    private final double[] a;
    private double[] mt = new double[0];
    private double[][] gt = new double[1][0];

    /** Takes over {@code a} (rows·cols values, row-major; not copied). */
    JavaDenseMatrix(int rows, int cols, double[] a) {
        super(rows, cols);
        Shapes.exactLength("a", a.length, rows, cols);
        this.a = a;
    }

    @Override
    public long nonZeros() {
        return (long) rows * cols;
    }

    @Override
    long work() {
        return (long) rows * cols;
    }

    @Override
    void prepare(boolean forward, double[] operand, int k, int parts) {
        if (k == 1) {
            return;
        }
        if (forward) {
            if (mt.length < cols * k) {
                mt = new double[cols * k];
            }
            DenseKernels.transpose(operand, cols, k, mt);
        } else {
            if (gt.length < parts) {
                gt = java.util.Arrays.copyOf(gt, parts);
            }
            for (int p = 0; p < parts; p++) {
                if (gt[p] == null || gt[p].length < cols * k) {
                    gt[p] = new double[cols * k];
                }
            }
        }
    }

    @Override
    void multiplyRows(int part, int i0, int i1, double[] v, double[] out) {
        DenseKernels.multiplyRows(a, cols, i0, i1, v, out);
    }

    @Override
    void multiplyTransposedRows(int part, int i0, int i1, double[] r, double[] target) {
        DenseKernels.multiplyTransposedRows(a, cols, i0, i1, r, target);
    }

    @Override
    void multiplyRows(int part, int i0, int i1, double[] m, int k, double[] out) {
        if (k == 1) {
            DenseKernels.multiplyRows(a, cols, i0, i1, m, out);
        } else {
            DenseKernels.multiplyRows(a, cols, i0, i1, mt, k, out);
        }
    }

    @Override
    void multiplyTransposedRows(int part, int i0, int i1, double[] r, int k, double[] target) {
        if (k == 1) {
            DenseKernels.multiplyTransposedRows(a, cols, i0, i1, r, target);
        } else {
            double[] g = gt[part];
            DenseKernels.multiplyTransposedRows(a, cols, i0, i1, r, k, g);
            DenseKernels.transpose(g, k, cols, target);
        }
    }

    @Override
    void copyRow(int i, double[] out) {
        System.arraycopy(a, i * cols, out, 0, cols);
    }

    @Override
    void release() {
    }
}
