package org.planesearch.core.subspace;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.testing.Quadratic;

/**
 * Trials of ψ allocate nothing, and a search allocates only its result (STYLE §10), measured with
 * the JVM's per-thread allocation counter after warm-up.
 */
class NoAllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void trialsAndSearchesDoNotAllocatePerIteration() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        Quadratic q = Quadratic.randomSpd(30, 100, new SplittableRandom(1));
        SubspaceEvaluator ev = q.newEvaluator(3, 2);
        double[] x = new double[30];
        double[] g = new double[30];
        ev.start(x, g);
        double[] d = g.clone();
        Vec.scal(-1, d);
        Subspace s = new Subspace(3);
        s.addDirection(d);
        s.addDirection(g, 0);
        SubspaceObjective psi = ev.restrict(s);
        SubspaceSearch.State search = SubspaceSearch.defaults().newState(3);
        double[] t = new double[2];
        double[] grad = new double[2];
        double[] hess = new double[4];
        double[] norms = {Vec.nrm2(d), Vec.nrm2(g)};
        for (int i = 0; i < 20_000; i++) { // warm-up (JIT)
            t[0] = 1e-3 * (i % 7);
            psi.valueGradientHessian(t, grad, hess);
            search.search(psi, null, norms, Vec.nrm2(g));
        }
        int trials = 10_000;
        long before = allocatedBytes();
        for (int i = 0; i < trials; i++) {
            t[0] = 1e-3 * (i % 7);
            t[1] = 1e-4 * (i % 3);
            psi.value(t);
            psi.valueGradientHessian(t, grad, hess);
        }
        long perTrial = (allocatedBytes() - before) / trials;
        assertTrue(perTrial == 0, "bytes per trial: " + perTrial);

        int searches = 2_000;
        before = allocatedBytes();
        for (int i = 0; i < searches; i++) {
            search.search(psi, null, norms, Vec.nrm2(g));
        }
        long perSearch = (allocatedBytes() - before) / searches;
        assertTrue(perSearch <= 128, "bytes per search (one result record and its t): " + perSearch);
    }
}
