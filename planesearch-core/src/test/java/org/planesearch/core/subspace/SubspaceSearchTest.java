package org.planesearch.core.subspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.Cholesky;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.testing.Quadratic;
import org.planesearch.core.testing.Rosenbrock;

class SubspaceSearchTest {

    /** ψ(t) = ½ tᵀH t + cᵀt + offset, with counters. */
    static final class QuadraticPsi implements SubspaceObjective {
        final double[] h;
        final double[] c;
        final int k;
        final double offset;
        int calls;

        QuadraticPsi(double[] h, double[] c, double offset) {
            this.h = h;
            this.c = c;
            this.k = c.length;
            this.offset = offset;
        }

        @Override
        public int dimension() {
            return k;
        }

        @Override
        public double value(double[] t) {
            calls++;
            double s = offset;
            for (int i = 0; i < k; i++) {
                double ht = 0;
                for (int j = 0; j < k; j++) {
                    ht += h[i * k + j] * t[j];
                }
                s += t[i] * (0.5 * ht + c[i]);
            }
            return s;
        }

        @Override
        public double valueGradientHessian(double[] t, double[] g, double[] hOut) {
            for (int i = 0; i < k; i++) {
                double ht = 0;
                for (int j = 0; j < k; j++) {
                    ht += h[i * k + j] * t[j];
                }
                g[i] = ht + c[i];
            }
            if (hOut != null) {
                System.arraycopy(h, 0, hOut, 0, k * k);
            }
            return value(t);
        }
    }

