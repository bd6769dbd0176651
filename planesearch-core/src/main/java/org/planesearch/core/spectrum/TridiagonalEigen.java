package org.planesearch.core.spectrum;

import org.planesearch.core.linalg.Vec;

/**
 * Eigen-decomposition T = Z Λ Zᵀ of a symmetric tridiagonal matrix T (diagonal a₁…aₙ,
 * off-diagonal b₁…bₙ₋₁) by the implicit symmetric QR algorithm with Wilkinson shifts, the
 * eigen-solver behind Lanczos's Ritz values and Gauss quadrature nodes.
 *
 * <p><b>Algorithm</b> (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., 2013,
 * Algorithms 8.3.2 and 8.3.3; the same iteration as EISPACK's {@code tql2} run from the other
 * end). Repeat until every off-diagonal is zero:
 * <pre>
 *   deflate:  bᵢ ← 0 where |bᵢ| ≤ ε (|aᵢ| + |aᵢ₊₁|)
 *   take the lowest unreduced block T[p..q] (all its b nonzero), q the last index not yet converged
 *   shift:    μ = a_q − b²/(δ + sign(δ)·√(δ² + b²)),  δ = (a_{q−1} − a_q)/2,  b = b_{q−1}
 *             (the eigenvalue of the trailing 2×2 block closer to a_q: Wilkinson's shift)
 *   QR step:  Givens rotation G₁ in the plane (p, p+1) chosen from (a_p − μ, b_p);
 *             T ← G₁ T G₁ᵀ creates a bulge at (p, p+2); rotations Gₖ in the planes (k, k+1),
 *             k = p+1 … q−1, each zero the bulge of the previous one and push it one row down
 *             ("chasing the bulge"); Z ← Z Gₖᵀ
 * </pre>
 * Each step is an implicit QR step with shift μ on the block (the implicit-Q theorem); with
 * Wilkinson's shift the last off-diagonal converges to zero globally and, in practice,
 * cubically, so a decomposition takes about 2 steps per eigenvalue: O(n²) work for the
 * eigenvalues, plus O(r·n²) to accumulate r rows of Z.
 *
 * <p><b>Rows of Z.</b> Every rotation combines two columns of Z and acts on each row of Z
 * independently, so any leading rows of Z can be accumulated alone, exactly. Gauss quadrature
 * needs only the first row (τₖ = Z₀ₖ², Golub &amp; Welsch 1969), Ritz vectors need all of them.
 * {@link #decompose(double[], double[], int, double[], int)} takes the number of rows.
 *
 * <p>Accuracy: the computed eigenvalues are exact for a matrix within O(ε‖T‖) of T (backward
 * stable), and Z is orthogonal to O(ε). The eigenvalues come out ascending, with Z's columns in
 * the same order; the sign of each column is arbitrary.
 *
 * <p>Stateless and thread-safe. The in-place method allocates nothing; the convenience
 * methods allocate their results.
 */
public final class TridiagonalEigen {

    /** QR steps allowed per eigenvalue before giving up (about 2 are needed; never reached for finite input). */
    static final int MAX_STEPS_PER_EIGENVALUE = 60;

    private static final double EPS = Math.ulp(1.0);

    private TridiagonalEigen() {
    }

    /**
     * The eigen-decomposition of T with the full matrix of eigenvectors and its first row.
     *
     * @param diagonal a₁…aₙ, n ≥ 1, finite. Not modified.
     * @param offDiagonal b₁…bₙ₋₁ (length ≥ n − 1; later entries are ignored), finite. Not modified.
     * @param allVectors whether to return all of Z (else only its first row)
     */
    public static Decomposition decompose(double[] diagonal, double[] offDiagonal, boolean allVectors) {
        int n = diagonal.length;
        double[] d = diagonal.clone();
        double[] e = new double[Math.max(n - 1, 0)];
        check(diagonal, offDiagonal, n);
        System.arraycopy(offDiagonal, 0, e, 0, n - 1);
        int rows = allVectors ? n : 1;
        double[] z = new double[rows * n];
        decompose(d, e, n, z, rows);
        double[] first = new double[n];
        System.arraycopy(z, 0, first, 0, n);
        return new Decomposition(d, first, allVectors ? z : null);
    }

