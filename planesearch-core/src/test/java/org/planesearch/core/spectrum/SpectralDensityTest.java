package org.planesearch.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpectralDensityTest {

    /**
     * n = 2,000: a bulk λ = (i/1995)² in [0, 1], dense near 0 like a trained network's, and the
     * outliers 4, 6, 9, 13, 20.
     */
    private static final int N = 2000;
    private static final double[] EIGENVALUES = largeSpectrum();
    private static final SymmetricOperator LARGE = SpectrumTesting.reflected(EIGENVALUES, 3, new SplittableRandom(40));

    private static double[] largeSpectrum() {
        double[] outliers = {4, 6, 9, 13, 20};
        int bulk = N - outliers.length;
        double[] eig = new double[N];
        for (int i = 0; i < bulk; i++) {
            double u = (double) i / bulk;
            eig[i] = u * u;
        }
        System.arraycopy(outliers, 0, eig, bulk, outliers.length);
        return eig;
    }

    /** Two clusters of 30 eigenvalues each, around 1 and 5, as a dense 60×60 matrix. */
    private static SymmetricOperator twoClusters() {
        SplittableRandom rng = new SplittableRandom(41);
        double[] eig = new double[60];
        for (int i = 0; i < 60; i++) {
            eig[i] = (i < 30 ? 1 : 5) + 0.05 * (rng.nextDouble() - 0.5);
        }
        return SymmetricOperator.dense(SpectrumTesting.withSpectrum(eig, rng), 60);
    }

    @Test
    void theSlqDensityOfALargeKnownSpectrumIsCloseToTheExactOne() {
        SpectralDensity.Settings settings = SpectralDensity.Settings.defaults().withSteps(80).withSigmaSquared(1e-3);
        CountingOperator op = SymmetricOperator.counting(LARGE);
        DensityEstimate slq = SpectralDensity.estimate(op, settings);
        DensityEstimate exact = SpectralDensity.exact(EIGENVALUES, slq);
        double l1 = SpectralDensity.l1Distance(slq, exact);
        assertTrue(l1 <= 0.05, "L1 distance " + l1);
        assertEquals(20, slq.maxNode(), 0.01 * 20, "top node " + slq.maxNode());
        assertTrue(slq.complete());
        assertEquals(10, slq.draws());
        assertEquals(op.applications(), slq.products());
        assertEquals(800, slq.products(), "80 steps × 10 draws, no breakdown");
        for (int l = 0; l < slq.draws(); l++) {
            assertEquals(80, slq.nodes()[l].length);
            double sum = 0;
            for (int k = 0; k < 80; k++) {
                sum += slq.weights()[l][k];
                assertTrue(slq.weights()[l][k] >= 0);
            }
            assertEquals(1, sum, 1e-12, "weights of draw " + l);
        }
        assertEquals(1, sum(slq.density()) * slq.gridSpacing(), 1e-12, "normalised");
        // the automatic grid starts 0.01 below the smallest node, much less than the kernel's
        // standard deviation (0.14): the kernels of the bulk piled up at 0 spill over the edge.
        // Estimate and exact density lose the same mass, and the renormalisation hides it.
        assertTrue(slq.massOutsideGrid() > 0.05 && slq.massOutsideGrid() < 0.3, "lost " + slq.massOutsideGrid());
        assertEquals(exact.massOutsideGrid(), slq.massOutsideGrid(), 0.02);
        assertEquals(10_000, slq.grid().length);
        // the kernel variance is sigmaSquared × the grid's range (both include the 0.01 margins)
        assertEquals(1e-3 * (slq.gridMax() - slq.gridMin()), slq.kernelVariance(), 1e-15);
        assertEquals(slq.kernelVariance(), exact.kernelVariance(), 0.0);
        // the bulk holds 1995/2000 of the mass, the outliers the rest
        assertEquals(0.9975, slq.massBetween(-1, 2), 0.01);
    }

    @Test
    void rademacherProbesWorkToo() {
        SpectralDensity.Settings settings = SpectralDensity.Settings.defaults().withSteps(80).withDraws(5)
                .withSigmaSquared(1e-3).withStartVectors(SpectralDensity.StartVectors.RADEMACHER).withGridSize(2000);
        DensityEstimate slq = SpectralDensity.estimate(LARGE, settings);
        DensityEstimate exact = SpectralDensity.exact(EIGENVALUES, slq);
        assertTrue(SpectralDensity.l1Distance(slq, exact) <= 0.08, "L1 " + SpectralDensity.l1Distance(slq, exact));
    }

    @Test
    void twoClustersGetHalfTheMassEachAndTheirPeaksInPlace() {
        SpectralDensity.Settings settings = SpectralDensity.Settings.defaults().withSteps(30).withDraws(5)
                .withSigmaSquared(1e-2).withGridSize(2000);
        DensityEstimate d = SpectralDensity.estimate(twoClusters(), settings);
        assertEquals(0.5, d.massBetween(Double.NEGATIVE_INFINITY, 3), 0.15);
        assertEquals(0.5, d.massBetween(3, Double.POSITIVE_INFINITY), 0.15);
        assertEquals(1, d.grid()[argMax(d.density(), 0, 1000)], 0.3);
        assertEquals(5, d.grid()[argMax(d.density(), 1000, 2000)], 0.3);
        // a caller's grid that cuts the upper cluster off: the lost mass is reported
        DensityEstimate cut = SpectralDensity.estimate(twoClusters(), settings.withGrid(0, 3));
        assertEquals(0.5, cut.massOutsideGrid(), 0.15);
        assertEquals(1, sum(cut.density()) * cut.gridSpacing(), 1e-12, "still normalised on the grid");
        assertEquals(0, cut.gridMin(), 0.0);
        assertEquals(3, cut.gridMax(), 0.0);
        // the variance still comes from the nodes, as in the authors' code
        assertEquals(d.kernelVariance(), cut.kernelVariance(), 1e-12);
    }

    @Test
    void withMEqualToNOneDrawIsTheExactlyWeightedSpectrum() {
        // m = n: the rule is exact for the probe, so smoothing its nodes and weights equals
        // smoothing the eigenvalues with weights (v·qᵢ)² — here, a diagonal matrix, vᵢ²/‖v‖²
        double[] d = {0.5, 1, 1.5, 2, 3, 3.5, 4, 6};
        SpectralDensity.Settings one = SpectralDensity.Settings.defaults().withDraws(1).withGridSize(500)
                .withSigmaSquared(1e-2).withSeed(5);
        DensityEstimate slq = SpectralDensity.estimate(SymmetricOperator.diagonal(d), one);
        assertEquals(8, slq.nodes()[0].length);
        double[] probe = new double[8];
        RandomVectors.gaussian(new SplittableRandom(5).split(), probe);
        double norm2 = 0;
        for (int i = 0; i < 8; i++) {
            norm2 += probe[i] * probe[i];
        }
        double[] w = new double[8];
        for (int i = 0; i < 8; i++) {
            w[i] = probe[i] * probe[i] / norm2;
        }
        assertArrayEquals(d, slq.nodes()[0], 1e-12);
        assertArrayEquals(w, slq.weights()[0], 1e-12);
        DensityEstimate weighted = SpectralDensity.smooth(new double[][] {d}, new double[][] {w},
                one.withGrid(slq.gridMin(), slq.gridMax()));
        assertTrue(SpectralDensity.l1Distance(slq, weighted) < 1e-9);
    }

    @Test
    void theSameSeedGivesTheSameBitsAndStoredNodesReproduceTheDensity() {
        SpectralDensity.Settings settings = SpectralDensity.Settings.defaults().withSteps(20).withDraws(3)
                .withGridSize(1000).withSeed(77);
        DensityEstimate a = SpectralDensity.estimate(twoClusters(), settings);
        DensityEstimate b = SpectralDensity.estimate(twoClusters(), settings);
        assertArrayEquals(a.density(), b.density(), 0.0);
        assertArrayEquals(a.grid(), b.grid(), 0.0);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(a.nodes()[l], b.nodes()[l], 0.0);
            assertArrayEquals(a.weights()[l], b.weights()[l], 0.0);
        }
        DensityEstimate other = SpectralDensity.estimate(twoClusters(), settings.withSeed(78));
        assertFalse(Arrays.equals(a.nodes()[0], other.nodes()[0]));
        DensityEstimate again = SpectralDensity.smooth(a.nodes(), a.weights(), settings);
        assertArrayEquals(a.density(), again.density(), 0.0);
        assertEquals(0, SpectralDensity.l1Distance(a, again), 0.0);
        assertEquals(settings, a.settings());
    }

    @Test
    void defaultsFollowTheAuthorsAndSmallOperatorsClampTheSteps() {
        SpectralDensity.Settings s = SpectralDensity.Settings.defaults();
        assertEquals(90, s.steps());
        assertEquals(10, s.draws());
        assertEquals(10_000, s.gridSize());
        assertEquals(1e-5, s.sigmaSquared(), 0.0);
        assertEquals(SpectralDensity.StartVectors.GAUSSIAN, s.startVectors());
        assertTrue(s.automaticGrid());
        // 27 parameters with m = 90: at most 27 steps per draw, no failure
        double[] eig = new double[27];
        for (int i = 0; i < 27; i++) {
            eig[i] = i * 0.1;
        }
        DensityEstimate d = SpectralDensity.estimate(SymmetricOperator.diagonal(eig), s.withGridSize(500));
        assertTrue(d.complete());
        for (int l = 0; l < d.draws(); l++) {
            assertTrue(d.nodes()[l].length <= 27);
        }
        assertTrue(d.products() <= 270);
    }

    @Test
    void theExactModeSmoothsAKnownSpectrum() {
        double[] eig = {1, 2, 2, 3};
        SpectralDensity.Settings s = SpectralDensity.Settings.defaults().withGridSize(4001).withSigmaSquared(1e-3);
        DensityEstimate d = SpectralDensity.exact(eig, s);
        assertEquals(0.99, d.gridMin(), 1e-15);
        assertEquals(3.01, d.gridMax(), 1e-15);
        assertEquals(1e-3 * 2.02, d.kernelVariance(), 1e-15);
        assertEquals(1, sum(d.density()) * d.gridSpacing(), 1e-12);
        assertEquals(0, d.products());
        assertEquals(0, d.statuses().length);
        // the kernels at 1 and 3 sit 0.01 inside the grid's ends (s = 0.045): each loses about
        // 41% of its mass outside, and the renormalisation moves it to the rest
        assertTrue(d.massOutsideGrid() > 0.15 && d.massOutsideGrid() < 0.25, "lost " + d.massOutsideGrid());
        assertEquals(0.5 / (1 - d.massOutsideGrid()), d.massBetween(1.5, 2.5), 2e-3);
        DensityEstimate wide = SpectralDensity.exact(eig, s.withGrid(0, 4));
        assertEquals(0, wide.massOutsideGrid(), 1e-9);
        assertEquals(0.5, wide.massBetween(1.5, 2.5), 1e-3, "the middle peak holds twice the mass of the others");
        assertEquals(2, d.grid()[argMax(d.density(), 0, d.grid().length)], 1e-3);
        // from a dense matrix through the Householder solver
        double[] matrix = SpectrumTesting.withSpectrum(eig, new SplittableRandom(3));
        DensityEstimate viaMatrix = SpectralDensity.exact(SymmetricEigen.eigenvalues(matrix, 4), d);
        assertTrue(SpectralDensity.l1Distance(d, viaMatrix) < 1e-9);
    }

    @Test
    void aNonFiniteOperatorStopsTheEstimateCleanly() {
        SpectralDensity.Settings settings = SpectralDensity.Settings.defaults().withSteps(10).withDraws(4)
                .withGridSize(200);
        // fails during the third draw (calls 21 to 30)
        DensityEstimate d = SpectralDensity.estimate(SpectrumTesting.failingAfter(twoClusters(), 25), settings);
        assertFalse(d.complete());
        assertEquals(2, d.draws());
        assertEquals(3, d.statuses().length);
        assertEquals(LanczosStatus.NON_FINITE, d.statuses()[2]);
        assertEquals(25, d.products());
        assertTrue(Arrays.stream(d.density()).allMatch(Double::isFinite));
        DensityEstimate none = SpectralDensity.estimate(SpectrumTesting.failingAfter(twoClusters(), 1), settings);
        assertEquals(0, none.grid().length);
        assertEquals(0, none.draws());
        assertFalse(none.complete());
        assertThrows(IllegalArgumentException.class, () -> SpectralDensity.exact(new double[] {1}, none));
    }

    @Test
    void badArgumentsAreRejected() {
        SpectralDensity.Settings s = SpectralDensity.Settings.defaults();
        assertThrows(IllegalArgumentException.class, () -> s.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> s.withDraws(0));
        assertThrows(IllegalArgumentException.class, () -> s.withGridSize(1));
        assertThrows(IllegalArgumentException.class, () -> s.withSigmaSquared(0));
        assertThrows(IllegalArgumentException.class, () -> s.withSigmaSquared(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.withGrid(1, 1));
        assertThrows(IllegalArgumentException.class, () -> s.withGrid(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> s.withStartVectors(null));
        assertThrows(IllegalArgumentException.class, () -> SpectralDensity.exact(new double[0], s));
        assertThrows(IllegalArgumentException.class, () -> SpectralDensity.exact(new double[] {Double.NaN}, s));
        assertThrows(IllegalArgumentException.class, () -> SpectralDensity.smooth(new double[][] {{1, 2}},
                new double[][] {{1}}, s));
        assertThrows(IllegalArgumentException.class, () -> SpectralDensity.smooth(new double[][] {{1}},
                new double[][] {{-1}}, s));
        DensityEstimate a = SpectralDensity.exact(new double[] {1, 2}, s.withGridSize(100));
        DensityEstimate b = SpectralDensity.exact(new double[] {1, 3}, s.withGridSize(100));
        IllegalArgumentException grids = assertThrows(IllegalArgumentException.class,
                () -> SpectralDensity.l1Distance(a, b));
        assertTrue(grids.getMessage().contains("different grids"), grids.getMessage());
    }

    private static double sum(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i];
        }
        return s;
    }

    private static int argMax(double[] x, int from, int to) {
        int best = from;
        for (int j = from; j < to; j++) {
            if (x[j] > x[best]) {
                best = j;
            }
        }
        return best;
    }
}
