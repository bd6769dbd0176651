package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.linalg.LinalgTesting.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four products of every dense implementation (Java and native, float64 and float32 storage)
 * against the textbook loops, on shapes from 1×1 to tall, wide and chunked ones, for k = 1
 * (vector methods and k-methods) and k &gt; 1; and native against Java directly.
 */
class DataMatrixProductsTest {

    /** rows, cols: 1×1, a row, a column, tall, wide, several row blocks and column blocks, several chunks. */
    private static final int[][] SHAPES = {
        {1, 1}, {1, 7}, {7, 1}, {3, 5}, {1200, 3}, {4, 900}, {513, 129}, {2500, 61}, {3, 5000}, {140_000, 3},
    };
    private static final int[] KS = {1, 2, 5};

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        String[] backends = {"java", "native"};
        for (int b = 0; b < backends.length; b++) {
            for (int f = 0; f < 2; f++) {
                for (int s = 0; s < SHAPES.length; s++) {
                    out.add(Arguments.of(backends[b], f == 1, SHAPES[s][0], SHAPES[s][1]));
                }
            }
        }
        return out;
    }

    /** Error bound in units of Σ|terms|: float64 sums, or native float32 blocks (NativeFloatMatrix). */
    private static double tolerance(String backend, boolean float32) {
        return float32 && backend.equals("native") ? 2e-6 : 1e-12;
    }

    private static DataMatrix build(String backend, boolean float32, int n, int d, double[] a) {
        Backend b = Backend.named(backend);
        return float32 ? b.denseFloat(n, d, LinalgTesting.toFloat(a)) : b.dense(n, d, a);
    }

    @ParameterizedTest(name = "{0} float32={1} {2}x{3}")
    @MethodSource("cases")
    void productsMatchTheTextbookLoops(String backend, boolean float32, int n, int d) {
        Assumptions.assumeTrue(backend.equals("java") || Backend.nativeAvailable(), "OpenBLAS not loadable here");
        SplittableRandom rnd = new SplittableRandom(31L * n + d);
        double[] a = LinalgTesting.gaussian(rnd, n * d);
        if (float32) {
            a = LinalgTesting.widen(LinalgTesting.toFloat(a));   // the values the matrix stores
        }
        double tol = tolerance(backend, float32);
        try (DataMatrix x = build(backend, float32, n, d, a)) {
            assertEquals(n, x.rows());
            assertEquals(d, x.cols());
            assertEquals((long) n * d, x.nonZeros());
            for (int q = 0; q < KS.length; q++) {
                int k = KS[q];
                double[] m = LinalgTesting.gaussian(rnd, d * k);
                double[] r = LinalgTesting.gaussian(rnd, n * k);
                double[] expected = new double[Math.max(n, d) * k];
                double[] scale = new double[expected.length];
                double[] out = new double[expected.length];

                LinalgTesting.reference(a, n, d, m, k, expected, scale);
                x.multiply(m, k, out);
                assertClose(out, expected, scale, n * k, tol, "X·M k=" + k);
                if (k == 1) {
                    java.util.Arrays.fill(out, Double.NaN);
                    x.multiply(m, out);
                    assertClose(out, expected, scale, n, tol, "X·v");
                }

                LinalgTesting.referenceTransposed(a, n, d, r, k, expected, scale);
                java.util.Arrays.fill(out, Double.NaN);
                x.multiplyTransposed(r, k, out);
                assertClose(out, expected, scale, d * k, tol, "Xᵀ·R k=" + k);
                if (k == 1) {
                    java.util.Arrays.fill(out, Double.NaN);
                    x.multiplyTransposed(r, out);
                    assertClose(out, expected, scale, d, tol, "Xᵀ·r");
                }
            }
            double[] row = new double[d];
            x.row(n - 1, row);
            for (int j = 0; j < d; j++) {
                assertEquals(a[(n - 1) * d + j], row[j], 0.0, "row(n-1)");
            }
        }
    }

    @Test
    void nativeAndJavaAgreeToFloat64Rounding() {
        Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 3001;
        int d = 97;
        double[] a = LinalgTesting.gaussian(rnd, n * d);
        try (DataMatrix j = Backend.JAVA.dense(n, d, a); DataMatrix nat = Backend.named("native").dense(n, d, a)) {
            for (int k = 1; k <= 3; k++) {
                double[] m = LinalgTesting.gaussian(rnd, d * k);
                double[] r = LinalgTesting.gaussian(rnd, n * k);
                double[] ref = new double[n * k];
                double[] scale = new double[n * k];
                double[] x1 = new double[n * k];
                double[] x2 = new double[n * k];
                LinalgTesting.reference(a, n, d, m, k, ref, scale);
                j.multiply(m, k, x1);
                nat.multiply(m, k, x2);
                assertClose(x2, x1, scale, n * k, 1e-12, "native vs java X·M k=" + k);
                LinalgTesting.referenceTransposed(a, n, d, r, k, ref, scale);
                j.multiplyTransposed(r, k, x1);
                nat.multiplyTransposed(r, k, x2);
                assertClose(x2, x1, scale, d * k, 1e-12, "native vs java Xᵀ·R k=" + k);
            }
        }
    }

    @Test
    void emptyShapesAndZeroColumnsGiveZeros() {
        String[] backends = Backend.nativeAvailable() ? new String[] {"java", "native"} : new String[] {"java"};
        for (int b = 0; b < backends.length; b++) {
            int[][] shapes = {{0, 3}, {4, 0}, {0, 0}};
            for (int s = 0; s < shapes.length; s++) {
                int n = shapes[s][0];
                int d = shapes[s][1];
                try (DataMatrix x = build(backends[b], s == 1, n, d, new double[0])) {
                    double[] out = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN};
                    x.multiply(new double[d], out);
                    x.multiplyTransposed(new double[n], out);
                    x.multiply(new double[d * 2], 2, out);
                    x.multiplyTransposed(new double[n * 2], 2, out);
                    for (int i = 0; i < Math.max(n, d) * 2; i++) {
                        assertEquals(0.0, out[i], backends[b] + " " + n + "×" + d);
                    }
                }
            }
            try (DataMatrix x = build(backends[b], false, 2, 2, new double[] {1, 2, 3, 4})) {
                double[] out = {Double.NaN, Double.NaN};
                x.multiply(new double[0], 0, out);
                x.multiplyTransposed(new double[0], 0, out);
                assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]), "k = 0: the n·0 outputs leave out untouched");
            }
        }
    }

    @Test
    void nativeBackendLoadsOnLinuxX86() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        Assumptions.assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")));
        assertTrue(Backend.nativeAvailable(), "OpenBLAS should load on linux-x86_64: " + NativeBlas.problem());
    }
}
