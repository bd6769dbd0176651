package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * A fixed step along d, the classic constant learning rate:
 * <pre>
 *   x_{k+1} = x_k + α d_k          (α = learningRate; for d = −g, gradient descent)
 * </pre>
 * Nothing is searched: the rule restricts the objective to [d], evaluates ψ(α) once, so that
 * the outcome carries the value the step leads to and the evaluator's move reuses that trial,
 * and always reports {@link StepStatus#FIXED}, even when ψ(α) > ψ(0): that is what a fixed step
 * does. A non-finite ψ(α) is reported in the value for the optimizer to catch. Going through the
 * evaluator keeps the cost honest: one image pass (X·d) plus one gradient pass per iteration.
 * Written {@code fixed(learningRate=0.1)} in method names; has no per-layer form.
 *
 * @param learningRate α, finite and &gt; 0 (default 0.1)
 */
public record FixedStep(double learningRate) implements StepRule {

    public FixedStep {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("FixedStep: learningRate must be finite and > 0, got " + learningRate);
        }
    }

    /** α = 0.1. */
    public static FixedStep defaults() {
        return new FixedStep(0.1);
    }

    @Override
    public StepState newState(ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("FixedStep: layout must not be null");
        }
        return new State(this, layout.dimension());
    }

    @Override
    public int maxDirections(ParameterLayout layout) {
        return 1;
    }

    @Override
    public int stepMemory() {
        return 0;
    }

    /** False: a fixed step takes whatever d the direction rule gives (heavy ball, Nesterov stay classic). */
    @Override
    public boolean requiresDescentDirection() {
        return false;
    }

    @Override
    public String describe() {
        return "fixed(learningRate=" + Describe.number(learningRate) + ")";
    }

    /** The state of a {@link FixedStep}: its one-column subspace and coefficient buffer. */
    public static final class State implements StepState {
        private final FixedStep rule;
        private final int dimension;
        private final Subspace subspace = new Subspace(1);
        private final double[] t = new double[1];

        private State(FixedStep rule, int dimension) {
            this.rule = rule;
            this.dimension = dimension;
        }

        @Override
        public StepOutcome step(SubspaceEvaluator evaluator, double value, double[] gradient, double[] direction) {
            if (direction.length != dimension) {
                throw new IllegalArgumentException("FixedStep: direction has length " + direction.length
                        + ", layout has " + dimension);
            }
            subspace.clear();
            subspace.addDirection(direction);
            SubspaceObjective psi = evaluator.restrict(subspace);
            t[0] = rule.learningRate;
            double v = psi.value(t);
            return new StepOutcome(StepStatus.FIXED, t.clone(), v, 0, 1);
        }

        @Override
        public void reset() {
            // a fixed step keeps no history
        }
    }
}
