package org.planesearch.core.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.direction.AdaGradNorm;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.direction.HeavyBall;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.CurvatureKind;
import org.planesearch.core.objective.LayerCurvature;
import org.planesearch.core.testing.Quadratic;

/**
 * Layer-wise curvature steps and AdaGrad-Norm on the spec's quadratics ("layerwise-and-adaptive-
 * steps" §A.8, §B.6 parity vectors; the coupled-layers divergence case of §A.2).
 */
class LayerwiseCurvatureTest {

    /** The spec's 4-D quadratic, f = ½xᵀAx − bᵀx, layers {0, 1} and {2, 3}. */
    private static Quadratic specQuadratic() {
        double[][] a = {{4, 1, .5, 0}, {1, 3, 0, .2}, {.5, 0, .5, .1}, {0, .2, .1, .25}};
        double[] b = {1, -2, .5, 1};
        ParameterLayout layout = ParameterLayout.builder().layer("first").add("a", false, 2).layer("second")
                .add("b", false, 2).build();
        return new Quadratic(a, b, layout);
    }

    private static LayerwiseCurvature exact(boolean coupling) {
        return new LayerwiseCurvature(new Gradient(), CurvatureKind.HESSIAN, 0, 1e6, 0, false, 1, 1e-3, 0, coupling, false);
    }

    @Test
    void reproducesTheSpecParityVectorWithExactBlocks() {
        Quadratic q = specQuadratic();
        StochasticState state = exact(false).newState(q.layout(), 1);
        double[] x = {1, 1, 1, 1};
        double[][] alphas = {{0.2327859749, 3.1847133758}, {0.3388031975, 1.9887153629}, {0.2186684615, 2.6407005740}};
        double[] fs = {-1.9646506378, -3.3429861450, -3.7878437457};
        for (int k = 0; k < 3; k++) {
            BatchStep step = state.step(q, x);
            assertEquals(alphas[k][0], step.rates()[0], 1e-9, "alpha_1 at iteration " + (k + 1));
            assertEquals(alphas[k][1], step.rates()[1], 1e-9, "alpha_2 at iteration " + (k + 1));
            assertEquals(fs[k], q.value(x), 1e-9, "f at iteration " + (k + 1));
        }
    }

    @Test
    void eachLayerRateIsTheExactMinimiserOfItsBlockModel() {
        SplittableRandom rng = new SplittableRandom(7);
        Quadratic base = Quadratic.randomSpd(6, 50, rng);
        ParameterLayout layout = ParameterLayout.builder().layer("l1").add("a", false, 2).layer("l2").add("b", false, 3)
                .layer("l3").add("c", false, 1).build();
        Quadratic q = base.withLayout(layout);
        double[] x = new double[6];
        for (int i = 0; i < 6; i++) {
            x[i] = rng.nextDouble() - 0.5;
        }
        double[] g = new double[6];
        q.valueAndGradient(x, g);
        double[][] a = q.matrix();
        double[] expected = new double[3];
        for (int l = 0; l < 3; l++) {
            ParameterLayout.Layer layer = layout.layer(l);
            double num = 0;
            double den = 0;
            for (int i = layer.offset(); i < layer.end(); i++) {
                num += g[i] * g[i];
                for (int j = layer.offset(); j < layer.end(); j++) {
                    den += g[i] * a[i][j] * g[j];
                }
            }
            expected[l] = num / den;
        }
        BatchStep step = exact(false).newState(layout, 1).step(q, x.clone());
        for (int l = 0; l < 3; l++) {
            assertEquals(expected[l], step.rates()[l], 1e-12 * expected[l], "layer " + l);
            // the block model's derivative vanishes there: −g_lᵀg_l + α g_lᵀH_ll g_l = 0
        }
    }

