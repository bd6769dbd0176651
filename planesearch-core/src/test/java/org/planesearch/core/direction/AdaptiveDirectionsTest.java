package org.planesearch.core.direction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.Optimizer;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.Termination;
import org.planesearch.core.optim.TestRules;
import org.planesearch.core.stepsize.FixedStep;
import org.planesearch.core.testing.Quadratic;

/** Adam and AdaGrad-Norm against hand-computed values and the spec's parity vectors. */
class AdaptiveDirectionsTest {

    private static final double[][] ADAM_GRADIENTS = {{1, -2, 0.5}, {-0.5, 1, 0.25}, {0.3, -0.1, -2.0}};

    /**
     * d_t = −m̂/(√v̂ + ε) for β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and the gradients above, computed by
     * hand (numpy) from Kingma and Ba's Algorithm 1. Step 1 is −g/(|g| + ε) exactly.
     */
    private static final double[][] ADAM_EXPECTED = {
        {-0.9999999900000002, 0.999999995, -0.9999999800000003},
        {-0.2663370362909683, 0.2663370379756845, -0.9321796152253761},
        {-0.3645276198845306, 0.2342391056066107, 0.42146205011380605},
    };

    @Test
    void adamMatchesHandComputedDirections() {
        Adam.State state = (Adam.State) Adam.defaults().newState(ParameterLayout.single(3));
        double[] d = new double[3];
        for (int t = 0; t < 3; t++) {
            state.direction(null, ADAM_GRADIENTS[t], d);
            for (int i = 0; i < 3; i++) {
                assertEquals(ADAM_EXPECTED[t][i], d[i], 1e-14, "step " + (t + 1) + ", entry " + i);
            }
        }
        assertEquals(3, state.steps());
        state.reset();
        assertEquals(0, state.steps());
        state.direction(null, ADAM_GRADIENTS[1], d);
        assertEquals(0.5 / (0.5 + 1e-8), d[0], 1e-15);
        assertEquals(-1 / (1 + 1e-8), d[1], 1e-15);
    }

    @Test
    void adamWithLineOptimizationConvergesOnAQuadratic() {
        Quadratic q = TestRules.specQuadratic();
        OptimizationResult r = new Optimizer(Adam.defaults(), new TestRules.ExactLine(),
                StopCriterion.gradientNorm(1e-8).or(StopCriterion.maxIterations(2000))).minimize(q, new double[] {1, 1, 1, 1});
        assertEquals(Termination.GRADIENT_NORM, r.termination(), r::toString);
        assertEquals(q.minimum(), r.value(), 1e-12);
    }

    @Test
    void adaGradNormReproducesTheSpecParityVectors() {
        // layer-wise spec §B.6: η = 1 (a fixed step of 1), the §A.8 quadratic, x₀ = 1
        checkParity(0.1, 7.6982140786, -0.3799144432, 8.9108250497, -2.2845464188, -4.0130076347);
        checkParity(100, 100.2958249380, 4.5968419257, 101.2472065732, 2.7362878205, -2.9984702654);
    }

    private static void checkParity(double b0, double b1, double f1, double b5, double f5, double f200) {
        Quadratic q = TestRules.specQuadratic();
        // b_k from the state, driven by hand: x ← x + d
        AdaGradNorm.State state = (AdaGradNorm.State) new AdaGradNorm(b0).newState(q.layout());
        double[] x = {1, 1, 1, 1};
        double[] g = new double[4];
        double[] d = new double[4];
        List<Double> scales = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            q.valueAndGradient(x, g);
            state.direction(x, g, d);
            for (int i = 0; i < 4; i++) {
                x[i] += d[i];
            }
            scales.add(state.scale());
        }
        assertEquals(b1, scales.get(0), 1e-9);
        assertEquals(b5, scales.get(4), 1e-9);
        for (int k = 1; k < scales.size(); k++) {
            assertTrue(scales.get(k) >= scales.get(k - 1), "b_k is non-decreasing");
        }
        // f_k through the optimizer with a fixed step η = 1
        List<Double> f = new ArrayList<>();
        new Optimizer(new AdaGradNorm(b0), new FixedStep(1.0), StopCriterion.maxIterations(200))
                .minimize(q, new double[] {1, 1, 1, 1}, r -> f.add(r.value()));
        assertEquals(f1, f.get(1), 1e-9);
        assertEquals(f5, f.get(5), 1e-9);
        assertEquals(f200, f.get(200), 1e-9);
    }

    @Test
    void adaGradNormIsRobustToItsInitialScaleWhereAFixedStepIsNot() {
        Quadratic q = TestRules.specQuadratic();
        double[] x0 = {1, 1, 1, 1};
        StopCriterion stop = StopCriterion.gradientNorm(1e-6).or(StopCriterion.maxIterations(20_000));
        for (double b0 : new double[] {1e-3, 1e-2, 1e-1, 1, 10}) {
            OptimizationResult ada = new Optimizer(new AdaGradNorm(b0), new FixedStep(1.0), stop).minimize(q, x0);
            assertEquals(Termination.GRADIENT_NORM, ada.termination(), "b0 = " + b0 + ": " + ada);
            if (b0 < 0.4) { // 1/b0 > 2/L: gradient descent with that step diverges
                OptimizationResult gd = new Optimizer(Gradient.defaults(), new FixedStep(1 / b0), stop).minimize(q, x0);
                assertEquals(Termination.NON_FINITE, gd.termination(), "b0 = " + b0 + ": " + gd);
            }
        }
    }

    @Test
    void invalidConfigurationsAreRejectedWithMessages() {
        assertMessage("Adam: beta1 must be in [0, 1), got 1.0", () -> new Adam(1, 0.999, 1e-8));
        assertMessage("Adam: beta2 must be in [0, 1), got -0.5", () -> new Adam(0.9, -0.5, 1e-8));
        assertMessage("Adam: epsilon must be finite and > 0, got 0.0", () -> new Adam(0.9, 0.999, 0));
        assertMessage("AdaGradNorm: initialScale must be finite and > 0, got 0.0", () -> new AdaGradNorm(0));
        assertMessage("AdaGradNorm: initialScale must be finite and > 0, got Infinity",
                () -> new AdaGradNorm(Double.POSITIVE_INFINITY));
        assertEquals("adam(beta1=0.9, beta2=0.999, epsilon=1e-8)", Adam.defaults().describe());
        assertEquals("adagradnorm(initialScale=0.1)", AdaGradNorm.defaults().describe());
    }
}
