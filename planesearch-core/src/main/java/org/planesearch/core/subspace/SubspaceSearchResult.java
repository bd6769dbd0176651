package org.planesearch.core.subspace;

/**
 * The outcome of one {@link SubspaceSearch}.
 *
 * @param status how it ended
 * @param t the coefficients, one per column (a copy owned by the record); ψ(t) ≤ ψ(0) always,
 *     t = 0 when the status is {@link SubspaceSearchStatus#FAILED} or
 *     {@link SubspaceSearchStatus#NON_FINITE}
 * @param value ψ(t)
 * @param gradientNorm ‖∇ψ(t)‖₂ (NaN when not evaluated at t)
 * @param iterations accepted Newton (or steepest-descent) steps
 * @param evaluations calls of ψ (value, or value with derivatives), including those at t = 0
 */
public record SubspaceSearchResult(SubspaceSearchStatus status, double[] t, double value, double gradientNorm,
        int iterations, int evaluations) {

    public SubspaceSearchResult {
        if (status == null || t == null) {
            throw new IllegalArgumentException("status and t must not be null");
        }
    }
}
