package org.planesearch.core.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.DirectionState;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.stepsize.StepOutcome;
import org.planesearch.core.stepsize.StepRule;
import org.planesearch.core.stepsize.StepState;
import org.planesearch.core.stepsize.StepStatus;
import org.planesearch.core.subspace.GenericSubspaceEvaluator;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.core.testing.Quadratic;

/**
 * Test-local rules and objectives for the optimizer's tests: an exact line step for quadratics,
 * step rules that fail on cue, a direction rule that misbehaves on cue, an objective that turns
 * NaN, and a fake clock. Kept in the tests so that the optimizer's tests do not depend on the
 * production step rules' details.
 */
public final class TestRules {

    private TestRules() {
    }

    /**
     * The exact minimiser along d of a quadratic: t = −ψ'(0)/ψ''(0) (one Newton step on ψ, exact
     * when f is quadratic). FAILED when ψ''(0) ≤ 0.
     */
    public record ExactLine() implements StepRule {
        @Override
        public StepState newState(ParameterLayout layout) {
            return new ExactLineState();
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
            return "exactline";
        }
    }

    private static final class ExactLineState implements StepState {
        private final Subspace subspace = new Subspace(1);
        private final double[] t = new double[1];
        private final double[] grad = new double[1];
        private final double[] hess = new double[1];

        @Override
        public StepOutcome step(SubspaceEvaluator evaluator, double value, double[] gradient, double[] direction) {
            subspace.clear();
            subspace.addDirection(direction);
            SubspaceObjective psi = evaluator.restrict(subspace);
            t[0] = 0;
            psi.valueGradientHessian(t, grad, hess);
            if (!(hess[0] > 0)) {
                return new StepOutcome(StepStatus.FAILED, new double[] {0}, value, 1, 1);
            }
            t[0] = -grad[0] / hess[0];
            return new StepOutcome(StepStatus.CONVERGED, t.clone(), psi.value(t), 1, 2);
        }

        @Override
        public void reset() {
        }
    }

    /**
     * A fixed step α that is rejected (FAILED, after one trial) on the listed calls of
     * {@code step} (numbered from 1 over the state's life). Counts calls and resets.
     */
    public record Scripted(double learningRate, int... failingCalls) implements StepRule {
        @Override
        public ScriptedState newState(ParameterLayout layout) {
            return new ScriptedState(this);
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
            return "scripted(" + learningRate + ")";
        }
    }

    /** The state of {@link Scripted}. */
    public static final class ScriptedState implements StepState {
        private final Scripted rule;
        private final Subspace subspace = new Subspace(1);
        private final double[] t = new double[1];
        int calls;
        int resets;

        ScriptedState(Scripted rule) {
            this.rule = rule;
        }

        @Override
        public StepOutcome step(SubspaceEvaluator evaluator, double value, double[] gradient, double[] direction) {
            calls++;
            subspace.clear();
            subspace.addDirection(direction);
            SubspaceObjective psi = evaluator.restrict(subspace);
            t[0] = rule.learningRate();
            double v = psi.value(t);
            for (int i = 0; i < rule.failingCalls().length; i++) {
                if (rule.failingCalls()[i] == calls) {
                    return new StepOutcome(StepStatus.FAILED, t.clone(), v, 3, 1);
                }
            }
            return new StepOutcome(StepStatus.FIXED, t.clone(), v, 0, 1);
        }

        @Override
        public void reset() {
            resets++;
        }
    }

    /**
     * The given rule, except that it takes any direction ({@link StepRule#requiresDescentDirection()}
     * false), as a fixed step should.
     */
    public record TakesAnyDirection(StepRule inner) implements StepRule {
        @Override
        public StepState newState(ParameterLayout layout) {
            return inner.newState(layout);
        }

        @Override
        public int maxDirections(ParameterLayout layout) {
            return inner.maxDirections(layout);
        }

        @Override
        public int stepMemory() {
            return inner.stepMemory();
        }

        @Override
        public boolean requiresDescentDirection() {
            return false;
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }

    /** A step rule whose every search fails (after one trial at t = 1). */
    public static Scripted alwaysFails() {
        int[] all = new int[1000];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        return new Scripted(1.0, all);
    }

    /**
     * −g, except on the listed calls of {@code direction} (numbered from 1), where it returns
     * +g (an ascent direction) or, when {@code nan}, a vector of NaN. Counts resets.
     */
    public record Misbehaving(boolean nan, int... badCalls) implements DirectionRule {
        @Override
        public MisbehavingState newState(ParameterLayout layout) {
            return new MisbehavingState(this);
        }

        @Override
        public String describe() {
            return "misbehaving";
        }
    }

    /** The state of {@link Misbehaving}. */
    public static final class MisbehavingState implements DirectionState {
        private final Misbehaving rule;
        int calls;
        int resets;

        MisbehavingState(Misbehaving rule) {
            this.rule = rule;
        }

        @Override
        public void direction(double[] x, double[] g, double[] dOut) {
            calls++;
            Vec.scale(-1.0, g, dOut);
            for (int i = 0; i < rule.badCalls().length; i++) {
                if (rule.badCalls()[i] == calls) {
                    if (rule.nan()) {
                        Vec.fill(dOut, Double.NaN);
                    } else {
                        Vec.scale(1.0, g, dOut);
                    }
                }
            }
        }

        @Override
        public void update(double[] s, double[] y) {
        }

        @Override
        public void reset() {
            resets++;
        }
    }

    /**
     * The quadratic f, except that f and ∇f are NaN wherever x₀ &gt; threshold. Uses the
     * generic evaluator.
     */
    public static final class Poisoned implements Objective {
        private final Quadratic quadratic;
        private final double threshold;

        public Poisoned(Quadratic quadratic, double threshold) {
            this.quadratic = quadratic;
            this.threshold = threshold;
        }

        @Override
        public ParameterLayout layout() {
            return quadratic.layout();
        }

        @Override
        public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
            return new GenericSubspaceEvaluator(this, layout(), maxDirections, stepMemory);
        }

        @Override
        public double value(double[] x) {
            return x[0] > threshold ? Double.NaN : quadratic.value(x);
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradOut) {
            double v = quadratic.valueAndGradient(x, gradOut);
            if (x[0] > threshold) {
                Vec.fill(gradOut, Double.NaN);
                return Double.NaN;
            }
            return v;
        }

        @Override
        public void hessianTimes(double[] x, double[] v, double[] out) {
            quadratic.hessianTimes(x, v, out);
        }
    }

    /** A clock that advances by {@code stepNanos} every time it is read. */
    public static TimeSource fakeClock(long stepNanos) {
        long[] now = {0};
        return () -> now[0] += stepNanos;
    }

    /** Asserts that the call throws an IllegalArgumentException whose message contains the text. */
    public static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    /** The quadratic of the layer-wise spec's parity vectors (§A.8, §B.6): n = 4, f* = −4.0139240506. */
    public static Quadratic specQuadratic() {
        double[][] a = {{4, 1, .5, 0}, {1, 3, 0, .2}, {.5, 0, .5, .1}, {0, .2, .1, .25}};
        return Quadratic.of(a, new double[] {1, -2, .5, 1});
    }
}
