package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linesearch.Backtracking;
import org.planesearch.core.linesearch.InitialStepGuess;

/**
 * A step along d that satisfies the Armijo condition, by {@link Backtracking} from an
 * {@link InitialStepGuess}:
 * <pre>
 *   α₀ = guess(history);  α = backtrack(φ, α₀):  φ(α) ≤ φ(0) + c₁ α ∇f(x)ᵀd
 * </pre>
 * Each trial is one value of ψ through the evaluator (O(n) for SO-friendly models); the last
 * trial is the accepted one, so the move costs only the gradient. A non-descent direction is
 * {@link StepStatus#FAILED} without a trial. Searches along d only: no per-layer form. Written
 * {@code armijo} in method names.
 *
 * @param search the backtracking line search (default {@link Backtracking#defaults()}: c₁ = 1e-4, halving)
 * @param initialStep the first trial (default {@link InitialStepGuess#quadratic()}, the
 *     Nocedal–Wright interpolation that suits gradient directions; use
 *     {@code InitialStepGuess.constant(1)} for (quasi-)Newton directions)
 */
public record ArmijoStep(Backtracking search, InitialStepGuess initialStep) implements StepRule {

    public ArmijoStep {
        if (search == null || initialStep == null) {
            throw new IllegalArgumentException("ArmijoStep: search and initialStep must not be null");
        }
    }

    /** Backtracking.defaults() from the quadratic-interpolation initial step. */
    public static ArmijoStep defaults() {
        return new ArmijoStep(Backtracking.defaults(), InitialStepGuess.quadratic());
    }

    @Override
    public StepState newState(ParameterLayout layout) {
        return new LineSearchStepState("ArmijoStep", search, initialStep, layout);
    }

    @Override
    public int maxDirections(ParameterLayout layout) {
        return 1;
    }

    @Override
    public int stepMemory() {
        return 0;
    }

    @Override
    public String describe() {
        StringBuilder sb = Describe.backtracking(search);
        if (!initialStep.equals(InitialStepGuess.quadratic())) {
            Describe.add(sb, "init", Describe.guess(initialStep));
        }
        return Describe.call("armijo", sb);
    }
}
