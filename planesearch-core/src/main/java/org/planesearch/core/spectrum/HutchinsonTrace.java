package org.planesearch.core.spectrum;

import java.util.SplittableRandom;
import org.planesearch.core.linalg.Vec;

/**
 * Hutchinson's stochastic trace estimator with Rademacher probes:
 * <pre>
 *   tr(H) ≈ (1/N) Σₛ zₛᵀ H zₛ,   zₛ ∈ {−1, +1}ⁿ independent, uniform        (one product per sample)
 * </pre>
 * Unbiased, since E[z zᵀ] = I; its variance per sample is 2 Σ_{i≠j} Hᵢⱼ² = 2(‖H‖_F² − Σᵢ Hᵢᵢ²),
 * the smallest of all probe distributions with independent entries (Hutchinson 1990), and 0 for
 * a diagonal H (which therefore proves nothing about the estimator; test with Q D Qᵀ). The
 * result reports the standard error s/√N from the sample variance (Welford's running update),
 * not PyHessian's weak "the running mean changed by less than tol" rule.
 *
 * <p><b>Stop rule.</b> With a relative tolerance ρ &gt; 0 the run stops (CONVERGED) after the first
 * sample N ≥ minSamples with s/√N ≤ ρ·|estimate|; otherwise it draws maxSamples probes
 * (BUDGET_EXHAUSTED). minSamples guards against a standard error estimated from two or three
 * samples. A NaN or infinite sample stops the run (NON_FINITE) with the estimate of the samples
 * before it.
 *
 * <p>Reference: M. F. Hutchinson, "A stochastic estimator of the trace of the influence matrix
 * for Laplacian smoothing splines", Comm. Statist. Simulation Comput. 19 (1990); Avron &amp;
 * Toledo, J. ACM 58 (2011) for its variance.
 *
 * <p>The record is immutable and thread-safe; a run allocates two vectors of length n. The same
 * seed gives the same probes and the same bits.
 *
 * @param maxSamples N_max, ≥ 2 (default 100)
 * @param minSamples the fewest samples before the stop rule may apply, in [2, maxSamples] (default 10)
 * @param relativeTolerance ρ ≥ 0 (default 1e-2); 0 draws all maxSamples
 * @param seed of the probes
 */
public record HutchinsonTrace(int maxSamples, int minSamples, double relativeTolerance, long seed) {

    public HutchinsonTrace {
        if (maxSamples < 2) {
            throw new IllegalArgumentException("HutchinsonTrace: maxSamples must be >= 2, got " + maxSamples);
        }
        if (minSamples < 2 || minSamples > maxSamples) {
            throw new IllegalArgumentException("HutchinsonTrace: minSamples must be in [2, maxSamples = " + maxSamples
                    + "], got " + minSamples);
        }
        if (!(relativeTolerance >= 0) || !Double.isFinite(relativeTolerance)) {
            throw new IllegalArgumentException("HutchinsonTrace: relativeTolerance must be finite and >= 0, got "
                    + relativeTolerance);
        }
    }

    /** 100 samples at most, at least 10, relative standard error 1e-2, seed 0. */
    public static HutchinsonTrace defaults() {
        return new HutchinsonTrace(100, 10, 1e-2, 0);
    }

    /** Exactly {@code samples} probes (no early stop), seed 0. */
    public static HutchinsonTrace fixed(int samples) {
        return new HutchinsonTrace(samples, Math.min(10, Math.max(2, samples)), 0, 0);
    }

    /** A copy with another seed. */
    public HutchinsonTrace withSeed(long newSeed) {
        return new HutchinsonTrace(maxSamples, minSamples, relativeTolerance, newSeed);
    }

    /** A copy with another relative tolerance. */
    public HutchinsonTrace withRelativeTolerance(double tolerance) {
        return new HutchinsonTrace(maxSamples, minSamples, tolerance, seed);
    }

    /** Estimates tr(op). */
    public TraceEstimate estimate(SymmetricOperator op) {
        int n = op.dimension();
        double[] z = new double[n];
        double[] hz = new double[n];
        SplittableRandom rng = new SplittableRandom(seed);
        double mean = 0;
        double m2 = 0; // Σ (xₛ − mean)², Welford
        int samples = 0;
        long products = 0;
        while (samples < maxSamples) {
            RandomVectors.rademacher(rng, z);
            op.apply(z, hz);
            products++;
            double x = Vec.dot(z, hz, n);
            if (!Double.isFinite(x)) {
                return new TraceEstimate(samples > 0 ? mean : Double.NaN, standardError(m2, samples), samples, products,
                        ConvergenceStatus.NON_FINITE);
            }
            samples++;
            double delta = x - mean;
            mean += delta / samples;
            m2 += delta * (x - mean);
            if (relativeTolerance > 0 && samples >= minSamples
                    && standardError(m2, samples) <= relativeTolerance * Math.abs(mean)) {
                return new TraceEstimate(mean, standardError(m2, samples), samples, products,
                        ConvergenceStatus.CONVERGED);
            }
        }
        return new TraceEstimate(mean, standardError(m2, samples), samples, products,
                ConvergenceStatus.BUDGET_EXHAUSTED);
    }

    private static double standardError(double m2, int samples) {
        if (samples < 2) {
            return Double.NaN;
        }
        return Math.sqrt(Math.max(m2, 0) / (samples - 1) / samples);
    }
}
