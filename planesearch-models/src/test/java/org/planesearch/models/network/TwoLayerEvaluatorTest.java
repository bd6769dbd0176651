package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.objective.FiniteDifferences;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.subspace.GenericSubspaceEvaluator;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.models.network.Networks.Storage;

/**
 * The fast two-layer evaluator against the definitions: ψ(t) = f(x + Dt) evaluated in full, ∇ψ
 * against central differences of ψ, ∇²ψ against core's generic evaluator (exact Hessian-vector
 * products) and against differences of ∇ψ, for every activation and loss, with columns over the
 * whole vector, per layer, and previous steps; the move against a fresh evaluation; the cost in
 * data passes.
 */
class TwoLayerEvaluatorTest {

    record Case(Activation activation, OutputLoss loss, Storage storage, double lambda) {
        @Override
        public String toString() {
            return activation + " " + loss + " " + storage + " λ=" + lambda;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        int i = 0;
        for (Activation a : Activation.values()) {
            for (OutputLoss l : OutputLoss.values()) {
                out.add(new Case(a, l, Storage.DENSE, i++ % 2 == 0 ? 0.1 : 0.0));
            }
        }
        out.add(new Case(Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY, Storage.SPARSE, 0.05));
        out.add(new Case(Activation.SIGMOID, OutputLoss.LOGISTIC, Storage.FLOAT32, 0.05));
        return out;
    }

    /** The subspace layouts exercised: whole columns, per layer, mixed. */
    enum Shape { WHOLE_DIRECTION, WHOLE_PLANE, PER_LAYER_PLANE, MIXED }

    private static Subspace subspace(Shape shape, double[] d, double[] d2) {
        Subspace s = new Subspace(4);
        switch (shape) {
            case WHOLE_DIRECTION -> s.addDirection(d);
            case WHOLE_PLANE -> {
                s.addDirection(d);
                s.addPreviousStep(1);
            }
            case PER_LAYER_PLANE -> {
                s.addDirection(d, 0);
                s.addPreviousStep(1, 0);
                s.addDirection(d, 1);
                s.addPreviousStep(1, 1);
            }
            case MIXED -> {
                s.addDirection(d);
                s.addDirection(d2, 1);
                s.addPreviousStep(1, 0);
            }
        }
        return s;
    }

    /** An evaluator started at x and moved once along a random direction (so a previous step exists). */
    private static SubspaceEvaluator movedOnce(SubspaceEvaluator ev, double[] x, SplittableRandom rng) {
        int n = x.length;
        double[] g = new double[n];
        ev.start(x, g);
        Subspace s = new Subspace(1);
        s.addDirection(Networks.gaussian(rng, n, 0.3));
        ev.restrict(s);
        ev.move(new double[] {0.5}, new double[n], g);
        return ev;
    }

