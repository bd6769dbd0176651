package org.planesearch.core.spectrum;

import java.util.SplittableRandom;
import org.planesearch.core.linalg.Vec;

/**
 * Plain power iteration for the eigenvalue of largest magnitude, with a Rayleigh-quotient stop
 * rule: the cross-check for {@link TopEigenvalues} with k = 1, and PyHessian's method
 * ({@code hessian.eigenvalues}).
 * <pre>
 *   v = g/‖g‖, g Gaussian (seeded)
 *   for t = 1 … T:
 *     w = H v;  θₜ = vᵀw;  r = ‖w − θₜ v‖                  (one product)
 *     stop (CONVERGED) if |θₜ − θₜ₋₁| ≤ tol·|θₜ|, or if w = 0 (θ = 0, v in the null space)
 *     v = w/‖w‖
 * </pre>
 * It converges to the eigenvalue of largest |λ|, which is negative when the most negative
 * curvature dominates (PyHessian's caveat), at the rate (|λ₂|/|λ₁|)ᵗ for v and its square for
 * θ; with |λ₂| ≈ |λ₁| it is slow, and the Rayleigh-quotient rule can stop early on a stagnating
 * θ: the returned residual tells. Lanczos ({@link TopEigenvalues}) reaches the same accuracy in
 * far fewer products.
 *
 * <p>The record is immutable and thread-safe; a run allocates three vectors of length n.
 *
 * @param maxIterations T, ≥ 1 (default 100, as PyHessian)
 * @param tolerance relative change of θ at which to stop, in [0, 1) (default 1e-3, as
 *     PyHessian; 0 runs all T iterations unless θ repeats exactly)
 * @param seed of the start vector
 */
public record PowerIteration(int maxIterations, double tolerance, long seed) {

    public PowerIteration {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("PowerIteration: maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("PowerIteration: tolerance must be in [0, 1), got " + tolerance);
        }
    }

    /** 100 iterations, tolerance 1e-3, seed 0 (PyHessian's defaults). */
    public static PowerIteration defaults() {
        return new PowerIteration(100, 1e-3, 0);
    }

    /** A copy with another iteration budget. */
    public PowerIteration withMaxIterations(int iterations) {
        return new PowerIteration(iterations, tolerance, seed);
    }

    /** A copy with another tolerance. */
    public PowerIteration withTolerance(double relativeTolerance) {
        return new PowerIteration(maxIterations, relativeTolerance, seed);
    }

    /** A copy with another seed. */
    public PowerIteration withSeed(long newSeed) {
        return new PowerIteration(maxIterations, tolerance, newSeed);
    }

    /** Runs the iteration on op. */
    public PowerIterationResult run(SymmetricOperator op) {
        int n = op.dimension();
        double[] v = new double[n];
        double[] w = new double[n];
        double[] r = new double[n];
        RandomVectors.gaussian(new SplittableRandom(seed), v);
        Vec.scal(1 / Vec.nrm2(v), v);
        double previous = Double.NaN;
        for (int t = 1; t <= maxIterations; t++) {
            op.apply(v, w);
            double theta = Vec.dot(v, w, n);
            double norm = Vec.nrm2(w);
            if (!Double.isFinite(norm) || !Double.isFinite(theta)) {
                return new PowerIterationResult(Double.NaN, v, Double.NaN, t, t, ConvergenceStatus.NON_FINITE);
            }
            Vec.axpby(1, w, -theta, v, r);
            double residual = Vec.nrm2(r);
            boolean settled = Math.abs(theta - previous) <= tolerance * Math.abs(theta);
            if (norm == 0 || settled) {
                return new PowerIterationResult(theta, v, residual, t, t, ConvergenceStatus.CONVERGED);
            }
            if (t == maxIterations) {
                return new PowerIterationResult(theta, v, residual, t, t, ConvergenceStatus.BUDGET_EXHAUSTED);
            }
            previous = theta;
            Vec.scale(1 / norm, w, v);
        }
        throw new IllegalStateException("unreachable: the loop returns at t = maxIterations");
    }
}
