package org.planesearch.core.linalg;

/**
 * Cholesky factorization A = L Lᵀ of a small dense symmetric k×k matrix stored row-major in a
 * {@code double[]}, and the solves that go with it. Meant for the k×k systems of subspace
 * searches (k = 1 … a few dozen), where a BLAS call would cost more than the arithmetic.
 *
 * <p>Only the lower triangle of A is read. L is written row-major into a k×k array whose strict
 * upper triangle is set to zero. The factorization reports failure (a non-positive or
 * non-finite pivot) by its return value, never by an exception: an indefinite matrix is an
 * expected numerical event for the callers, which then shift the diagonal.
 *
 * <p>Reference: G. H. Golub and C. F. Van Loan, <i>Matrix Computations</i>, 4th ed., 2013,
 * Algorithm 4.2.2 (the row-oriented "gaxpy" Cholesky).
 *
 * <p>Stateless and thread-safe.
 */
public final class Cholesky {

    private Cholesky() {
    }

    /**
     * Factors A = L Lᵀ. Returns false, leaving lOut partly written, when a pivot lᵢᵢ² is not
     * larger than {@code minPivot} or is not finite.
     *
     * @param a the k×k matrix, row-major (only the lower triangle is read). Not modified.
     * @param k the order
     * @param minPivot smallest acceptable squared pivot (≥ 0); 0 accepts any positive pivot
     * @param lOut the factor L, row-major k×k. Modified (may alias a).
     * @return true when A is numerically positive definite in this sense
     */
    public static boolean factor(double[] a, int k, double minPivot, double[] lOut) {
        checkSquare("a", a, k);
        checkSquare("lOut", lOut, k);
        if (!(minPivot >= 0)) {
            throw new IllegalArgumentException("minPivot must be >= 0, got " + minPivot);
        }
        for (int i = 0; i < k; i++) {
            int ri = i * k;
            for (int j = 0; j <= i; j++) {
                int rj = j * k;
                double s = a[ri + j];
                for (int p = 0; p < j; p++) {
                    s -= lOut[ri + p] * lOut[rj + p];
                }
                if (i == j) {
                    if (!(s > minPivot) || !Double.isFinite(s)) {
                        return false;
                    }
                    lOut[ri + i] = Math.sqrt(s);
                } else {
                    lOut[ri + j] = s / lOut[rj + j];
                }
            }
            for (int j = i + 1; j < k; j++) {
                lOut[ri + j] = 0;
            }
        }
        return true;
    }

    /** Factors A = L Lᵀ accepting any positive finite pivot; see {@link #factor(double[], int, double, double[])}. */
    public static boolean factor(double[] a, int k, double[] lOut) {
        return factor(a, k, 0, lOut);
    }

    /**
     * Solves L Lᵀ x = b with a factor from {@link #factor}.
     *
     * @param l the factor, row-major k×k. Not modified.
     * @param k the order
     * @param b the right-hand side, length ≥ k. Not modified.
     * @param xOut the solution, length ≥ k. Modified (may alias b).
     */
    public static void solve(double[] l, int k, double[] b, double[] xOut) {
        checkSquare("l", l, k);
        if (b.length < k || xOut.length < k) {
            throw new IllegalArgumentException("b and xOut need length >= " + k + ", got " + b.length + " and " + xOut.length);
        }
        // forward substitution: L y = b
        for (int i = 0; i < k; i++) {
            int ri = i * k;
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= l[ri + p] * xOut[p];
            }
            xOut[i] = s / l[ri + i];
        }
        // back substitution: Lᵀ x = y
        for (int i = k - 1; i >= 0; i--) {
            double s = xOut[i];
            for (int p = i + 1; p < k; p++) {
                s -= l[p * k + i] * xOut[p];
            }
            xOut[i] = s / l[i * k + i];
        }
    }

    private static void checkSquare(String name, double[] m, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("order k must be >= 1, got " + k);
        }
        if (m.length < k * k) {
            throw new IllegalArgumentException(name + " has length " + m.length + ", needs at least " + k + "×" + k);
        }
    }
}
