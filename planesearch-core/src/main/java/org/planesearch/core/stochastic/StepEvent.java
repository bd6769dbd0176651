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
    /**
     * No step was taken: the layer-wise rule's batch quadratic model predicted no decrease along
     * the joint step, or a stochastic line search found the batch gradient too small to search
     * along ({@link StochasticArmijo}: ‖g‖ &lt; 1e-8).
     */
    STEP_SKIPPED,
    /** The layer-wise step increased the batch loss: it was undone and the damping raised (adaptive damping). */
    STEP_REJECTED,
    /** The batch loss fell by less than a quarter of the quadratic model's prediction: the damping was raised (adaptive damping). */
    DAMPING_RAISED,
    /** A stochastic line search backtracked at least once. */
    BACKTRACKED,
    /** A stochastic line search found no acceptable step within its trial budget and took its fallback step. */
    SEARCH_FAILED,
    /**
     * A stochastic line search was skipped on this step and the rule's plain step taken instead
     * ({@link Salsa}'s cadence, or its guard on a loss or sufficient-decrease term below 1e-8).
     */
    SEARCH_SKIPPED,
    /** A subspace search on the batch was damped or its coefficients averaged/limited. */
    SUBSPACE_DAMPED,
    /** The direction rule's d was not a descent direction on the batch and was replaced by −g. */
    NON_DESCENT_DIRECTION
}
