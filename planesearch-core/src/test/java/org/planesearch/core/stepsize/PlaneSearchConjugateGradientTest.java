package org.planesearch.core.stepsize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.FiniteDifferences;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.core.testing.Quadratic;

/**
 * On a quadratic f(x) = ½xᵀAx − bᵀx with A SPD, exact minimisation over x_k + span{−g_k, x_k − x_{k−1}}
 * gives the conjugate gradient iterates (the CG iterate minimises f over x₀ + K_{k+1}(A, g₀) and lies
 * in that plane). The same holds for subspace optimization over more previous steps.
 *
 * <p>Both trajectories drift from exact-arithmetic CG as rounding errors are amplified (the loss of
 * conjugacy of finite-precision CG): checked against a 60-digit CG, double CG and plane search both
 * grow their error about tenfold per iteration after iteration 12 when κ(A) = 1e3, so the test uses
 * κ(A) = 1e2, where after 20 iterations they agree to about 5e-11 and CG is still far (3%) from x*.
 */
class PlaneSearchConjugateGradientTest {

    private static final int N = 50;
    private static final int ITERATIONS = 20;

    /** Textbook CG (Hestenes &amp; Stiefel 1952; N&amp;W Algorithm 5.2) from x₀; returns the iterates x₁ … x_iters. */
    static double[][] conjugateGradient(Quadratic q, double[] x0, int iters) {
        double[][] a = q.matrix();
        double[] b = q.linearTerm();
        int n = x0.length;
        double[] x = x0.clone();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Vec.dot(a[i], x) - b[i];
        }
        double[] p = r.clone();
        Vec.scal(-1, p);
        double[] ap = new double[n];
        double[][] out = new double[iters][];
        for (int k = 0; k < iters; k++) {
            for (int i = 0; i < n; i++) {
                ap[i] = Vec.dot(a[i], p);
            }
            double rr = Vec.dot(r, r);
            double alpha = rr / Vec.dot(p, ap);
            Vec.axpy(alpha, p, x);
            Vec.axpy(alpha, ap, r);
            double beta = Vec.dot(r, r) / rr;
            Vec.axpby(-1, r, beta, p, p);
            out[k] = x.clone();
        }
        return out;
    }

    /** Runs the rule with d = −g through the evaluator; returns the iterates and checks each outcome. */
    static double[][] run(Quadratic q, StepRule rule, double[] x0, int iters) {
        ParameterLayout layout = q.layout();
        SubspaceEvaluator ev = q.newEvaluator(rule.maxDirections(layout), rule.stepMemory());
        StepState state = rule.newState(layout);
        double[] x = x0.clone();
        double[] g = new double[x.length];
        double[] d = new double[x.length];
        double f = ev.start(x, g);
        double[][] out = new double[iters][];
        for (int k = 0; k < iters; k++) {
            Vec.scale(-1, g, d);
            StepOutcome o = state.step(ev, f, g, d);
            assertEquals(StepStatus.CONVERGED, o.status(), "iteration " + k);
            assertEquals(Math.min(k, rule.stepMemory()) + 1, o.dimension(), "subspace size at iteration " + k);
            double fNew = ev.move(o.coefficients(), x, g);
            assertEquals(o.value(), fNew, 1e-12 * Math.abs(fNew));
            assertTrue(fNew <= f);
            f = fNew;
            out[k] = x.clone();
        }
        return out;
    }

    private static Quadratic problem() {
        return Quadratic.randomSpd(N, 1e2, new SplittableRandom(20240625));
    }

    private static double[] start() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] x0 = new double[N];
        for (int i = 0; i < N; i++) {
            x0[i] = Quadratic.gaussian(rng);
        }
        return x0;
    }

    @Test
    void planeSearchReproducesConjugateGradient() {
        Quadratic q = problem();
        double[] x0 = start();
        double[][] cg = conjugateGradient(q, x0, ITERATIONS);
        double[][] ps = run(q, PlaneSearch.defaults(), x0, ITERATIONS);
        double[] xStar = q.minimiser();
        for (int k = 0; k < ITERATIONS; k++) {
            double err = FiniteDifferences.relativeError(cg[k], ps[k], 1e-300);
            assertTrue(err <= 1e-8, "iteration " + k + ": relative error " + err);
        }
        // and CG has not finished: the comparison is over a real trajectory
        assertTrue(FiniteDifferences.relativeError(cg[ITERATIONS - 1], xStar, 1e-300) > 1e-3);
    }

    @Test
    void subspaceOptimizationWithMoreMemoryAlsoReproducesConjugateGradient() {
        Quadratic q = problem();
        double[] x0 = start();
        double[][] cg = conjugateGradient(q, x0, ITERATIONS);
        double[][] so = run(q, SubspaceOptimization.defaults(), x0, ITERATIONS);
        for (int k = 0; k < ITERATIONS; k++) {
            double err = FiniteDifferences.relativeError(cg[k], so[k], 1e-300);
            assertTrue(err <= 1e-8, "iteration " + k + ": relative error " + err);
        }
    }

    @Test
    void lineOptimizationIsSteepestDescentWithExactSteps() {
        Quadratic q = problem();
        double[] x0 = start();
        double[][] lo = run(q, LineOptimization.defaults(), x0, 5);
        double[][] a = q.matrix();
        double[] b = q.linearTerm();
        double[] x = x0.clone();
        double[] g = new double[N];
        double[] ag = new double[N];
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < N; i++) {
                g[i] = Vec.dot(a[i], x) - b[i];
            }
            for (int i = 0; i < N; i++) {
                ag[i] = Vec.dot(a[i], g);
            }
            Vec.axpy(-Vec.dot(g, g) / Vec.dot(g, ag), g, x); // α = gᵀg / gᵀAg
            assertTrue(FiniteDifferences.relativeError(x, lo[k], 1e-300) <= 1e-10, "iteration " + k);
        }
    }
}
