package org.planesearch.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.Vec;

class TopEigenvaluesTest {

    /** n = 200: outliers 10, 9, 8, 7.5, 7 and −3, −2.5, −2 around a bulk uniform in [−1, 5]. */
    private static final int N = 200;
    private static final double[] EIGENVALUES = spectrum();
    private static final double[] MATRIX = SpectrumTesting.withSpectrum(EIGENVALUES, new SplittableRandom(21));

    private static double[] spectrum() {
        double[] eig = new double[N];
        double[] outliers = {10, 9, 8, 7.5, 7, -3, -2.5, -2};
        SplittableRandom rng = new SplittableRandom(20);
        for (int i = 0; i < N; i++) {
            eig[i] = i < outliers.length ? outliers[i] : -1 + 6 * rng.nextDouble();
        }
        return eig;
    }

    private static void assertEigenpairs(Eigenpairs pairs, double[] expected, double tol) {
        double norm = 10;
        assertEquals(ConvergenceStatus.CONVERGED, pairs.status());
        assertArrayEquals(expected, pairs.values(), 1e-8 * norm);
        double[] hy = new double[N];
        SymmetricOperator op = SymmetricOperator.dense(MATRIX, N);
        for (int j = 0; j < expected.length; j++) {
            double[] y = pairs.vectors()[j];
            assertEquals(1, Vec.nrm2(y), 1e-12);
            op.apply(y, hy);
            Vec.axpy(-pairs.values()[j], y, hy);
            assertEquals(pairs.residuals()[j], Vec.nrm2(hy), 1e-12, "the reported residual is the true one");
            assertTrue(pairs.residuals()[j] <= tol * pairs.spectralNormEstimate());
            for (int i = 0; i < j; i++) {
                assertEquals(0, Vec.dot(y, pairs.vectors()[i]), 1e-8);
            }
        }
        assertEquals(norm, pairs.spectralNormEstimate(), 1e-8);
    }

    @Test
    void theLargestEigenvaluesOfAKnownSpectrumWithSmallResiduals() {
        CountingOperator op = SymmetricOperator.counting(SymmetricOperator.dense(MATRIX, N));
        Eigenpairs pairs = TopEigenvalues.of(5).withTolerance(1e-10).largest(op);
        assertEigenpairs(pairs, new double[] {10, 9, 8, 7.5, 7}, 1e-10);
        assertEquals(op.applications(), pairs.products(), "products are counted exactly");
        assertEquals(pairs.lanczosSteps() + 5, pairs.products(), "Lanczos steps plus one residual check");
        assertTrue(pairs.lanczosSteps() < N, "steps " + pairs.lanczosSteps());
        assertEquals(pairs.maxResidual(), Math.max(Math.max(pairs.residuals()[0], pairs.residuals()[1]),
                Math.max(pairs.residuals()[2], Math.max(pairs.residuals()[3], pairs.residuals()[4]))), 0.0);
    }

    @Test
    void theSmallestEigenvaluesComeMostNegativeFirst() {
        Eigenpairs pairs = TopEigenvalues.of(3).withTolerance(1e-10).smallest(SymmetricOperator.dense(MATRIX, N));
        assertEigenpairs(pairs, new double[] {-3, -2.5, -2}, 1e-10);
    }

    @Test
    void powerIterationAgreesWithLanczosOnTheTopEigenvalue() {
        SymmetricOperator op = SymmetricOperator.dense(MATRIX, N);
        Eigenpairs top = TopEigenvalues.defaults().withTolerance(1e-10).largest(op);
        PowerIterationResult power = PowerIteration.defaults().withMaxIterations(2000).withTolerance(1e-14).run(op);
        assertEquals(ConvergenceStatus.CONVERGED, power.status());
        assertEquals(top.values()[0], power.value(), 1e-8);
        assertEquals(power.iterations(), power.products());
        assertTrue(power.residual() < 1e-3, "residual " + power.residual());
        assertTrue(Math.abs(Vec.dot(power.vector(), top.vectors()[0])) > 1 - 1e-6);
        assertTrue(top.products() < power.products() / 2, "Lanczos needs far fewer products");
        // PyHessian's defaults stop early, on the Rayleigh quotient, near the answer
        PowerIterationResult quick = PowerIteration.defaults().run(op);
        assertEquals(10, quick.value(), 0.1);
    }

