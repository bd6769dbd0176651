package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * core's {@link DenseProducts} (the products the network layers run on) against textbook triple
 * loops, for all six products on shapes from 1×1×1 through both loop forms of each product
 * ({@link DenseProducts#MIN_DOT_LENGTH}, {@link DenseProducts#MIN_TRANSPOSED_LENGTH}) to sizes
 * split over two threads; each entry's error judged against Σ|terms| of its
 * sum. Also: repeated calls give the same bits, arrays longer than the shape are fine, and bad
 * shapes and aliasing are rejected. (It lives here because core's {@code DenseProductsTest}
 * already names the data matrices' product tests.)
 */
class DenseProductsTest {

    /** m, k, n. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 1}, {7, 1, 1}, {1, 1, 9}, {3, 5, 7}, {5, 3, 8}, {6, 9, 9}, {13, 4, 3}, {3, 17, 2},
        {9, 2, 30}, {50, 8, 64}, {200, 30, 12}, {1, 40, 40}, {2000, 40, 40}, {2500, 60, 3}, {3000, 3, 25},
    };

    static List<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (int s = 0; s < SHAPES.length; s++) {
            out.add(Arguments.of(SHAPES[s][0], SHAPES[s][1], SHAPES[s][2]));
        }
        return out;
    }

    private static double[] gaussian(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    /** The textbook C0 + op(A)·op(B) and Σ|terms| per entry, for the three product kinds. */
    private static double[][] reference(int kind, double[] a, double[] b, double[] c0, int m, int k, int n) {
        int rows = kind == 1 ? k : m;
        int inner = kind == 1 ? m : k;
        double[] c = new double[rows * n];
        double[] scale = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double s = c0[i * n + j];
                double abs = Math.abs(s);
                for (int p = 0; p < inner; p++) {
                    double t = switch (kind) {
                        case 0 -> a[i * k + p] * b[p * n + j];        // A·B
                        case 1 -> a[p * k + i] * b[p * n + j];        // Aᵀ·B
                        default -> a[i * k + p] * b[j * k + p];       // A·Bᵀ
                    };
                    s += t;
                    abs += Math.abs(t);
                }
                c[i * n + j] = s;
                scale[i * n + j] = abs;
            }
        }
        return new double[][] {c, scale};
    }

    private static void run(DenseProducts products, int kind, boolean add, double[] a, double[] b, int m, int k, int n,
                            double[] c) {
        switch (kind) {
            case 0 -> {
                if (add) {
                    products.multiplyAdd(a, b, m, k, n, c);
                } else {
                    products.multiply(a, b, m, k, n, c);
                }
            }
            case 1 -> {
                if (add) {
                    products.multiplyTransposedAdd(a, b, m, k, n, c);
                } else {
                    products.multiplyTransposed(a, b, m, k, n, c);
                }
            }
            default -> {
                if (add) {
                    products.multiplyByTransposedAdd(a, b, m, k, n, c);
                } else {
                    products.multiplyByTransposed(a, b, m, k, n, c);
                }
            }
        }
    }

    private static void check(int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(31L * m + 7L * k + n);
        DenseProducts products = new DenseProducts();
        double[] a = gaussian(rng, m * k + 3);                  // longer than needed: only the leading entries count
        for (int kind = 0; kind < 3; kind++) {
            int bLength = kind == 1 ? m * n : k * n;
            int rows = kind == 1 ? k : m;
            double[] b = gaussian(rng, bLength);
            for (boolean add : new boolean[] {false, true}) {
                double[] c0 = add ? gaussian(rng, rows * n) : new double[rows * n];
                double[] c = add ? c0.clone() : gaussian(rng, rows * n);   // overwritten when not accumulating
                run(products, kind, add, a, b, m, k, n, c);
                double[][] ref = reference(kind, a, b, c0, m, k, n);
                for (int e = 0; e < c.length; e++) {
                    double err = Math.abs(c[e] - ref[0][e]);
                    assertTrue(err <= 1e-13 * ref[1][e] + 1e-300, "kind " + kind + " add=" + add + " " + m + "×" + k
                            + "×" + n + " entry " + e + ": " + c[e] + " vs " + ref[0][e]);
                }
                double[] again = add ? c0.clone() : new double[rows * n];
                run(products, kind, add, a, b, m, k, n, again);
                assertArrayEquals(c, again, 0.0, "same bits on a repeated call");
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1}×{2}")
    @MethodSource("shapes")
    void productsMatchTheTextbookLoops(int m, int k, int n) {
        check(m, k, n);
    }

    @Test
    void twoThreadsAreReproducibleAndAgreeWithOne() {
        int before = Backend.threads();
        try {
            int m = 3000;
            int k = 40;
            int n = 30;
            SplittableRandom rng = new SplittableRandom(5);
            double[] a = gaussian(rng, m * k);
            double[] b = gaussian(rng, m * n);
            double[] one = new double[k * n];
            double[] two = new double[k * n];
            double[] twoAgain = new double[k * n];
            Backend.setThreads(1);
            new DenseProducts().multiplyTransposed(a, b, m, k, n, one);
            Backend.setThreads(2);
            check(2000, 40, 40);
            DenseProducts products = new DenseProducts();
            products.multiplyTransposed(a, b, m, k, n, two);
            products.multiplyTransposed(a, b, m, k, n, twoAgain);
            assertArrayEquals(two, twoAgain, 0.0);
            assertArrayEquals(one, two, 1e-11);
        } finally {
            Backend.setThreads(before);
        }
    }

    @Test
    void emptyInnerDimensionGivesZeroOrLeavesC() {
        DenseProducts products = new DenseProducts();
        double[] c = {1, 2, 3, 4};
        products.multiply(new double[0], new double[0], 2, 0, 2, c);
        assertArrayEquals(new double[4], c, 0.0);
        double[] d = {1, 2, 3, 4};
        products.multiplyTransposedAdd(new double[0], new double[0], 0, 2, 2, d);
        assertArrayEquals(new double[] {1, 2, 3, 4}, d, 0.0);
        products.multiplyTransposed(new double[0], new double[0], 0, 2, 2, d);
        assertArrayEquals(new double[4], d, 0.0);
    }

    @Test
    void badShapesAndAliasingAreRejected() {
        DenseProducts products = new DenseProducts();
        double[] a = new double[6];
        double[] b = new double[6];
        double[] c = new double[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> products.multiply(a, new double[9], 2, 3, 3, c));
        assertTrue(e.getMessage().contains("c has length 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> products.multiply(a, b, 2, 4, 2, c));
        assertThrows(IllegalArgumentException.class, () -> products.multiply(a, b, 2, 3, 2, a));
        assertThrows(IllegalArgumentException.class, () -> products.multiplyTransposed(a, b, 3, 2, 2, b));
        assertThrows(IllegalArgumentException.class, () -> products.multiplyByTransposed(a, b, -1, 3, 2, c));
        assertThrows(IllegalArgumentException.class, () -> products.multiplyByTransposed(null, b, 2, 3, 2, c));
    }
}
