package org.planesearch.core.direction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.Optimizer;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.Termination;
import org.planesearch.core.optim.TestRules;
import org.planesearch.core.testing.Quadratic;

/** One conformance suite over every direction rule (Optax's common tests, PyTorch's OptimizerInfo). */
class DirectionRulesTest {

    private static final int N = 12;
    private static final Quadratic Q = Quadratic.randomSpd(N, 30, new SplittableRandom(21));

    static Stream<DirectionRule> rules() {
        return Stream.of(Gradient.defaults(), HeavyBall.defaults(), Nesterov.defaults(), Lbfgs.defaults(),
                new Lbfgs(3, 0), Adam.defaults(), AdaGradNorm.defaults(), LayerAdaGradNorm.defaults());
    }

    /** Inputs of a run: gradients at random points of Q, and pairs (s, y = A s) of positive curvature. */
    private record Inputs(double[][] g, double[][] s, double[][] y) {
        static Inputs random(int steps, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] g = new double[steps][N];
            double[][] s = new double[steps][N];
            double[][] y = new double[steps][N];
            double[] x = new double[N];
            for (int k = 0; k < steps; k++) {
                for (int i = 0; i < N; i++) {
                    x[i] = Quadratic.gaussian(rng);
                    s[k][i] = 0.1 * Quadratic.gaussian(rng);
                }
                Q.valueAndGradient(x, g[k]);
                Q.hessianTimes(x, s[k], y[k]);
            }
            return new Inputs(g, s, y);
        }
    }

    /** Step k of a run: the direction for g_k, then the update with (s_k, y_k); returns d_k. */
    private static double[] step(DirectionState state, Inputs in, int k) {
        double[] d = new double[N];
        state.direction(new double[N], in.g()[k], d);
        state.update(in.s()[k], in.y()[k]);
        return d;
    }

    @ParameterizedTest
    @MethodSource("rules")
    void describesItselfAsAMethodName(DirectionRule rule) {
        assertTrue(rule.describe().matches("[a-z]+(\\([a-zA-Z0-9]+=[^,()]+(, [a-zA-Z0-9]+=[^,()]+)*\\))?"),
                rule.describe());
    }

    @ParameterizedTest
    @MethodSource("rules")
    void firstDirectionIsADescentDirection(DirectionRule rule) {
        double[] g = new double[N];
        double[] d = new double[N];
        Q.valueAndGradient(new double[N], g);
        rule.newState(Q.layout()).direction(new double[N], g, d);
        double slope = 0;
        for (int i = 0; i < N; i++) {
            slope += g[i] * d[i];
        }
        assertTrue(slope < 0, rule.describe());
    }

    @ParameterizedTest
    @MethodSource("rules")
    void twoStatesOfOneRuleAreIndependent(DirectionRule rule) {
        Inputs forA = Inputs.random(15, 1);
        Inputs forB = Inputs.random(15, 2);
        DirectionState alone = rule.newState(Q.layout());
        DirectionState a = rule.newState(Q.layout());
        DirectionState b = rule.newState(Q.layout());
        for (int k = 0; k < 15; k++) {
            double[] expected = step(alone, forA, k);
            step(b, forB, k);
            assertArrayEquals(expected, step(a, forA, k), 0, rule.describe() + " step " + k);
            if (k == 7) {
                b.reset();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("rules")
    void resetGivesTheBehaviourOfAFreshState(DirectionRule rule) {
        Inputs history = Inputs.random(7, 3);
        Inputs after = Inputs.random(10, 4);
        DirectionState used = rule.newState(Q.layout());
        for (int k = 0; k < 7; k++) {
            step(used, history, k);
        }
        used.reset();
        DirectionState fresh = rule.newState(Q.layout());
        for (int k = 0; k < 10; k++) {
            assertArrayEquals(step(fresh, after, k), step(used, after, k), 0, rule.describe() + " step " + k);
        }
    }

    @ParameterizedTest
    @MethodSource("rules")
    void directionAndUpdateAllocateNothing(DirectionRule rule) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DirectionState state = rule.newState(Q.layout());
        double[] x = new double[N];
        double[] g = new double[N];
        double[] d = new double[N];
        double[] s = new double[N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = i - 5.5;
            s[i] = 0.1 * (i + 1);
            y[i] = 0.2 * (i + 1);
        }
        for (int k = 0; k < 20_000; k++) { // warm up (JIT)
            state.direction(x, g, d);
            state.update(s, y);
        }
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int k = 0; k < 10_000; k++) {
            state.direction(x, g, d);
            state.update(s, y);
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1024, rule.describe() + " allocated " + allocated + " bytes in 10,000 iterations");
        // control: the meter does see an allocation of the same size per iteration
        long controlStart = bean.getThreadAllocatedBytes(id);
        for (int k = 0; k < 10_000; k++) {
            sink = new double[N];
        }
        assertTrue(bean.getThreadAllocatedBytes(id) - controlStart > 10_000L * N * 8);
    }

    private static volatile double[] sink;

    @ParameterizedTest
    @MethodSource("rules")
    void minimisesAQuadraticWithExactLineSearches(DirectionRule rule) {
        OptimizationResult r = new Optimizer(rule, new TestRules.ExactLine(),
                StopCriterion.gradientNorm(1e-8).or(StopCriterion.maxIterations(3000))).minimize(Q, new double[N]);
        assertEquals(Termination.GRADIENT_NORM, r.termination(), r::toString);
        assertEquals(Q.minimum(), r.value(), 1e-10 * Math.max(1, Math.abs(Q.minimum())));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void newStateRejectsANullLayout(DirectionRule rule) {
        assertMessage("layout must not be null", () -> rule.newState((ParameterLayout) null));
    }
}
