package org.planesearch.core.spectrum;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.testing.Quadratic;

/**
 * Test fixtures for the spectrum package: a textbook cyclic Jacobi eigenvalue method (the
 * reference the production solvers are checked against), matrices and matrix-free operators
 * with known spectra, and set distances between spectra.
 */
final class SpectrumTesting {

    private SpectrumTesting() {
    }

    /**
     * All eigenvalues (ascending) and eigenvectors of a symmetric matrix by the cyclic Jacobi
     * method: sweep over all pairs (p, q), each time rotating so that a_pq becomes 0, until the
     * off-diagonal mass is below 1e-30 of the total. Golub &amp; Van Loan, §8.5.
     *
     * @param a row-major n×n symmetric matrix. Not modified.
     * @param vectorsOut if not null, n×n row-major: column k the eigenvector of eigenvalue k. Modified.
     */
    static double[] jacobi(double[] a, int n, double[] vectorsOut) {
        double[] m = a.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        double total = 0;
        for (int i = 0; i < n * n; i++) {
            total += m[i] * m[i];
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    if (p != q) {
                        off += m[p * n + q] * m[p * n + q];
                    }
                }
            }
            if (off <= 1e-30 * total || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
                    double c = 1 / Math.hypot(t, 1);
                    double s = t * c;
                    // A ← Jᵀ A J with J = I except J_pp = J_qq = c, J_pq = s, J_qp = −s
                    for (int k = 0; k < n; k++) {
                        double kp = m[k * n + p];
                        double kq = m[k * n + q];
                        m[k * n + p] = c * kp - s * kq;
                        m[k * n + q] = s * kp + c * kq;
                    }
                    for (int k = 0; k < n; k++) {
                        double pk = m[p * n + k];
                        double qk = m[q * n + k];
                        m[p * n + k] = c * pk - s * qk;
                        m[q * n + k] = s * pk + c * qk;
                    }
                    m[p * n + q] = 0;
                    m[q * n + p] = 0;
                    for (int k = 0; k < n; k++) {
                        double kp = v[k * n + p];
                        double kq = v[k * n + q];
                        v[k * n + p] = c * kp - s * kq;
                        v[k * n + q] = s * kp + c * kq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(m[x * n + x], m[y * n + y]));
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k] * n + order[k]];
            if (vectorsOut != null) {
                for (int r = 0; r < n; r++) {
                    vectorsOut[r * n + k] = v[r * n + order[k]];
                }
            }
        }
        return values;
    }

    /** The dense row-major tridiagonal matrix with the given diagonal and off-diagonal. */
    static double[] tridiagonal(double[] d, double[] e) {
        int n = d.length;
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            t[i * n + i] = d[i];
            if (i + 1 < n) {
                t[i * n + i + 1] = e[i];
                t[(i + 1) * n + i] = e[i];
            }
        }
        return t;
    }

    /** A = Q diag(eigenvalues) Qᵀ, row-major, with a random orthogonal Q. */
    static double[] withSpectrum(double[] eigenvalues, SplittableRandom rng) {
        return flatten(Quadratic.withSpectrum(eigenvalues, rng).matrix());
    }

    /** A random symmetric matrix with independent standard normal entries on and below the diagonal. */
    static double[] randomSymmetric(int n, SplittableRandom rng) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = Quadratic.gaussian(rng);
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
        return a;
    }

    static double[] flatten(double[][] rows) {
        int n = rows.length;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, a, i * n, n);
        }
        return a;
    }

    /**
     * The matrix-free operator Q diag(eigenvalues) Qᵀ with Q = P₁ P₂ … P_r a product of r random
     * Householder reflections Pᵢ = I − 2uᵢuᵢᵀ: known spectrum, dense eigenvectors, O(r·n) per
     * product.
     */
    static SymmetricOperator reflected(double[] eigenvalues, int reflections, SplittableRandom rng) {
        int n = eigenvalues.length;
        double[][] u = new double[reflections][n];
        for (int r = 0; r < reflections; r++) {
            for (int i = 0; i < n; i++) {
                u[r][i] = Quadratic.gaussian(rng);
            }
            Vec.scal(1 / Vec.nrm2(u[r]), u[r]);
        }
        double[] d = eigenvalues.clone();
        return SymmetricOperator.of(n, (v, out) -> {
            System.arraycopy(v, 0, out, 0, n);
            for (int r = 0; r < reflections; r++) { // Qᵀv = P_r … P₁ v
                Vec.axpy(-2 * Vec.dot(u[r], out), u[r], out);
            }
            for (int i = 0; i < n; i++) {
                out[i] *= d[i];
            }
            for (int r = reflections - 1; r >= 0; r--) { // Q y = P₁ … P_r y
                Vec.axpy(-2 * Vec.dot(u[r], out), u[r], out);
            }
        });
    }

    /** max over a of the distance to the nearest b, and over b of the distance to the nearest a. */
    static double hausdorff(double[] a, double[] b) {
        return Math.max(directed(a, b), directed(b, a));
    }

    private static double directed(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < b.length; j++) {
                best = Math.min(best, Math.abs(a[i] - b[j]));
            }
            worst = Math.max(worst, best);
        }
        return worst;
    }

    /** max |aᵢ − bᵢ| for two arrays of one length. */
    static double maxAbsDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** max |λ| of a spectrum. */
    static double spectralNorm(double[] eigenvalues) {
        double m = 0;
        for (int i = 0; i < eigenvalues.length; i++) {
            m = Math.max(m, Math.abs(eigenvalues[i]));
        }
        return m;
    }

    static double[] sorted(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s;
    }

    /** An operator that multiplies by a dense matrix and returns NaN from call {@code failAt} on (1-based). */
    static SymmetricOperator failingAfter(SymmetricOperator op, int failAt) {
        int[] calls = {0};
        return SymmetricOperator.of(op.dimension(), (v, out) -> {
            calls[0]++;
            op.apply(v, out);
            if (calls[0] >= failAt) {
                out[calls[0] % out.length] = Double.NaN;
            }
        });
    }
}
