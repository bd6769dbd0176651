package org.planesearch.core.direction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.stochastic.BatchSchedule;
import org.planesearch.core.stochastic.BatchStep;
import org.planesearch.core.stochastic.FixedRate;
import org.planesearch.core.stochastic.FullBatch;
import org.planesearch.core.stochastic.StochasticResult;
import org.planesearch.core.stochastic.StochasticState;
import org.planesearch.core.stochastic.StochasticTrainer;
import org.planesearch.core.testing.Quadratic;

/** Per-layer AdaGrad-Norm: one layer is AdaGrad-Norm bit for bit; several layers accumulate apart. */
class LayerAdaGradNormTest {

    private static ParameterLayout twoLayers() {
        return ParameterLayout.builder().layer("first").add("a", false, 2).layer("second").add("b", false, 2).build();
    }

    @Test
    void withOneLayerItIsAdaGradNormBitForBit() {
        SplittableRandom rng = new SplittableRandom(4);
        ParameterLayout layout = ParameterLayout.single(7);
        AdaGradNorm.State global = (AdaGradNorm.State) new AdaGradNorm(0.3).newState(layout);
        LayerAdaGradNorm.State layered = (LayerAdaGradNorm.State) new LayerAdaGradNorm(0.3).newState(layout);
        double[] g = new double[7];
        double[] d1 = new double[7];
        double[] d2 = new double[7];
        for (int k = 0; k < 50; k++) {
            for (int i = 0; i < 7; i++) {
                g[i] = Quadratic.gaussian(rng) * Math.pow(10, (k % 7) - 3);
            }
            global.direction(null, g, d1);
            layered.direction(null, g, d2);
            assertArrayEquals(d1, d2, 0, "step " + k);
            assertEquals(global.scale(), layered.scales()[0], 0);
        }
    }

    /** §B.6 through mini-batch training: one layer, η = 1, b₀ = 0.1 and 100: f₂₀₀ as AdaGrad-Norm's. */
    @Test
    void withOneLayerItReproducesTheAdaGradNormParityVectors() {
        double[][] expected = {{0.1, -4.0130076347}, {100, -2.9984702654}};
        for (double[] e : expected) {
            Quadratic q = Quadratic.of(new double[][] {{4, 1, .5, 0}, {1, 3, 0, .2}, {.5, 0, .5, .1}, {0, .2, .1, .25}},
                    new double[] {1, -2, .5, 1});
            StochasticTrainer trainer = new StochasticTrainer(new FixedRate(new LayerAdaGradNorm(e[0]), 1, 0),
                    new BatchSchedule(1, 200, 1, false), 200, Double.POSITIVE_INFINITY, 1);
            StochasticResult r = trainer.train(new FullBatch(q, 1), new double[] {1, 1, 1, 1}, null, null);
            assertEquals(e[1], r.last().trainObjective(), 1e-9);
        }
    }

    @Test
    void eachLayerAccumulatesItsOwnGradientsAndNeverDecreases() {
        Quadratic q = new Quadratic(new double[][] {{4, 1, .5, 0}, {1, 3, 0, .2}, {.5, 0, .5, .1}, {0, .2, .1, .25}},
                new double[] {1, -2, .5, 1}, twoLayers());
        double b0 = 0.1;
        LayerAdaGradNorm.State state = (LayerAdaGradNorm.State) new LayerAdaGradNorm(b0).newState(q.layout());
        double[] x = {1, 1, 1, 1};
        double[] g = new double[4];
        double[] d = new double[4];
        double[] sums = {b0 * b0, b0 * b0};
        double[] previous = {b0, b0};
        assertArrayEquals(previous, state.scales(), 0, "b₀ before the first direction");
        for (int k = 0; k < 100; k++) {
            q.valueAndGradient(x, g);
            state.direction(x, g, d);
            sums[0] += g[0] * g[0] + g[1] * g[1];
            sums[1] += g[2] * g[2] + g[3] * g[3];
            double[] b = state.scales();
            for (int l = 0; l < 2; l++) {
                assertEquals(Math.sqrt(sums[l]), b[l], 1e-12 * b[l], "b_l² = b₀² + Σ‖g_l‖² at step " + k);
                assertTrue(b[l] >= previous[l], "b_l is non-decreasing");
                for (int i = 2 * l; i < 2 * l + 2; i++) {
                    assertEquals(-g[i] / b[l], d[i], 1e-15 * Math.abs(d[i]) + 1e-300, "d_l = −g_l/b_l");
                }
            }
            previous = b;
            for (int i = 0; i < 4; i++) {
                x[i] += d[i];
            }
        }
        assertTrue(previous[0] != previous[1], "the layers have accumulators of their own");
        assertTrue(q.value(x) - q.minimum() < 1e-3, "converges with η = 1: " + q.value(x));
        state.reset();
        assertArrayEquals(new double[] {b0, b0}, state.scales(), 0);
    }

    @Test
    void fixedRateReportsOneLearningRatePerLayer() {
        Quadratic q = new Quadratic(new double[][] {{4, 1, .5, 0}, {1, 3, 0, .2}, {.5, 0, .5, .1}, {0, .2, .1, .25}},
                new double[] {1, -2, .5, 1}, twoLayers());
        StochasticState state = new FixedRate(LayerAdaGradNorm.defaults(), 0.5, 0).newState(q.layout(), 1);
        assertArrayEquals(new String[] {"first learning rate", "second learning rate"}, state.rateNames());
        double[] x = {1, 1, 1, 1};
        double[] g = new double[4];
        q.valueAndGradient(x, g);
        BatchStep step = state.step(q, x);
        double b1 = Math.sqrt(0.01 + g[0] * g[0] + g[1] * g[1]);
        double b2 = Math.sqrt(0.01 + g[2] * g[2] + g[3] * g[3]);
        assertArrayEquals(new double[] {0.5 / b1, 0.5 / b2}, step.rates(), 1e-15);
        // a global direction keeps the single learning rate
        StochasticState plain = new FixedRate(AdaGradNorm.defaults(), 0.5, 0).newState(q.layout(), 1);
        assertArrayEquals(new String[] {"learning rate"}, plain.rateNames());
        assertArrayEquals(new double[] {0.5}, plain.step(q, new double[] {1, 1, 1, 1}).rates(), 0);
    }

    @Test
    void rangedKernelsMatchTheWholeArrayOnes() {
        double[] x = {3e200, -4e200, 1, 2, 0, -7};
        double[] slice = {1, 2, 0};
        assertEquals(Vec.nrm2(slice), Vec.nrm2(x, 2, 3), 0);
        assertEquals(5e200, Vec.nrm2(x, 0, 2), 1e186, "no overflow");
        double[] out = new double[6];
        Vec.scale(-2, x, out, 2, 3);
        assertArrayEquals(new double[] {0, 0, -2, -4, -0.0, 0}, out, 0);
        assertMessage("range [4, 8) is outside an array of length 6", () -> Vec.nrm2(x, 4, 4));
    }

    @Test
    void invalidConfigurationsAreRejectedWithMessages() {
        assertMessage("LayerAdaGradNorm: initialScale must be finite and > 0, got 0.0", () -> new LayerAdaGradNorm(0));
        assertMessage("LayerAdaGradNorm: initialScale must be finite and > 0, got NaN", () -> new LayerAdaGradNorm(Double.NaN));
        assertEquals("layeradagradnorm(initialScale=0.1)", LayerAdaGradNorm.defaults().describe());
    }
}
