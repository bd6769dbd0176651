package org.planesearch.core.testing;

import java.util.SplittableRandom;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Cholesky;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.subspace.GenericSubspaceEvaluator;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * Test fixture: the quadratic f(x) = ½ xᵀA x − bᵀx with a symmetric A (positive definite or
 * indefinite), ∇f(x) = A x − b, ∇²f = A, over a layout of one or more blocks. For an SPD A the
 * minimiser is x* = A⁻¹b and f* = −½ bᵀx*.
 *
 * <p>Its {@link #newEvaluator} returns a {@link GenericSubspaceEvaluator}, so every trial is a
 * full evaluation (O(n²)); that is what the tests of searches and optimizers want: exact
 * derivatives and honest counts. Random instances take an explicit {@link SplittableRandom}.
 *
 * <p>Immutable (the matrices are copied in and out); the evaluators it creates are not
 * thread-safe.
 */
public final class Quadratic implements Objective {

    private final double[][] a;
    private final double[] b;
    private final ParameterLayout layout;

    /**
     * f(x) = ½ xᵀA x − bᵀx over the given layout.
     *
     * @param a symmetric n×n matrix (rows). Not modified (copied).
     * @param b length n. Not modified (copied).
     * @param layout blocks tiling [0, n)
     */
    public Quadratic(double[][] a, double[] b, ParameterLayout layout) {
        int n = b.length;
        if (layout.dimension() != n) {
            throw new IllegalArgumentException("layout dimension " + layout.dimension() + " differs from n = " + n);
        }
        if (a.length != n) {
            throw new IllegalArgumentException("A has " + a.length + " rows, expected " + n);
        }
        this.a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("row " + i + " of A has length " + a[i].length + ", expected " + n);
            }
            this.a[i] = a[i].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double tol = 1e-12 * Math.max(1, Math.max(Math.abs(a[i][j]), Math.abs(a[j][i])));
                if (Math.abs(a[i][j] - a[j][i]) > tol) {
                    throw new IllegalArgumentException("A is not symmetric at (" + i + ", " + j + ")");
                }
            }
        }
        this.b = b.clone();
        this.layout = layout;
    }

    /** f(x) = ½ xᵀA x − bᵀx with one block. */
    public static Quadratic of(double[][] a, double[] b) {
        return new Quadratic(a, b, ParameterLayout.single(b.length));
    }

    /**
     * A random SPD quadratic: A = Q Λ Qᵀ with Q a random orthogonal matrix and eigenvalues
     * spaced geometrically from 1 to {@code conditionNumber}; b has standard normal entries.
     */
    public static Quadratic randomSpd(int n, double conditionNumber, SplittableRandom rng) {
        if (!(conditionNumber >= 1)) {
            throw new IllegalArgumentException("conditionNumber must be >= 1, got " + conditionNumber);
        }
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            eig[i] = n == 1 ? 1 : Math.pow(conditionNumber, (double) i / (n - 1));
        }
        return withSpectrum(eig, rng);
    }

    /**
     * A random symmetric indefinite quadratic: eigenvalues uniform in [−1, −0.1] ∪ [0.1, 2] with
     * about a third of them negative (at least one); b standard normal.
     */
    public static Quadratic randomIndefinite(int n, SplittableRandom rng) {
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            boolean negative = i == 0 || rng.nextDouble() < 1.0 / 3;
            eig[i] = negative ? -(0.1 + 0.9 * rng.nextDouble()) : 0.1 + 1.9 * rng.nextDouble();
        }
        return withSpectrum(eig, rng);
    }

    /** A = Q diag(eigenvalues) Qᵀ with a random orthogonal Q; b standard normal. */
    public static Quadratic withSpectrum(double[] eigenvalues, SplittableRandom rng) {
        int n = eigenvalues.length;
        double[][] q = randomOrthogonal(n, rng);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += q[i][p] * eigenvalues[p] * q[j][p];
                }
                m[i][j] = s;
                m[j][i] = s;
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = gaussian(rng);
        }
        return of(m, b);
    }

    /** The same quadratic over another layout of the same dimension. */
    public Quadratic withLayout(ParameterLayout newLayout) {
        return new Quadratic(a, b, newLayout);
    }

    /** A copy of A. */
    public double[][] matrix() {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** A copy of b. */
    public double[] linearTerm() {
        return b.clone();
    }

    /** x* = A⁻¹b; A must be positive definite. */
    public double[] minimiser() {
        int n = b.length;
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, flat, i * n, n);
        }
        double[] l = new double[n * n];
        if (!Cholesky.factor(flat, n, l)) {
            throw new IllegalStateException("A is not positive definite: no minimiser");
        }
        double[] xs = new double[n];
        Cholesky.solve(l, n, b, xs);
        return xs;
    }

    /** f(x*) = −½ bᵀx*; A must be positive definite. */
    public double minimum() {
        return -0.5 * Vec.dot(b, minimiser());
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
        return new GenericSubspaceEvaluator(this, layout, maxDirections, stepMemory);
    }

    @Override
    public double value(double[] x) {
        check(x);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * (0.5 * Vec.dot(a[i], x) - b[i]);
        }
        return s;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradOut) {
        check(x);
        check(gradOut);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double ax = Vec.dot(a[i], x);
            s += x[i] * (0.5 * ax - b[i]);
            gradOut[i] = ax - b[i];
        }
        return s;
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        check(x);
        check(v);
        check(out);
        for (int i = 0; i < v.length; i++) {
            out[i] = Vec.dot(a[i], v);
        }
    }

    private void check(double[] v) {
        if (v.length != b.length) {
            throw new IllegalArgumentException("vector has length " + v.length + ", expected " + b.length);
        }
    }

    /** A Haar-ish random orthogonal matrix: modified Gram–Schmidt on a Gaussian matrix (rows). */
    static double[][] randomOrthogonal(int n, SplittableRandom rng) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = gaussian(rng);
            }
            for (int p = 0; p < i; p++) {
                Vec.axpy(-Vec.dot(q[p], q[i]), q[p], q[i]);
            }
            for (int p = 0; p < i; p++) { // re-orthogonalise once for accuracy
                Vec.axpy(-Vec.dot(q[p], q[i]), q[p], q[i]);
            }
            Vec.scal(1 / Vec.nrm2(q[i]), q[i]);
        }
        return q;
    }

    /** A standard normal draw (Box–Muller). */
    public static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        while (u == 0) {
            u = rng.nextDouble();
        }
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
