package org.planesearch.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Vec;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.models.linear.LossKind;

class NewtonReferenceTest {

    /** A well-posed configuration: unique optimum, positive definite Hessian (up to known null directions). */
    record Case(LossKind kind, boolean intercept, double lambda, boolean sparse) {
        @Override
        public String toString() {
            return kind.id() + (intercept ? "+b" : "") + " λ=" + lambda + (sparse ? " csr" : " dense");
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (LossKind kind : LossKind.values()) {
            // Softmax is flat along W + v·1ᵀ without a penalty, and the smoothed hinge can be flat
            // (all margins outside (1 − γ, 1)): both only with λ > 0.
            boolean needsPenalty = kind == LossKind.SOFTMAX || kind == LossKind.SMOOTHED_HINGE;
            for (double lambda : needsPenalty ? new double[] {1e-2} : new double[] {0.0, 1e-2}) {
                for (boolean intercept : new boolean[] {true, false}) {
                    out.add(new Case(kind, intercept, lambda, false));
                }
            }
            out.add(new Case(kind, true, 1e-2, true));
        }
        return out;
    }

    static final int ROWS = 150;
    static final int FEATURES = 7;
    static final int CLASSES = 3;

    static LinearObjective objective(Case c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DataMatrix x = SyntheticData.matrix(rng, ROWS, FEATURES, c.sparse());
        double[] y = SyntheticData.labels(c.kind(), x, CLASSES, rng);
        int outputs = c.kind() == LossKind.SOFTMAX ? CLASSES : 1;
        return LinearModel.of(c.kind(), FEATURES, outputs, c.intercept()).objective(x, y, c.lambda());
    }

    /** The directions along which f is constant: the softmax intercept's (0, 1_c). */
    static double[][] nullDirections(LinearObjective f) {
        LinearModel m = f.model();
        if (m.loss() != LossKind.SOFTMAX || !m.intercept()) {
            return new double[0][];
        }
        double[] u = new double[m.dimension()];
        for (int o = 0; o < m.outputs(); o++) {
            u[m.weightCount() + o] = 1;
        }
        return new double[][] {u};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reachesTheOptimumWithAPositiveDefiniteHessian(Case c) {
        LinearObjective f = objective(c, 2024);
        int n = f.dimension();
        double[][] nulls = nullDirections(f);
        NewtonReference.Result r = NewtonReference.minimize(f, new double[n], nulls);
        assertTrue(r.converged(), c + ": ‖∇f‖ = " + r.gradientNorm() + " after " + r.iterations() + " steps");
        assertTrue(r.gradientNorm() <= 1e-12);
        assertTrue(r.iterations() <= 40, "Newton took " + r.iterations() + " steps");

        double[] h = r.hessian();
        assertTrue(NewtonReference.asymmetry(h, n) <= 1e-12, "Hessian symmetric, asymmetry " + NewtonReference.asymmetry(h, n));
        double[] ev = NewtonReference.eigenvalues(h, n);
        if (nulls.length == 0) {
            assertNotNull(NewtonReference.cholesky(NewtonReference.symmetrised(h, n), n), "Cholesky of ∇²f(x*)");
            assertTrue(ev[0] > 1e-8 * ev[n - 1], "λ_min = " + ev[0] + ", λ_max = " + ev[n - 1]);
        } else {
            // Exactly one zero eigenvalue (the intercept shift), every other one positive.
            assertTrue(Math.abs(ev[0]) <= 1e-12 * ev[n - 1], "null eigenvalue " + ev[0]);
            assertTrue(ev[1] > 1e-8 * ev[n - 1], "second eigenvalue " + ev[1]);
            double[] hu = new double[n];
            f.hessianTimes(r.x(), nulls[0], hu);
            assertTrue(Vec.nrm2(hu) <= 1e-14, "H·(0, 1) = 0");
        }
        if (c.lambda() > 0) {
            // The penalty alone makes vᵀHv ≥ λ‖v_W‖²: the smallest eigenvalue of the weights block.
            double[] hw = new double[n];
            double[] v = new double[n];
            v[0] = 1;
            f.hessianTimes(r.x(), v, hw);
            assertTrue(hw[0] >= c.lambda(), "H₀₀ ≥ λ");
        }

        // Second-order check: f grows in every random direction around x*.
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 5; trial++) {
            double[] v = SyntheticData.gaussianVector(rng, n, 1e-3);
            double[] p = r.x().clone();
            Vec.axpy(1, v, p);
            assertTrue(f.value(p) >= r.value(), "f(x* + v) ≥ f(x*)");
        }
    }

