package org.planesearch.core.linesearch;

/** How a {@link LineSearch} ended. */
public enum LineSearchStatus {
    /** The returned step satisfies the search's conditions (Armijo, or both strong Wolfe conditions). */
    CONVERGED,
    /**
     * The evaluation budget (or the largest step) was reached; the returned step satisfies the
     * sufficient-decrease condition but not the curvature condition. Usable.
     */
    BUDGET_EXHAUSTED,
    /** Not a descent direction (φ'(0) ≥ 0 or NaN), or no step with sufficient decrease was found; step 0. */
    FAILED,
    /** φ(0) is not finite, or every trial was NaN or infinite; step 0. */
    NON_FINITE;

    /** True when the returned step may be taken. */
    public boolean accepted() {
        return this == CONVERGED || this == BUDGET_EXHAUSTED;
    }
}
