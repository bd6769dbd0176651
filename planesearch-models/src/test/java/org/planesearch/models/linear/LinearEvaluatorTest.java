package org.planesearch.models.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.FiniteDifferences;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.GenericSubspaceEvaluator;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;

class LinearEvaluatorTest {

    static List<Problems.Case> cases() {
        return Problems.cases();
    }

    /** Column j of the subspace as a full vector (zero outside its block). */
    private static double[] column(LinearObjective f, SubspaceEvaluator ev, Subspace s, int j) {
        double[] src = s.isPreviousStep(j) ? ev.previousStep(s.lag(j)) : s.vector(j);
        double[] col = src.clone();
        int block = s.layer(j);
        if (block != Subspace.WHOLE) {
            int from = f.layout().layer(block).offset();
            int to = f.layout().layer(block).end();
            for (int i = 0; i < col.length; i++) {
                if (i < from || i >= to) {
                    col[i] = 0;
                }
            }
        }
        return col;
    }

    private static double[][] columns(LinearObjective f, SubspaceEvaluator ev, Subspace s) {
        double[][] d = new double[s.size()][];
        for (int j = 0; j < s.size(); j++) {
            d[j] = column(f, ev, s, j);
        }
        return d;
    }

    private static double[] at(double[] w, double[][] d, double[] t) {
        double[] p = w.clone();
        for (int j = 0; j < d.length; j++) {
            Vec.axpy(t[j], d[j], p);
        }
        return p;
    }

    /**
     * ψ against the full objective at several t: ψ(t) = f(w + Dt), ∇ψ(t) = Dᵀ∇f(w + Dt),
     * ∇²ψ(t) = DᵀH(w + Dt)D (from exact HVPs), and ∇ψ, ∇²ψ against central differences of ψ.
     */
    private static void checkRestriction(LinearObjective f, SubspaceEvaluator ev, SubspaceObjective psi, Subspace s,
                                         double[] w, SplittableRandom rng) {
        int k = s.size();
        int n = f.dimension();
        double[][] d = columns(f, ev, s);
        double[] g = new double[k];
        double[] h = new double[k * k];
        double[] fdG = new double[k];
        double[] fdH = new double[k * k];
        double[] fullG = new double[n];
        double[] hd = new double[n];
        for (int trial = 0; trial < 3; trial++) {
            double[] t = trial == 0 ? new double[k] : Problems.gaussianVector(rng, k, 0.3);
            double[] p = at(w, d, t);
            double fp = f.valueAndGradient(p, fullG);
            double tol = 1e-12 * Math.max(1, Math.abs(fp));
            assertEquals(fp, psi.value(t), tol, "ψ(t) = f(w + Dt)");
            assertEquals(fp, psi.valueGradientHessian(t, g, h), tol);
            for (int j = 0; j < k; j++) {
                assertEquals(Vec.dot(d[j], fullG), g[j], 1e-11 * Math.max(1, Vec.nrm2(fullG) * Vec.nrm2(d[j])),
                        "∂ψ/∂t" + j + " = ⟨dⱼ, ∇f⟩");
            }
            for (int l = 0; l < k; l++) {
                f.hessianTimes(p, d[l], hd);
                for (int j = 0; j < k; j++) {
                    double expected = Vec.dot(d[j], hd);
                    assertEquals(expected, h[j * k + l], 1e-11 * Math.max(1, Math.abs(expected)),
                            "∂²ψ/∂t" + j + "∂t" + l + " = dⱼᵀ H dₗ");
                }
            }
            FiniteDifferences.gradient(psi, t, fdG);
            assertTrue(FiniteDifferences.relativeError(g, fdG, 1e-3) < 1e-7, "∇ψ vs central differences");
            FiniteDifferences.hessian(psi, t, fdH);
            assertTrue(FiniteDifferences.relativeError(h, fdH, 1e-3) < 1e-6, "∇²ψ vs central differences");
            double[] g2 = new double[k];
            assertEquals(psi.valueGradientHessian(t, g, null), psi.valueAndGradient(t, g2), 0.0);
            assertArrayEquals(g, g2, 0.0);
        }
    }

