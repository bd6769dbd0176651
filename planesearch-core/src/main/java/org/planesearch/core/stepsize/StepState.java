package org.planesearch.core.stepsize;

import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * The mutable state of one {@link StepRule} in one run (its subspace, search buffers, warm
 * starts, previous step sizes). Not thread-safe, never shared.
 */
public interface StepState {

    /**
     * Chooses the coefficients for this iteration: builds the subspace from d (and the
     * evaluator's previous steps), calls {@code evaluator.restrict}, searches, and returns the
     * outcome. It does not move: the optimizer calls {@code evaluator.move(outcome.coefficients())}
     * when the outcome is accepted.
     *
     * @param evaluator the run's evaluator, positioned at the current iterate
     * @param value f at the current iterate
     * @param gradient ∇f at the current iterate. Not modified.
     * @param direction d. Not modified; must stay unchanged until the move.
     */
    StepOutcome step(SubspaceEvaluator evaluator, double value, double[] gradient, double[] direction);

    /** Forgets warm starts and history. */
    void reset();
}
