package org.planesearch.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.optim.IterationRecord;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.Termination;
import org.planesearch.models.linear.LinearModels;
import org.planesearch.models.linear.LinearObjective;

/**
 * Acceptance points of the core engine measured through the whole stack (optimizer, plane-search
 * step rule, the least-squares model's fast evaluator): GD with momentum and plane search
 * reproduces conjugate gradient, and the step rules cost exactly two data passes per iteration.
 */
class PlaneSearchIsConjugateGradientOnLeastSquaresTest {

    static final int N = 300;
    static final int D = 40;
    static final double LAMBDA = 1e-2;

    /** Least squares without intercept: f(w) = (1/2n)‖Xw − y‖² + (λ/2)‖w‖², so ∇²f = XᵀX/n + λI. */
    static LinearObjective problem(boolean sparse) {
        SplittableRandom rng = new SplittableRandom(7);
        DataMatrix x = SyntheticData.matrix(rng, N, D, sparse);
        double[] y = SyntheticData.gaussianVector(rng, N, 1.0);
        return LinearModels.leastSquares(x, y, LAMBDA, false);
    }

    /** Textbook conjugate gradient on A w = b, A = ∇²f, b = −∇f(0), from w₀ = 0: the first iterates. */
    static List<double[]> conjugateGradient(LinearObjective f, int iterations) {
        double[] w = new double[D];
        double[] r = new double[D];
        f.valueAndGradient(w, r);
        Vec.scal(-1, r); // r₀ = b − A·0
        double[] p = r.clone();
        double[] ap = new double[D];
        List<double[]> iterates = new ArrayList<>();
        iterates.add(w.clone());
        double rr = Vec.dot(r, r);
        for (int k = 0; k < iterations; k++) {
            f.hessianTimes(w, p, ap);
            double alpha = rr / Vec.dot(p, ap);
            Vec.axpy(alpha, p, w);
            Vec.axpy(-alpha, ap, r);
            double rrNext = Vec.dot(r, r);
            Vec.axpby(1, r, rrNext / rr, p, p);
            rr = rrNext;
            iterates.add(w.clone());
        }
        return iterates;
    }

    @ParameterizedTest(name = "sparse = {0}")
    @ValueSource(booleans = {false, true})
    void gdWithPlaneSearchReproducesConjugateGradient(boolean sparse) {
        LinearObjective f = problem(sparse);
        int iterations = 20;
        List<double[]> cg = conjugateGradient(f, iterations);
        List<double[]> ps = new ArrayList<>();
        double[] x = new double[D];
        ps.add(x.clone());
        // Drive the evaluator with the gd+ps step rule directly to read every iterate (the
        // optimizer returns only the last, compared below).
        var ev = f.newEvaluator(2, 1);
        double[] g = new double[D];
        ev.start(x, g);
        var rule = Method.parse("gd+ps").step().newState(f.layout());
        double[] d = new double[D];
        for (int k = 0; k < iterations; k++) {
            Vec.scale(-1, g, d);
            var outcome = rule.step(ev, ev.currentValue(), g, d);
            ev.move(outcome.coefficients(), x, g);
            ps.add(x.clone());
        }
        for (int k = 1; k <= iterations; k++) {
            double[] diff = new double[D];
            Vec.subtract(ps.get(k), cg.get(k), diff);
            double rel = Vec.nrm2(diff) / Vec.nrm2(cg.get(k));
            assertTrue(rel <= 1e-8, "iteration " + k + ": relative error " + rel);
        }
        // and the optimizer's last iterate is the same point
        OptimizationResult r = Method.parse("gd+ps").optimizer(StopCriterion.maxIterations(iterations)).minimize(f, new double[D]);
        double[] diff = new double[D];
        Vec.subtract(r.x(), cg.get(iterations), diff);
        assertTrue(Vec.nrm2(diff) <= 1e-8 * Vec.nrm2(cg.get(iterations)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gd+fixed", "gd+armijo", "gd+lo", "gd+ps", "lbfgs+ps", "adam+ps"})
    void stepRulesCostExactlyTwoDataPassesPerIteration(String method) {
        LinearObjective f = problem(false);
        List<IterationRecord> history = new ArrayList<>();
        OptimizationResult r = Method.parse(method).optimizer(StopCriterion.maxIterations(25))
                .minimize(f, new double[D], rec -> history.add(rec));
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
        assertEquals(2, history.get(0).dataPasses(), "start: X·w and Xᵀr");
        for (int k = 1; k < history.size(); k++) {
            assertEquals(2, history.get(k).dataPasses() - history.get(k - 1).dataPasses(),
                    method + " iteration " + k + " (status " + history.get(k).stepStatus() + ")");
        }
        assertEquals(2 + 2L * 25, r.dataPasses());
    }

    @Test
    void lineOptimizationLeavesAZeroDirectionalDerivative() {
        LinearObjective f = problem(true);
        var ev = f.newEvaluator(1, 1);
        double[] x = new double[D];
        double[] g = new double[D];
        ev.start(x, g);
        var rule = Method.parse("gd+lo").step().newState(f.layout());
        double[] d = new double[D];
        double[] gNew = new double[D];
        for (int k = 0; k < 10; k++) {
            Vec.scale(-1, g, d);
            double gNorm = Vec.nrm2(g);
            var outcome = rule.step(ev, ev.currentValue(), g, d);
            ev.move(outcome.coefficients(), x, gNew);
            double directional = Vec.dot(gNew, d); // ψ'(α*) = dᵀ∇f(x + α* d)
            assertTrue(Math.abs(directional) <= 1e-9 * gNorm, "iteration " + k + ": ψ'(α*) = " + directional + ", ‖g‖ = " + gNorm);
            System.arraycopy(gNew, 0, g, 0, D);
        }
    }
}
