package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.linalg.DataMatrix;

/**
 * Once an objective's workspace exists, its evaluations allocate nothing: over 300 rounds of
 * value, gradient, Hessian-vector and Gauss–Newton products the calling thread allocates less
 * than 16 bytes per round (as core's {@code AllocationTest}: the JVM occasionally charges a few
 * hundred bytes to a thread, so the bound is not exactly zero). One thread, so that every part
 * runs in the measured thread.
 */
class NetworkAllocationTest {

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
    @EnumSource(OutputLoss.class)
    void steadyStateEvaluationsAllocateNothing(OutputLoss loss) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        SplittableRandom rng = new SplittableRandom(1);
        int rows = 300;
        int c = Networks.outputs(loss);
        DataMatrix x = Networks.matrix(rng, rows, 20, Networks.Storage.DENSE);
        NetworkModel m = NetworkModel.of(new int[] {20, 10, 6, c}, Activation.GELU, loss);
        NetworkObjective f = m.objective(x, Networks.targets(loss, rows, c, rng), 0.01);
        double[] w = m.initialize(2);
        double[] v = Networks.gaussian(rng, m.dimension(), 1.0);
        double[] g = new double[m.dimension()];
        double[] out = new double[m.dimension()];
        for (int rep = 0; rep < 200; rep++) {   // workspace, class loading, the JIT
            evaluate(f, w, v, g, out);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        int rounds = 300;
        for (int rep = 0; rep < rounds; rep++) {
            evaluate(f, w, v, g, out);
        }
        long bytes = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(bytes < 16L * rounds, bytes + " bytes over " + rounds + " rounds");
    }

    private static void evaluate(NetworkObjective f, double[] w, double[] v, double[] g, double[] out) {
        f.value(w);
        f.valueAndGradient(w, g);
        f.hessianTimes(w, v, out);
        f.gaussNewtonTimes(w, v, out);
    }
}
