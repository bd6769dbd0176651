package org.planesearch.core.spectrum;

/**
 * The outcome of a {@link PowerIteration}.
 *
 * @param value θ = vᵀHv at the returned v, the estimate of the eigenvalue of largest magnitude
 *     (NaN when non-finite)
 * @param vector the unit vector v at which θ was measured (a copy owned by the record)
 * @param residual ‖Hv − θv‖₂ at that v: θ is within this distance of an eigenvalue
 * @param iterations products made (one per iteration)
 * @param products operator applications (= iterations)
 * @param status {@link ConvergenceStatus#CONVERGED} when the Rayleigh quotient settled to the
 *     tolerance (or Hv = 0)
 */
public record PowerIterationResult(double value, double[] vector, double residual, int iterations, long products,
        ConvergenceStatus status) {

    public PowerIterationResult {
        if (vector == null || status == null) {
            throw new IllegalArgumentException("PowerIterationResult: vector and status must not be null");
        }
    }
}
