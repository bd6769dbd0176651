package org.planesearch.core.linalg;

/**
 * Factories for {@link DataMatrix} implementations. Callers outside {@code linalg} build matrices
 * only through these methods, so storage and backend can change without touching them.
 */
public final class Matrices {

    private Matrices() {
    }

    /**
     * A dense n×d matrix from row-major values (copied). The backend ({@link Backend}) decides
     * where it lives: native memory for OpenBLAS, a Java array for the pure-Java path.
     */
    public static DataMatrix dense(int rows, int cols, double[] rowMajor) {
        return Backend.current().dense(rows, cols, rowMajor);
    }

    /** A dense n×d matrix stored in float32 (products accumulate in float64 where the backend can). */
    public static DataMatrix denseFloat(int rows, int cols, float[] rowMajor) {
        return Backend.current().denseFloat(rows, cols, rowMajor);
    }

    /**
     * A CSR sparse matrix. rowPtr: length rows+1, non-decreasing from 0 to nnz; colIdx: strictly
     * increasing within each row, in [0, cols); values: finite. Arrays are taken over (not copied);
     * the caller must not modify them afterwards.
     */
    public static DataMatrix csr(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        return new CsrMatrix(rows, cols, rowPtr, colIdx, values);
    }
}