    /**
     * The eigenvalues of T, ascending. diagonal, offDiagonal: as for
     * {@link #decompose(double[], double[], boolean)}.
     */
    public static double[] eigenvalues(double[] diagonal, double[] offDiagonal) {
        int n = diagonal.length;
        check(diagonal, offDiagonal, n);
        double[] d = diagonal.clone();
        double[] e = new double[Math.max(n - 1, 0)];
        System.arraycopy(offDiagonal, 0, e, 0, n - 1);
        decompose(d, e, n, null, 0);
        return d;
    }

    /**
     * The decomposition in place.
     *
     * @param diagonal a₁…aₙ in its first n entries. Modified: the eigenvalues, ascending.
     * @param offDiagonal b₁…bₙ₋₁ in its first n − 1 entries. Modified (destroyed).
     * @param n the order, ≥ 1
     * @param vectors the first {@code rows} rows of Z, row-major rows×n: entry (r, k) is component
     *     r of the unit eigenvector for eigenvalue k. Modified; may be null when rows = 0.
     * @param rows how many leading rows of Z to accumulate, 0 ≤ rows ≤ n (1: the quadrature
     *     weights' square roots; n: all eigenvectors)
     */
    public static void decompose(double[] diagonal, double[] offDiagonal, int n, double[] vectors, int rows) {
        check(diagonal, offDiagonal, n);
        if (rows < 0 || rows > n) {
            throw new IllegalArgumentException("TridiagonalEigen: rows must be in [0, " + n + "], got " + rows);
        }
        if (rows > 0 && (vectors == null || vectors.length < rows * n)) {
            throw new IllegalArgumentException("TridiagonalEigen: vectors needs length >= " + (rows * n) + ", got "
                    + (vectors == null ? "null" : vectors.length));
        }
        double[] d = diagonal;
        double[] e = offDiagonal;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < n; k++) {
                vectors[r * n + k] = r == k ? 1 : 0;
            }
        }
        int q = n - 1;
        int steps = 0;
        while (q > 0) {
            if (negligible(e[q - 1], d[q - 1], d[q])) {
                e[q - 1] = 0;
                q--;
                steps = 0;
                continue;
            }
            int p = q - 1;
            while (p > 0 && !negligible(e[p - 1], d[p - 1], d[p])) {
                p--;
            }
            if (p > 0) {
                e[p - 1] = 0;
            }
            if (++steps > MAX_STEPS_PER_EIGENVALUE) {
                // unreachable for finite input: Wilkinson-shifted QR converges globally
                throw new IllegalStateException("TridiagonalEigen: no convergence after " + MAX_STEPS_PER_EIGENVALUE
                        + " QR steps at index " + q);
            }
            qrStep(d, e, p, q, vectors, rows, n);
        }
        sortAscending(d, n, vectors, rows);
    }

    /** True when |b| is negligible against its neighbours on the diagonal (or underflows). */
    private static boolean negligible(double b, double left, double right) {
        double ab = Math.abs(b);
        return ab <= EPS * (Math.abs(left) + Math.abs(right)) || ab < Double.MIN_NORMAL;
    }

    /** One implicit Wilkinson-shifted QR step on the unreduced block [p, q]. */
    private static void qrStep(double[] d, double[] e, int p, int q, double[] z, int rows, int n) {
        double b = e[q - 1];
        double delta = 0.5 * (d[q - 1] - d[q]);
        double h = Math.hypot(delta, b);
        // δ + sign(δ)·h has no cancellation and is nonzero because b ≠ 0
        double mu = d[q] - b * (b / (delta + (delta >= 0 ? h : -h)));
        double x = d[p] - mu;
        double y = e[p];
        for (int k = p; k < q; k++) {
            // rotation R = [c s; −s c] with R [x; y] = [r; 0]
            double r = Math.hypot(x, y);
            double c = 1;
            double s = 0;
            if (r > 0) {
                c = x / r;
                s = y / r;
            }
            if (k > p) {
                e[k - 1] = r; // the bulge at (k+1, k−1) is annihilated into (k, k−1)
            }
            // T ← R T Rᵀ on rows and columns k, k+1
            double ak = d[k];
            double ak1 = d[k + 1];
            double bk = e[k];
            double cc = c * c;
            double ss = s * s;
            double cs2 = 2 * c * s * bk;
            d[k] = cc * ak + cs2 + ss * ak1;
            d[k + 1] = ss * ak - cs2 + cc * ak1;
            e[k] = c * s * (ak1 - ak) + (cc - ss) * bk;
            if (k + 1 < q) {
                // the rotation fills (k, k+2) with s·b_{k+1}: the bulge chased by the next rotation
                double next = e[k + 1];
                x = e[k];
                y = s * next;
                e[k + 1] = c * next;
            }
            // Z ← Z Rᵀ on columns k, k+1
            for (int row = 0; row < rows; row++) {
                int at = row * n + k;
                double zk = z[at];
                double zk1 = z[at + 1];
                z[at] = c * zk + s * zk1;
                z[at + 1] = c * zk1 - s * zk;
            }
        }
    }

    /** Selection sort of the eigenvalues, ascending, permuting the columns of Z alike. */
    private static void sortAscending(double[] d, int n, double[] z, int rows) {
        for (int i = 0; i < n - 1; i++) {
            int min = i;
            for (int j = i + 1; j < n; j++) {
                if (d[j] < d[min]) {
                    min = j;
                }
            }
            if (min != i) {
                double t = d[i];
                d[i] = d[min];
                d[min] = t;
                for (int row = 0; row < rows; row++) {
                    int a = row * n + i;
                    int b = row * n + min;
                    t = z[a];
                    z[a] = z[b];
                    z[b] = t;
                }
            }
        }
    }

    private static void check(double[] diagonal, double[] offDiagonal, int n) {
        if (n < 1 || diagonal.length < n) {
            throw new IllegalArgumentException("TridiagonalEigen: need 1 <= n <= diagonal.length, got n = " + n
                    + " and a diagonal of length " + diagonal.length);
        }
        if (offDiagonal.length < n - 1) {
            throw new IllegalArgumentException("TridiagonalEigen: offDiagonal has length " + offDiagonal.length
                    + ", needs at least n − 1 = " + (n - 1));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(diagonal[i]) || (i < n - 1 && !Double.isFinite(offDiagonal[i]))) {
                throw new IllegalArgumentException("TridiagonalEigen: entry " + i + " of T is NaN or infinite");
            }
        }
    }

    /**
     * T = Z Λ Zᵀ.
     *
     * @param values the eigenvalues λ₁ ≤ … ≤ λₙ
     * @param firstComponents Z₀ₖ, the first component of each unit eigenvector; for a Lanczos
     *     matrix T started from v₁, τₖ = Z₀ₖ² are the Gauss quadrature weights (Σ τₖ = 1)
     * @param vectors all of Z, row-major n×n (column k is the eigenvector of λₖ), or null when
     *     not asked for
     */
    public record Decomposition(double[] values, double[] firstComponents, double[] vectors) {

        public Decomposition {
            if (values == null || firstComponents == null || values.length != firstComponents.length) {
                throw new IllegalArgumentException("Decomposition: values and firstComponents must have one length");
            }
        }

        /** The order n. */
        public int order() {
            return values.length;
        }

        /** τₖ = Z₀ₖ², the Gauss quadrature weights (a new array). */
        public double[] weights() {
            double[] w = new double[firstComponents.length];
            for (int k = 0; k < w.length; k++) {
                w[k] = firstComponents[k] * firstComponents[k];
            }
            return w;
        }

        /** Column k of Z (a new array); needs the full vectors. */
        public double[] vector(int k) {
            if (vectors == null) {
                throw new IllegalStateException("Decomposition: only the first components were computed");
            }
            int n = values.length;
            double[] v = new double[n];
            for (int r = 0; r < n; r++) {
                v[r] = vectors[r * n + k];
            }
            return v;
        }

        /** Σ τₖ − 1, which is 0 up to rounding: a check that Z's first row has unit norm. */
        public double weightDefect() {
            return Vec.dot(firstComponents, firstComponents) - 1;
        }
    }
}