    /** Moves with t and checks x, ∇f and f against full evaluations. */
    private static double[] moveAndCheck(LinearObjective f, SubspaceEvaluator ev, Subspace s, double[] w, double[] t,
                                         double[] grad) {
        double[][] d = columns(f, ev, s);
        double[] expectedX = at(w, d, t);
        double[] x = new double[f.dimension()];
        double value = ev.move(t, x, grad);
        assertArrayEquals(expectedX, x, 1e-14 * Math.max(1, Vec.normInf(expectedX)));
        double[] fullG = new double[f.dimension()];
        double fullF = f.valueAndGradient(x, fullG);
        assertEquals(fullF, value, 1e-13 * Math.max(1, Math.abs(fullF)), "f after move");
        assertEquals(fullF, ev.currentValue(), 1e-13 * Math.max(1, Math.abs(fullF)));
        assertTrue(FiniteDifferences.relativeError(fullG, grad, 1e-8) < 1e-12, "∇f after move = valueAndGradient");
        double[] step = x.clone();
        Vec.subtract(x, w, step);
        assertArrayEquals(step, ev.previousStep(1), 1e-14 * Math.max(1, Vec.normInf(x)), "the step is recorded as lag 1");
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void subspaceObjectiveMatchesTheFullObjective(Problems.Case c) {
        LinearObjective f = Problems.objective(c, 51);
        SplittableRandom rng = new SplittableRandom(52);
        int n = f.dimension();
        boolean intercept = c.intercept();
        SubspaceEvaluator ev = f.newEvaluator(6, 2);
        double[] w = Problems.gaussianVector(rng, n, 0.4);
        double[] g = new double[n];
        double[] g0 = new double[n];
        assertEquals(f.valueAndGradient(w, g0), ev.start(w, g), 1e-14);
        assertArrayEquals(g0, g, 1e-15);

        // 1) Fresh columns only: −g and a random vector.
        Subspace s = new Subspace(6);
        double[] minusG = g.clone();
        Vec.scal(-1, minusG);
        double[] random = Problems.gaussianVector(rng, n, 1.0);
        s.addDirection(minusG);
        s.addDirection(random);
        checkRestriction(f, ev, ev.restrict(s), s, w, rng);
        w = moveAndCheck(f, ev, s, w, new double[] {0.2, -0.05}, g);

        // 2) A fresh column and the previous step.
        s.clear();
        minusG = g.clone();
        Vec.scal(-1, minusG);
        s.addDirection(minusG);
        s.addPreviousStep(1);
        checkRestriction(f, ev, ev.restrict(s), s, w, rng);
        w = moveAndCheck(f, ev, s, w, new double[] {0.1, 0.3}, g);

        // 3) Fresh + two previous steps, then block-restricted columns of all kinds.
        s.clear();
        minusG = g.clone();
        Vec.scal(-1, minusG);
        s.addDirection(minusG);
        s.addPreviousStep(1);
        s.addPreviousStep(2);
        checkRestriction(f, ev, ev.restrict(s), s, w, rng);

        s.clear();
        s.addDirection(minusG, 0);
        s.addPreviousStep(1, 0);
        s.addPreviousStep(2);
        if (intercept) {
            s.addDirection(minusG, 1);
            s.addPreviousStep(1, 1);
            s.addDirection(Problems.gaussianVector(rng, n, 1.0), 1);
        }
        checkRestriction(f, ev, ev.restrict(s), s, w, rng);
        double[] t = Problems.gaussianVector(rng, s.size(), 0.05);
        w = moveAndCheck(f, ev, s, w, t, g);

        // 4) Previous steps only (restricted to blocks when there is an intercept).
        s.clear();
        s.addPreviousStep(2);
        s.addPreviousStep(1, intercept ? 1 : Subspace.WHOLE);
        checkRestriction(f, ev, ev.restrict(s), s, w, rng);
        moveAndCheck(f, ev, s, w, new double[] {0.5, -0.25}, g);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTheGenericEvaluatorAlongAPerLayerPlaneSearchRun(Problems.Case c) {
        // Reference equivalence: core's GenericSubspaceEvaluator evaluates f in full at every
        // trial. Both are driven through the same iterations of [−g|block, s₁|block] columns.
        LinearObjective f = Problems.objective(c, 111);
        int n = f.dimension();
        int blocks = f.layout().layerCount();
        SubspaceEvaluator fast = f.newEvaluator(2 * blocks, 1);
        SubspaceEvaluator generic = new GenericSubspaceEvaluator(f, f.layout(), 2 * blocks, 1);
        double[] x0 = Problems.gaussianVector(new SplittableRandom(112), n, 0.3);
        double[] xa = new double[n];
        double[] xb = new double[n];
        double[] ga = new double[n];
        double[] gb = new double[n];
        assertEquals(generic.start(x0, gb), fast.start(x0, ga), 1e-14);
        Subspace sa = new Subspace(2 * blocks);
        Subspace sb = new Subspace(2 * blocks);
        double[] da = new double[n];
        double[] db = new double[n];
        SplittableRandom rng = new SplittableRandom(113);
        int k = 0;
        for (int it = 0; it < 6; it++) {
            Vec.scale(-1, ga, da);
            Vec.scale(-1, gb, db);
            sa.clear();
            sb.clear();
            for (int b = 0; b < blocks; b++) {
                int block = blocks == 1 ? Subspace.WHOLE : b;
                sa.addDirection(da, block);
                sb.addDirection(db, block);
                if (it > 0) {
                    sa.addPreviousStep(1, block);
                    sb.addPreviousStep(1, block);
                }
            }
            k = sa.size();
            SubspaceObjective pa = fast.restrict(sa);
            SubspaceObjective pb = generic.restrict(sb);
            double[] t = Problems.gaussianVector(rng, k, 0.2);
            double[] gta = new double[k];
            double[] gtb = new double[k];
            double[] hta = new double[k * k];
            double[] htb = new double[k * k];
            double fa = pa.valueGradientHessian(t, gta, hta);
            double fb = pb.valueGradientHessian(t, gtb, htb);
            assertEquals(fb, fa, 1e-12 * Math.max(1, Math.abs(fb)), "ψ at iteration " + it);
            assertTrue(FiniteDifferences.relativeError(gtb, gta, 1e-8) < 1e-11, "∇ψ at iteration " + it);
            assertTrue(FiniteDifferences.relativeError(htb, hta, 1e-8) < 1e-11, "∇²ψ at iteration " + it);
            double va = fast.move(t, xa, ga);
            double vb = generic.move(t, xb, gb);
            assertEquals(vb, va, 1e-12 * Math.max(1, Math.abs(vb)));
            assertArrayEquals(xb, xa, 1e-13 * Math.max(1, Vec.normInf(xb)));
            assertTrue(FiniteDifferences.relativeError(gb, ga, 1e-8) < 1e-11, "∇f after move " + it);
        }
        assertEquals(2 + 2 * 6, fast.counts().dataPasses(), "two passes per iteration");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void startRestrictAndMoveCostTheDocumentedPasses(Problems.Case c) {
        LinearObjective f = Problems.objective(c, 61);
        int n = f.dimension();
        SubspaceEvaluator ev = f.newEvaluator(3, 1);
        EvaluationCounts counts = ev.counts();
        double[] x = new double[n];
        double[] g = new double[n];
        ev.start(x, g);
        assertEquals(2, counts.dataPasses(), "start = z and Xᵀr");
        assertEquals(1, counts.functionEvaluations());
        assertEquals(1, counts.gradientEvaluations());
        Subspace s = new Subspace(3);
        double[] d = g.clone();
        Vec.scal(-1, d);
        s.addDirection(d);
        SubspaceObjective psi = ev.restrict(s);
        assertEquals(3, counts.dataPasses(), "one fresh column = one pass");
        psi.value(new double[] {0.1});
        psi.valueGradientHessian(new double[] {0.1}, new double[1], new double[1]);
        assertEquals(2, counts.subspaceTrials());
        assertEquals(3, counts.dataPasses(), "trials cost no pass");
        ev.move(new double[] {0.1}, x, g);
        assertEquals(4, counts.dataPasses(), "move = one pass");
        assertEquals(2, counts.gradientEvaluations());

        for (int iteration = 0; iteration < 3; iteration++) {
            long before = counts.dataPasses();
            s.clear();
            d = g.clone();
            Vec.scal(-1, d);
            s.addDirection(d);
            s.addPreviousStep(1);
            ev.restrict(s);
            assertEquals(before + 1, counts.dataPasses(), "fresh + previous step = one pass");
            ev.move(new double[] {0.1, 0.5}, x, g);
            assertEquals(before + 2, counts.dataPasses(), "plane search iteration = two passes");
        }
        long before = counts.dataPasses();
        s.clear();
        s.addDirection(g);
        s.addDirection(x);
        s.addPreviousStep(1);
        ev.restrict(s);
        assertEquals(before + 1, counts.dataPasses(), "two fresh columns are imaged in one product");
        s.clear();
        s.addPreviousStep(1);
        ev.restrict(s);
        assertEquals(before + 1, counts.dataPasses(), "a previous step alone costs nothing");
        if (c.intercept()) {
            s.clear();
            s.addDirection(g, 1);
            s.addPreviousStep(1, 0);
            ev.restrict(s);
            assertEquals(before + 1, counts.dataPasses(), "an intercept-only fresh column costs nothing");
        }
        assertTrue(ev.isCheap());
    }

    @Test
    void quadraticSubspaceIsMinimisedByOneNewtonStep() {
        // Least squares: ψ is quadratic, so t* = −H⁻¹∇ψ(0) zeroes ∇ψ and beats nearby points.
        LinearObjective f = Problems.objective(new Problems.Case(LossKind.LEAST_SQUARES, true, 0.2, Problems.Storage.DENSE), 71);
        int n = f.dimension();
        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        double[] x = new double[n];
        double[] g = new double[n];
        ev.start(x, g);
        Subspace s = new Subspace(2);
        // A random first step, so that the plane [−g, s₁] is well conditioned.
        s.addDirection(Problems.gaussianVector(new SplittableRandom(72), n, 1.0));
        ev.restrict(s);
        ev.move(new double[] {0.05}, x, g);
        s.clear();
        double[] d = g.clone();
        Vec.scal(-1, d);
        s.addDirection(d);
        s.addPreviousStep(1);
        SubspaceObjective psi = ev.restrict(s);
        double[] g0 = new double[2];
        double[] h = new double[4];
        psi.valueGradientHessian(new double[2], g0, h);
        double det = h[0] * h[3] - h[1] * h[2];
        double[] t = {-(h[3] * g0[0] - h[1] * g0[1]) / det, -(-h[2] * g0[0] + h[0] * g0[1]) / det};
        double[] gt = new double[2];
        double best = psi.valueGradientHessian(t, gt, null);
        assertTrue(Math.abs(gt[0]) + Math.abs(gt[1]) < 1e-12 * (Math.abs(g0[0]) + Math.abs(g0[1])),
                "∇ψ(t*) ≈ 0, got " + gt[0] + ", " + gt[1]);
        for (double[] e : new double[][] {{1e-3, 0}, {0, 1e-3}, {-1e-3, 1e-3}}) {
            assertTrue(psi.value(new double[] {t[0] + e[0], t[1] + e[1]}) > best);
        }
    }

    @Test
    void evaluationsAllocateNothing() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (LossKind kind : new LossKind[] {LossKind.LOGISTIC, LossKind.SOFTMAX, LossKind.HUBER}) {
            LinearObjective f = Problems.objective(new Problems.Case(kind, true, 0.1, Problems.Storage.SPARSE), 81);
            int n = f.dimension();
            SubspaceEvaluator ev = f.newEvaluator(3, 2);
            double[] x = new double[n];
            double[] g = new double[n];
            double[] d = new double[n];
            double[] t = {0.01, 0.02, 0.03};
            double[] gt = new double[3];
            double[] ht = new double[9];
            Subspace s = new Subspace(3);
            ev.start(x, g);
            s.addDirection(d);
            ev.restrict(s);
            ev.move(t, x, g);
            long allocated = 0;
            for (int round = 0; round < 2; round++) {   // round 0 warms up
                long before = bean.getCurrentThreadAllocatedBytes();
                for (int iteration = 0; iteration < 50; iteration++) {
                    Vec.scale(-1, g, d);
                    s.clear();
                    s.addDirection(d);
                    s.addPreviousStep(1);
                    s.addDirection(d, 1);
                    SubspaceObjective psi = ev.restrict(s);
                    for (int trial = 0; trial < 20; trial++) {
                        psi.value(t);
                        psi.valueGradientHessian(t, gt, ht);
                    }
                    ev.move(t, x, g);
                }
                allocated = bean.getCurrentThreadAllocatedBytes() - before;
            }
            assertTrue(allocated < 1024, kind + ": 50 iterations of restrict, 2000 trials and move allocated " + allocated + " bytes");
        }
    }

    @Test
    void driftWithoutRefreshIsTiny() {
        // 3000 moves with z only updated (never recomputed): f from the cached z stays equal to f
        // recomputed in full. This measurement backs the rare refresh (DEFAULT_REFRESH_INTERVAL).
        for (LossKind kind : new LossKind[] {LossKind.LOGISTIC, LossKind.SOFTMAX}) {
            LinearObjective f = Problems.objective(new Problems.Case(kind, true, 0.01, Problems.Storage.DENSE), 91);
            int n = f.dimension();
            LinearEvaluator ev = new LinearEvaluator(f, 2, 1, 0);
            SplittableRandom rng = new SplittableRandom(92);
            double[] x = new double[n];
            double[] g = new double[n];
            ev.start(x, g);
            Subspace s = new Subspace(2);
            double worst = 0;
            for (int it = 0; it < 3000; it++) {
                s.clear();
                s.addDirection(Problems.gaussianVector(rng, n, 1.0));
                if (it > 0) {
                    s.addPreviousStep(1);
                }
                ev.restrict(s);
                // Random steps that oscillate and keep x bounded: pull back towards 0.
                double[] t = {0.3 * Problems.gaussian(rng), -0.5};
                double value = ev.move(t, x, g);
                if (it % 500 == 499) {
                    double exact = f.value(x);
                    worst = Math.max(worst, Math.abs(value - exact) / Math.max(1, Math.abs(exact)));
                }
            }
            assertTrue(worst < 1e-12, kind + ": drift " + worst);
            assertEquals(2 + 3000 * 2, ev.counts().dataPasses(), "no refresh pass");
        }
    }

    @Test
    void refreshRecomputesTheScoresEveryIntervalForOnePass() {
        LinearObjective f = Problems.objective(new Problems.Case(LossKind.HUBER, true, 0.0, Problems.Storage.SPARSE), 95);
        int n = f.dimension();
        LinearEvaluator ev = new LinearEvaluator(f, 1, 0, 3);
        double[] x = new double[n];
        double[] g = new double[n];
        ev.start(x, g);
        Subspace s = new Subspace(1);
        for (int it = 1; it <= 7; it++) {
            s.clear();
            double[] d = g.clone();
            Vec.scal(-1, d);
            s.addDirection(d);
            ev.restrict(s);
            double value = ev.move(new double[] {0.5}, x, g);
            assertEquals(f.value(x), value, 1e-13);
            assertEquals(2 + 2L * it + it / 3, ev.counts().dataPasses(), "after move " + it);
        }
        assertEquals(0, ev.availableSteps(), "stepMemory 0 keeps no steps");
    }

    @Test
    void stepRingKeepsTheLastStepsInOrder() {
        LinearObjective f = Problems.objective(new Problems.Case(LossKind.LEAST_SQUARES, false, 0.0, Problems.Storage.DENSE), 97);
        int n = f.dimension();
        SubspaceEvaluator ev = f.newEvaluator(1, 2);
        double[] x = new double[n];
        double[] g = new double[n];
        ev.start(x, g);
        Subspace s = new Subspace(1);
        double[][] taken = new double[4][];
        for (int it = 0; it < 4; it++) {
            double[] d = new double[n];
            d[it % n] = 1;
            s.clear();
            s.addDirection(d);
            ev.restrict(s);
            ev.move(new double[] {it + 1.0}, x, g);
            taken[it] = d.clone();
            Vec.scal(it + 1.0, taken[it]);
            assertEquals(Math.min(it + 1, 2), ev.availableSteps());
        }
        assertArrayEquals(taken[3], ev.previousStep(1), 0.0);
        assertArrayEquals(taken[2], ev.previousStep(2), 0.0);
        assertThrows(IllegalArgumentException.class, () -> ev.previousStep(3));
    }

    @Test
    void protocolMisuseIsRejected() {
        LinearObjective f = Problems.objective(new Problems.Case(LossKind.LOGISTIC, false, 0.0, Problems.Storage.DENSE), 99);
        int n = f.dimension();
        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        Subspace s = new Subspace(3);
        s.addDirection(new double[n]);
        assertThrows(IllegalStateException.class, () -> ev.restrict(s));
        double[] x = new double[n];
        double[] g = new double[n];
        ev.start(x, g);
        assertThrows(IllegalStateException.class, () -> ev.move(new double[] {1}, x, g), "move before restrict");
        s.clear();
        s.addPreviousStep(1);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(s), "no step yet");
        s.clear();
        s.addDirection(new double[n], 1);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(s), "no intercept block");
        s.clear();
        s.addDirection(new double[n + 1]);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(s), "wrong length");
        s.clear();
        s.addDirection(new double[n]);
        s.addDirection(new double[n]);
        s.addDirection(new double[n]);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(s), "more than maxDirections");
        s.clear();
        s.addDirection(g);
        SubspaceObjective psi = ev.restrict(s);
        assertSame(psi, ev.restrict(s), "one reusable subspace objective");
        assertThrows(IllegalArgumentException.class, () -> ev.move(new double[] {Double.NaN}, x, g));
        ev.move(new double[] {0.0}, x, g);
        assertThrows(IllegalStateException.class, () -> psi.value(new double[] {0}), "stale after move");
        assertThrows(IllegalArgumentException.class, () -> f.newEvaluator(0, 1));
        assertThrows(IllegalArgumentException.class, () -> f.newEvaluator(1, -1));
    }

    @Test
    void startResetsTheHistory() {
        LinearObjective f = Problems.objective(new Problems.Case(LossKind.SOFTMAX, true, 0.1, Problems.Storage.DENSE), 101);
        int n = f.dimension();
        SubspaceEvaluator ev = f.newEvaluator(1, 3);
        double[] x = new double[n];
        double[] g = new double[n];
        ev.start(x, g);
        Subspace s = new Subspace(1);
        s.addDirection(g.clone());
        ev.restrict(s);
        ev.move(new double[] {-1}, x, g);
        assertEquals(1, ev.availableSteps());
        double[] x0 = new double[n];
        double value = ev.start(x0, g);
        assertEquals(0, ev.availableSteps());
        assertEquals(f.value(x0), value, 0.0);
        assertEquals(Math.log(3), value, 1e-15, "softmax at 0 is log c");
    }

}
