package org.planesearch.core.stochastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.testing.Quadratic;

/**
 * SaLSa: the spec's parity trace in code-parity mode ("layerwise-and-adaptive-steps" §C.3), the
 * quirks it keeps (non-monotone acceptance, the cadence, the 1e-8 loss guard, the failed search
 * that stays put), what the paper mode changes, the fallbacks, weight decay and determinism.
 */
class SalsaTest {

    /** The spec quadratic shifted to f − f* + 0.5 (positive, as SaLSa's code needs). */
    private static StochasticTesting.Probe shiftedQuadratic() {
        Quadratic q = StochasticTesting.specQuadratic();
        return StochasticTesting.shifted(q, 0.5 - q.minimum());
    }

    /** §C.3, default arguments: rows t = 1, 2, 4, 10, 30 (η, L, loss after the step; backtracks of 1, 2, 4). */
    @Test
    void reproducesTheSpecParityTraceInCodeParityMode() {
        StochasticTesting.Probe f = shiftedQuadratic();
        Salsa.State state = (Salsa.State) Salsa.defaults().newState(f.layout(), 1);
        double[] x = {1, 1, 1, 1};
        for (int t = 1; t <= 30; t++) {
            BatchStep step = state.step(f, x);
            assertEquals(t, state.steps());
            switch (t) {
                case 1 -> {
                    row(state, step, f, x, 0.7040000000, 3.0214615819);
                    assertEquals(2, state.backtracks());
                    assertEquals(10, state.searchPeriod(), 0);
                }
                case 2 -> {
                    row(state, step, f, x, 0.7744000000, 1.5305650386);
                    assertEquals(0, state.backtracks());
                    assertEquals(0.1111, state.searchPeriod(), 5e-5);
                }
                case 4 -> {
                    row(state, step, f, x, 0.7496192000, 0.6863713141);
                    assertEquals(1, state.backtracks());
                }
                case 10 -> assertEquals(0.6799340235, state.stepSize(), 1e-9);
                case 30 -> {
                    assertEquals(0.3929256078, state.stepSize(), 1e-9);
                    assertEquals(0.4420, state.searchPeriod(), 5e-5);
                }
                default -> {
                }
            }
            if (t == 10 || t == 30) {
                assertEquals(t == 10 ? 0.6797023170 : 0.5023103125, f.value(x), 1e-9, "loss at t = " + t);
            }
        }
    }

    private static void row(Salsa.State state, BatchStep step, Objective f, double[] x, double eta, double loss) {
        assertTrue(state.searched());
        assertEquals(eta, state.stepSize(), 1e-9, "η");
        assertEquals(eta, step.rates()[0], 1e-9, "the applied η");
        assertEquals(state.backtracks() + 1, step.values(), "one value per trial");
        assertEquals(state.backtracks() > 0, step.events().contains(StepEvent.BACKTRACKED));
        assertEquals(loss, f.value(x), 1e-9, "loss after the step");
    }

    /** Quirk 3: the smoothed test accepts steps that increase the batch loss (the trace's t = 6 … 9). */
    @Test
    void acceptanceIsNonMonotone() {
        StochasticTesting.Probe f = shiftedQuadratic();
        StochasticState state = Salsa.defaults().newState(f.layout(), 1);
        double[] x = {1, 1, 1, 1};
        double[] loss = new double[10];
        for (int t = 1; t <= 9; t++) {
            BatchStep step = state.step(f, x);
            assertTrue(((Salsa.State) state).searched() && !step.events().contains(StepEvent.SEARCH_FAILED));
            loss[t] = f.value(x);
        }
        assertTrue(loss[7] > loss[6] && loss[8] > loss[7] && loss[9] > loss[8], Arrays.toString(loss));
    }

    /** Quirk 6 and the cadence: a search at every t &lt; 10, then exactly when τ ≥ L; skipped steps cost no value. */
    @Test
    void searchesFollowTheCadence() {
        for (Salsa rule : new Salsa[] {Salsa.defaults(), Salsa.defaults().withMode(Salsa.Mode.PAPER)}) {
            StochasticTesting.Probe f = shiftedQuadratic();
            Salsa.State state = (Salsa.State) rule.newState(f.layout(), 1);
            double[] x = {1, 1, 1, 1};
            long since = 100;
            int skipped = 0;
            for (int t = 1; t <= 300; t++) {
                double stored = state.stepSize();
                BatchStep step = state.step(f, x);
                since++;
                boolean expected = t < Salsa.WARM_START || since >= state.searchPeriod();
                assertEquals(expected, state.searched(), rule.describe() + " at t = " + t);
                if (expected) {
                    since = 0;
                } else {
                    skipped++;
                    assertEquals(0, step.values());
                    assertTrue(step.events().contains(StepEvent.SEARCH_SKIPPED));
                    // quirk 2: the code applies 1.1 η on a skipped step; neither mode stores it
                    double applied = rule.mode() == Salsa.Mode.CODE_PARITY ? stored * Salsa.GROWTH_FACTOR : stored;
                    assertEquals(applied, step.rates()[0], 0, rule.describe() + " at t = " + t);
                    assertEquals(stored, state.stepSize(), 0);
                }
            }
            assertTrue(skipped > 0, rule.describe() + " skipped some searches");
            assertTrue(f.value(x) < 0.5 + 1e-3, rule.describe() + " converged: " + f.value(x));
        }
    }

