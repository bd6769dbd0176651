package org.planesearch.models;

import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.HessianVectorProduct;
import org.planesearch.core.objective.TwiceDifferentiableFunction;

/**
 * A textbook damped Newton method, kept in the test sources as the reference that every
 * optimizer is checked against: it computes the minimiser of a small smooth convex objective to
 * ‖∇f‖₂ ≤ 1e-12, so that "method M reaches the optimum" can be asserted on f − f* and ‖x − x*‖.
 *
 * <pre>
 *   H = [∇²f(x)e₁ … ∇²f(x)eₙ] (n exact Hessian-vector products), symmetrised: (H + Hᵀ)/2
 *   H' = H + Σᵤ s·uuᵀ over the given null directions u (unit length, s = max |Hᵢᵢ| or 1)
 *   solve H' p = −∇f by Cholesky (on failure: H' + μI, μ = 1e-10·s, ×10 until it factors)
 *   x ← x + α p, α ∈ {1, ½, ¼, …}: the first α with f(x + αp) ≤ f(x) + 10⁻⁴ α ∇fᵀp, or, once f
 *       no longer changes beyond rounding, with ‖∇f(x + αp)‖ &lt; ‖∇f(x)‖
 * </pre>
 * (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., 2006, Alg. 3.2 and §3.4; the
 * gradient-norm acceptance near the optimum is needed because f then changes by less than its
 * rounding error while ∇f still converges quadratically).
 *
 * <p>Null directions: where f is flat along known directions, e.g. a softmax model's intercept
 * (f(W, b + α·1) = f(W, b)) whose Hessian is singular along (0, 1_c), pass them: since ∇f is
 * orthogonal to them and H·u = 0, H'p = −∇f gives the minimum-norm Newton step. The optimum is
 * then unique only up to those directions; compare values, or compare x after projecting them out.
 *
 * <p>Dense O(n²) memory and O(n³) work: for dimensions up to a few hundred. Allocates freely.
 */
public final class NewtonReference {

    private NewtonReference() {
    }

    /**
     * The outcome of {@link #minimize}.
     *
     * @param x the last iterate
     * @param value f(x)
     * @param gradient ∇f(x)
     * @param gradientNorm ‖∇f(x)‖₂
     * @param iterations Newton steps taken
     * @param converged whether gradientNorm ≤ the tolerance
     * @param hessian the exact Hessian at x, n×n row-major, from HVPs (not symmetrised, no null-direction shift)
     */
    public record Result(double[] x, double value, double[] gradient, double gradientNorm, int iterations,
                         boolean converged, double[] hessian) {

        public int dimension() {
            return x.length;
        }
    }

    /** {@link #minimize(TwiceDifferentiableFunction, double[], double, int, double[]...)} to 1e-12 in ≤ 100 steps. */
    public static Result minimize(TwiceDifferentiableFunction f, double[] x0, double[]... nullDirections) {
        return minimize(f, x0, 1e-12, 100, nullDirections);
    }

