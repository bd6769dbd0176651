package org.planesearch.core.stochastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.testing.Quadratic;

/**
 * SLS (stochastic Armijo): the spec's parity vector ("layerwise-and-adaptive-steps" §C.3), the
 * Armijo and Goldstein conditions on every accepted step of a real mini-batch run, the fallbacks,
 * SlsAcc's momentum, the run's epoch length reaching the rule, determinism and validation.
 */
class StochasticArmijoTest {

    /** §C.3: c = 0.1, β_b = 0.9, γ = 2, n = 1 (×2 per step), η₀ = 1, x₀ = 1. */
    @Test
    void reproducesTheSpecParityVector() {
        Quadratic q = StochasticTesting.specQuadratic();
        StochasticArmijo.State state =
                (StochasticArmijo.State) StochasticArmijo.defaults().withBatchesPerEpoch(1).newState(q.layout(), 1);
        double[] x = {1, 1, 1, 1};
        double[] etas = {0.4117822642, 0.3545175248, 0.3768102958};
        double[] fs = {2.3004589059, -0.5263309736, -1.5617890219};
        int[] backtracks = {15, 8, 6};
        for (int k = 0; k < 10; k++) {
            BatchStep step = state.step(q, x);
            if (k < 3) {
                assertEquals(etas[k], step.rates()[0], 1e-9, "η at iteration " + (k + 1));
                assertEquals(etas[k], state.stepSize(), 1e-9, "stored η at iteration " + (k + 1));
                assertEquals(fs[k], q.value(x), 1e-9, "f at iteration " + (k + 1));
                assertEquals(backtracks[k] + 1, step.values(), "trials at iteration " + (k + 1));
                assertTrue(step.events().contains(StepEvent.BACKTRACKED));
            }
            assertEquals(1, step.gradients());
        }
        assertEquals(-3.3971488727, q.value(x), 1e-9, "f_10");
    }

