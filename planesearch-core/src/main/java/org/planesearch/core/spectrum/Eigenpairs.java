package org.planesearch.core.spectrum;

/**
 * Eigenvalue estimates with their eigenvectors, from {@link TopEigenvalues}.
 *
 * @param values the k eigenvalues: descending for the largest, ascending for the smallest;
 *     empty when the status is {@link ConvergenceStatus#NON_FINITE}
 * @param vectors unit Ritz vectors, one row of length n per value
 * @param residuals ‖H yⱼ − θⱼ yⱼ‖₂ for each pair, computed with one product each: θⱼ is within
 *     this distance of an eigenvalue of H
 * @param spectralNormEstimate max |θ| over all Ritz values, the scale of the tolerance test
 *     (NaN when non-finite)
 * @param status how the search ended
 * @param lanczosSteps the Lanczos steps taken (the size of the final T)
 * @param products operator applications in all: Lanczos steps plus k per residual check
 */
public record Eigenpairs(double[] values, double[][] vectors, double[] residuals, double spectralNormEstimate,
        ConvergenceStatus status, int lanczosSteps, long products) {

    public Eigenpairs {
        if (values == null || vectors == null || residuals == null || status == null) {
            throw new IllegalArgumentException("Eigenpairs: arrays and status must not be null");
        }
        if (vectors.length != values.length || residuals.length != values.length) {
            throw new IllegalArgumentException("Eigenpairs: " + values.length + " values need as many vectors and "
                    + "residuals, got " + vectors.length + " and " + residuals.length);
        }
    }

    /** The largest residual (0 when there are no pairs). */
    public double maxResidual() {
        double m = 0;
        for (int j = 0; j < residuals.length; j++) {
            m = Math.max(m, residuals[j]);
        }
        return m;
    }
}
