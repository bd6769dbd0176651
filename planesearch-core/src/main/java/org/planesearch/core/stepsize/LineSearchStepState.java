package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linesearch.InitialStepGuess;
import org.planesearch.core.linesearch.LineFunction;
import org.planesearch.core.linesearch.LineSearch;
import org.planesearch.core.linesearch.LineSearchResult;
import org.planesearch.core.linesearch.StepHistory;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * The state shared by {@link ArmijoStep} and {@link WolfeStep}: a one-column subspace [d], the
 * line function over it, and the step history the initial guess reads. The slope φ'(0) is
 * computed once, as ∇f(x)ᵀd; a direction that is not a descent direction is reported as
 * {@link StepStatus#FAILED} by the line search without an evaluation.
 */
final class LineSearchStepState implements StepState {

    private final String name;
    private final LineSearch search;
    private final InitialStepGuess guess;
    private final int dimension;
    private final Subspace subspace = new Subspace(1);
    private final LineFunction line = new LineFunction();
    private final StepHistory history = new StepHistory();

    LineSearchStepState(String name, LineSearch search, InitialStepGuess guess, ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException(name + ": layout must not be null");
        }
        this.name = name;
        this.search = search;
        this.guess = guess;
        this.dimension = layout.dimension();
    }

    @Override
    public StepOutcome step(SubspaceEvaluator evaluator, double value, double[] gradient, double[] direction) {
        if (direction.length != dimension || gradient.length != dimension) {
            throw new IllegalArgumentException(name + ": gradient and direction must have length " + dimension
                    + ", got " + gradient.length + " and " + direction.length);
        }
        double slope = Vec.dot(gradient, direction);
        subspace.clear();
        subspace.addDirection(direction);
        line.bind(evaluator.restrict(subspace));
        history.begin(value, slope, Vec.asum(gradient));
        double alpha0 = guess.initialStep(history);
        LineSearchResult r = search.search(line, value, slope, alpha0);
        StepStatus status = switch (r.status()) {
            case CONVERGED -> StepStatus.CONVERGED;
            case BUDGET_EXHAUSTED -> StepStatus.BUDGET_EXHAUSTED;
            case FAILED -> StepStatus.FAILED;
            case NON_FINITE -> StepStatus.NON_FINITE;
        };
        if (status.accepted()) {
            history.accept(r.step());
            return new StepOutcome(status, new double[] {r.step()}, r.value(), r.iterations(), r.evaluations());
        }
        return new StepOutcome(status, new double[] {0}, value, r.iterations(), r.evaluations());
    }

    @Override
    public void reset() {
        history.reset();
    }
}
