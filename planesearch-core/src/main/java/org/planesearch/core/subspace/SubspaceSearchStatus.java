package org.planesearch.core.subspace;

/** How a {@link SubspaceSearch} ended. Only {@link #FAILED} and {@link #NON_FINITE} mean "no step". */
public enum SubspaceSearchStatus {
    /**
     * Every column's derivative of ψ is within the tolerance at the returned t (possibly t = 0
     * when the current point is already optimal over the subspace), or no further decrease is
     * representable and the scale-invariant test holds, or the whole decrease over the subspace
     * was below the resolution of ψ's values and one Newton step was taken (see
     * {@link SubspaceSearch}, "Near the solution"), or what the Newton model still predicts is
     * below ψ's decrease tolerance ("Costly trials").
     */
    CONVERGED,
    /** The iteration, backtracking or evaluation budget ran out; ψ(t) &lt; ψ(0), so the step is usable. */
    BUDGET_EXHAUSTED,
    /** No decrease of ψ was found; t = 0 is returned. */
    FAILED,
    /** ψ(0) (or its gradient) is not finite, or ψ was NaN or infinite at every trial; t = 0. */
    NON_FINITE;

    /** True when the returned t may be taken (it never increases ψ). */
    public boolean accepted() {
        return this == CONVERGED || this == BUDGET_EXHAUSTED;
    }
}
