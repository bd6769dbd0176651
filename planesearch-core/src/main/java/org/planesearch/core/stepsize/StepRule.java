package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;

/**
 * How far to go: the coefficients t of the update x ← x + D t over a subspace D built from the
 * direction d: a fixed step, Armijo backtracking, strong Wolfe, line optimization (k = 1), plane
 * search over learning and momentum rate (k = 2), subspace optimization over d and the last m
 * steps (k = m + 1), each optionally split per layout layer. An immutable, validated
 * configuration (a record); run-time state lives in the {@link StepState} it creates.
 */
public interface StepRule {

    /** A fresh state for a parameter vector with this layout; all buffers allocated here. */
    StepState newState(ParameterLayout layout);

    /** The most subspace columns this rule uses with this layout (for sizing the evaluator). */
    int maxDirections(ParameterLayout layout);

    /** How many previous steps the rule uses (0 for rules that search along d only). */
    int stepMemory();

    /**
     * Whether the rule needs d to be a descent direction (⟨g, d⟩ &lt; 0). When true (the default),
     * the optimizer replaces a non-descent d by −g before calling {@link StepState#step}, as
     * searches for a positive step along d (Armijo, Wolfe, line optimization) require. A fixed
     * step returns false: it takes whatever d the direction rule gives, so that heavy ball or
     * Nesterov with a fixed step are the classic methods even when their momentum points uphill.
     * A non-finite d is replaced by −g whatever this says.
     */
    default boolean requiresDescentDirection() {
        return true;
    }

    /** The rule as it is written in a method name, with its parameters, e.g. {@code ps}. */
    String describe();
}