    @Test
    void theTrainerGivesTheRuleTheRunsStepsPerEpoch() {
        Quadratic q = StochasticTesting.specQuadratic();
        // one full batch per epoch: n = 1 is taken from the run, so this is the parity run again
        StochasticTrainer trainer = new StochasticTrainer(StochasticArmijo.defaults(), new BatchSchedule(1, 10, 1, false), 10,
                Double.POSITIVE_INFINITY, 1);
        StochasticResult r = trainer.train(new FullBatch(q, 1), new double[] {1, 1, 1, 1}, null, null);
        assertEquals(-3.3971488727, r.last().trainObjective(), 1e-9);
        assertEquals("sls(initialStep=1, sufficientDecrease=0.1, backtrackFactor=0.9, reset=grow, growthFactor=2,"
                + " batchesPerEpoch=run, maxStep=10)", r.rule());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StochasticArmijo.defaults().newState(q.layout(), 1));
        assertTrue(e.getMessage().contains("batchesPerEpoch is taken from the run"), e.getMessage());
    }

    @Test
    void everyAcceptedStepSatisfiesArmijoOnItsBatch() {
        ParameterLayout layout = ParameterLayout.single(6);
        StochasticTesting.RowLeastSquares data = new StochasticTesting.RowLeastSquares(96, layout, new SplittableRandom(5));
        BatchSchedule schedule = new BatchSchedule(8, 4, 3, false);
        for (StochasticArmijo rule : new StochasticArmijo[] {StochasticArmijo.defaults(),
                StochasticArmijo.defaults().withCondition(StochasticArmijo.Condition.GOLDSTEIN)}) {
            double c = rule.sufficientDecrease();
            StochasticState state = rule.newState(layout, 1, schedule.stepsPerEpoch(96));
            int[] order = new int[96];
            double[] x = new double[6];
            double[] g = new double[6];
            int backtracked = 0;
            for (int epoch = 1; epoch <= schedule.epochs(); epoch++) {
                schedule.order(epoch, order);
                for (int s = 0; s < schedule.stepsPerEpoch(96); s++) {
                    Objective batch = data.batch(order, s * 8, schedule.batchRows(s, 96));
                    double[] before = x.clone();
                    double f0 = batch.valueAndGradient(before, g);
                    double squared = 0;
                    for (int i = 0; i < 6; i++) {
                        squared += g[i] * g[i];
                    }
                    BatchStep step = state.step(batch, x);
                    assertFalse(step.events().contains(StepEvent.SEARCH_FAILED), rule.describe());
                    assertTrue(step.values() >= 1 && step.values() <= StochasticArmijo.MAX_TRIALS);
                    double eta = step.rates()[0];
                    double f1 = batch.value(x);
                    assertTrue(f1 <= f0 - c * eta * squared, "Armijo fails at epoch " + epoch + ", step " + s);
                    if (rule.condition() == StochasticArmijo.Condition.GOLDSTEIN) {
                        assertTrue(f1 >= f0 - (1 - c) * eta * squared, "Goldstein fails at epoch " + epoch + ", step " + s);
                    }
                    for (int i = 0; i < 6; i++) {
                        assertEquals(before[i] - eta * g[i], x[i], 1e-15 * (1 + Math.abs(x[i])), "x = x₀ − ηg");
                    }
                    backtracked += step.events().contains(StepEvent.BACKTRACKED) ? 1 : 0;
                }
            }
            assertTrue(backtracked > 0, "the search backtracked at least once: " + rule.describe());
            assertTrue(data.full().value(x) < 0.5 * data.full().value(new double[6]), "the run made progress");
        }
    }

    @Test
    void nonFiniteTrialValuesBacktrackAndThenFallBack() {
        Quadratic q = StochasticTesting.specQuadratic();
        double[] x0 = {1, 1, 1, 1};
        double[] g = new double[4];
        q.valueAndGradient(x0, g);
        double gnorm = Math.sqrt(Arrays.stream(g).map(v -> v * v).sum());
        // NaN farther than 0.05 from x₀: shrink until inside, then Armijo holds
        double[] x = x0.clone();
        BatchStep step = StochasticArmijo.defaults().withBatchesPerEpoch(1).newState(q.layout(), 1)
                .step(StochasticTesting.nanOutside(q, x0, 0.05), x);
        assertTrue(step.events().contains(StepEvent.BACKTRACKED));
        assertFalse(step.events().contains(StepEvent.SEARCH_FAILED));
        assertTrue(step.rates()[0] * gnorm <= 0.05, "accepted inside the finite region");
        assertTrue(q.value(x) < q.value(x0));
        // NaN everywhere but x₀: 100 trials, then x₀ − 1e-6 g
        x = x0.clone();
        StochasticArmijo.State state =
                (StochasticArmijo.State) StochasticArmijo.defaults().withBatchesPerEpoch(1).newState(q.layout(), 1);
        step = state.step(StochasticTesting.nanOutside(q, x0, 0), x);
        assertEquals(StochasticArmijo.MAX_TRIALS, step.values());
        assertTrue(step.events().contains(StepEvent.SEARCH_FAILED));
        assertEquals(StochasticArmijo.FALLBACK_STEP, step.rates()[0]);
        for (int i = 0; i < 4; i++) {
            assertEquals(x0[i] - 1e-6 * g[i], x[i], 0);
        }
        assertEquals(2 * Math.pow(0.9, 100), state.stepSize(), 1e-25, "η keeps its shrunk value, as the package's");
        // Goldstein treats a NaN trial as too long
        x = x0.clone();
        step = StochasticArmijo.defaults().withBatchesPerEpoch(1).withCondition(StochasticArmijo.Condition.GOLDSTEIN)
                .newState(q.layout(), 1).step(StochasticTesting.nanOutside(q, x0, 0.05), x);
        assertTrue(step.events().contains(StepEvent.BACKTRACKED));
        assertTrue(q.value(x) < q.value(x0));
    }

    @Test
    void aZeroGradientTakesNoStep() {
        Quadratic q = StochasticTesting.specQuadratic();
        double[] x = new double[4];
        Quadratic flat = new Quadratic(q.matrix(), new double[4], q.layout()); // ∇f(0) = 0 exactly
        BatchStep step = StochasticArmijo.defaults().withBatchesPerEpoch(1).newState(q.layout(), 1).step(flat, x);
        assertArrayEquals(new double[4], x, 0);
        assertEquals(0, step.values());
        assertEquals(0, step.rates()[0]);
        assertTrue(step.events().contains(StepEvent.STEP_SKIPPED));
        // and the same near the minimiser of the spec quadratic, where ‖g‖ is rounding noise
        double[] xs = q.minimiser();
        double[] copy = xs.clone();
        step = StochasticArmijo.accelerated().newState(q.layout(), 1).step(q, copy);
        assertArrayEquals(xs, copy, 0);
        assertEquals(0, step.values());
    }

    @Test
    void slsAccAddsPolyakMomentumToTheArmijoStep() {
        Quadratic q = StochasticTesting.specQuadratic();
        StochasticState acc = StochasticArmijo.accelerated().newState(q.layout(), 1, 1);
        StochasticState plain = StochasticArmijo.accelerated().withMomentum(0).newState(q.layout(), 1, 1);
        double[] x0 = {1, 1, 1, 1};
        double[] x1 = x0.clone();
        double[] p1 = x0.clone();
        BatchStep a = acc.step(q, x1);
        BatchStep b = plain.step(q, p1);
        assertArrayEquals(p1, x1, 0, "no momentum at the first step");
        assertEquals(b.rates()[0], a.rates()[0], 0);
        double[] x2 = x1.clone();
        BatchStep second = acc.step(q, x2);
        double[] g1 = new double[4];
        q.valueAndGradient(x1, g1);
        for (int i = 0; i < 4; i++) {
            double expected = x1[i] - second.rates()[0] * g1[i] + 0.6 * (x1[i] - x0[i]);
            assertEquals(expected, x2[i], 1e-14, "x₂ = x₁ − η g₁ + μ (x₁ − x₀)");
        }
        // KEEP reset: the second search starts from the first accepted η, so it can only shrink
        assertTrue(second.rates()[0] <= a.rates()[0]);
    }

    @Test
    void runsAreDeterministicForASeed() {
        ParameterLayout layout = ParameterLayout.builder().layer("l1").add("a", false, 3).layer("l2").add("b", false, 3)
                .build();
        StochasticTesting.RowLeastSquares data = new StochasticTesting.RowLeastSquares(80, layout, new SplittableRandom(9));
        double[][] finals = new double[3][];
        double[] objectives = new double[3];
        long[] seeds = {11, 11, 12};
        for (int k = 0; k < 3; k++) {
            StochasticTrainer trainer = new StochasticTrainer(StochasticArmijo.accelerated(),
                    new BatchSchedule(10, 3, seeds[k], false), 1, Double.POSITIVE_INFINITY, 1);
            StochasticResult r = trainer.train(data, new double[6], null, null);
            finals[k] = r.x();
            objectives[k] = r.last().trainObjective();
            assertEquals(StochasticTermination.EPOCHS_DONE, r.termination());
        }
        assertArrayEquals(finals[0], finals[1], 0, "same seed, same bits");
        assertEquals(Double.doubleToRawLongBits(objectives[0]), Double.doubleToRawLongBits(objectives[1]));
        assertFalse(Arrays.equals(finals[0], finals[2]), "another shuffling seed, another run");
    }

    @Test
    void growthIsBoundedByTheMaximumStep() {
        Quadratic q = StochasticTesting.specQuadratic();
        Quadratic flat = new Quadratic(new double[4][4], new double[] {1e-3, 0, 0, 0}, q.layout()); // every trial passes
        StochasticArmijo.State state =
                (StochasticArmijo.State) StochasticArmijo.defaults().withBatchesPerEpoch(1).newState(q.layout(), 1);
        double[] x = new double[4];
        for (int k = 0; k < 8; k++) {
            state.step(flat, x);
        }
        assertEquals(10, state.stepSize(), 0, "η ≤ η_max");
        StochasticArmijo.State unbounded = (StochasticArmijo.State) StochasticArmijo.defaults().withBatchesPerEpoch(1)
                .withMaxStep(Double.POSITIVE_INFINITY).newState(q.layout(), 1);
        for (int k = 0; k < 8; k++) {
            unbounded.step(flat, x);
        }
        assertEquals(256, unbounded.stepSize(), 0, "the package's unbounded Armijo growth");
    }

    @Test
    void invalidConfigurationsAreRejectedWithMessages() {
        StochasticArmijo d = StochasticArmijo.defaults();
        assertMessage("StochasticArmijo: sufficientDecrease must be in (0, 1), got 1.0",
                () -> new StochasticArmijo(1, 1, 0.9, 2, 2, d.reset(), 0, 10, d.condition(), 0));
        assertMessage("StochasticArmijo: sufficientDecrease must be in (0, 0.5] for Goldstein, got 0.6",
                () -> new StochasticArmijo(1, 0.6, 0.9, 2, 2, d.reset(), 0, 10, StochasticArmijo.Condition.GOLDSTEIN, 0));
        assertMessage("StochasticArmijo: backtrackFactor must be in (0, 1), got 1.0",
                () -> new StochasticArmijo(1, 0.1, 1, 2, 2, d.reset(), 0, 10, d.condition(), 0));
        assertMessage("StochasticArmijo: growthFactor must be finite and >= 1, got 0.5",
                () -> new StochasticArmijo(1, 0.1, 0.9, 0.5, 2, d.reset(), 0, 10, d.condition(), 0));
        assertMessage("StochasticArmijo: initialStep must be finite and in (0, maxStep = 10], got 20.0",
                () -> new StochasticArmijo(20, 0.1, 0.9, 2, 2, d.reset(), 0, 10, d.condition(), 0));
        assertMessage("StochasticArmijo: batchesPerEpoch must be >= 1, or 0 for the run's, got -1",
                () -> d.withBatchesPerEpoch(-1));
        assertMessage("StochasticArmijo: momentum must be in [0, 1), got 1.0", () -> d.withMomentum(1));
        assertMessage("StochasticArmijo: stepsPerEpoch must be >= 1, got 0",
                () -> d.newState(ParameterLayout.single(2), 1, 0));
        assertEquals("sls(initialStep=1, sufficientDecrease=0.1, backtrackFactor=0.9, reset=keep, maxStep=10,"
                + " momentum=0.6)", StochasticArmijo.accelerated().describe());
        assertEquals("sls(initialStep=1, sufficientDecrease=0.1, backtrackFactor=0.9, reset=grow, growthFactor=2,"
                + " batchesPerEpoch=500, maxStep=10, condition=goldstein, forwardFactor=2)",
                d.withBatchesPerEpoch(500).withCondition(StochasticArmijo.Condition.GOLDSTEIN).describe());
    }
}
