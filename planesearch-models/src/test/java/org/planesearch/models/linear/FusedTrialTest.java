package org.planesearch.models.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.core.linalg.Parallel;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * The evaluator's shortcuts change no number: ψ at t = 0 from the cache, and a move that takes
 * the last trial's row data, give the bits a fresh evaluation gives; value-only and derivative
 * trials agree to the bit; the row sweeps give the same bits for a given thread count and agree
 * across thread counts to rounding.
 */
class FusedTrialTest {

    private int threadsBefore;

    @BeforeEach
    void remember() {
        threadsBefore = Backend.threads();
    }

    @AfterEach
    void restore() {
        Backend.setThreads(threadsBefore);
    }

    static List<Problems.Case> cases() {
        return Problems.cases();
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertSameBits(expected[i], actual[i], what + " [" + i + "]");
        }
    }

    /**
     * Two evaluators driven through the same iterations; one moves to the t of its last
     * derivative trial (and so takes that trial's row data), the other evaluated ψ(t) without
     * derivatives (and so recomputes the loss at the new point). Everything must agree to the
     * bit: f, x and ∇f after the move, and ψ, ∇ψ, ∇²ψ at t = 0 afterwards.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void movingToTheLastTrialChangesNoBit(Problems.Case c) {
        LinearObjective f = Problems.objective(c, 201);
        int n = f.dimension();
        SplittableRandom rng = new SplittableRandom(202);
        SubspaceEvaluator reusing = f.newEvaluator(3, 1);
        SubspaceEvaluator fresh = f.newEvaluator(3, 1);
        double[] w = Problems.gaussianVector(rng, n, 0.4);
        double[] ga = new double[n];
        double[] gb = new double[n];
        double[] xa = new double[n];
        double[] xb = new double[n];
        assertSameBits(f.valueAndGradient(w, gb), reusing.start(w, ga), "start = valueAndGradient");
        fresh.start(w, gb);
        assertSameBits(f.value(w), reusing.currentValue(), "start = value");
        Subspace sa = new Subspace(3);
        Subspace sb = new Subspace(3);
        double[] da = new double[n];
        double[] db = new double[n];
        for (int it = 0; it < 4; it++) {
            Vec.scale(-1, ga, da);
            Vec.scale(-1, gb, db);
            sa.clear();
            sb.clear();
            sa.addDirection(da);
            sb.addDirection(db);
            if (it > 0) {
                sa.addPreviousStep(1);
                sb.addPreviousStep(1);
            }
            if (it == 3 && c.intercept()) {
                sa.addDirection(da, 1);
                sb.addDirection(db, 1);
            }
            int k = sa.size();
            SubspaceObjective pa = reusing.restrict(sa);
            SubspaceObjective pb = fresh.restrict(sb);
            double[] zero = new double[k];
            double[] g0a = new double[k];
            double[] g0b = new double[k];
            double[] h0a = new double[k * k];
            double[] h0b = new double[k * k];
            assertSameBits(pb.valueGradientHessian(zero, g0b, h0b), pa.valueGradientHessian(zero, g0a, h0a),
                    "ψ(0) at iteration " + it);
            assertSameBits(g0b, g0a, "∇ψ(0) at iteration " + it);
            assertSameBits(h0b, h0a, "∇²ψ(0) at iteration " + it);
            assertSameBits(reusing.currentValue(), pa.value(zero), "ψ(0) is f");

            double[] t = Problems.gaussianVector(rng, k, 0.2);
            double[] other = Problems.gaussianVector(rng, k, 0.2);
            double[] gt = new double[k];
            double[] ht = new double[k * k];
            // the last derivative trial before the move decides what is taken: on odd iterations
            // it is not the step, so nothing is taken
            pa.valueGradientHessian(it % 2 == 0 ? other : t, gt, ht);
            double fa = pa.valueGradientHessian(it % 2 == 0 ? t : other, gt, null);
            double fb = pb.value(it % 2 == 0 ? t : other);
            assertSameBits(fb, fa, "value-only and derivative trials agree");
            double va = reusing.move(t, xa, ga);
            double vb = fresh.move(t, xb, gb);
            assertSameBits(vb, va, "f after move " + it);
            assertSameBits(xb, xa, "x after move " + it);
            assertSameBits(gb, ga, "∇f after move " + it);
            assertEquals(f.value(xa), va, 1e-13 * Math.max(1, Math.abs(va)), "f after move " + it + " against the objective");
        }
    }

    /**
     * Softmax rows where another class's score exceeds the label's by far more than 709 take the
     * kernels' fallback (shift by the row maximum): loss, gradient and the subspace derivatives
     * stay finite and exact.
     */
    @org.junit.jupiter.api.Test
    void softmaxRowsFarFromTheirLabelAreExact() {
        DataMatrix x = Matrices.dense(2, 1, new double[] {1, 1});
        LinearObjective soft = LinearModels.softmax(x, new int[] {0, 2}, 3, 0, false);
        double[] w = {-800, 0, 800};   // row 0: label 0 is 1600 below class 2; row 1: label 2 wins
        double[] g = new double[3];
        assertEquals(800.0, soft.valueAndGradient(w, g), 1e-12);
        // (1/n) Σᵢ (pᵢ − e_yᵢ): row 0 (0, 0, 1) − e₀, row 1 (0, 0, 1) − e₂
        assertEquals(-0.5, g[0], 1e-15);
        assertEquals(0.0, g[1], 1e-15);
        assertEquals(0.5, g[2], 1e-15);
        SubspaceEvaluator ev = soft.newEvaluator(1, 1);
        double[] gw = new double[3];
        ev.start(w, gw);
        Subspace s = new Subspace(1);
        s.addDirection(new double[] {1, 0, -1});   // moves the label of row 0 up by t, class 2 down by t
        SubspaceObjective psi = ev.restrict(s);
        double[] gt = new double[1];
        double[] ht = new double[1];
        // at t = 1000 both rows have scores (200, 0, −200): row 0's loss is ≈ 0, row 1's ≈ 400
        double f = psi.valueGradientHessian(new double[] {1000}, gt, ht);
        assertEquals(0.5 * (400 + 2 * Math.log1p(Math.exp(-200) + Math.exp(-400))), f, 1e-12);
        assertEquals(0.5 * (0 + 2), gt[0], 1e-12, "row 0: p ≈ e₀ = e_y; row 1: ⟨(1, 0, −1), e₀ − e₂⟩ = 2");
        assertTrue(Double.isFinite(ht[0]) && ht[0] >= 0);
        assertEquals(f, psi.value(new double[] {1000}), 0.0);
        double[] xOut = new double[3];
        assertEquals(f, ev.move(new double[] {1000}, xOut, gw), 1e-12);
        double[] full = new double[3];
        assertEquals(soft.valueAndGradient(xOut, full), ev.currentValue(), 0.0);
        for (int j = 0; j < 3; j++) {
            assertEquals(full[j], gw[j], 0.0);
        }
    }

    /** The problems with enough rows that the sweeps run in several ranges. */
    enum Large {
        SOFTMAX(LossKind.SOFTMAX, 6000), LOGISTIC(LossKind.LOGISTIC, 20000), HUBER(LossKind.HUBER, 20000);

        final LossKind kind;
        final int rows;

        Large(LossKind kind, int rows) {
            this.kind = kind;
            this.rows = rows;
        }

        LinearObjective objective() {
            SplittableRandom rng = new SplittableRandom(301);
            DataMatrix x = Problems.matrix(rng, rows, 7, Problems.Storage.DENSE);
            double[] y = Problems.labels(kind, x, Problems.CLASSES, rng);
            Problems.Case c = new Problems.Case(kind, true, 0.01, Problems.Storage.DENSE);
            return Problems.model(c, 7).objective(x, y, 0.01);
        }
    }

    /** A short protocol run, every number it produces in order. */
    private static double[] protocol(LinearObjective f) {
        int n = f.dimension();
        double[] out = new double[2 + 3 * (16 + n)];
        int len = 0;
        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        double[] x = Problems.gaussianVector(new SplittableRandom(302), n, 0.3);
        double[] g = new double[n];
        double[] d = new double[n];
        out[len++] = ev.start(x, g);
        Subspace s = new Subspace(2);
        double[] t = {0.3, 0.2};
        double[] gt = new double[2];
        double[] ht = new double[4];
        for (int it = 0; it < 3; it++) {
            Vec.scale(-1, g, d);
            s.clear();
            s.addDirection(d);
            if (it > 0) {
                s.addPreviousStep(1);
            }
            SubspaceObjective psi = ev.restrict(s);
            int k = s.size();
            out[len++] = psi.valueGradientHessian(new double[k], gt, ht);
            for (int e = 0; e < k * (k + 1); e++) {
                out[len++] = e < k ? gt[e] : ht[e - k];
            }
            out[len++] = psi.value(t);
            out[len++] = psi.valueGradientHessian(t, gt, ht);
            for (int e = 0; e < k * (k + 1); e++) {
                out[len++] = e < k ? gt[e] : ht[e - k];
            }
            out[len++] = ev.move(t, x, g);
            System.arraycopy(g, 0, out, len, n);
            len += n;
            t[0] *= 0.5;
        }
        out[len++] = f.value(x);
        return java.util.Arrays.copyOf(out, len);
    }

    @ParameterizedTest
    @EnumSource(Large.class)
    void sweepsAreDeterministicPerThreadCountAndAgreeAcrossThreadCounts(Large problem) {
        LinearObjective f = problem.objective();
        Backend.setThreads(1);
        double[] serial = protocol(f);
        for (int threads = 2; threads <= 3; threads++) {
            Backend.setThreads(threads);
            assertTrue(Parallel.parts(f.examples(), (long) f.model().outputs() * RowSweep.WORK_PER_SCORE) > 1,
                    "the problem is large enough to be split");
            double[] first = protocol(f);
            assertSameBits(first, protocol(f), threads + " threads, rerun");
            for (int i = 0; i < serial.length; i++) {
                assertEquals(serial[i], first[i], 1e-10 * Math.max(1, Math.abs(serial[i])),
                        threads + " threads against 1, number " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Large.class)
    void partitionedSweepsAllocateNothing(Large problem) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Backend.setThreads(3);
        LinearObjective f = problem.objective();
        int n = f.dimension();
        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        double[] x = new double[n];
        double[] g = new double[n];
        double[] d = new double[n];
        double[] zero = new double[2];
        double[] t = {0.01, 0.02};
        double[] gt = new double[2];
        double[] ht = new double[4];
        Subspace s = new Subspace(2);
        ev.start(x, g);
        s.addDirection(g);
        ev.restrict(s);
        ev.move(new double[] {-0.01}, x, g);
        long allocated = 0;
        for (int round = 0; round < 2; round++) {   // round 0 warms up
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int iteration = 0; iteration < 10; iteration++) {
                Vec.scale(-1, g, d);
                s.clear();
                s.addDirection(d);
                s.addPreviousStep(1);
                SubspaceObjective psi = ev.restrict(s);
                psi.valueGradientHessian(zero, gt, ht);
                psi.value(t);
                psi.valueGradientHessian(t, gt, ht);
                ev.move(t, x, g);
            }
            allocated = bean.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated < 1024, problem + ": 10 iterations allocated " + allocated + " bytes");
    }
}
