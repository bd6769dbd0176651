package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * core's {@link DenseProducts} (the products the network layers run on) against textbook triple
 * loops, for all six products on both paths ({@link DenseProducts.Path#JAVA},
 * {@link DenseProducts.Path#NATIVE}) and the automatic choice, on shapes from 1×1×1 through both
 * Java loop forms of each product ({@link DenseProducts#MIN_DOT_LENGTH},
 * {@link DenseProducts#MIN_TRANSPOSED_LENGTH}), OpenBLAS's k-blocks (k > 256) and several native
 * chunks per range, to sizes split over two or three threads; each entry's error judged against
 * Σ|terms| of its sum. Also: the native path agrees with the Java path to 10⁻¹³ of Σ|terms|;
 * repeated calls give the same bits for a given thread count; the automatic choice follows
 * {@link Backend#current()} and the size rule and never touches native code on the Java
 * backend; close; steady-state calls allocate nothing; arrays longer than the shape are fine,
 * and bad shapes and aliasing are rejected.
 */
class DenseProductsTest {

    /** Error bound per entry, relative to Σ|terms| of its sum (documented in DenseProducts). */
    private static final double TOLERANCE = 1e-13;

    /** m, k, n. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 1}, {7, 1, 1}, {1, 1, 9}, {3, 5, 7}, {5, 3, 8}, {6, 9, 9}, {13, 4, 3}, {3, 17, 2},
        {9, 2, 30}, {50, 8, 64}, {200, 30, 12}, {1, 40, 40}, {2000, 40, 40}, {2500, 60, 3}, {3000, 3, 25},
        // one row or column, k = 1, k beyond OpenBLAS's k-block, several native chunks per range
        {1, 100, 10}, {500, 1, 1}, {400, 1, 20}, {300, 20, 1}, {40, 300, 5}, {3000, 60, 40}, {40000, 1, 3},
    };

    private Backend backendBefore;
    private int threadsBefore;

    @BeforeEach
    void remember() {
        backendBefore = Backend.current();
        threadsBefore = Backend.threads();
    }

    @AfterEach
    void restore() {
        Backend.select(backendBefore.name());
        Backend.setThreads(threadsBefore);
    }

    static List<Arguments> shapesOnEveryPath() {
        List<Arguments> out = new ArrayList<>();
        for (DenseProducts.Path path : DenseProducts.Path.values()) {
            for (int s = 0; s < SHAPES.length; s++) {
                out.add(Arguments.of(path, SHAPES[s][0], SHAPES[s][1], SHAPES[s][2]));
            }
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

    private static void assumeNative(DenseProducts.Path path) {
        Assumptions.assumeTrue(path != DenseProducts.Path.NATIVE || Backend.nativeAvailable(), "OpenBLAS not loadable here");
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

    /** kind 0: A·B, 1: Aᵀ·B, 2: A·Bᵀ; add: the accumulating form. */
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

    private static void assertClose(double[] expected, double[] scale, double[] actual, String what) {
        for (int e = 0; e < expected.length; e++) {
            double err = Math.abs(actual[e] - expected[e]);
            assertTrue(err <= TOLERANCE * scale[e] + 1e-300, what + " entry " + e + ": " + actual[e] + " vs " + expected[e]);
        }
    }

    /** All six products of one shape on one path against the textbook loops, and repeated for the same bits. */
    private static void check(DenseProducts products, int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(31L * m + 7L * k + n);
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
                String what = products.path() + " kind " + kind + " add=" + add + " " + m + "×" + k + "×" + n;
                assertClose(ref[0], ref[1], c, what);
                double[] again = add ? c0.clone() : new double[rows * n];
                run(products, kind, add, a, b, m, k, n, again);
                assertArrayEquals(c, again, 0.0, what + ": same bits on a repeated call");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}×{2}×{3}")
    @MethodSource("shapesOnEveryPath")
    void productsMatchTheTextbookLoops(DenseProducts.Path path, int m, int k, int n) {
        assumeNative(path);
        try (DenseProducts products = new DenseProducts(path)) {
            check(products, m, k, n);
        }
    }

    @Test
    void nativeAgreesWithJavaToTheDocumentedBound() {
        Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
        try (DenseProducts java = new DenseProducts(DenseProducts.Path.JAVA);
             DenseProducts nat = new DenseProducts(DenseProducts.Path.NATIVE)) {
            for (int s = 0; s < SHAPES.length; s++) {
                int m = SHAPES[s][0];
                int k = SHAPES[s][1];
                int n = SHAPES[s][2];
                SplittableRandom rng = new SplittableRandom(s);
                double[] a = gaussian(rng, m * k);
                for (int kind = 0; kind < 3; kind++) {
                    int rows = kind == 1 ? k : m;
                    double[] b = gaussian(rng, kind == 1 ? m * n : k * n);
                    for (boolean add : new boolean[] {false, true}) {
                        double[] c0 = add ? gaussian(rng, rows * n) : new double[rows * n];
                        double[] viaJava = c0.clone();
                        double[] viaNative = c0.clone();
                        run(java, kind, add, a, b, m, k, n, viaJava);
                        run(nat, kind, add, a, b, m, k, n, viaNative);
                        double[] scale = reference(kind, a, b, c0, m, k, n)[1];
                        assertClose(viaJava, scale, viaNative, "native vs Java kind " + kind + " add=" + add + " " + m + "×"
                                + k + "×" + n);
                    }
                }
            }
        }
    }

    /** Several ranges (1–3 threads): same bits call after call for each thread count, close across counts. */
    @Test
    void nativeResultsAreReproducibleForEachThreadCount() {
        Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
        int m = 9001;
        int k = 37;
        int n = 13;
        SplittableRandom rng = new SplittableRandom(11);
        double[] a = gaussian(rng, m * k);
        double[] bRight = gaussian(rng, k * n);
        double[] bRows = gaussian(rng, m * n);
        double[] first = null;
        double[] firstTransposed = null;
        for (int threads = 1; threads <= 3; threads++) {
            Backend.setThreads(threads);
            assertEquals(threads, Parallel.parts(m, (long) k * n), "the shape is large enough for one range per thread");
            try (DenseProducts products = new DenseProducts(DenseProducts.Path.NATIVE)) {
                double[] c = new double[m * n];
                double[] g = new double[k * n];
                products.multiply(a, bRight, m, k, n, c);
                products.multiplyTransposed(a, bRows, m, k, n, g);
                for (int rep = 0; rep < 3; rep++) {
                    double[] c2 = new double[m * n];
                    double[] g2 = new double[k * n];
                    products.multiply(a, bRight, m, k, n, c2);
                    products.multiplyTransposed(a, bRows, m, k, n, g2);
                    assertArrayEquals(c, c2, 0.0, threads + " threads: A·B bits");
                    assertArrayEquals(g, g2, 0.0, threads + " threads: Aᵀ·B bits");
                }
                try (DenseProducts other = new DenseProducts(DenseProducts.Path.NATIVE)) {
                    double[] g3 = new double[k * n];
                    other.multiplyTransposed(a, bRows, m, k, n, g3);
                    assertArrayEquals(g, g3, 0.0, threads + " threads: a second instance gives the same bits");
                }
                if (first == null) {
                    first = c;
                    firstTransposed = g;
                } else {
                    assertArrayEquals(first, c, 1e-11, "A·B with " + threads + " threads vs 1");
                    assertArrayEquals(firstTransposed, g, 1e-10, "Aᵀ·B with " + threads + " threads vs 1");
                }
            }
        }
    }

    @Test
    void twoThreadsAreReproducibleAndAgreeWithOne() {
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
        check(new DenseProducts(), 2000, 40, 40);
        DenseProducts products = new DenseProducts();
        products.multiplyTransposed(a, b, m, k, n, two);
        products.multiplyTransposed(a, b, m, k, n, twoAgain);
        assertArrayEquals(two, twoAgain, 0.0);
        assertArrayEquals(one, two, 1e-11);
    }

    @Test
    void theSizeRuleKeepsSmallAndVectorProductsInJava() {
        long work = DenseProducts.MIN_NATIVE_WORK;
        assertTrue(DenseProducts.worthNative((int) work, 1, 2, false), "k = 1 is fine for A·B");
        assertFalse(DenseProducts.worthNative((int) work / 2 - 1, 1, 2, false), "just below the work threshold");
        assertTrue(DenseProducts.worthNative((int) work / 4, 2, 2, true));
        assertFalse(DenseProducts.worthNative(16, 10, 10, false), "1,600 multiply-adds");
        assertTrue(DenseProducts.worthNative(60000, 100, 10, false));
        assertTrue(DenseProducts.worthNative(60000, 10, 100, false));
        assertTrue(DenseProducts.worthNative(60000, 100, 10, true));
        assertFalse(DenseProducts.worthNative(60000, 100, 1, false), "n = 1: a matrix-vector product");
        assertFalse(DenseProducts.worthNative(60000, 100, 1, true), "n = 1: a matrix-vector product");
        assertTrue(DenseProducts.worthNative(60000, 1, 100, false), "A·B with k = 1 writes an m×n C");
        assertFalse(DenseProducts.worthNative(60000, 1, 100, true), "Aᵀ·B with k = 1: C is a row vector");
        assertFalse(DenseProducts.worthNative(Integer.MAX_VALUE, 0, 5, false), "no work");
    }

    @Test
    void autoFollowsTheBackendAndTheSizeRule() {
        Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
        int m = 300;
        int k = 20;
        int n = 10;
        SplittableRandom rng = new SplittableRandom(3);
        double[] a = gaussian(rng, m * k);
        double[] b = gaussian(rng, m * n);
        double[] c = new double[m * n];
        double[] g = new double[k * n];
        try (DenseProducts products = new DenseProducts()) {
            assertSame(DenseProducts.Path.AUTO, products.path());
            Backend.select("native");
            assertTrue(products.runsNative(m, k, n, false));
            products.multiply(a, b, m, k, n, c);
            products.multiplyTransposedAdd(a, b, m, k, n, g);
            assertEquals(2, products.nativeCalls());
            products.multiply(a, b, 4, 4, 4, c);                  // 64 multiply-adds: Java
            products.multiplyTransposed(a, b, m, k, 1, g);        // a matrix-vector product: Java
            assertEquals(2, products.nativeCalls());
            Backend.select("java");
            assertFalse(products.runsNative(m, k, n, false));
            products.multiplyByTransposed(a, b, m, k, n, c);
            assertEquals(2, products.nativeCalls(), "the Java backend: no native call");
        }
    }

    @Test
    void onTheJavaBackendNothingNativeIsCreated() {
        Backend.select("java");
        try (DenseProducts products = new DenseProducts()) {
            check(products, 3000, 60, 40);
            assertEquals(0, products.nativeCalls());
            assertFalse(products.hasNativeBuffers(), "native buffers allocated on the Java backend");
        }
    }

    @Test
    void forcedPathsIgnoreTheBackendAndTheSize() {
        try (DenseProducts java = new DenseProducts(DenseProducts.Path.JAVA)) {
            assertFalse(java.runsNative(60000, 100, 10, false));
            check(java, 2000, 40, 40);
            assertEquals(0, java.nativeCalls());
            assertFalse(java.hasNativeBuffers());
        }
        Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
        Backend.select("java");
        try (DenseProducts nat = new DenseProducts(DenseProducts.Path.NATIVE)) {
            double[] c = {5};
            nat.multiply(new double[] {2}, new double[] {3}, 1, 1, 1, c);
            nat.multiplyTransposedAdd(new double[] {2}, new double[] {3}, 1, 1, 1, c);
            assertEquals(12, c[0]);
            assertEquals(2, nat.nativeCalls());
        }
    }

    @Test
    void closeFreesTheBuffersAndForbidsFurtherProducts() {
        Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
        DenseProducts products = new DenseProducts(DenseProducts.Path.NATIVE);
        double[] c = new double[4];
        products.multiply(new double[] {1, 2, 3, 4}, new double[] {1, 0, 0, 1}, 2, 2, 2, c);
        assertArrayEquals(new double[] {1, 2, 3, 4}, c, 0.0);
        assertTrue(products.hasNativeBuffers());
        products.close();
        assertFalse(products.hasNativeBuffers());
        products.close();                                        // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> products.multiply(new double[] {1, 2, 3, 4}, new double[] {1, 0, 0, 1}, 2, 2, 2, c));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void nullPathIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DenseProducts(null));
        assertTrue(e.getMessage().contains("path"), e.getMessage());
    }

    /**
     * Once the buffers have grown, native products allocate nothing in the calling thread: 500
     * rounds of the six products, one thread (so every range runs in the measured thread), less
     * than one 16-byte object per round (as in {@code AllocationTest}).
     */
    @ParameterizedTest
    @EnumSource(DenseProducts.Path.class)
    void steadyStateProductsAllocateNothing(DenseProducts.Path path) {
        assumeNative(path);
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Backend.setThreads(1);
        int m = 200;
        int k = 12;
        int n = 5;
        SplittableRandom rng = new SplittableRandom(2);
        double[] a = gaussian(rng, m * k);
        double[] bRight = gaussian(rng, k * n);
        double[] bRows = gaussian(rng, m * n);
        double[] c = new double[m * n];
        double[] g = new double[k * n];
        try (DenseProducts products = new DenseProducts(path)) {
            for (int rep = 0; rep < 200; rep++) {
                sixProducts(products, a, bRight, bRows, m, k, n, c, g);
            }
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            int rounds = 500;
            for (int rep = 0; rep < rounds; rep++) {
                sixProducts(products, a, bRight, bRows, m, k, n, c, g);
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertTrue(allocated < 16L * rounds, path + ": " + allocated + " bytes allocated by " + rounds + " rounds");
        }
    }

    private static void sixProducts(DenseProducts products, double[] a, double[] bRight, double[] bRows, int m, int k,
                                    int n, double[] c, double[] g) {
        products.multiply(a, bRight, m, k, n, c);
        products.multiplyAdd(a, bRight, m, k, n, c);
        products.multiplyByTransposed(a, bRight, m, k, n, c);
        products.multiplyByTransposedAdd(a, bRight, m, k, n, c);
        products.multiplyTransposed(a, bRows, m, k, n, g);
        products.multiplyTransposedAdd(a, bRows, m, k, n, g);
    }

    @ParameterizedTest
    @EnumSource(DenseProducts.Path.class)
    void emptyDimensionsGiveZeroOrLeaveC(DenseProducts.Path path) {
        assumeNative(path);
        try (DenseProducts products = new DenseProducts(path)) {
            double[] c = {1, 2, 3, 4};
            products.multiply(new double[0], new double[0], 2, 0, 2, c);
            assertArrayEquals(new double[4], c, 0.0);
            double[] d = {1, 2, 3, 4};
            products.multiplyTransposedAdd(new double[0], new double[0], 0, 2, 2, d);
            assertArrayEquals(new double[] {1, 2, 3, 4}, d, 0.0);
            products.multiplyTransposed(new double[0], new double[0], 0, 2, 2, d);
            assertArrayEquals(new double[4], d, 0.0);
            double[] e = {7, 8};
            products.multiplyByTransposedAdd(new double[0], new double[0], 2, 0, 1, e);
            assertArrayEquals(new double[] {7, 8}, e, 0.0);
            assertEquals(0, products.nativeCalls(), "empty products never reach OpenBLAS");
        }
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
