package org.planesearch.core.stepsize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * The per-layer rules' safeguard against a runaway layer rate: a scripted evaluator whose ψ over
 * [d|₁, d|₂] is a quadratic with its minimum at (1, r), r = 1 every iteration except one where
 * layer 2's optimal rate jumps to 10⁴ (a flat direction), or a jump the cap must leave alone.
 */
class RunawayRateTest {

    /** ψ(t) = F + ½Σⱼ (tⱼ − aⱼ)² − ½Σⱼ aⱼ² with a = (1, rate of the iteration); ψ(0) = F. */
    private static final class ScriptedEvaluator implements SubspaceEvaluator {
        final double[] script;
        int iteration;
        double[] minimum = new double[2];
        final EvaluationCounts counts = new EvaluationCounts();

        ScriptedEvaluator(double... script) {
            this.script = script;
        }

        @Override
        public int maxDirections() {
            return 2;
        }

        @Override
        public int stepMemory() {
            return 0;
        }

        @Override
        public int availableSteps() {
            return 0;
        }

        @Override
        public double[] previousStep(int lag) {
            throw new IllegalArgumentException("no steps");
        }

        @Override
        public double start(double[] x, double[] gradOut) {
            return 10;
        }

        @Override
        public double currentValue() {
            return 10;
        }

        @Override
        public SubspaceObjective restrict(Subspace subspace) {
            minimum = new double[] {1, script[iteration++]};
            return new SubspaceObjective() {
                @Override
                public int dimension() {
                    return 2;
                }

                @Override
                public double value(double[] t) {
                    double s = 10;
                    for (int j = 0; j < 2; j++) {
                        s += 0.5 * (t[j] - minimum[j]) * (t[j] - minimum[j]) - 0.5 * minimum[j] * minimum[j];
                    }
                    return s;
                }

                @Override
                public double valueGradientHessian(double[] t, double[] g, double[] h) {
                    for (int j = 0; j < 2; j++) {
                        g[j] = t[j] - minimum[j];
                    }
                    if (h != null) {
                        h[0] = 1;
                        h[1] = 0;
                        h[2] = 0;
                        h[3] = 1;
                    }
                    return value(t);
                }
            };
        }

        @Override
        public double move(double[] t, double[] xOut, double[] gradOut) {
            return 10;
        }

        @Override
        public EvaluationCounts counts() {
            return counts;
        }

        @Override
        public boolean isCheap() {
            return true;
        }
    }

    private static final ParameterLayout TWO_LAYERS = ParameterLayout.builder().add("a", true, 1).add("b", true, 1).build();

    private static StepOutcome[] run(double... script) {
        StepState state = LineOptimization.defaults().withPerLayer(true).newState(TWO_LAYERS);
        ScriptedEvaluator ev = new ScriptedEvaluator(script);
        StepOutcome[] out = new StepOutcome[script.length];
        double[] g = {1, 1};
        double[] d = {-1, -1};
        for (int i = 0; i < script.length; i++) {
            out[i] = state.step(ev, 10, g, d);
        }
        return out;
    }

    @Test
    void aRateThatJumpsTwoOrdersOfMagnitudeIsCappedAndReported() {
        StepOutcome[] o = run(1, 1.5, 0.8, 1.2, 1e4, 1.1);
        for (int i = 0; i < 4; i++) {
            assertEquals(StepStatus.CONVERGED, o[i].status(), "iteration " + i);
        }
        StepOutcome jump = o[4];
        assertEquals(StepStatus.RATE_CAPPED, jump.status());
        assertTrue(jump.status().accepted());
        // the median of the kept rates of layer 2 (1, 1.5, 0.8, 1.2) is 1.1: the cap is 110
        assertEquals(1.0, jump.coefficients()[0], 1e-12, "layer 1 untouched");
        assertEquals(110, jump.coefficients()[1], 1e-9);
        assertTrue(jump.value() < 10, "the capped step decreases f");
        assertEquals(StepStatus.CONVERGED, o[5].status(), "ordinary rates again");
    }

    @Test
    void ordinaryGrowthAndTooShortAHistoryAreLeftAlone() {
        StepOutcome[] o = run(1, 5, 40, 300);
        for (StepOutcome s : o) {
            assertEquals(StepStatus.CONVERGED, s.status());
        }
        assertEquals(300, o[3].coefficients()[1], 1e-9, "60× the median of (1, 5, 40): under the factor 100");
        StepOutcome[] early = run(1, 1e6);
        assertEquals(StepStatus.CONVERGED, early[1].status(), "fewer than three rates kept: no cap");
    }
}
