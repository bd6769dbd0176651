package org.planesearch.core.spectrum;

/**
 * The outcome of a {@link HutchinsonTrace} run.
 *
 * @param estimate the mean of the samples zᵀHz: an unbiased estimate of tr(H)
 * @param standardError s/√N with s the sample standard deviation (N − 1 in its denominator) of
 *     the N samples; 0 when every sample is equal (a diagonal H with Rademacher probes); NaN
 *     with fewer than two samples
 * @param samples N, the finite samples averaged
 * @param products operator applications (N, plus 1 when the last one was not finite)
 * @param status {@link ConvergenceStatus#CONVERGED} when the standard-error rule stopped the run,
 *     {@link ConvergenceStatus#BUDGET_EXHAUSTED} when all the samples allowed were drawn (the
 *     normal end of a fixed-size run, relative tolerance 0), {@link ConvergenceStatus#NON_FINITE}
 *     when a sample was NaN or infinite (the estimate covers the samples before it)
 */
public record TraceEstimate(double estimate, double standardError, int samples, long products,
        ConvergenceStatus status) {

    public TraceEstimate {
        if (status == null) {
            throw new IllegalArgumentException("TraceEstimate: status must not be null");
        }
    }
}