    private static double[] point(NetworkObjective f, Case c, long seed) {
        return c.activation() == Activation.RELU ? Networks.pointAwayFromKinks(f, seed, 0.05)
                : Networks.gaussian(new SplittableRandom(seed), f.dimension(), 0.5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void psiAndItsDerivativesMatchTheDefinitionsForEveryShape(Case c) {
        NetworkObjective f = Networks.objective(Networks.twoLayers(c.loss()), c.activation(), c.loss(), c.storage(),
                c.lambda(), 11);
        double[] x = point(f, c, 3);
        SubspaceEvaluator fast = f.newEvaluator(4, 1);
        assertInstanceOf(TwoLayerEvaluator.class, fast);
        assertTrue(fast.isCheap());
        SubspaceEvaluator generic = new GenericSubspaceEvaluator(f, f.layout(), 4, 1);
        for (Shape shape : Shape.values()) {
            SplittableRandom rng = new SplittableRandom(17 + shape.ordinal());
            movedOnce(fast, x, new SplittableRandom(5));
            movedOnce(generic, x, new SplittableRandom(5));
            double[] d = Networks.gaussian(rng, f.dimension(), 0.2);
            double[] d2 = Networks.gaussian(rng, f.dimension(), 0.2);
            SubspaceObjective psi = fast.restrict(subspace(shape, d, d2));
            SubspaceObjective ref = generic.restrict(subspace(shape, d, d2));
            int k = psi.dimension();
            for (int trial = 0; trial < 3; trial++) {
                double[] t = trial == 0 ? new double[k] : Networks.gaussian(rng, k, c.activation() == Activation.RELU ? 0.01 : 0.3);
                String where = shape + " t=" + java.util.Arrays.toString(t);
                double[] g = new double[k];
                double[] h = new double[k * k];
                double v = psi.valueGradientHessian(t, g, h);
                double[] gRef = new double[k];
                double[] hRef = new double[k * k];
                double vRef = ref.valueGradientHessian(t, gRef, hRef);
                assertEquals(vRef, v, 1e-12 * Math.max(1, Math.abs(vRef)), where + ": ψ");
                assertTrue(FiniteDifferences.relativeError(g, gRef, 1e-8) < 1e-10, where + ": ∇ψ against the generic evaluator");
                assertTrue(FiniteDifferences.relativeError(h, hRef, 1e-8) < 1e-9, where + ": ∇²ψ against exact Hessian-vector products "
                        + java.util.Arrays.toString(h) + " vs " + java.util.Arrays.toString(hRef));
                double[] gFd = new double[k];
                FiniteDifferences.gradient(psi, t, gFd);
                assertTrue(FiniteDifferences.relativeError(g, gFd, 1e-6) < 1e-6, where + ": ∇ψ against differences");
                assertEquals(v, psi.value(t), 0, where + ": the value alone has the same bits");
            }
        }
    }

    @Test
    void atZeroTheValueAndGradientComeFromTheLastMove() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Storage.DENSE, 0.1, 2);
        double[] x = Networks.gaussian(new SplittableRandom(1), f.dimension(), 0.5);
        TwoLayerEvaluator ev = (TwoLayerEvaluator) f.newEvaluator(2, 1);
        double[] g = new double[f.dimension()];
        double f0 = ev.start(x, g);
        assertEquals(f.value(x), f0, 0, "start gives f with the objective's bits");
        double[] d = Networks.gaussian(new SplittableRandom(2), f.dimension(), 1);
        Subspace s = new Subspace(2);
        s.addDirection(d);
        long passes = ev.counts().dataPasses();
        SubspaceObjective psi = ev.restrict(s);
        assertEquals(passes + 1, ev.counts().dataPasses(), "one pass for the fresh column's first-layer image");
        double[] gr = new double[1];
        assertEquals(f0, psi.valueAndGradient(new double[1], gr), 0);
        double slope = 0;
        for (int i = 0; i < g.length; i++) {
            slope += g[i] * d[i];
        }
        assertEquals(slope, gr[0], 1e-14 * Math.abs(slope));
    }

