package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;

/**
 * How far to go: the coefficients t of the update x ← x + D t over a subspace D built from the
 * direction d: a fixed step, Armijo backtracking, strong Wolfe, line optimization (k = 1), plane
 * search over learning and momentum rate (k = 2), subspace optimization over d and the last m
 * steps (k = m + 1), each optionally split per layout block. An immutable, validated
 * configuration (a record); run-time state lives in the {@link StepState} it creates.
 */
public interface StepRule {

    /** A fresh state for a parameter vector with this layout; all buffers allocated here. */
    StepState newState(ParameterLayout layout);

    /** The most subspace columns this rule uses with this layout (for sizing the evaluator). */
    int maxDirections(ParameterLayout layout);

    /** How many previous steps the rule uses (0 for rules that search along d only). */
    int stepMemory();

    /** The rule as it is written in a method name, with its parameters, e.g. {@code ps}. */
    String describe();
}