    @Test
    void powerIterationFindsTheLargestMagnitudeEvenWhenNegative() {
        double[] d = {-20, 1, 2, 3, 5, -4};
        PowerIterationResult r = new PowerIteration(1000, 1e-15, 3).run(SymmetricOperator.diagonal(d));
        assertEquals(-20, r.value(), 1e-10);
        // the zero operator: Hv = 0 at once, θ = 0
        PowerIterationResult zero = PowerIteration.defaults().run(SymmetricOperator.diagonal(new double[4]));
        assertEquals(ConvergenceStatus.CONVERGED, zero.status());
        assertEquals(0, zero.value(), 0.0);
        assertEquals(1, zero.iterations());
        PowerIterationResult budget = new PowerIteration(3, 1e-15, 3).run(SymmetricOperator.diagonal(d));
        assertEquals(ConvergenceStatus.BUDGET_EXHAUSTED, budget.status());
        assertEquals(3, budget.products());
    }

    @Test
    void aMultipleTopEigenvalueIsFoundByRestartingAfterBreakdown() {
        int n = 30;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i % 3 == 0 ? 5 : (i % 3 == 1 ? 2 : 1);
        }
        Eigenpairs pairs = TopEigenvalues.of(3).largest(SymmetricOperator.diagonal(d));
        assertEquals(ConvergenceStatus.CONVERGED, pairs.status());
        assertArrayEquals(new double[] {5, 5, 5}, pairs.values(), 1e-12);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 1 : 0, Vec.dot(pairs.vectors()[i], pairs.vectors()[j]), 1e-10);
            }
        }
        // k = n on a tiny operator: everything, exactly
        Eigenpairs all = TopEigenvalues.of(4).smallest(SymmetricOperator.diagonal(new double[] {4, -1, 2, 2}));
        assertArrayEquals(new double[] {-1, 2, 2, 4}, all.values(), 1e-12);
    }

    @Test
    void aSmallBudgetEndsWithBudgetExhaustedAndHonestResiduals() {
        CountingOperator op = SymmetricOperator.counting(SymmetricOperator.dense(MATRIX, N));
        Eigenpairs pairs = TopEigenvalues.of(1).withMaxSteps(4).largest(op);
        assertEquals(ConvergenceStatus.BUDGET_EXHAUSTED, pairs.status());
        assertEquals(4, pairs.lanczosSteps());
        assertEquals(5, pairs.products());
        assertEquals(5, op.applications());
        assertTrue(pairs.residuals()[0] > 1e-8 * pairs.spectralNormEstimate());
        assertTrue(pairs.values()[0] <= 10 + 1e-12, "a Ritz value never exceeds λ_max");
    }

    @Test
    void aNonFiniteOperatorEndsAtOnceWithoutAnException() {
        SymmetricOperator failing = SpectrumTesting.failingAfter(SymmetricOperator.dense(MATRIX, N), 7);
        Eigenpairs pairs = TopEigenvalues.of(2).largest(failing);
        assertEquals(ConvergenceStatus.NON_FINITE, pairs.status());
        assertEquals(0, pairs.values().length);
        assertEquals(7, pairs.products());
        PowerIterationResult power = PowerIteration.defaults().run(SpectrumTesting.failingAfter(
                SymmetricOperator.dense(MATRIX, N), 4));
        assertEquals(ConvergenceStatus.NON_FINITE, power.status());
        assertEquals(4, power.products());
        assertTrue(Double.isNaN(power.value()));
    }

    @Test
    void sameSeedSameBits() {
        SymmetricOperator op = SymmetricOperator.dense(MATRIX, N);
        Eigenpairs a = TopEigenvalues.of(2).largest(op);
        Eigenpairs b = TopEigenvalues.of(2).largest(op);
        assertArrayEquals(a.values(), b.values(), 0.0);
        assertArrayEquals(a.vectors()[1], b.vectors()[1], 0.0);
        PowerIterationResult p = PowerIteration.defaults().withSeed(9).run(op);
        PowerIterationResult q = PowerIteration.defaults().withSeed(9).run(op);
        assertArrayEquals(p.vector(), q.vector(), 0.0);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TopEigenvalues.of(0));
        assertThrows(IllegalArgumentException.class, () -> TopEigenvalues.defaults().withTolerance(0));
        assertThrows(IllegalArgumentException.class, () -> new TopEigenvalues(5, 1e-8, 4, 0));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> TopEigenvalues.of(5).largest(SymmetricOperator.diagonal(new double[] {1, 2})));
        assertTrue(tooMany.getMessage().contains("exceeds"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PowerIteration(0, 1e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> new PowerIteration(10, 1, 0));
    }
}
