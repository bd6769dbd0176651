package org.planesearch.core.direction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.Optimizer;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.Termination;
import org.planesearch.core.optim.TestRules;
import org.planesearch.core.testing.Quadratic;

class LbfgsTest {

    /**
     * Textbook dense BFGS inverse-Hessian update (Nocedal and Wright eq. (6.17)) from H₀ = γI,
     * γ = sᵀy/yᵀy of the newest pair, applied to the pairs oldest first; returns −H g.
     */
    static double[] denseBfgsDirection(double[][] s, double[][] y, double[] g) {
        int n = g.length;
        int m = s.length;
        double gamma = dot(s[m - 1], y[m - 1]) / dot(y[m - 1], y[m - 1]);
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            h[i][i] = gamma;
        }
        for (int p = 0; p < m; p++) {
            double rho = 1 / dot(s[p], y[p]);
            double[][] v = new double[n][n]; // V = I − ρ y sᵀ
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    v[i][j] = (i == j ? 1 : 0) - rho * y[p][i] * s[p][j];
                }
            }
            double[][] next = new double[n][n]; // Vᵀ H V + ρ s sᵀ
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int a = 0; a < n; a++) {
                        for (int b = 0; b < n; b++) {
                            acc += v[a][i] * h[a][b] * v[b][j];
                        }
                    }
                    next[i][j] = acc + rho * s[p][i] * s[p][j];
                }
            }
            h = next;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -dot(h[i], g);
        }
        return d;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Random pairs with positive curvature: y = B s for a random SPD B (plus nothing else). */
    private static double[][][] randomPairs(int count, int n, SplittableRandom rng) {
        double[][] b = Quadratic.randomSpd(n, 50, rng).matrix();
        double[][] s = new double[count][n];
        double[][] y = new double[count][n];
        for (int p = 0; p < count; p++) {
            for (int i = 0; i < n; i++) {
                s[p][i] = Quadratic.gaussian(rng);
            }
            for (int i = 0; i < n; i++) {
                y[p][i] = dot(b[i], s[p]);
            }
        }
        return new double[][][] {s, y};
    }

    private static double[] gaussian(int n, SplittableRandom rng) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Quadratic.gaussian(rng);
        }
        return g;
    }

    @Test
    void twoLoopEqualsDenseBfgsFromTheSamePairs() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 6;
        double[][][] pairs = randomPairs(4, n, rng);
        double[] g = gaussian(n, rng);
        DirectionState state = Lbfgs.defaults().newState(ParameterLayout.single(n));
        for (int p = 0; p < 4; p++) {
            state.update(pairs[0][p], pairs[1][p]);
        }
        double[] d = new double[n];
        state.direction(new double[n], g, d);
        double[] expected = denseBfgsDirection(pairs[0], pairs[1], g);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], d[i], 1e-10 * Vec.nrm2(expected));
        }
    }

    @Test
    void ringBufferKeepsOnlyTheLastMemoryPairs() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 5;
        int memory = 3;
        double[][][] pairs = randomPairs(8, n, rng);
        double[] g = gaussian(n, rng);
        DirectionState state = new Lbfgs(memory, 1e-10).newState(ParameterLayout.single(n));
        for (int p = 0; p < 8; p++) {
            state.update(pairs[0][p], pairs[1][p]);
        }
        double[] d = new double[n];
        state.direction(new double[n], g, d);
        double[][] lastS = {pairs[0][5], pairs[0][6], pairs[0][7]};
        double[][] lastY = {pairs[1][5], pairs[1][6], pairs[1][7]};
        double[] expected = denseBfgsDirection(lastS, lastY, g);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], d[i], 1e-10 * Vec.nrm2(expected));
        }
        assertEquals(3, ((Lbfgs.State) state).pairs());
    }

    @Test
    void secantEquationHoldsForTheNewestPair() {
        // H y_newest = s_newest for any BFGS inverse update: direction(−y) must equal s
        SplittableRandom rng = new SplittableRandom(13);
        int n = 7;
        double[][][] pairs = randomPairs(5, n, rng);
        DirectionState state = Lbfgs.defaults().newState(ParameterLayout.single(n));
        for (int p = 0; p < 5; p++) {
            state.update(pairs[0][p], pairs[1][p]);
        }
        double[] minusY = pairs[1][4].clone();
        Vec.scal(-1, minusY);
        double[] d = new double[n];
        state.direction(new double[n], minusY, d);
        for (int i = 0; i < n; i++) {
            assertEquals(pairs[0][4][i], d[i], 1e-10 * Vec.nrm2(pairs[0][4]));
        }
    }

    @Test
    void cautiousUpdateSkipsPairsWithoutPositiveCurvature() {
        int n = 3;
        Lbfgs.State state = (Lbfgs.State) Lbfgs.defaults().newState(ParameterLayout.single(n));
        double[] g = {1, -2, 3};
        double[] d = new double[n];
        state.update(new double[] {1, 0, 0}, new double[] {-1, 0, 0}); // sᵀy < 0
        state.update(new double[] {1, 0, 0}, new double[] {0, 1, 0}); // sᵀy = 0
        state.update(new double[] {1, 0, 0}, new double[] {1e-12, 1, 0}); // cos = 1e-12 ≤ 1e-10
        state.update(new double[] {Double.NaN, 0, 0}, new double[] {1, 0, 0});
        assertEquals(0, state.pairs());
        assertEquals(4, state.skippedPairs());
        state.direction(null, g, d);
        assertEquals(-1, d[0], 0);
        assertEquals(2, d[1], 0);
        assertEquals(-3, d[2], 0);
        state.update(new double[] {1, 0, 0}, new double[] {2, 0.5, 0});
        assertEquals(1, state.pairs());
        assertEquals(1.0 * 2 / (4 + 0.25), state.initialScale(), 1e-15);
    }

    @Test
    void resetForgetsAllPairs() {
        SplittableRandom rng = new SplittableRandom(14);
        double[][][] pairs = randomPairs(3, 4, rng);
        Lbfgs.State state = (Lbfgs.State) Lbfgs.defaults().newState(ParameterLayout.single(4));
        for (int p = 0; p < 3; p++) {
            state.update(pairs[0][p], pairs[1][p]);
        }
        state.reset();
        double[] g = gaussian(4, rng);
        double[] d = new double[4];
        state.direction(null, g, d);
        for (int i = 0; i < 4; i++) {
            assertEquals(-g[i], d[i], 0);
        }
        assertEquals(0, state.pairs());
        assertEquals(1, state.initialScale(), 0);
    }

    /**
     * With exact line searches on a convex quadratic, L-BFGS (memory ≥ n) generates directions
     * parallel to conjugate gradient's and reaches the minimiser in at most n iterations (in
     * exact arithmetic; we allow n + 1).
     */
    @Property(tries = 25)
    void reachesTheOptimumOfAnSpdQuadraticInAtMostNPlusOneIterations(
            @ForAll @IntRange(min = 2, max = 12) int n, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Quadratic q = Quadratic.randomSpd(n, 100, new SplittableRandom(seed));
        double[] x0 = new double[n];
        double[] g0 = new double[n];
        q.valueAndGradient(x0, g0);
        double tolerance = 1e-9 * Vec.nrm2(g0);
        OptimizationResult r = new Optimizer(Lbfgs.defaults(), new TestRules.ExactLine(),
                StopCriterion.gradientNorm(tolerance).or(StopCriterion.maxIterations(n + 1))).minimize(q, x0);
        assertEquals(Termination.GRADIENT_NORM, r.termination(), () -> r.toString());
        assertTrue(r.iterations() <= n + 1);
        assertEquals(q.minimum(), r.value(), 1e-10 * Math.max(1, Math.abs(q.minimum())));
    }

    @Test
    void steepestDescentNeedsFarMoreIterationsOnTheSameProblem() {
        int n = 10;
        Quadratic q = Quadratic.randomSpd(n, 100, new SplittableRandom(3));
        double[] x0 = new double[n];
        StopCriterion stop = StopCriterion.gradientNorm(1e-8).or(StopCriterion.maxIterations(10_000));
        OptimizationResult lbfgs = new Optimizer(Lbfgs.defaults(), new TestRules.ExactLine(), stop).minimize(q, x0);
        OptimizationResult gd = new Optimizer(Gradient.defaults(), new TestRules.ExactLine(), stop).minimize(q, x0);
        assertTrue(lbfgs.iterations() <= n + 1);
        assertTrue(gd.iterations() > 5 * lbfgs.iterations(), gd + " vs " + lbfgs);
    }

    @Test
    void invalidConfigurationsAreRejectedWithMessages() {
        assertMessage("Lbfgs: memory must be >= 1, got 0", () -> new Lbfgs(0, 1e-10));
        assertMessage("Lbfgs: curvatureThreshold must be in [0, 1), got -1.0", () -> new Lbfgs(5, -1));
        assertMessage("Lbfgs: curvatureThreshold must be in [0, 1), got 1.0", () -> new Lbfgs(5, 1));
        assertMessage("Lbfgs: curvatureThreshold must be in [0, 1), got NaN", () -> new Lbfgs(5, Double.NaN));
        assertEquals("lbfgs(memory=10, curvatureThreshold=1e-10)", Lbfgs.defaults().describe());
        assertEquals("lbfgs(memory=3, curvatureThreshold=0)", new Lbfgs(3, 0).describe());
    }
}