    /** Quirk 4: below a loss of 1e-8 (here negative) the code skips the search and grows η by 1.1; PAPER searches. */
    @Test
    void theCodeSkipsTheSearchForNegativeLossesAndThePaperModeDoesNot() {
        Quadratic q = StochasticTesting.specQuadratic();
        double[] start = q.minimiser();
        start[0] += 0.1;
        double[] x = start.clone();
        Salsa.State code = (Salsa.State) Salsa.defaults().newState(q.layout(), 1);
        BatchStep step = code.step(q, x);
        assertTrue(q.value(start) < 0);
        assertEquals(0, step.values());
        assertTrue(step.events().contains(StepEvent.SEARCH_SKIPPED));
        assertEquals(1.1, code.stepSize(), 1e-15);
        x = start.clone();
        step = Salsa.defaults().withMode(Salsa.Mode.PAPER).newState(q.layout(), 1).step(q, x);
        assertTrue(step.values() >= 1);
        assertTrue(q.value(x) < q.value(start));
    }

    /** Quirk 1: the code's bias correction uses t + 1; the paper mode's first trial is x₀ − 1.1 g/(|g| + ε). */
    @Test
    void thePaperModeUsesAdamsBiasCorrection() {
        double[] x0 = {1, 1, 1, 1};
        double[] g = new double[4];
        StochasticTesting.specQuadratic().valueAndGradient(x0, g);
        for (Salsa.Mode mode : Salsa.Mode.values()) {
            StochasticTesting.Probe f = shiftedQuadratic();
            Salsa.defaults().withMode(mode).newState(f.layout(), 1).step(f, x0.clone());
            for (int i = 0; i < 4; i++) {
                // v̂ = (1 − β₂) g² / (1 − β₂ᵉ): e = 1 gives g², e = 2 gives g²/(1 + β₂)
                double vHat = mode == Salsa.Mode.PAPER ? g[i] * g[i] : 0.001 * g[i] * g[i] / (1 - 0.999 * 0.999);
                double expected = x0[i] - 1.1 * g[i] / (Math.sqrt(vHat) + 1e-8);
                assertEquals(expected, f.firstTrial[i], 1e-12, mode + ", entry " + i);
            }
        }
    }

    /** Quirk 5 and the failure modes: NaN trials backtrack; 100 failures stay at the last trial (code) or at x₀ (paper). */
    @Test
    void nonFiniteTrialsBacktrackAndAFailedSearchStaysOrReturns() {
        StochasticTesting.Probe f = shiftedQuadratic();
        double[] x0 = {1, 1, 1, 1};
        double[] x = x0.clone();
        BatchStep step = Salsa.defaults().newState(f.layout(), 1)
                .step(StochasticTesting.nanOutside(shiftedQuadratic(), x0, 0.2), x);
        assertTrue(step.events().contains(StepEvent.BACKTRACKED));
        assertFalse(step.events().contains(StepEvent.SEARCH_FAILED));
        assertTrue(f.value(x) < f.value(x0));
        for (Salsa.Mode mode : Salsa.Mode.values()) {
            x = x0.clone();
            Salsa.State state = (Salsa.State) Salsa.defaults().withMode(mode).newState(f.layout(), 1);
            step = state.step(StochasticTesting.nanOutside(shiftedQuadratic(), x0, 0), x);
            assertEquals(Salsa.MAX_TRIALS, step.values());
            assertTrue(step.events().contains(StepEvent.SEARCH_FAILED));
            assertEquals(1.1 * Math.pow(0.8, 100), state.stepSize(), 1e-20);
            if (mode == Salsa.Mode.PAPER) {
                assertArrayEquals(x0, x, 0, "the paper mode takes no step");
                assertEquals(0, step.rates()[0]);
            } else {
                assertFalse(Arrays.equals(x0, x), "the code keeps the last, tiny trial");
                assertEquals(1.1 * Math.pow(0.8, 99), step.rates()[0], 1e-20);
                double moved = 0;
                for (int i = 0; i < 4; i++) {
                    moved = Math.max(moved, Math.abs(x[i] - x0[i]));
                }
                assertTrue(moved < 1e-8, "tiny: " + moved);
            }
        }
    }

