package org.planesearch.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HutchinsonTraceTest {

    private static final int N = 40;
    private static final double[] EIGENVALUES = spectrum();
    private static final double[] MATRIX = SpectrumTesting.withSpectrum(EIGENVALUES, new SplittableRandom(31));

    private static double[] spectrum() {
        SplittableRandom rng = new SplittableRandom(30);
        double[] eig = new double[N];
        for (int i = 0; i < N; i++) {
            eig[i] = -1 + 4 * rng.nextDouble();
        }
        return eig;
    }

    private static double trace() {
        double t = 0;
        for (int i = 0; i < N; i++) {
            t += MATRIX[i * N + i];
        }
        return t;
    }

    @Test
    void theEstimateIsUnbiasedWithinItsStandardError() {
        SymmetricOperator op = SymmetricOperator.dense(MATRIX, N);
        double exact = trace();
        int seeds = 20;
        double mean = 0;
        double variance = 0;
        for (int s = 0; s < seeds; s++) {
            TraceEstimate t = HutchinsonTrace.fixed(50).withSeed(s).estimate(op);
            assertEquals(50, t.samples());
            assertEquals(ConvergenceStatus.BUDGET_EXHAUSTED, t.status());
            assertTrue(Math.abs(t.estimate() - exact) <= 4 * t.standardError(),
                    "seed " + s + ": " + t.estimate() + " ± " + t.standardError() + " vs " + exact);
            mean += t.estimate() / seeds;
            variance += t.standardError() * t.standardError() / ((double) seeds * seeds);
        }
        assertTrue(Math.abs(mean - exact) <= 3 * Math.sqrt(variance),
                "pooled " + mean + " ± " + Math.sqrt(variance) + " vs " + exact);
    }

    @Test
    void theStandardErrorMatchesTheRademacherVariance() {
        // Var(zᵀAz) = 2 Σ_{i≠j} aᵢⱼ² for Rademacher z
        double offDiagonal = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                if (i != j) {
                    offDiagonal += MATRIX[i * N + j] * MATRIX[i * N + j];
                }
            }
        }
        double variance = 2 * offDiagonal;
        int samples = 2000;
        TraceEstimate t = HutchinsonTrace.fixed(samples).withSeed(7).estimate(SymmetricOperator.dense(MATRIX, N));
        double sampleVariance = t.standardError() * t.standardError() * samples;
        assertEquals(1, sampleVariance / variance, 0.15);
    }

    @Test
    void aDiagonalMatrixIsExactWithZeroVariance() {
        double[] d = {3, -1, 0.25, 7, 2};
        TraceEstimate t = HutchinsonTrace.defaults().estimate(SymmetricOperator.diagonal(d));
        assertEquals(11.25, t.estimate(), 1e-14);
        assertEquals(0, t.standardError(), 0.0);
        assertEquals(ConvergenceStatus.CONVERGED, t.status());
        assertEquals(10, t.samples(), "stops at minSamples");
    }

    @Test
    void theStandardErrorRuleStopsEarly() {
        CountingOperator op = SymmetricOperator.counting(SymmetricOperator.dense(MATRIX, N));
        HutchinsonTrace rule = new HutchinsonTrace(1000, 10, 0.05, 3);
        TraceEstimate t = rule.estimate(op);
        assertEquals(ConvergenceStatus.CONVERGED, t.status());
        assertTrue(t.samples() < 1000 && t.samples() >= 10);
        assertTrue(t.standardError() <= 0.05 * Math.abs(t.estimate()));
        assertEquals(t.samples(), t.products());
        assertEquals(t.products(), op.applications());
        // same seed, same bits
        TraceEstimate again = rule.estimate(SymmetricOperator.dense(MATRIX, N));
        assertEquals(t.estimate(), again.estimate(), 0.0);
        assertEquals(t.standardError(), again.standardError(), 0.0);
    }

    @Test
    void aNonFiniteSampleStopsTheRun() {
        SymmetricOperator failing = SpectrumTesting.failingAfter(SymmetricOperator.dense(MATRIX, N), 6);
        TraceEstimate t = HutchinsonTrace.fixed(50).estimate(failing);
        assertEquals(ConvergenceStatus.NON_FINITE, t.status());
        assertEquals(5, t.samples());
        assertEquals(6, t.products());
        assertTrue(Double.isFinite(t.estimate()) && Double.isFinite(t.standardError()));
        TraceEstimate first = HutchinsonTrace.fixed(50).estimate(SpectrumTesting.failingAfter(
                SymmetricOperator.dense(MATRIX, N), 1));
        assertEquals(0, first.samples());
        assertTrue(Double.isNaN(first.estimate()));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HutchinsonTrace(1, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HutchinsonTrace(10, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HutchinsonTrace(10, 11, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HutchinsonTrace(10, 2, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new HutchinsonTrace(10, 2, Double.NaN, 0));
    }
}
