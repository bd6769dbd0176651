package org.planesearch.core.stochastic;

/**
 * What happened in one mini-batch step besides the plain update: safeguards that fired and
 * fallbacks that were taken. Logged per step ({@link BatchStep#events()}) and counted per
 * epoch ({@link EpochRecord#events()}).
 */
public enum StepEvent {
    /** A layer's curvature step: the numerator or denominator was ≤ 0 (not a descent direction on the batch, or negative curvature), so the layer kept its previous step size. */
    KEPT_PREVIOUS_RATE,
    /** A layer's step size was clipped to the rule's upper bound. */
    RATE_CLIPPED,
    /** The cross-layer safeguard found that the joint step of the layers overshoots the batch's quadratic model and scaled all layers down by a common factor. */
    COUPLING_SHRUNK,
    /** The batch's quadratic model predicted no decrease along the joint step; no step was taken. */
    STEP_SKIPPED,
    /** A stochastic line search backtracked at least once. */
    BACKTRACKED,
    /** A stochastic line search found no acceptable step within its trial budget and took its fallback step. */
    SEARCH_FAILED,
    /** A stochastic line search was skipped on this step (SaLSa's cadence). */
    SEARCH_SKIPPED,
    /** A subspace search on the batch was damped or its coefficients averaged/limited. */
    SUBSPACE_DAMPED,
    /** The direction rule's d was not a descent direction on the batch and was replaced by −g. */
    NON_DESCENT_DIRECTION
}