    /** H = 0.1 I + 0.9·11ᵀ in 3-D, three 1-D layers: independent exact layer steps diverge, the safeguard does not. */
    @Test
    void coupledLayersDivergeWithoutTheSafeguardAndConvergeWithIt() {
        double[][] h = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                h[i][j] = (i == j ? 0.1 : 0) + 0.9;
            }
        }
        ParameterLayout layout = ParameterLayout.builder().layer("l1").add("a", false, 1).layer("l2").add("b", false, 1)
                .layer("l3").add("c", false, 1).build();
        Quadratic q = new Quadratic(h, new double[3], layout);
        double[] start = {1, 1, 1};
        double[] x = start.clone();
        StochasticState loose = exact(false).newState(layout, 1);
        double[] f = new double[6];
        f[0] = q.value(x);
        for (int k = 1; k < 6; k++) {
            loose.step(q, x);
            f[k] = q.value(x);
        }
        for (int k = 1; k < 6; k++) {
            assertTrue(f[k] > 3 * f[k - 1], "without the safeguard f grows about 3.2× per step: " + java.util.Arrays.toString(f));
        }
        x = start.clone();
        StochasticState guarded = exact(true).newState(layout, 1);
        double previous = q.value(x);
        int shrunk = 0;
        for (int k = 0; k < 50; k++) {
            BatchStep step = guarded.step(q, x);
            shrunk += step.events().contains(StepEvent.COUPLING_SHRUNK) ? 1 : 0;
            double now = q.value(x);
            assertTrue(now <= previous + 1e-15, "the safeguarded run never increases f (step " + k + ")");
            previous = now;
        }
        assertTrue(previous < 1e-6 * q.value(start), "the safeguarded run converges, f = " + previous);
        assertTrue(shrunk > 0, "the safeguard fired");
    }

    @Test
    void averagingKeepsRatesFiniteAndTheRunDescendsOnAStronglyConvexQuadratic() {
        SplittableRandom rng = new SplittableRandom(3);
        ParameterLayout layout = ParameterLayout.builder().layer("l1").add("a", false, 5).layer("l2").add("b", false, 5).build();
        Quadratic q = Quadratic.randomSpd(10, 100, rng).withLayout(layout);
        double[] x = new double[10];
        java.util.Arrays.fill(x, 1);
        StochasticTrainer trainer = new StochasticTrainer(LayerwiseCurvature.defaults(HeavyBall.defaults()),
                new BatchSchedule(1, 300, 1, false), 50, Double.POSITIVE_INFINITY, 1);
        StochasticResult r = trainer.train(new FullBatch(q, 1), x, null, null);
        assertEquals(StochasticTermination.EPOCHS_DONE, r.termination());
        assertTrue(r.last().trainObjective() - q.minimum() < 1e-6 * (q.value(x) - q.minimum()),
                "heavy ball + layer-wise steps reach the minimum: " + r.last().trainObjective() + " vs " + q.minimum());
    }

    @Test
    void negativeCurvatureKeepsThePreviousRate() {
        double[][] a = {{-1, 0}, {0, 2}};
        ParameterLayout layout = ParameterLayout.builder().layer("l1").add("a", false, 1).layer("l2").add("b", false, 1).build();
        Quadratic q = new Quadratic(a, new double[] {0, 0}, layout);
        BatchStep step = exact(false).newState(layout, 1).step(q, new double[] {1, 1});
        assertTrue(step.events().contains(StepEvent.KEPT_PREVIOUS_RATE));
        assertEquals(1e-3, step.rates()[0], 0, "the initial rate for the negative-curvature layer");
        assertEquals(0.5, step.rates()[1], 1e-15, "1/2 for the positive layer");
    }

    @Test
    void hessianBlocksByProductsAreSymmetricAndMatchTheMatrix() {
        Quadratic q = specQuadratic();
        double[] p = {0.3, -1, 2, 0.5};
        double[] c = new double[4];
        LayerCurvature.byHessianProducts(q, q.layout(), new double[4], p, c);
        double[][] a = q.matrix();
        List<int[]> layers = List.of(new int[] {0, 2}, new int[] {2, 4});
        for (int l = 0; l < 2; l++) {
            for (int m = 0; m < 2; m++) {
                double s = 0;
                for (int i = layers.get(l)[0]; i < layers.get(l)[1]; i++) {
                    for (int j = layers.get(m)[0]; j < layers.get(m)[1]; j++) {
                        s += p[i] * a[i][j] * p[j];
                    }
                }
                assertEquals(s, c[l * 2 + m], 1e-14);
            }
        }
    }

    /** Full batch on Rosenbrock (two 1-D layers): with the adaptive damping a step that would raise f is undone. */
    @Test
    void adaptiveDampingNeverLetsTheFullBatchObjectiveRise() {
        ParameterLayout layout = ParameterLayout.builder().layer("x").add("x", false, 1).layer("y").add("y", false, 1).build();
        org.planesearch.core.testing.Rosenbrock f = new org.planesearch.core.testing.Rosenbrock(layout);
        for (boolean previous : new boolean[] {false, true}) {
            LayerwiseCurvature rule = new LayerwiseCurvature(new HeavyBall(0.5), CurvatureKind.HESSIAN, 0.5, 10, 1e-3, true, 1,
                    1e-3, 0, true, previous);
            StochasticState state = rule.newState(layout, 1);
            double[] x = {-1.2, 1};
            double last = f.value(x);
            for (int k = 0; k < 500; k++) {
                state.step(f, x);
                double now = f.value(x);
                assertTrue(now <= last, "f rose at step " + k + ": " + last + " -> " + now);
                last = now;
            }
            assertTrue(last < 0.5 * f.value(new double[] {-1.2, 1}), "progress: f = " + last);
        }
    }

    /** §B.6: η = 1 with b₀ = 0.1 and b₀ = 100, deterministic gradients. */
    @Test
    void adaGradNormMatchesTheSpecParityVectors() {
        double[][] expected = {{0.1, 7.6982140786, -0.3799144432, 8.9108250497, -2.2845464188, -4.0130076347},
                {100, 100.2958249380, 4.5968419257, 101.2472065732, 2.7362878205, -2.9984702654}};
        for (double[] e : expected) {
            Quadratic q = specQuadratic();
            AdaGradNorm rule = new AdaGradNorm(e[0]);
            AdaGradNorm.State direction = (AdaGradNorm.State) rule.newState(q.layout());
            double[] x = {1, 1, 1, 1};
            double[] g = new double[4];
            double[] d = new double[4];
            for (int k = 1; k <= 200; k++) {
                q.valueAndGradient(x, g);
                direction.direction(x, g, d);
                for (int i = 0; i < 4; i++) {
                    x[i] += d[i];
                }
                if (k == 1) {
                    assertEquals(e[1], direction.scale(), 1e-9, "b_1");
                    assertEquals(e[2], q.value(x), 1e-9, "f_1");
                } else if (k == 5) {
                    assertEquals(e[3], direction.scale(), 1e-9, "b_5");
                    assertEquals(e[4], q.value(x), 1e-9, "f_5");
                }
            }
            assertEquals(e[5], q.value(x), 1e-9, "f_200");
        }
    }

    @Test
    void fixedRateAdaGradNormIsTheSameRunThroughTheTrainer() {
        Quadratic q = specQuadratic();
        StochasticTrainer trainer = new StochasticTrainer(new FixedRate(new AdaGradNorm(0.1), 1, 0),
                new BatchSchedule(1, 200, 1, false), 200, Double.POSITIVE_INFINITY, 1);
        StochasticResult r = trainer.train(new FullBatch(q, 1), new double[] {1, 1, 1, 1}, null, null);
        assertEquals(-4.0130076347, r.last().trainObjective(), 1e-9);
        assertEquals(200, r.steps());
    }
}
