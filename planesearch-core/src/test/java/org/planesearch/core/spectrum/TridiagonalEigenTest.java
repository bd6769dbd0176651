package org.planesearch.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.planesearch.core.testing.Quadratic;

class TridiagonalEigenTest {

    /** Checks T = Z Λ Zᵀ: eigenvalues against Jacobi, T z = λ z, ZᵀZ = I, all to tol·‖T‖. */
    private static void assertDecomposes(double[] d, double[] e, double tol) {
        int n = d.length;
        double[] t = SpectrumTesting.tridiagonal(d, e);
        double[] reference = SpectrumTesting.jacobi(t, n, null);
        double scale = Math.max(SpectrumTesting.spectralNorm(reference), Double.MIN_NORMAL);
        TridiagonalEigen.Decomposition dec = TridiagonalEigen.decompose(d, e, true);
        double[] values = dec.values();
        for (int k = 1; k < n; k++) {
            assertTrue(values[k - 1] <= values[k], "ascending");
        }
        assertTrue(SpectrumTesting.maxAbsDifference(values, reference) <= tol * scale,
                "eigenvalues differ from Jacobi's by " + SpectrumTesting.maxAbsDifference(values, reference));
        double[] z = dec.vectors();
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                double tz = d[i] * z[i * n + k];
                if (i > 0) {
                    tz += e[i - 1] * z[(i - 1) * n + k];
                }
                if (i + 1 < n) {
                    tz += e[i] * z[(i + 1) * n + k];
                }
                assertEquals(values[k] * z[i * n + k], tz, tol * scale, "T z = λ z, column " + k);
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += z[i * n + k] * z[i * n + j];
                }
                assertEquals(k == j ? 1 : 0, dot, tol, "ZᵀZ = I at (" + k + ", " + j + ")");
            }
            assertEquals(z[k], dec.firstComponents()[k], "first components are Z's first row");
        }
        assertEquals(0, dec.weightDefect(), 1e-13, "τ sums to 1");
    }

    @Property(tries = 60)
    void randomTridiagonalsMatchJacobi(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        for (int i = 0; i < n; i++) {
            d[i] = Quadratic.gaussian(rng);
        }
        for (int i = 0; i < n - 1; i++) {
            e[i] = Quadratic.gaussian(rng);
        }
        assertDecomposes(d, e, 1e-12);
    }

    @Test
    void aDiagonalMatrixWithRepeatedEntriesIsSortedUntouched() {
        double[] d = {3, -1, 3, 0, -1, 3, 2};
        double[] e = new double[6];
        TridiagonalEigen.Decomposition dec = TridiagonalEigen.decompose(d, e, true);
        assertArrayEquals(new double[] {-1, -1, 0, 2, 3, 3, 3}, dec.values(), 0.0);
        // Z is a permutation matrix: each column one unit entry
        double[] z = dec.vectors();
        for (int k = 0; k < 7; k++) {
            double sum = 0;
            for (int i = 0; i < 7; i++) {
                sum += Math.abs(z[i * 7 + k]);
                assertTrue(z[i * 7 + k] == 0 || Math.abs(z[i * 7 + k]) == 1);
            }
            assertEquals(1, sum, 0.0);
        }
        assertDecomposes(d, e, 1e-14);
    }

    @Test
    void repeatedAndNearlyRepeatedEigenvaluesMatchJacobi() {
        // two copies of one block coupled by 1e-14: every eigenvalue nearly double
        double[] d = {2, 1, 4, 3, 2, 1, 4, 3};
        double[] e = {1, 0.5, 0.25, 1e-14, 1, 0.5, 0.25};
        assertDecomposes(d, e, 1e-12);
        // Wilkinson's W21+: pairs of eigenvalues agreeing to about 1e-14 at the top
        int n = 21;
        double[] w = new double[n];
        double[] ones = new double[n - 1];
        for (int i = 0; i < n; i++) {
            w[i] = Math.abs(10 - i);
        }
        java.util.Arrays.fill(ones, 1);
        assertDecomposes(w, ones, 1e-12);
        double[] values = TridiagonalEigen.eigenvalues(w, ones);
        assertEquals(values[n - 1], values[n - 2], 1e-12, "W21+'s top pair");
        // a constant matrix with one coupling zero: eigenvalue 5 with multiplicity
        assertDecomposes(new double[] {5, 5, 5, 5}, new double[] {0, 0, 0}, 0);
    }

    @Test
    void theToeplitzMatrixHasItsClosedFormEigenvalues() {
        // a I + b (shift up + shift down): λₖ = a + 2b cos(kπ/(n+1)), k = 1 … n
        int n = 50;
        double a = 0.3;
        double b = -1.7;
        double[] d = new double[n];
        double[] e = new double[n - 1];
        java.util.Arrays.fill(d, a);
        java.util.Arrays.fill(e, b);
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = a + 2 * b * Math.cos(k * Math.PI / (n + 1));
        }
        assertArrayEquals(SpectrumTesting.sorted(expected), TridiagonalEigen.eigenvalues(d, e), 1e-13);
    }

    @Test
    void smallOrdersHaveTheirClosedForms() {
        assertArrayEquals(new double[] {-2.5}, TridiagonalEigen.eigenvalues(new double[] {-2.5}, new double[0]), 0.0);
        TridiagonalEigen.Decomposition one = TridiagonalEigen.decompose(new double[] {7}, new double[0], false);
        assertArrayEquals(new double[] {1}, one.weights(), 0.0);
        // [[2, 1], [1, 2]]: 1 and 3, eigenvectors (1, ∓1)/√2, so both weights ½
        TridiagonalEigen.Decomposition two = TridiagonalEigen.decompose(new double[] {2, 2}, new double[] {1}, false);
        assertArrayEquals(new double[] {1, 3}, two.values(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5}, two.weights(), 1e-15);
    }

    @Test
    void extremeScalesNeitherOverflowNorUnderflow() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] d = new double[12];
        double[] e = new double[11];
        for (int i = 0; i < 12; i++) {
            d[i] = Quadratic.gaussian(rng);
        }
        for (int i = 0; i < 11; i++) {
            e[i] = Quadratic.gaussian(rng);
        }
        double[] base = TridiagonalEigen.eigenvalues(d, e);
        double[] scales = {1e150, 1e-150};
        for (int s = 0; s < scales.length; s++) {
            double[] ds = d.clone();
            double[] es = e.clone();
            for (int i = 0; i < 12; i++) {
                ds[i] *= scales[s];
            }
            for (int i = 0; i < 11; i++) {
                es[i] *= scales[s];
            }
            double[] v = TridiagonalEigen.eigenvalues(ds, es);
            for (int i = 0; i < 12; i++) {
                assertEquals(base[i], v[i] / scales[s], 1e-12 * SpectrumTesting.spectralNorm(base));
            }
        }
    }

    @Test
    void theFirstRowAloneIsTheFirstRowOfTheFullDecomposition() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 30;
        double[] d = new double[n];
        double[] e = new double[n - 1];
        for (int i = 0; i < n; i++) {
            d[i] = Quadratic.gaussian(rng);
        }
        for (int i = 0; i < n - 1; i++) {
            e[i] = Quadratic.gaussian(rng);
        }
        double[] dBefore = d.clone();
        double[] eBefore = e.clone();
        TridiagonalEigen.Decomposition full = TridiagonalEigen.decompose(d, e, true);
        TridiagonalEigen.Decomposition first = TridiagonalEigen.decompose(d, e, false);
        // the same rotations in the same order: bit for bit
        assertArrayEquals(full.values(), first.values(), 0.0);
        assertArrayEquals(full.firstComponents(), first.firstComponents(), 0.0);
        assertEquals(null, first.vectors());
        assertThrows(IllegalStateException.class, () -> first.vector(0));
        double[] col = full.vector(4);
        assertEquals(full.firstComponents()[4], col[0], 0.0);
        // the convenience calls leave their inputs alone
        assertArrayEquals(dBefore, d, 0.0);
        assertArrayEquals(eBefore, e, 0.0);
    }

    @Test
    void badArgumentsAreRejectedWithTheirNames() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> TridiagonalEigen.eigenvalues(new double[] {1, Double.NaN}, new double[] {0}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TridiagonalEigen.eigenvalues(new double[] {1, 2, 3},
                new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> TridiagonalEigen.eigenvalues(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> TridiagonalEigen.decompose(new double[] {1, 2},
                new double[] {1}, 2, new double[4], 3));
        assertThrows(IllegalArgumentException.class, () -> TridiagonalEigen.decompose(new double[] {1, 2},
                new double[] {1}, 2, new double[3], 2));
    }

    @Property(tries = 30)
    void householderReductionMatchesJacobiOnDenseMatrices(@ForAll @IntRange(min = 1, max = 30) int n,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        double[] a = SpectrumTesting.randomSymmetric(n, new SplittableRandom(seed));
        double[] reference = SpectrumTesting.jacobi(a, n, null);
        double[] values = SymmetricEigen.eigenvalues(a, n);
        assertTrue(SpectrumTesting.maxAbsDifference(values, reference)
                <= 1e-12 * Math.max(1, SpectrumTesting.spectralNorm(reference)));
    }

    @Test
    void householderReductionKeepsRepeatedEigenvaluesAndReadsOnlyTheLowerTriangle() {
        double[] eig = {-2, -2, 1, 1, 1, 4, 4, 7, 7, 7, 7, 0};
        double[] a = SpectrumTesting.withSpectrum(eig, new SplittableRandom(5));
        int n = eig.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[i * n + j] = 1e300; // garbage above the diagonal
            }
        }
        assertArrayEquals(SpectrumTesting.sorted(eig), SymmetricEigen.eigenvalues(a, n), 1e-13);
        assertArrayEquals(new double[] {3}, SymmetricEigen.eigenvalues(new double[] {3}, 1), 0.0);
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(new double[5], 2));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(new double[] {1, 0,
                Double.POSITIVE_INFINITY, 1}, 2));
    }
}
