package org.planesearch.models.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.models.NewtonReference;

/**
 * Whole runs driven only through the evaluator, with ψ minimised exactly (a small damped Newton
 * in the test), against known behaviour: on a quadratic, exact plane search over [−g, s₁] is
 * the memory-gradient method of Miele &amp; Cantrell (1969), which coincides with conjugate
 * gradients and ends in at most dim iterations; on the convex losses it converges to the
 * optimum of {@link NewtonReference}, at two data passes per iteration.
 */
class ExactSubspaceStepsTest {

    /** Minimises ψ over ℝᵏ (k ≤ 2) by Newton with halving, from t = 0. Returns the final t. */
    static double[] minimise(SubspaceObjective psi) {
        int k = psi.dimension();
        double[] t = new double[k];
        double[] g = new double[k];
        double[] h = new double[k * k];
        double[] trial = new double[k];
        double f = psi.valueGradientHessian(t, g, h);
        for (int it = 0; it < 50; it++) {
            double[] p = new double[k];
            if (k == 1) {
                p[0] = -g[0] / h[0];
            } else {
                double det = h[0] * h[3] - h[1] * h[2];
                if (!(det > 1e-300)) {
                    p[0] = -g[0] / h[0];
                } else {
                    p[0] = -(h[3] * g[0] - h[1] * g[1]) / det;
                    p[1] = -(-h[2] * g[0] + h[0] * g[1]) / det;
                }
            }
            double slope = g[0] * p[0] + (k > 1 ? g[1] * p[1] : 0);
            if (!(slope < 0)) {
                break;
            }
            double alpha = 1;
            double ft = Double.NaN;
            for (int back = 0; back < 40; back++) {
                for (int j = 0; j < k; j++) {
                    trial[j] = t[j] + alpha * p[j];
                }
                ft = psi.value(trial);
                if (ft <= f + 1e-4 * alpha * slope) {
                    break;
                }
                alpha /= 2;
            }
            if (!(ft <= f)) {
                break;
            }
            System.arraycopy(trial, 0, t, 0, k);
            f = psi.valueGradientHessian(t, g, h);
            if (Math.abs(g[0]) + (k > 1 ? Math.abs(g[1]) : 0) < 1e-15) {
                break;
            }
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(Problems.Storage.class)
    void exactPlaneSearchOnLeastSquaresIsConjugateGradients(Problems.Storage storage) {
        Problems.Case c = new Problems.Case(LossKind.LEAST_SQUARES, true, 0.1, storage);
        LinearObjective f = Problems.objective(c, 301);
        int n = f.dimension();
        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        double[] x = new double[n];
        double[] g = new double[n];
        double[] d = new double[n];
        ev.start(x, g);
        double g0 = Vec.nrm2(g);
        Subspace s = new Subspace(2);
        for (int it = 0; it < n; it++) {
            Vec.scale(-1, g, d);
            s.clear();
            s.addDirection(d);
            if (it > 0) {
                s.addPreviousStep(1);
            }
            ev.move(minimise(ev.restrict(s)), x, g);
        }
        assertTrue(Vec.nrm2(g) <= 1e-9 * g0, "after dim = " + n + " plane searches ‖∇f‖/‖∇f₀‖ = " + Vec.nrm2(g) / g0);
        assertEquals(2 + 2L * n, ev.counts().dataPasses(), "two passes per iteration");
    }

    @ParameterizedTest
    @EnumSource(value = LossKind.class)
    void exactPlaneSearchReachesTheNewtonOptimum(LossKind kind) {
        Problems.Case c = new Problems.Case(kind, true, 0.05, Problems.Storage.SPARSE);
        LinearObjective f = Problems.objective(c, 401);
        int n = f.dimension();
        double[][] nulls = new double[0][];
        if (kind == LossKind.SOFTMAX) {
            double[] u = new double[n];
            for (int o = 0; o < f.model().outputs(); o++) {
                u[f.model().weightCount() + o] = 1;
            }
            nulls = new double[][] {u};
        }
        NewtonReference.Result optimum = NewtonReference.minimize(f, new double[n], nulls);
        assertTrue(optimum.converged());

        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        double[] x = Problems.gaussianVector(new SplittableRandom(3), n, 0.5);
        double[] g = new double[n];
        double[] d = new double[n];
        ev.start(x, g);
        Subspace s = new Subspace(2);
        int iterations = 0;
        while (Vec.nrm2(g) > 1e-9 && iterations < 500) {
            Vec.scale(-1, g, d);
            s.clear();
            s.addDirection(d);
            if (iterations > 0) {
                s.addPreviousStep(1);
            }
            ev.move(minimise(ev.restrict(s)), x, g);
            iterations++;
        }
        assertTrue(Vec.nrm2(g) <= 1e-9, kind + ": ‖∇f‖ = " + Vec.nrm2(g) + " after " + iterations + " iterations");
        assertEquals(optimum.value(), ev.currentValue(), 1e-12 * Math.max(1, Math.abs(optimum.value())));
        assertEquals(2 + 2L * iterations, ev.counts().dataPasses(), "two passes per iteration");
    }
}
