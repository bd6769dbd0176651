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

    /**
     * A dense n×d matrix stored in float32 from row-major values (copied): half the memory and
     * half the bytes per product of {@link #dense}. The Java backend computes in float64; the
     * native backend computes in float32 blocks summed in float64 (relative error about 10⁻⁷
     * of Σ|aᵢⱼ||vⱼ|, see {@code NativeFloatMatrix}).
     */
    public static DataMatrix denseFloat(int rows, int cols, float[] rowMajor) {
        return Backend.current().denseFloat(rows, cols, rowMajor);
    }

    /**
     * A builder that fills a dense n×d matrix of the current backend row by row, directly in its
     * final storage (native memory for the native backend), so that a reader needs no second
     * full copy of the data. Rows never set are zero.
     *
     * @param float32 store float32 (as {@link #denseFloat}) rather than float64
     */
    public static DenseMatrixBuilder denseBuilder(int rows, int cols, boolean float32) {
        return Backend.current().denseBuilder(rows, cols, float32);
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