    /**
     * A random SPD ψ over columns whose norms span up to nine orders of magnitude: H = S A S with
     * A = Bᵀ B + I/2 and S = diag(10^u), the Hessian of f(x + D t) for columns of norms 10^u.
     */
    private static QuadraticPsi randomScaledSpd(int k, SplittableRandom rng, double[] norms) {
        double[] a = new double[k * k];
        double[] bm = new double[k * k];
        for (int i = 0; i < k * k; i++) {
            bm[i] = Quadratic.gaussian(rng);
        }
        for (int i = 0; i < k; i++) {
            norms[i] = Math.pow(10, -6 + 9 * rng.nextDouble());
            for (int j = 0; j < k; j++) {
                double s = i == j ? 0.5 : 0;
                for (int p = 0; p < k; p++) {
                    s += bm[p * k + i] * bm[p * k + j];
                }
                a[i * k + j] = s;
            }
        }
        double[] h = new double[k * k];
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            c[i] = norms[i] * Quadratic.gaussian(rng);
            for (int j = 0; j < k; j++) {
                h[i * k + j] = norms[i] * a[i * k + j] * norms[j];
            }
        }
        return new QuadraticPsi(h, c, 3.0);
    }

    @Property(tries = 60)
    void newtonFindsTheExactMinimiserOfAnSpdQuadraticInOneIteration(
            @ForAll @IntRange(min = 1, max = 6) int k, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] norms = new double[k];
        QuadraticPsi psi = randomScaledSpd(k, rng, norms);
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(6).search(psi, null, norms, 1.0);

        double[] l = new double[k * k];
        assertTrue(Cholesky.factor(psi.h, k, l));
        double[] exact = new double[k];
        double[] minusC = psi.c.clone();
        Vec.scal(-1, minusC);
        Cholesky.solve(l, k, minusC, exact);

        assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
        assertEquals(1, r.iterations());
        assertEquals(2, r.evaluations(), "ψ with derivatives at 0 and at the Newton step, nothing else");
        for (int j = 0; j < k; j++) {
            // coefficient error measured in the column's own scale: ‖dⱼ‖·|tⱼ − tⱼ*|
            assertEquals(exact[j] * norms[j], r.t()[j] * norms[j], 1e-7 * (1 + Math.abs(exact[j] * norms[j])),
                    "column " + j);
        }
        double[] g = new double[k];
        psi.valueGradientHessian(r.t(), g, null);
        for (int j = 0; j < k; j++) {
            assertTrue(Math.abs(g[j]) <= 1e-9 * Math.min(1, norms[j]), "|∂ψ/∂t" + j + "| = " + g[j]);
        }
        assertTrue(r.value() <= psi.value(new double[k]));
    }

    @Test
    void alreadyOptimalReturnsZeroAfterOneEvaluation() {
        QuadraticPsi psi = new QuadraticPsi(new double[] {2, 0, 0, 3}, new double[] {1e-12, -1e-12}, 1);
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(2).search(psi, new double[] {5, 5}, null, 1.0);
        assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
        assertArrayEquals(new double[] {0, 0}, r.t());
        assertEquals(1, r.evaluations());
        assertEquals(0, r.iterations());
    }

    @Test
    void flatPsiIsAlreadyOptimal() {
        QuadraticPsi psi = new QuadraticPsi(new double[] {0}, new double[] {0}, 7);
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(1).search(psi, 1.0);
        assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
        assertEquals(0, r.t()[0]);
        assertEquals(7, r.value());
    }

    @Test
    void unboundedLinearPsiEndsWithADecreaseAndBudgetExhausted() {
        QuadraticPsi psi = new QuadraticPsi(new double[] {0}, new double[] {-1}, 0);
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(1).search(psi, 1.0);
        assertEquals(SubspaceSearchStatus.BUDGET_EXHAUSTED, r.status());
        assertTrue(r.t()[0] >= 50 && r.value() <= -50, "one unit step per iteration at least: " + r.t()[0]);
    }

    /** ψ(t) = (t₀² − 1)² + t₁² + ½ t₀ t₁ + 0.3 t₀: ∇²ψ(0) = [[−4, ½], [½, 2]] is indefinite. */
    private static final SubspaceObjective DOUBLE_WELL = new SubspaceObjective() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double value(double[] t) {
            double a = t[0] * t[0] - 1;
            return a * a + t[1] * t[1] + 0.5 * t[0] * t[1] + 0.3 * t[0];
        }

        @Override
        public double valueGradientHessian(double[] t, double[] g, double[] h) {
            double a = t[0] * t[0] - 1;
            g[0] = 4 * t[0] * a + 0.5 * t[1] + 0.3;
            g[1] = 2 * t[1] + 0.5 * t[0];
            if (h != null) {
                h[0] = 12 * t[0] * t[0] - 4;
                h[1] = 0.5;
                h[2] = 0.5;
                h[3] = 2;
            }
            return value(t);
        }
    };

    @Test
    void indefiniteHessianStillDecreasesAndReachesALocalMinimum() {
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(2).search(DOUBLE_WELL, 1.0);
        assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
        assertTrue(r.value() < DOUBLE_WELL.value(new double[2]));
        double[] g = new double[2];
        DOUBLE_WELL.valueGradientHessian(r.t(), g, null);
        assertTrue(Math.abs(g[0]) <= 1e-9 && Math.abs(g[1]) <= 1e-9);
        double h00 = 12 * r.t()[0] * r.t()[0] - 4;
        assertTrue(h00 > 0 && h00 * 2 - 0.25 > 0, "a minimum, not a saddle");
    }

    @Test
    void unboundedIndefiniteQuadraticOverTheEvaluatorReportsBudgetExhausted() {
        Quadratic q = Quadratic.randomIndefinite(8, new SplittableRandom(11));
        SubspaceEvaluator ev = q.newEvaluator(3, 0);
        double[] g = new double[8];
        ev.start(new double[8], g);
        SplittableRandom rng = new SplittableRandom(12);
        double[][] cols = new double[3][8];
        Subspace s = new Subspace(3);
        for (double[] c : cols) {
            for (int i = 0; i < 8; i++) {
                c[i] = Quadratic.gaussian(rng);
            }
            s.addDirection(c);
        }
        SubspaceSearchResult r = SubspaceSearch.defaults().withMaxIterations(10).newState(3)
                .search(ev.restrict(s), Vec.nrm2(g));
        assertTrue(r.status() == SubspaceSearchStatus.BUDGET_EXHAUSTED || r.status() == SubspaceSearchStatus.CONVERGED,
                r.status().toString());
        assertTrue(r.value() < ev.currentValue());
    }

    @Test
    void nonFinitePsiEverywhereIsNonFinite() {
        SubspaceObjective nan = constant(Double.NaN);
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(2).search(nan, 1.0);
        assertEquals(SubspaceSearchStatus.NON_FINITE, r.status());
        assertArrayEquals(new double[2], r.t());

        // finite (with a descent slope) at t = 0 only
        SubspaceObjective onlyAtZero = new SubspaceObjective() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double value(double[] t) {
                return t[0] == 0 ? 1 : Double.POSITIVE_INFINITY;
            }

            @Override
            public double valueGradientHessian(double[] t, double[] g, double[] h) {
                g[0] = -1;
                if (h != null) {
                    h[0] = 1;
                }
                return value(t);
            }
        };
        r = SubspaceSearch.defaults().newState(1).search(onlyAtZero, 1.0);
        assertEquals(SubspaceSearchStatus.NON_FINITE, r.status());
        assertEquals(0, r.t()[0]);
    }

    @Test
    void backtracksPastNonFiniteTrialsOfABarrier() {
        // ψ(t) = −log(1 − t) − 2t, finite only for t < 1, minimum at t = ½; ψ''(0) = 1 so the first
        // Newton step is t = 1, where ψ is infinite.
        SubspaceObjective barrier = new SubspaceObjective() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double value(double[] t) {
                return t[0] < 1 ? -Math.log(1 - t[0]) - 2 * t[0] : Double.POSITIVE_INFINITY;
            }

            @Override
            public double valueGradientHessian(double[] t, double[] g, double[] h) {
                g[0] = 1 / (1 - t[0]) - 2;
                if (h != null) {
                    h[0] = 1 / ((1 - t[0]) * (1 - t[0]));
                }
                return value(t);
            }
        };
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(1).search(barrier, 1.0);
        assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
        assertEquals(0.5, r.t()[0], 1e-9);
    }

    @Test
    void tooSmallABudgetFailsOrStopsWithADecrease() {
        Rosenbrock f = Rosenbrock.of(4);
        SubspaceEvaluator ev = f.newEvaluator(1, 0);
        double[] g = new double[4];
        ev.start(new double[] {-1.2, 1, -1.2, 1}, g);
        Subspace s = new Subspace(1);
        double[] d = g.clone();
        Vec.scal(-1, d);
        s.addDirection(d);

        SubspaceSearchResult none = new SubspaceSearch(50, 1e-9, 1e-4, 40, 2).newState(1)
                .search(ev.restrict(s), Vec.nrm2(g));
        assertEquals(SubspaceSearchStatus.FAILED, none.status());
        assertEquals(0, none.t()[0]);

        SubspaceSearchResult one = SubspaceSearch.defaults().withMaxIterations(1).newState(1)
                .search(ev.restrict(s), Vec.nrm2(g));
        assertEquals(SubspaceSearchStatus.BUDGET_EXHAUSTED, one.status());
        assertEquals(1, one.iterations());
        assertTrue(one.value() < ev.currentValue());
    }

    @Test
    void lineOptimizationAlongTheNegativeGradientLeavesAVanishingSlope() {
        Rosenbrock f = Rosenbrock.of(6);
        SubspaceEvaluator ev = f.newEvaluator(1, 0);
        double[] x = {-1.2, 1, 0.3, -0.8, 2, 1.5};
        double[] g = new double[6];
        ev.start(x, g);
        double[] d = g.clone();
        Vec.scal(-1, d);
        Subspace s = new Subspace(1);
        s.addDirection(d);
        SubspaceObjective psi = ev.restrict(s);
        double gn = Vec.nrm2(g);
        assertTrue(gn > 100, "a test where ‖g‖ is large: " + gn);
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(1).search(psi, null, new double[] {gn}, gn);
        assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
        double[] slope = new double[1];
        psi.valueAndGradient(r.t(), slope);
        assertTrue(Math.abs(slope[0]) <= 1e-9 * gn, "|ψ'(α*)| = " + slope[0] + " vs " + 1e-9 * gn);
        assertTrue(r.value() < ev.currentValue());
    }

    /**
     * ψ(t) = 1 + ε·cosh(t − 1) over one column: minimum at t = 1, ψ(0) − ψ(1) = ε(cosh 1 − 1),
     * not a quadratic (Newton from 0 lands at tanh 1 ≈ 0.76). With ε = 1e-13 the whole decrease is
     * below ψ's resolution band (1e-10·|ψ|).
     */
    private static SubspaceObjective coshLine(double eps, int[] calls) {
        return new SubspaceObjective() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double value(double[] t) {
                calls[0]++;
                return 1 + eps * Math.cosh(t[0] - 1);
            }

            @Override
            public double valueGradientHessian(double[] t, double[] g, double[] h) {
                g[0] = eps * Math.sinh(t[0] - 1);
                if (h != null) {
                    h[0] = eps * Math.cosh(t[0] - 1);
                }
                return value(t);
            }
        };
    }

    @Test
    void aSearchThatStartsBelowTheResolutionOfPsiTakesOneNewtonStepAndStops() {
        double eps = 1e-13;
        double slope0 = eps * Math.sinh(-1);
        int[] calls = {0};
        // G = |ψ'(0)|: the derivative bound 1e-9·G is far below what ψ's rounding allows
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(1).search(coshLine(eps, calls), Math.abs(slope0));
        assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
        assertEquals(2, r.evaluations(), "t = 0 and one Newton step");
        assertEquals(2, calls[0]);
        assertEquals(Math.tanh(1), r.t()[0], 1e-15, "Newton's step from 0: −ψ'(0)/ψ''(0) = tanh 1");
        double slope1 = eps * Math.sinh(r.t()[0] - 1);
        assertTrue(Math.abs(slope1) < 0.25 * Math.abs(slope0), "the step reduces |ψ'|: " + slope1 + " vs " + slope0);

        // the same ψ scaled above the band runs to the derivative bound as before
        double big = 1e-2;
        int[] calls2 = {0};
        SubspaceSearchResult full = SubspaceSearch.defaults().newState(1)
                .search(coshLine(big, calls2), Math.abs(big * Math.sinh(-1)));
        assertEquals(SubspaceSearchStatus.CONVERGED, full.status());
        assertEquals(1.0, full.t()[0], 1e-9);
        assertTrue(full.evaluations() > 3, "several Newton steps: " + full.evaluations());
    }

    /** ψ(t) = Σⱼ cosh(tⱼ − j − 1) + 0.3 t₀t₁ over two columns, pricing its Hessian separately or not. */
    private static class CountingPsi implements SubspaceObjective {
        final boolean separate;
        int hessians;
        double[] lastHessianAt;
        double[] lastEvaluatedAt;

        CountingPsi(boolean separate) {
            this.separate = separate;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double value(double[] t) {
            lastEvaluatedAt = t.clone();
            return Math.cosh(t[0] - 1) + Math.cosh(t[1] - 2) + 0.3 * t[0] * t[1];
        }

        @Override
        public double valueGradientHessian(double[] t, double[] g, double[] h) {
            g[0] = Math.sinh(t[0] - 1) + 0.3 * t[1];
            g[1] = Math.sinh(t[1] - 2) + 0.3 * t[0];
            if (h != null) {
                hessians++;
                lastHessianAt = t.clone();
                h[0] = Math.cosh(t[0] - 1);
                h[1] = 0.3;
                h[2] = 0.3;
                h[3] = Math.cosh(t[1] - 2);
            }
            return value(t);
        }

        @Override
        public boolean separateHessian() {
            return separate;
        }
    }

    @Test
    void aDecreaseToleranceStopsOnceTheRestOfTheGainIsSmall() {
        CountingPsi exact = new CountingPsi(true);
        SubspaceSearchResult best = SubspaceSearch.defaults().newState(2).search(exact, 1.0);
        double psi0 = exact.value(new double[2]);
        for (double theta : new double[] {1e-2, 1e-3}) {
            CountingPsi loose = new CountingPsi(true) {
                @Override
                public double decreaseTolerance() {
                    return theta;
                }
            };
            SubspaceSearchResult r = SubspaceSearch.defaults().newState(2).search(loose, 1.0);
            assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
            assertTrue(r.iterations() >= 1 && r.iterations() < best.iterations(),
                    "θ = " + theta + ": " + r.iterations() + " Newton steps against " + best.iterations());
            double gain = psi0 - r.value();
            double bestGain = psi0 - best.value();
            assertTrue(gain >= (1 - theta) * bestGain && gain <= bestGain * (1 + 1e-12),
                    "θ = " + theta + ": gain " + gain + " of " + bestGain);
        }
    }

    @Test
    void aSeparatelyPricedHessianIsAskedForOnlyWhereTheSearchGoesOn() {
        CountingPsi together = new CountingPsi(false);
        CountingPsi apart = new CountingPsi(true);
        SubspaceSearchResult a = SubspaceSearch.defaults().newState(2).search(together, 1.0);
        SubspaceSearchResult b = SubspaceSearch.defaults().newState(2).search(apart, 1.0);
        assertEquals(SubspaceSearchStatus.CONVERGED, b.status());
        assertArrayEquals(a.t(), b.t(), 0.0, "the same Newton steps, the same point");
        assertEquals(a.iterations(), b.iterations());
        assertEquals(b.iterations(), apart.hessians, "one Hessian per Newton step: at 0 and at each point left again");
        assertEquals(together.hessians - 1, apart.hessians, "the converged last trial pays for none");
        assertFalse(java.util.Arrays.equals(apart.lastHessianAt, apart.lastEvaluatedAt), "no Hessian at the last trial");
    }

    @Test
    void warmStartIsTakenOnlyWhenItDoesNotIncreasePsi() {
        QuadraticPsi psi = new QuadraticPsi(new double[] {4, 1, 1, 3}, new double[] {-1, 2}, 0);
        SubspaceSearch.State st = SubspaceSearch.defaults().newState(2);
        SubspaceSearchResult cold = st.search(psi, 1.0);
        // the exact minimiser as warm start: converged with no Newton iteration
        SubspaceSearchResult warm = st.search(psi, cold.t(), null, 1.0);
        assertEquals(SubspaceSearchStatus.CONVERGED, warm.status());
        assertEquals(0, warm.iterations());
        // a terrible warm start is ignored
        SubspaceSearchResult bad = st.search(psi, new double[] {1e6, -1e6}, null, 1.0);
        assertEquals(SubspaceSearchStatus.CONVERGED, bad.status());
        assertArrayEquals(cold.t(), bad.t(), 1e-12);
        assertTrue(bad.value() <= 0);
    }

    @Test
    void collinearColumnsAreHandledByTheShift() {
        // two copies of the same column: a singular Hessian; any t with t₀ + t₁ = 0.25 is optimal
        QuadraticPsi psi = new QuadraticPsi(new double[] {4, 4, 4, 4}, new double[] {-1, -1}, 0);
        SubspaceSearchResult r = SubspaceSearch.defaults().newState(2).search(psi, 1.0);
        assertEquals(SubspaceSearchStatus.CONVERGED, r.status());
        assertEquals(0.25, r.t()[0] + r.t()[1], 1e-9);
    }

    @Test
    void rejectsInvalidConfigurationsWithTheParameterName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SubspaceSearch(50, 0, 1e-4, 40, 200));
        assertTrue(e.getMessage().contains("gradientTolerance"));
        assertThrows(IllegalArgumentException.class, () -> new SubspaceSearch(0, 1e-9, 1e-4, 40, 200));
        assertThrows(IllegalArgumentException.class, () -> new SubspaceSearch(50, 1e-9, 0.7, 40, 200));
        assertThrows(IllegalArgumentException.class, () -> SubspaceSearch.defaults().newState(1)
                .search(DOUBLE_WELL, 1.0));
    }

    private static SubspaceObjective constant(double v) {
        return new SubspaceObjective() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double value(double[] t) {
                return v;
            }

            @Override
            public double valueGradientHessian(double[] t, double[] g, double[] h) {
                g[0] = v;
                g[1] = v;
                return v;
            }
        };
    }
}
