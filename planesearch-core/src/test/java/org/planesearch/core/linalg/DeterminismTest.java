package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For a given thread count every product returns the same bits, run after run, and also when
 * two threads use two matrices at once (the pool is then busy and one caller runs its parts
 * serially: same partition, same bits). Different thread counts may differ in the last bits
 * only.
 */
class DeterminismTest {

    private static final int N = 2000;
    private static final int D = 120;   // N·D = 240,000 multiply-adds: 3 parts with 3 threads
    private int threadsBefore;

    @BeforeEach
    void remember() {
        threadsBefore = Backend.threads();
    }

    @AfterEach
    void restore() {
        Backend.setThreads(threadsBefore);
    }

    static String[] kinds() {
        return new String[] {"java", "java-float32", "csr", "native", "native-float32"};
    }

    private static DataMatrix matrix(String kind, double[] a) {
        return TestMatrices.of(kind, N, D, a);
    }

    /** X·v, Xᵀr, X·M, XᵀR (k = 3) concatenated. */
    private static double[] allProducts(DataMatrix x, double[] v, double[] r, double[] m, double[] rk) {
        double[] out = new double[N + D + 3 * N + 3 * D];
        double[] y = new double[3 * N];
        x.multiply(v, y);
        System.arraycopy(y, 0, out, 0, N);
        x.multiplyTransposed(r, y);
        System.arraycopy(y, 0, out, N, D);
        x.multiply(m, 3, y);
        System.arraycopy(y, 0, out, N + D, 3 * N);
        x.multiplyTransposed(rk, 3, y);
        System.arraycopy(y, 0, out, 4 * N + D, 3 * D);
        return out;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sameThreadCountGivesTheSameBits(String kind) throws InterruptedException {
        Assumptions.assumeTrue(!kind.startsWith("native") || Backend.nativeAvailable(), "OpenBLAS not loadable here");
        SplittableRandom rnd = new SplittableRandom(3);
        double[] a = LinalgTesting.gaussian(rnd, N * D);
        double[] v = LinalgTesting.gaussian(rnd, D);
        double[] r = LinalgTesting.gaussian(rnd, N);
        double[] m = LinalgTesting.gaussian(rnd, 3 * D);
        double[] rk = LinalgTesting.gaussian(rnd, 3 * N);
        double[] single = null;
        try (DataMatrix x = matrix(kind, a); DataMatrix twin = matrix(kind, a)) {
            for (int threads = 1; threads <= 3; threads++) {
                Backend.setThreads(threads);
                double[] first = allProducts(x, v, r, m, rk);
                LinalgTesting.assertSameBits(first, allProducts(x, v, r, m, rk), kind + ", " + threads + " threads, rerun");
                LinalgTesting.assertSameBits(first, allProducts(twin, v, r, m, rk), kind + ", " + threads + " threads, twin");

                // Two callers at once: whichever finds the pool busy runs its parts serially.
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread other = new Thread(() -> {
                    try {
                        for (int rep = 0; rep < 5; rep++) {
                            LinalgTesting.assertSameBits(first, allProducts(twin, v, r, m, rk), "concurrent twin");
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                });
                other.start();
                for (int rep = 0; rep < 5; rep++) {
                    LinalgTesting.assertSameBits(first, allProducts(x, v, r, m, rk), kind + ", concurrent");
                }
                other.join();
                if (failure.get() != null) {
                    throw new AssertionError(kind + ", " + threads + " threads, concurrent twin", failure.get());
                }

                if (single == null) {
                    single = first;
                } else {
                    double worst = 0;
                    double norm = 0;
                    for (int i = 0; i < first.length; i++) {
                        worst = Math.max(worst, Math.abs(first[i] - single[i]));
                        norm = Math.max(norm, Math.abs(single[i]));
                    }
                    double tol = kind.equals("native-float32") ? 1e-5 : 1e-12;
                    assertTrue(worst <= tol * norm, kind + ": " + threads + " threads differ from 1 thread by " + worst);
                }
            }
        }
        assertEquals(3, Backend.threads());
    }
}
