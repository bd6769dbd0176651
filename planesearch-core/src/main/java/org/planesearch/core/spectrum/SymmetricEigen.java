package org.planesearch.core.spectrum;

import org.planesearch.core.linalg.Vec;

/**
 * All eigenvalues of an explicit dense symmetric matrix: Householder reduction to tridiagonal
 * form, then {@link TridiagonalEigen}. The exact reference for small problems (a Hessian formed
 * column by column, a test matrix), to compare with the matrix-free estimates:
 * {@link SpectralDensity#exact(double[], SpectralDensity.Settings)} smooths its output on the
 * same grid as a stochastic estimate.
 *
 * <p><b>Reduction</b> (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., 2013,
 * Algorithm 8.3.1): for k = 1 … n−2, with x = A[k+1:n, k],
 * <pre>
 *   α = −sign(x₁)‖x‖,  v = x − α e₁,  β = 2/(vᵀv)              (P = I − β v vᵀ maps x to α e₁)
 *   p = β A₂₂ v,  w = p − (β pᵀv / 2) v,  A₂₂ ← A₂₂ − v wᵀ − w vᵀ   (A₂₂ ← P A₂₂ P)
 *   T's diagonal entry k is A[k, k], its off-diagonal entry k is α
 * </pre>
 * The sign of α avoids cancellation in v₁. Similarity transformations preserve the
 * eigenvalues; the reduction is backward stable, so the eigenvalues are those of a matrix
 * within O(ε‖A‖) of A. Cost: (4/3)n³ flops and one n×n working copy; the eigenvectors are not
 * formed.
 *
 * <p>Stateless and thread-safe.
 */
public final class SymmetricEigen {

    private SymmetricEigen() {
    }

    /**
     * The eigenvalues of the symmetric matrix A, ascending.
     *
     * @param matrix A, row-major n×n; only the lower triangle (i ≥ j) is read, and must be finite.
     *     Not modified.
     * @param n the order, ≥ 1
     */
    public static double[] eigenvalues(double[] matrix, int n) {
        if (n < 1 || (long) n * n != matrix.length) {
            throw new IllegalArgumentException("SymmetricEigen: matrix has length " + matrix.length
                    + ", expected n·n with n = " + n + " >= 1");
        }
        // rows of the working copy, symmetrised from the lower triangle
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = matrix[i * n + j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("SymmetricEigen: entry (" + i + ", " + j + ") is " + x);
                }
                a[i][j] = x;
                a[j][i] = x;
            }
        }
        double[] diagonal = new double[n];
        double[] off = new double[Math.max(n - 1, 0)];
        double[] v = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            int m = n - k - 1; // length of x = A[k+1:n, k]
            double scale = 0;
            for (int i = 0; i < m; i++) {
                v[i] = a[k + 1 + i][k];
                scale = Math.max(scale, Math.abs(v[i]));
            }
            diagonal[k] = a[k][k];
            if (scale == 0) {
                off[k] = 0; // already reduced in this column
                continue;
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                double t = v[i] / scale;
                norm += t * t;
            }
            norm = scale * Math.sqrt(norm);
            double alpha = v[0] > 0 ? -norm : norm;
            v[0] -= alpha;
            double vtv = 2 * norm * (norm + Math.abs(a[k + 1][k])); // = vᵀv = 2α(α − x₁), without cancellation
            double beta = 2 / vtv;
            // p = β A₂₂ v
            double ptv = 0;
            for (int i = 0; i < m; i++) {
                double s = 0;
                double[] row = a[k + 1 + i];
                for (int j = 0; j < m; j++) {
                    s += row[k + 1 + j] * v[j];
                }
                p[i] = beta * s;
                ptv += p[i] * v[i];
            }
            // w = p − (β pᵀv / 2) v, stored in p
            double half = 0.5 * beta * ptv;
            for (int i = 0; i < m; i++) {
                p[i] -= half * v[i];
            }
            // A₂₂ ← A₂₂ − v wᵀ − w vᵀ
            for (int i = 0; i < m; i++) {
                double[] row = a[k + 1 + i];
                double vi = v[i];
                double wi = p[i];
                for (int j = 0; j < m; j++) {
                    row[k + 1 + j] -= vi * p[j] + wi * v[j];
                }
            }
            off[k] = alpha;
        }
        if (n >= 2) {
            diagonal[n - 2] = a[n - 2][n - 2];
            off[n - 2] = a[n - 1][n - 2];
        }
        diagonal[n - 1] = a[n - 1][n - 1];
        if (!Vec.allFinite(diagonal) || !Vec.allFinite(off)) {
            throw new IllegalArgumentException("SymmetricEigen: the reduction overflowed; scale the matrix down");
        }
        TridiagonalEigen.decompose(diagonal, off, n, null, 0);
        return diagonal;
    }
}
