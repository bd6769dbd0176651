package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linesearch.InitialStepGuess;
import org.planesearch.core.linesearch.StrongWolfe;

/**
 * A step along d that satisfies the strong Wolfe conditions, by the {@link StrongWolfe}
 * bracketing-and-zoom search from an {@link InitialStepGuess}:
 * <pre>
 *   φ(α) ≤ φ(0) + c₁ α φ'(0),   |φ'(α)| ≤ c₂ |φ'(0)|,   φ'(0) = ∇f(x)ᵀd
 * </pre>
 * The baseline for L-BFGS (c₁ = 1e-4, c₂ = 0.9). Each trial is a value and slope of ψ through the
 * evaluator. A non-descent direction is {@link StepStatus#FAILED} without a trial. Searches
 * along d only: no per-layer form. Written {@code wolfe} in method names.
 *
 * @param search the strong-Wolfe search (default {@link StrongWolfe#defaults()})
 * @param initialStep the first trial (default {@link InitialStepGuess#constant(double) constant(1)},
 *     the unit step of quasi-Newton directions)
 */
public record WolfeStep(StrongWolfe search, InitialStepGuess initialStep) implements StepRule {

    public WolfeStep {
        if (search == null || initialStep == null) {
            throw new IllegalArgumentException("WolfeStep: search and initialStep must not be null");
        }
    }

    /** StrongWolfe.defaults() from α₀ = 1. */
    public static WolfeStep defaults() {
        return new WolfeStep(StrongWolfe.defaults(), InitialStepGuess.constant(1));
    }

    @Override
    public StepState newState(ParameterLayout layout) {
        return new LineSearchStepState("WolfeStep", search, initialStep, layout);
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
        StringBuilder sb = Describe.wolfe(search);
        if (!initialStep.equals(InitialStepGuess.constant(1))) {
            Describe.add(sb, "init", Describe.guess(initialStep));
        }
        return Describe.call("wolfe", sb);
    }
}
