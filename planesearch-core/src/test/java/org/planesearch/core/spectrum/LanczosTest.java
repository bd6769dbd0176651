package org.planesearch.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.testing.Quadratic;

class LanczosTest {

    private static double[] gaussian(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Quadratic.gaussian(rng);
        }
        return v;
    }

    /**
     * A spectrum of one of four kinds: 0 distinct uniform in [−3, 5]; 1 three clusters of width
     * 1e-7 around −1, 2 and 4; 2 five values repeated; 3 positive, geometric from 1e-3 to 1e3.
     */
    private static double[] spectrum(int kind, int n, SplittableRandom rng) {
        double[] eig = new double[n];
        double[] centres = {-1, 2, 4};
        double[] values = {-2.5, -0.5, 0, 1.25, 3};
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case 0 -> eig[i] = -3 + 8 * rng.nextDouble();
                case 1 -> eig[i] = centres[i % 3] + 1e-7 * rng.nextDouble();
                case 2 -> eig[i] = values[i % 5];
                default -> eig[i] = Math.pow(10, -3 + 6 * rng.nextDouble());
            }
        }
        return eig;
    }

    @Property(tries = 40)
    void withMEqualToTheDimensionTheRitzValuesAreTheEigenvalues(@ForAll @IntRange(min = 10, max = 60) int n,
            @ForAll @IntRange(min = 0, max = 3) int kind, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] eig = spectrum(kind, n, rng);
        SymmetricOperator op = SymmetricOperator.dense(SpectrumTesting.withSpectrum(eig, rng), n);
        LanczosResult r = Lanczos.of(n).run(op, gaussian(n, rng));
        double norm = SpectrumTesting.spectralNorm(eig);
        double[] ritz = r.ritzValues();
        assertTrue(Vec.allFinite(ritz));
        // as sets: every Ritz value is an eigenvalue and every eigenvalue is found
        assertTrue(SpectrumTesting.hausdorff(ritz, eig) <= 1e-8 * norm,
                "kind " + kind + ": Hausdorff distance " + SpectrumTesting.hausdorff(ritz, eig));
        if (kind == 0 || kind == 3) {
            // distinct eigenvalues: all n steps, one Ritz value each
            assertEquals(n, r.steps());
            assertTrue(SpectrumTesting.maxAbsDifference(ritz, SpectrumTesting.sorted(eig)) <= 1e-8 * norm);
        } else if (kind == 2) {
            // five distinct values: an invariant subspace after five steps
            assertEquals(LanczosStatus.BREAKDOWN, r.status());
            assertEquals(5, r.steps());
        } else {
            // three clusters of width 1e-7: resolved to the breakdown tolerance, a run that ends cleanly
            assertTrue(r.status() == LanczosStatus.BREAKDOWN || r.status() == LanczosStatus.COMPLETED);
        }
        assertEquals(r.steps(), r.products());
    }

    @Test
    void theBasisIsOrthonormalAndReproducesTheMatrix() {
        int n = 40;
        SplittableRandom rng = new SplittableRandom(1);
        double[] a = SpectrumTesting.randomSymmetric(n, rng);
        LanczosResult r = Lanczos.of(n).run(SymmetricOperator.dense(a, n), gaussian(n, rng), true);
        assertEquals(n, r.steps());
        double[][] v = r.basis();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 1 : 0, Vec.dot(v[i], v[j]), 1e-12, "VᵀV at " + i + ", " + j);
            }
        }
        // V T Vᵀ = A (V holds the basis vectors as rows here)
        double norm = SpectrumTesting.spectralNorm(SpectrumTesting.jacobi(a, n, null));
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double ti = r.alphas()[i] * v[i][q];
                    if (i > 0) {
                        ti += r.betas()[i - 1] * v[i - 1][q];
                    }
                    if (i + 1 < n) {
                        ti += r.betas()[i] * v[i + 1][q];
                    }
                    s += v[i][p] * ti;
                }
                assertEquals(a[p * n + q], s, 1e-10 * norm);
            }
        }
    }

    @Test
    void aDiagonalWithThreeDistinctValuesBreaksDownAfterThreeStepsWithTheExactRule() {
        int n = 30;
        double[] d = new double[n];
        double[] values = {-1, 0.5, 4};
        for (int i = 0; i < n; i++) {
            d[i] = values[i % 3];
        }
        double[] start = gaussian(n, new SplittableRandom(2));
        CountingOperator op = SymmetricOperator.counting(SymmetricOperator.diagonal(d));
        LanczosResult r = Lanczos.defaults().run(op, start);
        assertEquals(LanczosStatus.BREAKDOWN, r.status());
        assertTrue(r.brokeDown());
        assertTrue(r.steps() <= 3, "steps " + r.steps());
        assertEquals(3, r.steps());
        assertEquals(3, r.products());
        assertEquals(3, op.applications());
        assertTrue(Vec.allFinite(r.alphas()) && Vec.allFinite(r.betas()) && Double.isFinite(r.residualNorm()));
        GaussQuadrature rule = r.quadrature();
        assertArrayEquals(values, rule.nodes(), 1e-12);
        // the weight of each node is the share of the start vector's squared norm in its eigenspace
        double total = Vec.dot(start, start);
        for (int c = 0; c < 3; c++) {
            double share = 0;
            for (int i = c; i < n; i += 3) {
                share += start[i] * start[i];
            }
            assertEquals(share / total, rule.weights()[c], 1e-12);
        }
    }

    @Test
    void gaussQuadratureReproducesTheMomentsOfTheStartVector() {
        // vᵀAᵖv = Σ τₖ θₖᵖ for p ≤ 2m − 1 (here m = 10 < n = 50)
        int n = 50;
        SplittableRandom rng = new SplittableRandom(4);
        double[] eig = spectrum(0, n, rng);
        double[] a = SpectrumTesting.withSpectrum(eig, rng);
        SymmetricOperator op = SymmetricOperator.dense(a, n);
        double[] v = gaussian(n, rng);
        Vec.scal(1 / Vec.nrm2(v), v);
        GaussQuadrature rule = Lanczos.of(10).run(op, v).quadrature();
        assertEquals(10, rule.size());
        double[] power = v.clone();
        double[] next = new double[n];
        for (int p = 0; p <= 12; p++) {
            double moment = Vec.dot(v, power);
            double quadrature = 0;
            for (int k = 0; k < rule.size(); k++) {
                quadrature += rule.weights()[k] * Math.pow(rule.nodes()[k], p);
            }
            assertEquals(moment, quadrature, 1e-10 * Math.pow(5, p), "moment " + p);
            op.apply(power, next);
            System.arraycopy(next, 0, power, 0, n);
        }
    }

    @Test
    void stepsAreClampedToTheDimension() {
        int n = 27;
        SplittableRandom rng = new SplittableRandom(5);
        double[] eig = spectrum(0, n, rng);
        SymmetricOperator op = SymmetricOperator.dense(SpectrumTesting.withSpectrum(eig, rng), n);
        Lanczos.State state = Lanczos.defaults().newState(n);
        assertEquals(27, state.capacity());
        LanczosResult r = state.run(op, gaussian(n, rng), false);
        assertTrue(r.steps() <= n);
        assertTrue(SpectrumTesting.maxAbsDifference(r.ritzValues(), SpectrumTesting.sorted(eig)) <= 1e-10);
        assertNull(r.basis());
    }

    @Test
    void aStartingEigenvectorBreaksDownAtOnce() {
        double[] d = {1, 2, 3, 4};
        LanczosResult r = Lanczos.defaults().run(SymmetricOperator.diagonal(d), new double[] {0, 0, 5, 0});
        assertEquals(LanczosStatus.BREAKDOWN, r.status());
        assertEquals(1, r.steps());
        assertArrayEquals(new double[] {3}, r.alphas(), 0.0);
        assertEquals(0, r.betas().length);
        // the zero operator: α = 0, β = 0, one step
        LanczosResult zero = Lanczos.defaults().run(SymmetricOperator.diagonal(new double[3]), new double[] {1, 1, 1});
        assertEquals(LanczosStatus.BREAKDOWN, zero.status());
        assertArrayEquals(new double[] {0}, zero.ritzValues(), 0.0);
    }

    @Test
    void advancingInPiecesGivesTheSameBitsAsOneRun() {
        int n = 35;
        SplittableRandom rng = new SplittableRandom(6);
        double[] a = SpectrumTesting.randomSymmetric(n, rng);
        SymmetricOperator op = SymmetricOperator.dense(a, n);
        double[] start = gaussian(n, rng);
        LanczosResult whole = Lanczos.of(20).run(op, start);
        Lanczos.State state = Lanczos.of(20).newState(n);
        state.begin(op, start);
        assertEquals(LanczosStatus.RUNNING, state.advance(7));
        assertEquals(7, state.steps());
        assertEquals(LanczosStatus.COMPLETED, state.result(false).status(), "all the steps asked for");
        assertEquals(LanczosStatus.RUNNING, state.advance(15));
        assertEquals(LanczosStatus.COMPLETED, state.advance(100));
        LanczosResult pieces = state.result(false);
        assertArrayEquals(whole.alphas(), pieces.alphas(), 0.0);
        assertArrayEquals(whole.betas(), pieces.betas(), 0.0);
        assertEquals(whole.residualNorm(), pieces.residualNorm(), 0.0);
        assertEquals(20, pieces.products());
        // a reused state gives the same bits again
        LanczosResult again = state.run(op, start, false);
        assertArrayEquals(whole.alphas(), again.alphas(), 0.0);
    }

    @Test
    void aRestartAfterBreakdownContinuesInTheComplement() {
        double[] d = {1, 1, 2, 2, 3, 3};
        Lanczos.State state = Lanczos.defaults().newState(6);
        state.begin(SymmetricOperator.diagonal(d), new double[] {1, 0, 1, 0, 1, 0});
        assertEquals(LanczosStatus.BREAKDOWN, state.advance(10));
        assertEquals(3, state.steps());
        assertTrue(state.restart(new double[] {1, 1, 1, 1, 1, 1}));
        assertEquals(LanczosStatus.BREAKDOWN, state.advance(10));
        assertEquals(6, state.steps());
        LanczosResult r = state.result(true);
        assertEquals(0, r.betas()[2], 0.0, "the blocks are decoupled");
        assertArrayEquals(new double[] {1, 1, 2, 2, 3, 3}, r.ritzValues(), 1e-12);
        // the space is exhausted now
        assertTrue(!state.restart(new double[] {1, 2, 3, 4, 5, 6}));
        assertThrows(IllegalStateException.class, () -> Lanczos.defaults().newState(6).advance(1));
    }

    @Test
    void aNonFiniteProductEndsTheRunWithTheStepsBeforeIt() {
        int n = 20;
        SplittableRandom rng = new SplittableRandom(7);
        SymmetricOperator dense = SymmetricOperator.dense(SpectrumTesting.randomSymmetric(n, rng), n);
        CountingOperator failing = SymmetricOperator.counting(SpectrumTesting.failingAfter(dense, 5));
        LanczosResult r = Lanczos.of(15).run(failing, gaussian(n, rng));
        assertEquals(LanczosStatus.NON_FINITE, r.status());
        assertEquals(4, r.steps());
        assertEquals(5, r.products());
        assertEquals(5, failing.applications());
        assertTrue(Vec.allFinite(r.alphas()) && Vec.allFinite(r.betas()));
        assertEquals(4, r.ritzValues().length);

        LanczosResult never = Lanczos.of(15).run(SpectrumTesting.failingAfter(dense, 1), gaussian(n, rng));
        assertEquals(LanczosStatus.NON_FINITE, never.status());
        assertEquals(0, never.steps());
        assertEquals(1, never.products());
        assertEquals(0, never.ritzValues().length);
        assertEquals(0, never.quadrature().size());
        assertTrue(Double.isNaN(never.residualNorm()));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Lanczos.of(0));
        assertThrows(IllegalArgumentException.class, () -> new Lanczos(5, -1e-3));
        assertThrows(IllegalArgumentException.class, () -> new Lanczos(5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.defaults().newState(0));
        SymmetricOperator op = SymmetricOperator.diagonal(new double[] {1, 2, 3});
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> Lanczos.defaults().run(op, new double[] {1, 2}));
        assertTrue(length.getMessage().contains("start"), length.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lanczos.defaults().run(op, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.defaults().run(op, new double[] {1, Double.NaN, 0}));
        Lanczos.State state = Lanczos.defaults().newState(4);
        assertThrows(IllegalArgumentException.class, () -> state.begin(op, new double[] {1, 1, 1}));
        state.begin(SymmetricOperator.diagonal(new double[] {1, 2, 3, 4}), new double[] {1, 1, 1, 1});
        assertThrows(IllegalStateException.class, () -> state.restart(new double[4]));
    }
}
