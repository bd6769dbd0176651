package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The float32 accuracy bound of {@link NativeFloatMatrix} where float32 sums are weakest: non-
 * negative data and operands (no cancellation, partial sums grow with the length of the sum).
 * Without the row blocks (one {@code sgemv} over all 300,000 rows) the first test measures an
 * error of 2·10⁻⁶ of Σ|aᵢⱼrᵢ| and fails; the blocked sums must stay within 10⁻⁶ (they give about
 * 10⁻⁸).
 */
class NativeFloatMatrixAccuracyTest {

    private static final double BOUND = 1e-6;

    @BeforeAll
    static void needsNative() {
        Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
    }

    @Test
    void longTransposedSumsStayAccurate() {
        int n = 300_000;
        int d = 8;
        SplittableRandom rnd = new SplittableRandom(11);
        float[] af = LinalgTesting.toFloat(LinalgTesting.uniform(rnd, n * d));
        double[] a = LinalgTesting.widen(af);
        try (DataMatrix x = Backend.named("native").denseFloat(n, d, af)) {
            for (int k = 1; k <= 2; k++) {
                double[] r = LinalgTesting.uniform(rnd, n * k);
                double[] expected = new double[d * k];
                double[] scale = new double[d * k];
                double[] out = new double[d * k];
                LinalgTesting.referenceTransposed(a, n, d, r, k, expected, scale);
                if (k == 1) {
                    x.multiplyTransposed(r, out);
                } else {
                    x.multiplyTransposed(r, k, out);
                }
                double e = LinalgTesting.maxScaledError(out, expected, scale, d * k);
                assertTrue(e <= BOUND, "Xᵀ·R k=" + k + ": scaled error " + e);
            }
        }
    }

    @Test
    void longRowSumsStayAccurate() {
        int n = 40;
        int d = 9000;
        SplittableRandom rnd = new SplittableRandom(12);
        float[] af = LinalgTesting.toFloat(LinalgTesting.uniform(rnd, n * d));
        double[] a = LinalgTesting.widen(af);
        try (DataMatrix x = Backend.named("native").denseFloat(n, d, af)) {
            for (int k = 1; k <= 3; k += 2) {
                double[] m = LinalgTesting.uniform(rnd, d * k);
                double[] expected = new double[n * k];
                double[] scale = new double[n * k];
                double[] out = new double[n * k];
                LinalgTesting.reference(a, n, d, m, k, expected, scale);
                x.multiply(m, k, out);
                double e = LinalgTesting.maxScaledError(out, expected, scale, n * k);
                assertTrue(e <= BOUND, "X·M k=" + k + ": scaled error " + e);
            }
        }
    }
}
