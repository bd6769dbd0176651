package org.planesearch.core.optim;

/** Why a run ended, reported in {@link OptimizationResult#termination()}. */
public enum Termination {
    /** ‖∇f(x)‖₂ fell to the tolerance of a gradient-norm criterion, or ∇f(x) is exactly zero. */
    GRADIENT_NORM,
    /** One iteration decreased f by less than the tolerance of a relative-decrease criterion. */
    SMALL_DECREASE,
    /** The iteration budget of a max-iterations criterion was reached. */
    MAX_ITERATIONS,
    /** The budget of passes through the data of a max-passes criterion was reached. */
    MAX_PASSES,
    /** The wall-time budget of a max-seconds criterion was reached. */
    MAX_TIME,
    /**
     * The step rule rejected the step twice in one iteration: once along the rule's direction,
     * once more along −g after resetting both states. The result holds the last accepted iterate.
     */
    LINE_SEARCH_FAILED,
    /**
     * f or ∇f became NaN or infinite: at the starting point (the result holds x₀), or after an
     * accepted step (the result holds the last iterate where both were finite).
     */
    NON_FINITE,
    /** An {@link IterationListener} asked the run to stop. */
    STOPPED_BY_LISTENER;

    /** True for the endings that mean the method broke down: {@link #LINE_SEARCH_FAILED}, {@link #NON_FINITE}. */
    public boolean isFailure() {
        return this == LINE_SEARCH_FAILED || this == NON_FINITE;
    }
}