    @Test
    void theMoveGivesWhatAFreshEvaluationGives() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 2}, Activation.SOFTPLUS, OutputLoss.SQUARED,
                Storage.DENSE, 0.05, 4);
        int n = f.dimension();
        double[] x = Networks.gaussian(new SplittableRandom(3), n, 0.5);
        SubspaceEvaluator ev = f.newEvaluator(4, 2);
        double[] g = new double[n];
        ev.start(x, g);
        SplittableRandom rng = new SplittableRandom(9);
        double[] xOut = new double[n];
        for (int step = 0; step < 6; step++) {
            Subspace s = new Subspace(4);
            s.addDirection(Networks.gaussian(rng, n, 0.2), 0);
            s.addDirection(Networks.gaussian(rng, n, 0.2), 1);
            if (ev.availableSteps() > 0) {
                s.addPreviousStep(1);
            }
            SubspaceObjective psi = ev.restrict(s);
            double[] t = Networks.gaussian(rng, psi.dimension(), 0.3);
            double[] tg = new double[psi.dimension()];
            double trialValue = psi.valueAndGradient(t, tg);
            if (step % 2 == 1) {
                psi.value(Networks.gaussian(rng, psi.dimension(), 0.3));   // the move cannot reuse this one
            }
            double moved = ev.move(t, xOut, g);
            if (step % 2 == 0) {
                assertEquals(trialValue, moved, 1e-13 * Math.abs(moved), "the move to the last trial");
            }
            double[] gRef = new double[n];
            double ref = f.valueAndGradient(xOut, gRef);
            assertEquals(ref, moved, 1e-12 * Math.abs(ref), "f after move " + step);
            assertTrue(FiniteDifferences.relativeError(g, gRef, 1e-10) < 1e-10, "∇f after move " + step);
        }
        // the recorded step is x_k − x_{k−1}
        double[] before = xOut.clone();
        Subspace s = new Subspace(1);
        s.addDirection(Networks.gaussian(rng, n, 0.2));
        ev.restrict(s);
        ev.move(new double[] {0.7}, xOut, g);
        double[] step = ev.previousStep(1);
        for (int i = 0; i < n; i++) {
            assertEquals(xOut[i] - before[i], step[i], 1e-15 * Math.max(1, Math.abs(xOut[i])));
        }
    }

    @Test
    void aMoveToZeroKeepsThePointAndCostsNoPass() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Storage.DENSE, 0.1, 12);
        int n = f.dimension();
        double[] x = Networks.gaussian(new SplittableRandom(4), n, 0.5);
        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        double[] g = new double[n];
        double f0 = ev.start(x, g);
        Subspace s = new Subspace(2);
        s.addDirection(Networks.gaussian(new SplittableRandom(5), n, 0.2));
        SubspaceObjective psi = ev.restrict(s);
        psi.valueGradientHessian(new double[1], new double[1], new double[1]);
        long passes = ev.counts().dataPasses();
        double[] xOut = new double[n];
        double[] gOut = new double[n];
        assertEquals(f0, ev.move(new double[1], xOut, gOut), 0);
        assertEquals(passes, ev.counts().dataPasses());
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], xOut[i], 0);
            assertEquals(g[i], gOut[i], 0);
            assertEquals(0, ev.previousStep(1)[i], 0);
        }
        // and the evaluator goes on from there as from a fresh start
        Subspace next = new Subspace(2);
        next.addDirection(Networks.gaussian(new SplittableRandom(6), n, 0.2));
        next.addPreviousStep(1);
        ev.restrict(next);
        double moved = ev.move(new double[] {0.3, 0.0}, xOut, gOut);
        double[] gRef = new double[n];
        assertEquals(f.valueAndGradient(xOut, gRef), moved, 1e-12 * Math.abs(moved));
    }

    @Test
    void everyStepRuleCostsTwoPassesPerIterationLikeAFixedStep() {
        NetworkObjective f = Networks.objective(new int[] {5, 6, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Storage.DENSE, 1e-3, 6);
        double[] w0 = f.model().initialize(1);
        for (String method : List.of("gd+fixed", "gd+lo", "gd+ps", "gd+ps:per-layer", "gd+so2:per-layer", "lbfgs+ps",
                "adam+ps:per-layer")) {
            OptimizationResult r = Method.parse(method).optimizer(StopCriterion.maxIterations(8)).minimize(f, w0.clone());
            assertEquals(2 + 2L * r.iterations(), r.dataPasses(), method + ": " + r);
            assertTrue(r.value() < f.value(w0), method + " decreases f");
        }
    }

    @Test
    void perLayerPlaneSearchGivesEachLayerItsOwnRates() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Storage.DENSE, 1e-3, 8);
        double[] w0 = f.model().initialize(2);
        List<double[]> coefficients = new ArrayList<>();
        Method.parse("gd+ps:per-layer").optimizer(StopCriterion.maxIterations(5)).minimize(f, w0, r -> {
            if (r.iteration() > 1) {
                coefficients.add(r.coefficients());
            }
            return true;
        });
        for (double[] t : coefficients) {
            assertEquals(4, t.length, "(learning, momentum) for layer 1, then for layer 2");
            assertFalse(t[0] == t[2] && t[1] == t[3], "the layers' rates differ");
        }
    }

    @Test
    void theSameRunGivesTheSameBits() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 3}, Activation.GELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Storage.DENSE, 1e-3, 8);
        double[] w0 = f.model().initialize(3);
        OptimizationResult a = Method.parse("gd+ps:per-layer").optimizer(StopCriterion.maxIterations(10)).minimize(f, w0.clone());
        OptimizationResult b = Method.parse("gd+ps:per-layer").optimizer(StopCriterion.maxIterations(10)).minimize(f, w0.clone());
        assertEquals(Double.doubleToRawLongBits(a.value()), Double.doubleToRawLongBits(b.value()));
        for (int i = 0; i < w0.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.x()[i]), Double.doubleToRawLongBits(b.x()[i]));
        }
    }

    @Test
    void protocolMisuseIsRefused() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Storage.DENSE, 0, 8);
        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        Subspace s = new Subspace(3);
        s.addDirection(new double[f.dimension()]);
        assertThrows(IllegalStateException.class, () -> ev.restrict(s));
        ev.start(new double[f.dimension()], new double[f.dimension()]);
        Subspace tooMany = new Subspace(3);
        tooMany.addDirection(new double[f.dimension()]);
        tooMany.addDirection(new double[f.dimension()]);
        tooMany.addDirection(new double[f.dimension()]);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(tooMany));
        Subspace lag = new Subspace(1);
        lag.addPreviousStep(1);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(lag));
        Subspace layer = new Subspace(1);
        layer.addDirection(new double[f.dimension()], 2);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(layer));
        assertThrows(IllegalStateException.class, () -> ev.move(new double[1], new double[f.dimension()],
                new double[f.dimension()]));
    }

    @Test
    void deeperNetworksUseTheGenericEvaluator() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 4, 3}, Activation.TANH,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Storage.DENSE, 0, 8);
        SubspaceEvaluator ev = f.newEvaluator(2, 1);
        assertInstanceOf(GenericSubspaceEvaluator.class, ev);
        assertFalse(ev.isCheap());
    }
}
