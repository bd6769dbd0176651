package org.planesearch.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.Optimizer;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.stepsize.LineOptimization;
import org.planesearch.core.testing.Rosenbrock;

/** {@link SpectrumListener} on Rosenbrock, whose Hessian changes with x: the samples follow the iterates. */
class SpectrumListenerTest {

    private static final int N = 4;
    private static final int ITERATIONS = 12;

    private static double[] start() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    private static Optimizer optimizer() {
        return new Optimizer(Gradient.defaults(), LineOptimization.defaults(), StopCriterion.maxIterations(ITERATIONS));
    }

    /** λ_max of the dense Hessian at x, from N products. */
    private static double denseLambdaMax(Rosenbrock f, double[] x) {
        double[] h = new double[N * N];
        double[] e = new double[N];
        double[] col = new double[N];
        for (int j = 0; j < N; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            f.hessianTimes(x, e, col);
            for (int i = 0; i < N; i++) {
                h[i * N + j] = col[i];
            }
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (h[i * N + j] + h[j * N + i]);
                h[i * N + j] = s;
                h[j * N + i] = s;
            }
        }
        double[] values = SpectrumTesting.jacobi(h, N, null);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    @Test
    void samplesEveryPeriodAtTheCurrentIterateWithoutChangingTheRun() {
        Rosenbrock f = Rosenbrock.of(N);
        SpectrumListener spectrum = SpectrumListener.tracking(f, k -> k % 3 == 0, TopEigenvalues.defaults(),
                HutchinsonTrace.fixed(20));
        OptimizationResult r = optimizer().minimize(spectrum.objective(), start(), spectrum);
        assertEquals(ITERATIONS, r.iterations(), r::toString);
        List<SpectrumListener.Sample> s = spectrum.samples();
        assertEquals(List.of(0, 3, 6, 9, 12), s.stream().map(SpectrumListener.Sample::iteration).toList());

        double first = denseLambdaMax(f, start());
        double last = denseLambdaMax(f, r.x());
        assertEquals(first, s.get(0).lambdaMax(), 1e-8 * first);
        assertEquals(last, s.get(4).lambdaMax(), 1e-8 * last);
        assertTrue(Math.abs(first - last) > 1e-3 * first, "the Hessian should move along the run");
        for (SpectrumListener.Sample sample : s) {
            assertEquals(2 / sample.lambdaMax(), sample.stableStep(), 0);
            assertEquals(sample.iteration() == 0 ? 0 : 1, sample.coefficients().length);
            assertTrue(Double.isFinite(sample.trace()) && sample.traceStandardError() >= 0, sample::toString);
            assertTrue(sample.products() > 20, sample::toString);
        }

        // the decorator changes nothing about the run
        OptimizationResult plain = optimizer().minimize(f, start());
        assertArrayEquals(plain.x(), r.x(), 0);
        assertEquals(plain.value(), r.value(), 0);
    }

    @Test
    void samplesTheGivenIterationsThroughAView() {
        Rosenbrock f = Rosenbrock.of(N);
        double[] fixed = start();
        SpectrumListener at = SpectrumListener.at(f, 2, 5);
        optimizer().minimize(at.objective(), start(), at);
        assertEquals(List.of(2, 5), at.samples().stream().map(SpectrumListener.Sample::iteration).toList());
        assertTrue(Double.isNaN(at.samples().get(0).trace()));

        SpectrumListener viewed = new SpectrumListener(f, () -> fixed, k -> k == 1, TopEigenvalues.defaults(), null);
        optimizer().minimize(viewed.objective(), start(), viewed);
        assertEquals(denseLambdaMax(f, fixed), viewed.samples().get(0).lambdaMax(), 1e-8 * denseLambdaMax(f, fixed));
    }

    @Test
    void theUndecoratedObjectiveIsAClearError() {
        Rosenbrock f = Rosenbrock.of(N);
        SpectrumListener spectrum = SpectrumListener.every(f, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> optimizer().minimize(f, start(), spectrum));
        assertTrue(e.getMessage().contains("SpectrumListener.objective()"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpectrumListener.every(f, 0));
    }
}
