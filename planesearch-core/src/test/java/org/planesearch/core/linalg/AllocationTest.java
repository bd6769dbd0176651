package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once a matrix's scratch has grown to the largest k seen, its products allocate nothing: over
 * 500 rounds of six calls the calling thread allocates less than one 16-byte object per round.
 * (A single allocation per call would be 48,000 bytes; the JVM itself occasionally charges a few
 * hundred bytes to a thread, e.g. on deoptimisation, so the bound is not exactly zero.) One
 * thread, so that all parts run in the measured thread.
 */
class AllocationTest {

    private int threadsBefore;

    @BeforeEach
    void remember() {
        threadsBefore = Backend.threads();
        Backend.setThreads(1);
    }

    @AfterEach
    void restore() {
        Backend.setThreads(threadsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "java-float32", "csr", "native", "native-float32"})
    void steadyStateProductsAllocateNothing(String kind) {
        Assumptions.assumeTrue(!kind.startsWith("native") || Backend.nativeAvailable(), "OpenBLAS not loadable here");
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        int n = 300;
        int d = 40;
        SplittableRandom rnd = new SplittableRandom(1);
        double[] a = LinalgTesting.gaussian(rnd, n * d);
        try (DataMatrix x = TestMatrices.of(kind, n, d, a)) {
            double[] v = LinalgTesting.gaussian(rnd, d * 3);
            double[] r = LinalgTesting.gaussian(rnd, n * 3);
            double[] out = new double[n * 3];
            double[] row = new double[d];
            for (int rep = 0; rep < 200; rep++) {   // grow scratch for k = 3; let classes load, JNI link, the JIT settle
                products(x, v, r, out, row);
            }
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            int rounds = 500;
            for (int rep = 0; rep < rounds; rep++) {
                products(x, v, r, out, row);
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertTrue(allocated < 16L * rounds, kind + ": " + allocated + " bytes allocated by " + rounds + " rounds of products");
        }
    }

    private static void products(DataMatrix x, double[] v, double[] r, double[] out, double[] row) {
        x.multiply(v, out);
        x.multiplyTransposed(r, out);
        x.multiply(v, 3, out);
        x.multiplyTransposed(r, 3, out);
        x.multiply(v, 2, out);
        x.row(7, row);
    }
}