    /**
     * Damped Newton from x0 until ‖∇f‖₂ ≤ tolerance or maxIterations steps.
     *
     * @param f the objective (value, gradient, exact HVP)
     * @param x0 the start. Not modified.
     * @param tolerance on ‖∇f‖₂, &gt; 0
     * @param maxIterations ≥ 0
     * @param nullDirections directions along which f is constant (may be none). Not modified.
     */
    public static Result minimize(TwiceDifferentiableFunction f, double[] x0, double tolerance, int maxIterations,
                                  double[]... nullDirections) {
        int n = f.dimension();
        if (x0.length != n) {
            throw new IllegalArgumentException("x0 has length " + x0.length + ", f has dimension " + n);
        }
        double[][] units = new double[nullDirections.length][];
        for (int u = 0; u < units.length; u++) {
            units[u] = nullDirections[u].clone();
            Vec.scal(1 / Vec.nrm2(units[u]), units[u]);
        }
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        double gNorm = Vec.nrm2(g);
        double[] p = new double[n];
        double[] trial = new double[n];
        double[] gTrial = new double[n];
        int it = 0;
        while (gNorm > tolerance && it < maxIterations && Double.isFinite(fx)) {
            double[] h = hessian(f, x);
            double[] a = symmetrised(h, n);
            double s = 1;
            for (int i = 0; i < n; i++) {
                s = Math.max(s, Math.abs(a[i * n + i]));
            }
            for (double[] u : units) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        a[i * n + j] += s * u[i] * u[j];
                    }
                }
            }
            double[] l = cholesky(a, n);
            double mu = 1e-10 * s;
            while (l == null) {
                double[] shifted = a.clone();
                for (int i = 0; i < n; i++) {
                    shifted[i * n + i] += mu;
                }
                l = cholesky(shifted, n);
                mu *= 10;
            }
            for (int i = 0; i < n; i++) {
                p[i] = -g[i];
            }
            solve(l, n, p);
            double slope = Vec.dot(g, p);
            double alpha = 1;
            boolean accepted = false;
            for (int halving = 0; halving < 60 && !accepted; halving++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] + alpha * p[i];
                }
                double ft = f.valueAndGradient(trial, gTrial);
                boolean armijo = ft <= fx + 1e-4 * alpha * slope;
                boolean flat = Math.abs(ft - fx) <= 1e-14 * Math.max(1, Math.abs(fx));
                if (Double.isFinite(ft) && (armijo || (flat && Vec.nrm2(gTrial) < gNorm))) {
                    accepted = true;
                    System.arraycopy(trial, 0, x, 0, n);
                    System.arraycopy(gTrial, 0, g, 0, n);
                    fx = ft;
                    gNorm = Vec.nrm2(g);
                } else {
                    alpha *= 0.5;
                }
            }
            it++;
            if (!accepted) {
                break;
            }
        }
        return new Result(x, fx, g, gNorm, it, gNorm <= tolerance, hessian(f, x));
    }

    /** The n×n Hessian at x, row-major, column j = ∇²f(x)·eⱼ (n exact HVPs). Not symmetrised. */
    public static double[] hessian(HessianVectorProduct f, double[] x) {
        int n = x.length;
        double[] h = new double[n * n];
        double[] e = new double[n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            f.hessianTimes(x, e, col);
            e[j] = 0;
            for (int i = 0; i < n; i++) {
                h[i * n + j] = col[i];
            }
        }
        return h;
    }

    /** max |Hᵢⱼ − Hⱼᵢ| / max(1e-300, max |Hᵢⱼ|). */
    public static double asymmetry(double[] h, int n) {
        double diff = 0;
        double max = 1e-300;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                diff = Math.max(diff, Math.abs(h[i * n + j] - h[j * n + i]));
                max = Math.max(max, Math.abs(h[i * n + j]));
            }
        }
        return diff / max;
    }

    /** (H + Hᵀ)/2 as a new array. */
    public static double[] symmetrised(double[] h, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = 0.5 * (h[i * n + j] + h[j * n + i]);
            }
        }
        return a;
    }

    /**
     * The lower Cholesky factor L (A = LLᵀ, row-major, new array) of a symmetric A, or null when
     * a pivot is not positive (A is not positive definite in floating point).
     */
    public static double[] cholesky(double[] a, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int q = 0; q < j; q++) {
                d -= l[j * n + q] * l[j * n + q];
            }
            if (!(d > 0)) {
                return null;
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int q = 0; q < j; q++) {
                    s -= l[i * n + q] * l[j * n + q];
                }
                l[i * n + j] = s / ljj;
            }
        }
        return l;
    }

    /** Solves LLᵀ x = b in place (b ← x). */
    public static void solve(double[] l, int n, double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int q = 0; q < i; q++) {
                s -= l[i * n + q] * b[q];
            }
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int q = i + 1; q < n; q++) {
                s -= l[q * n + i] * b[q];
            }
            b[i] = s / l[i * n + i];
        }
    }

    /**
     * The eigenvalues of a symmetric matrix (cyclic Jacobi rotations), ascending. A is not
     * modified. For the small matrices of tests (n up to a few hundred).
     */
    public static double[] eigenvalues(double[] a, int n) {
        double[] m = symmetrised(a, n);
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = m[i * n + j] * m[i * n + j];
                    total += v;
                    if (i != j) {
                        off += v;
                    }
                }
            }
            if (off <= 1e-30 * total) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k * n + p];
                        double mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p * n + k];
                        double mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = m[i * n + i];
        }
        java.util.Arrays.sort(ev);
        return ev;
    }
}