    @Test
    void aZeroGradientTakesNoStepInEitherMode() {
        ParameterLayout layout = ParameterLayout.single(3);
        double[][] a = {{2, 0, 0}, {0, 1, 0}, {0, 0, 3}};
        Objective flat = StochasticTesting.shifted(new Quadratic(a, new double[3], layout), 0.5); // ∇f(0) = 0
        for (Salsa.Mode mode : Salsa.Mode.values()) {
            StochasticState state = Salsa.defaults().withMode(mode).newState(layout, 1);
            double[] x = new double[3];
            for (int t = 0; t < 12; t++) {
                BatchStep step = state.step(flat, x);
                assertEquals(0, step.values(), mode + ": s = 0 < 1e-8, no search");
                assertTrue(step.events().contains(StepEvent.SEARCH_SKIPPED));
            }
            assertArrayEquals(new double[3], x, 0, mode + ": m = 0, no move");
        }
    }

    @Test
    void decoupledWeightDecayShrinksByTheStoredStepSize() {
        ParameterLayout layout = ParameterLayout.single(2);
        Objective zero = StochasticTesting.shifted(new Quadratic(new double[2][2], new double[2], layout), 1);
        double[] x = {2, -4};
        Salsa.defaults().withWeightDecay(0.01).newState(layout, 1).step(zero, x); // g = 0: only the decay moves x
        assertArrayEquals(new double[] {2 - 0.01 * 1 * 2, -4 + 0.01 * 1 * 4}, x, 1e-15);
    }

    @Test
    void runsAreDeterministicForASeed() {
        ParameterLayout layout = ParameterLayout.single(5);
        StochasticTesting.RowLeastSquares data = new StochasticTesting.RowLeastSquares(60, layout, new SplittableRandom(2));
        double[][] finals = new double[2][];
        for (int k = 0; k < 2; k++) {
            StochasticTrainer trainer = new StochasticTrainer(Salsa.defaults(), new BatchSchedule(6, 4, 7, false), 2,
                    Double.POSITIVE_INFINITY, 1);
            StochasticResult r = trainer.train(data, new double[5], null, null);
            assertEquals(StochasticTermination.EPOCHS_DONE, r.termination());
            assertTrue(r.last().trainObjective() < 0.5 * data.full().value(new double[5]), "progress");
            finals[k] = r.x();
        }
        assertArrayEquals(finals[0], finals[1], 0, "same seed, same bits");
    }

    @Test
    void invalidConfigurationsAreRejectedWithMessages() {
        assertMessage("Salsa: sufficientDecrease must be in (0, 1), got 0.0",
                () -> new Salsa(1, 0, 0.9, 0.999, 0.9, true, 0, Salsa.Mode.CODE_PARITY));
        assertMessage("Salsa: beta2 must be in [0, 1), got 1.0",
                () -> new Salsa(1, 0.5, 0.9, 1, 0.9, true, 0, Salsa.Mode.CODE_PARITY));
        assertMessage("Salsa: beta3 must be in [0, 1), got -0.1",
                () -> new Salsa(1, 0.5, 0.9, 0.999, -0.1, true, 0, Salsa.Mode.CODE_PARITY));
        assertMessage("Salsa: initialStep must be finite and > 0, got 0.0",
                () -> new Salsa(0, 0.5, 0.9, 0.999, 0.9, true, 0, Salsa.Mode.CODE_PARITY));
        assertMessage("Salsa: weightDecay must be finite and >= 0, got -1.0", () -> Salsa.defaults().withWeightDecay(-1));
        assertMessage("Salsa: mode must not be null", () -> Salsa.defaults().withMode(null));
        assertEquals("salsa(initialStep=1, sufficientDecrease=0.5, beta1=0.9, beta2=0.999, beta3=0.9, mode=code)",
                Salsa.defaults().describe());
        assertEquals("salsa(initialStep=1, sufficientDecrease=0.5, beta1=0.9, beta2=0.999, beta3=0.9, cadence=false,"
                + " weightDecay=0.01, mode=paper)",
                Salsa.defaults().withMode(Salsa.Mode.PAPER).withCadence(false).withWeightDecay(0.01).describe());
    }
}
