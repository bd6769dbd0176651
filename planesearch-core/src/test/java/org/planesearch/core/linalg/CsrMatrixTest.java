package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** CSR products against the dense products of the same matrix; input validation. */
class CsrMatrixTest {

    /** A random n×d matrix with about density·n·d non-zeros, some rows empty, some dense. */
    private static DataMatrix[] sparseAndDense(SplittableRandom rnd, int n, int d, double density) {
        double[] dense = new double[n * d];
        int[] rowPtr = new int[n + 1];
        int[] colIdx = new int[n * d];
        double[] values = new double[n * d];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            double rowDensity = i % 17 == 0 ? 1.0 : i % 5 == 0 ? 0.0 : density;
            for (int j = 0; j < d; j++) {
                if (rnd.nextDouble() < rowDensity) {
                    double v = rnd.nextGaussian();
                    dense[i * d + j] = v;
                    colIdx[nnz] = j;
                    values[nnz] = v;
                    nnz++;
                }
            }
            rowPtr[i + 1] = nnz;
        }
        return new DataMatrix[] {Matrices.csr(n, d, rowPtr, colIdx, values), Backend.JAVA.dense(n, d, dense)};
    }

    @Test
    void productsMatchTheDenseMatrix() {
        int[][] shapes = {{1, 1}, {9, 4}, {3000, 40}, {20, 2000}};
        SplittableRandom rnd = new SplittableRandom(5);
        for (int s = 0; s < shapes.length; s++) {
            int n = shapes[s][0];
            int d = shapes[s][1];
            DataMatrix[] m = sparseAndDense(rnd, n, d, 0.1);
            DataMatrix csr = m[0];
            DataMatrix dense = m[1];
            double[] values = new double[n * d];
            double[] row = new double[d];
            double[] denseRow = new double[d];
            for (int i = 0; i < n; i++) {
                dense.row(i, denseRow);
                csr.row(i, row);
                for (int j = 0; j < d; j++) {
                    assertEquals(denseRow[j], row[j], 0.0, "row " + i);
                }
                System.arraycopy(denseRow, 0, values, i * d, d);
            }
            for (int k = 1; k <= 3; k++) {
                double[] v = LinalgTesting.gaussian(rnd, d * k);
                double[] r = LinalgTesting.gaussian(rnd, n * k);
                double[] x1 = new double[Math.max(n, d) * k];
                double[] x2 = new double[x1.length];
                double[] scale = new double[x1.length];
                LinalgTesting.reference(values, n, d, v, k, x1, scale);
                csr.multiply(v, k, x1);
                dense.multiply(v, k, x2);
                LinalgTesting.assertClose(x1, x2, scale, n * k, 1e-13, "CSR X·M k=" + k);
                LinalgTesting.referenceTransposed(values, n, d, r, k, x1, scale);
                csr.multiplyTransposed(r, k, x1);
                dense.multiplyTransposed(r, k, x2);
                LinalgTesting.assertClose(x1, x2, scale, d * k, 1e-13, "CSR Xᵀ·R k=" + k);
                if (k == 1) {
                    csr.multiply(v, x1);
                    dense.multiply(v, x2);
                    LinalgTesting.reference(values, n, d, v, 1, new double[n], scale);
                    LinalgTesting.assertClose(x1, x2, scale, n, 1e-13, "CSR X·v");
                    csr.multiplyTransposed(r, x1);
                    dense.multiplyTransposed(r, x2);
                    LinalgTesting.referenceTransposed(values, n, d, r, 1, new double[d], scale);
                    LinalgTesting.assertClose(x1, x2, scale, d, 1e-13, "CSR Xᵀ·r");
                }
            }
        }
    }

    @Test
    void nonZerosCountsStoredEntries() {
        DataMatrix m = Matrices.csr(2, 3, new int[] {0, 2, 3}, new int[] {0, 2, 1}, new double[] {1, 2, 3});
        assertEquals(3, m.nonZeros());
        double[] out = new double[2];
        m.multiply(new double[] {1, 10, 100}, out);
        assertEquals(201, out[0]);
        assertEquals(30, out[1]);
    }

    @Test
    void rejectsMalformedInput() {
        assertMessage("rowPtr must have length", () -> Matrices.csr(2, 3, new int[] {0, 1}, new int[] {0}, new double[] {1}));
        assertMessage("rowPtr must have length", () -> Matrices.csr(1, 3, new int[] {1, 1}, new int[] {0}, new double[] {1}));
        assertMessage("rowPtr decreases at row 1",
                () -> Matrices.csr(2, 3, new int[] {0, 2, 1}, new int[] {0, 1}, new double[] {1, 2}));
        assertMessage("shorter than nnz", () -> Matrices.csr(1, 3, new int[] {0, 2}, new int[] {0}, new double[] {1, 2}));
        assertMessage("out of range", () -> Matrices.csr(1, 3, new int[] {0, 1}, new int[] {3}, new double[] {1}));
        assertMessage("not strictly increasing",
                () -> Matrices.csr(1, 3, new int[] {0, 2}, new int[] {1, 1}, new double[] {1, 2}));
        assertMessage("is not finite", () -> Matrices.csr(1, 3, new int[] {0, 1}, new int[] {1}, new double[] {Double.NaN}));
        assertMessage("must be non-negative", () -> Matrices.csr(-1, 3, new int[] {0}, new int[0], new double[0]));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
