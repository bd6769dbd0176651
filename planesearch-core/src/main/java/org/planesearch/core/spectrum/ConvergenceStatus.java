package org.planesearch.core.spectrum;

/**
 * How an iterative estimate of this package ({@link TopEigenvalues}, {@link PowerIteration},
 * {@link HutchinsonTrace}) ended.
 */
public enum ConvergenceStatus {
    /** The tolerance of the method's stop rule was met. */
    CONVERGED,
    /**
     * The budget (Lanczos steps, iterations, samples) ran out first. The result is the best
     * available and usable, with the residuals or standard error it reports.
     */
    BUDGET_EXHAUSTED,
    /** The operator returned a NaN or infinite product; the method stopped at once. */
    NON_FINITE
}
