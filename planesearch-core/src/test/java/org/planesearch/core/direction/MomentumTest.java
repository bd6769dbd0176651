package org.planesearch.core.direction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.optim.IterationRecord;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.Optimizer;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.TestRules;
import org.planesearch.core.stepsize.FixedStep;
import org.planesearch.core.stepsize.StepRule;
import org.planesearch.core.testing.Quadratic;

/** Heavy ball and Nesterov with a fixed step are the classic methods, written independently here. */
class MomentumTest {

    private static final int N = 8;
    private static final Quadratic Q = Quadratic.randomSpd(N, 20, new SplittableRandom(5));
    private static final double ALPHA = 0.05;
    private static final double BETA = 0.7;
    private static final int ITERATIONS = 40;
    /** A fixed step that takes non-descent directions as they are (the classic methods do). */
    private static final StepRule FIXED = new TestRules.TakesAnyDirection(new FixedStep(ALPHA));

    private static double[] start() {
        double[] x0 = new double[N];
        for (int i = 0; i < N; i++) {
            x0[i] = 1.0 + i;
        }
        return x0;
    }

    private static List<Double> values(Optimizer opt) {
        List<Double> f = new ArrayList<>();
        OptimizationResult r = opt.minimize(Q, start(), (IterationRecord rec) -> f.add(rec.value()));
        assertEquals(ITERATIONS, r.iterations());
        assertEquals(0, r.directionFallbacks());
        return f;
    }

    private static double[] gradient(double[] x) {
        double[] g = new double[N];
        Q.valueAndGradient(x, g);
        return g;
    }

    @Test
    void heavyBallWithAFixedStepIsPolyaksRecursion() {
        List<Double> ours = values(new Optimizer(new HeavyBall(BETA), FIXED,
                StopCriterion.maxIterations(ITERATIONS)));
        // x_{k+1} = x_k − α ∇f(x_k) + β (x_k − x_{k−1}),  x_{−1} = x_0
        double[] previous = start();
        double[] x = start();
        assertEquals(Q.value(x), ours.get(0), 0);
        for (int k = 1; k <= ITERATIONS; k++) {
            double[] g = gradient(x);
            double[] next = new double[N];
            for (int i = 0; i < N; i++) {
                next[i] = x[i] - ALPHA * g[i] + BETA * (x[i] - previous[i]);
            }
            previous = x;
            x = next;
            assertEquals(Q.value(x), ours.get(k), 1e-12 * Math.max(1, Math.abs(Q.value(x))), "iteration " + k);
        }
        assertTrue(ours.get(ITERATIONS) < ours.get(0));
    }

    @Test
    void nesterovWithAFixedStepIsSutskeversLookAheadIterate() {
        List<Double> ours = values(new Optimizer(new Nesterov(BETA), FIXED,
                StopCriterion.maxIterations(ITERATIONS)));
        // Sutskever et al. (2013) eq. (3)–(4): v_{k+1} = μ v_k − ε ∇f(θ_k + μ v_k), θ_{k+1} = θ_k + v_{k+1};
        // PyTorch's iterate is the look-ahead point φ_k = θ_k + μ v_k.
        double[] theta = start();
        double[] v = new double[N];
        for (int k = 1; k <= ITERATIONS; k++) {
            double[] lookAhead = theta.clone();
            Vec.axpy(BETA, v, lookAhead);
            double[] g = gradient(lookAhead);
            for (int i = 0; i < N; i++) {
                v[i] = BETA * v[i] - ALPHA * g[i];
                theta[i] += v[i];
            }
            double[] phi = theta.clone();
            Vec.axpy(BETA, v, phi);
            assertEquals(Q.value(phi), ours.get(k), 1e-12 * Math.max(1, Math.abs(Q.value(phi))), "iteration " + k);
        }
    }

    @Test
    void momentumPointsUphillOnSomeIterationsSoTheDescentCheckMattersHere() {
        // in the classic recursion, d_k = −v_k = (x_{k+1} − x_k)/α; count ⟨g_k, d_k⟩ ≥ 0
        double[] previous = start();
        double[] x = start();
        int uphill = 0;
        for (int k = 0; k < ITERATIONS; k++) {
            double[] g = gradient(x);
            double[] next = new double[N];
            for (int i = 0; i < N; i++) {
                next[i] = x[i] - ALPHA * g[i] + BETA * (x[i] - previous[i]);
            }
            double slope = 0;
            for (int i = 0; i < N; i++) {
                slope += g[i] * (next[i] - x[i]);
            }
            uphill += slope >= 0 ? 1 : 0;
            previous = x;
            x = next;
        }
        assertTrue(uphill > 0);
        // a fixed-step rule that requires descent replaces those directions by −g
        OptimizationResult checked = new Optimizer(new HeavyBall(BETA), new TestRules.Scripted(ALPHA),
                StopCriterion.maxIterations(ITERATIONS)).minimize(Q, start());
        assertTrue(checked.directionFallbacks() > 0);
    }

    @Test
    void zeroMomentumIsTheGradient() {
        double[] g = {1, -2, 3};
        double[] d1 = new double[3];
        double[] d2 = new double[3];
        DirectionState hb = new HeavyBall(0).newState(ParameterLayout.single(3));
        DirectionState nag = new Nesterov(0).newState(ParameterLayout.single(3));
        for (int k = 0; k < 3; k++) {
            hb.direction(null, g, d1);
            nag.direction(null, g, d2);
            for (int i = 0; i < 3; i++) {
                assertEquals(-g[i], d1[i], 0);
                assertEquals(-g[i], d2[i], 0);
            }
        }
    }

    @Test
    void bufferAccumulatesAndResetClearsIt() {
        DirectionState hb = new HeavyBall(0.5).newState(ParameterLayout.single(1));
        DirectionState nag = new Nesterov(0.5).newState(ParameterLayout.single(1));
        double[] d = new double[1];
        hb.direction(null, new double[] {2}, d); // v = 2
        assertEquals(-2, d[0], 0);
        hb.direction(null, new double[] {4}, d); // v = 1 + 4
        assertEquals(-5, d[0], 0);
        hb.reset();
        hb.direction(null, new double[] {4}, d);
        assertEquals(-4, d[0], 0);
        nag.direction(null, new double[] {2}, d); // v = 2, d = −(2 + 1)
        assertEquals(-3, d[0], 0);
        nag.direction(null, new double[] {4}, d); // v = 5, d = −(4 + 2.5)
        assertEquals(-6.5, d[0], 0);
    }

    @Test
    void invalidMomentumIsRejectedWithMessages() {
        assertMessage("HeavyBall: momentum must be in [0, 1), got 1.0", () -> new HeavyBall(1));
        assertMessage("HeavyBall: momentum must be in [0, 1), got -0.1", () -> new HeavyBall(-0.1));
        assertMessage("Nesterov: momentum must be in [0, 1), got NaN", () -> new Nesterov(Double.NaN));
        assertEquals("heavyball(momentum=0.9)", HeavyBall.defaults().describe());
        assertEquals("nesterov(momentum=0.9)", Nesterov.defaults().describe());
        assertEquals("gd", Gradient.defaults().describe());
    }
}