    @Test
    void leastSquaresOptimumSolvesTheNormalEquations() {
        // Independent check: ((1/n) X̃ᵀX̃ + λR) w = (1/n) X̃ᵀy with X̃ = [X 1], assembled row by row.
        for (double lambda : new double[] {0.0, 0.5}) {
            Case c = new Case(LossKind.LEAST_SQUARES, true, lambda, true);
            SplittableRandom rng = new SplittableRandom(77);
            DataMatrix x = SyntheticData.matrix(rng, ROWS, FEATURES, true);
            double[] y = SyntheticData.labels(LossKind.LEAST_SQUARES, x, 1, rng);
            LinearObjective f = LinearModel.leastSquares(FEATURES, true).objective(x, y, lambda);
            int n = FEATURES + 1;
            double[] a = new double[n * n];
            double[] b = new double[n];
            double[] row = new double[FEATURES];
            double[] xt = new double[n];
            for (int i = 0; i < ROWS; i++) {
                x.row(i, row);
                System.arraycopy(row, 0, xt, 0, FEATURES);
                xt[FEATURES] = 1;
                for (int p = 0; p < n; p++) {
                    b[p] += xt[p] * y[i] / ROWS;
                    for (int q = 0; q < n; q++) {
                        a[p * n + q] += xt[p] * xt[q] / ROWS;
                    }
                }
            }
            for (int p = 0; p < FEATURES; p++) {
                a[p * n + p] += lambda;
            }
            double[] l = NewtonReference.cholesky(a, n);
            NewtonReference.solve(l, n, b);
            NewtonReference.Result r = NewtonReference.minimize(f, new double[n]);
            assertTrue(r.converged(), c.toString());
            assertArrayEquals(b, r.x(), 1e-11);
            assertTrue(r.iterations() <= 2, "a quadratic takes one Newton step, took " + r.iterations());
        }
    }

    @Test
    void linearAlgebraHelpersAreRight() {
        double[] a = {4, 2, 2, 3};
        double[] l = NewtonReference.cholesky(a, 2);
        assertArrayEquals(new double[] {2, 0, 1, Math.sqrt(2)}, l, 1e-15);
        double[] b = {2, 1};
        NewtonReference.solve(l, 2, b);
        assertArrayEquals(new double[] {0.5, 0}, b, 1e-15);
        assertNull(NewtonReference.cholesky(new double[] {1, 2, 2, 1}, 2));
        assertArrayEquals(new double[] {-1, 3}, NewtonReference.eigenvalues(new double[] {1, 2, 2, 1}, 2), 1e-14);
        // A random symmetric 6×6: eigenvalues sum to the trace and their squares to ‖A‖_F².
        SplittableRandom rng = new SplittableRandom(3);
        int n = 6;
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = SyntheticData.gaussian(rng);
                m[i * n + j] = v;
                m[j * n + i] = v;
            }
        }
        double[] ev = NewtonReference.eigenvalues(m, n);
        double trace = 0;
        double frob = 0;
        for (int i = 0; i < n; i++) {
            trace += m[i * n + i];
            for (int j = 0; j < n; j++) {
                frob += m[i * n + j] * m[i * n + j];
            }
        }
        double sum = 0;
        double sq = 0;
        for (double e : ev) {
            sum += e;
            sq += e * e;
        }
        assertEquals(trace, sum, 1e-12);
        assertEquals(frob, sq, 1e-11);
        // Shifted by −λ_min + 1e-6 it is positive definite; by −λ_min − 1e-6 it is not.
        double[] shifted = m.clone();
        for (int i = 0; i < n; i++) {
            shifted[i * n + i] += -ev[0] + 1e-6;
        }
        assertNotNull(NewtonReference.cholesky(shifted, n));
        for (int i = 0; i < n; i++) {
            shifted[i * n + i] -= 2e-6;
        }
        assertNull(NewtonReference.cholesky(shifted, n));
    }

}
