package org.planesearch.core.stepsize;

/** How a step rule's search ended. Only {@link #FAILED} and {@link #NON_FINITE} reject the step. */
public enum StepStatus {
    /** The search met its conditions (Armijo, strong Wolfe, or a zero subspace gradient). */
    CONVERGED,
    /** A fixed step: nothing was searched. */
    FIXED,
    /** The budget ran out but the step decreases f; it is accepted. */
    BUDGET_EXHAUSTED,
    /**
     * A per-layer rule's learning rate for some layer ran away (jumped above
     * {@code SubspaceStepState.RUNAWAY_FACTOR} times its recent median); that layer's
     * coefficients were scaled down to the cap, and the capped step decreases f; it is accepted.
     */
    RATE_CAPPED,
    /** No decrease was found; the step is rejected and the optimizer falls back. */
    FAILED,
    /** ψ was NaN or infinite everywhere tried; the step is rejected. */
    NON_FINITE;

    /** True when the optimizer may move with the returned coefficients. */
    public boolean accepted() {
        return this == CONVERGED || this == FIXED || this == BUDGET_EXHAUSTED || this == RATE_CAPPED;
    }
}
