package org.planesearch.spark.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.models.linear.LossKind;
import org.planesearch.spark.SparkTests;
import org.planesearch.spark.SparkTests.Problem;
import org.planesearch.spark.data.TrainingBlocks;

/**
 * The distributed objective and evaluator against the single-machine ones, on the same data cut
 * into partitions: every value, gradient, Hessian-vector product, ψ, ∇ψ, ∇²ψ and move agrees to
 * rounding, and the pass counts are the same, for logistic, softmax and least squares, with and
 * without an intercept, dense and sparse.
 */
class SparkLinearObjectiveTest {

    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = SparkTests.session("local[2]");
        sc = SparkTests.context(spark);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        long seed = 11;
        for (LossKind kind : new LossKind[] {LossKind.LOGISTIC, LossKind.SOFTMAX, LossKind.LEAST_SQUARES}) {
            for (boolean intercept : new boolean[] {true, false}) {
                for (boolean sparse : new boolean[] {false, true}) {
                    out.add(SparkTests.problem(kind, intercept, sparse, 90, 5, 3, seed++));
                }
            }
        }
        return out;
    }

    private static TrainingBlocks blocks(Problem p, int partitions) {
        return TrainingBlocks.fromMatrix(sc, p.x(), p.y(), partitions, p.sparse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void directEvaluationsMatchTheLocalObjective(Problem p) {
        LinearObjective local = p.model().objective(p.x(), p.y(), 0.1);
        try (TrainingBlocks data = blocks(p, 3)) {
            assertEquals(p.sparse(), data.rdd().first().isSparse());
            SparkLinearObjective f = SparkLinearObjective.of(p.model(), data, 0.1);
            SplittableRandom rng = new SplittableRandom(5);
            int n = f.dimension();
            double[] w = random(rng, n, 0.5);
            double[] v = random(rng, n, 1.0);
            assertClose(local.value(w), f.value(w), 1e-13, "f");
            double[] g1 = new double[n];
            double[] g2 = new double[n];
            assertClose(local.valueAndGradient(w, g1), f.valueAndGradient(w, g2), 1e-13, "f");
            assertVectorClose(g1, g2, 1e-12, "gradient");
            local.hessianTimes(w, v, g1);
            f.hessianTimes(w, v, g2);
            assertVectorClose(g1, g2, 1e-12, "Hessian times v");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void evaluatorMatchesTheLocalEvaluatorStepByStep(Problem p) {
        double lambda = 0.1;
        LinearObjective local = p.model().objective(p.x(), p.y(), lambda);
        try (TrainingBlocks data = blocks(p, 3); SparkLinearObjective f = SparkLinearObjective.of(p.model(), data, lambda)) {
            int n = f.dimension();
            SubspaceEvaluator a = local.newEvaluator(3, 2);
            SubspaceEvaluator b = f.newEvaluator(3, 2);
            SplittableRandom rng = new SplittableRandom(7);
            double[] x0 = random(rng, n, 0.3);
            double[] ga = new double[n];
            double[] gb = new double[n];
            assertClose(a.start(x0, ga), b.start(x0, gb), 1e-13, "f at start");
            assertVectorClose(ga, gb, 1e-12, "gradient at start");
            int intercept = p.model().intercept() ? 1 : 0;
            for (int iteration = 0; iteration < 4; iteration++) {
                double[] d = new double[n];
                for (int j = 0; j < n; j++) {
                    d[j] = -ga[j];
                }
                double[] e = random(rng, n, 1.0);
                Subspace s = new Subspace(3);
                s.addDirection(d);
                if (a.availableSteps() > 0) {
                    s.addPreviousStep(1, iteration % 2 == 0 ? Subspace.WHOLE : 0);
                }
                s.addDirection(e, iteration % 2 == 0 ? intercept : 0);
                SubspaceObjective pa = a.restrict(s);
                SubspaceObjective pb = b.restrict(s);
                int k = s.size();
                double[] t0 = new double[k];
                compare(pa, pb, t0, k);
                double[] t = random(rng, k, 0.2);
                assertClose(pa.value(t), pb.value(t), 1e-12, "ψ(t)");
                compare(pa, pb, t, k);
                double[] gta = new double[k];
                double[] gtb = new double[k];
                assertClose(pa.valueGradientHessian(t, gta, null), pb.valueGradientHessian(t, gtb, null), 1e-12, "ψ(t)");
                assertVectorClose(gta, gtb, 1e-11, "∇ψ(t) without the Hessian");
                double[] xa = new double[n];
                double[] xb = new double[n];
                assertClose(a.move(t, xa, ga), b.move(t, xb, gb), 1e-12, "f after the move");
                assertVectorClose(xa, xb, 1e-14, "x after the move");
                assertVectorClose(ga, gb, 1e-11, "gradient after the move");
                assertVectorClose(a.previousStep(1), b.previousStep(1), 1e-14, "the last step");
                assertEquals(a.currentValue(), b.currentValue(), 1e-12 * Math.abs(a.currentValue()));
            }
            EvaluationCounts ca = a.counts();
            EvaluationCounts cb = b.counts();
            assertEquals(ca.dataPasses(), cb.dataPasses(), "data passes");
            assertEquals(ca.functionEvaluations(), cb.functionEvaluations());
            assertEquals(ca.gradientEvaluations(), cb.gradientEvaluations());
            assertEquals(ca.subspaceTrials(), cb.subspaceTrials());
            assertTrue(b.isCheap());
        }
    }

    @Test
    void anRddOfRowBlocksIsTheSameObjective() {
        Problem p = SparkTests.problem(LossKind.SOFTMAX, true, false, 30, 2, 3, 9);
        double[] row = new double[2];
        java.util.List<org.planesearch.spark.data.Block> list = new java.util.ArrayList<>();
        for (int part = 0; part < 3; part++) {
            double[] values = new double[20];
            double[] y = new double[10];
            for (int i = 0; i < 10; i++) {
                p.x().row(part * 10 + i, row);
                System.arraycopy(row, 0, values, 2 * i, 2);
                y[i] = p.y()[part * 10 + i];
            }
            list.add(org.planesearch.spark.data.Block.dense(10, 2, values, y));
        }
        try (TrainingBlocks data = TrainingBlocks.fromBlocks(sc.parallelize(list, 3))) {
            assertEquals(30, data.rows());
            double[] w = random(new SplittableRandom(2), 9, 0.5);
            assertClose(p.model().objective(p.x(), p.y(), 0.1).value(w),
                    SparkLinearObjective.of(p.model(), data, 0.1).value(w), 1e-13, "f");
        }
    }

    @Test
    void protocolErrorsAreTheLocalEvaluatorsOnes() {
        Problem p = SparkTests.problem(LossKind.LOGISTIC, true, false, 40, 3, 2, 3);
        try (TrainingBlocks data = blocks(p, 2); SparkLinearObjective f = SparkLinearObjective.of(p.model(), data, 0.1)) {
            SubspaceEvaluator ev = f.newEvaluator(2, 1);
            Subspace s = new Subspace(2);
            s.addDirection(new double[f.dimension()]);
            assertThrows(IllegalStateException.class, () -> ev.restrict(s));
            ev.start(new double[f.dimension()], new double[f.dimension()]);
            assertThrows(IllegalStateException.class, () -> ev.move(new double[1], new double[4], new double[4]));
            Subspace lagged = new Subspace(2);
            lagged.addPreviousStep(1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ev.restrict(lagged));
            assertTrue(e.getMessage().contains("only 0 steps are available"), e.getMessage());
            SubspaceObjective psi = ev.restrict(s);
            ev.move(new double[] {0.0}, new double[4], new double[4]);
            assertThrows(IllegalStateException.class, () -> psi.value(new double[] {1.0}));
        }
    }

    @Test
    void aLabelOutsideTheModelsConventionIsNamed() {
        Problem p = SparkTests.problem(LossKind.LOGISTIC, true, false, 40, 3, 2, 3);
        double[] y = p.y().clone();
        y[17] = 0.0;
        try (TrainingBlocks data = TrainingBlocks.fromMatrix(sc, p.x(), y, 2, false)) {
            SparkLinearObjective f = SparkLinearObjective.of(p.model(), data, 0.1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> f.newEvaluator(1, 1).start(new double[4], new double[4]));
            assertTrue(e.getMessage().contains("binary labels must be -1 or +1"), e.getMessage());
        }
    }

    private static void compare(SubspaceObjective pa, SubspaceObjective pb, double[] t, int k) {
        double[] ga = new double[k];
        double[] gb = new double[k];
        double[] ha = new double[k * k];
        double[] hb = new double[k * k];
        assertClose(pa.valueGradientHessian(t, ga, ha), pb.valueGradientHessian(t, gb, hb), 1e-12, "ψ");
        assertVectorClose(ga, gb, 1e-11, "∇ψ");
        assertVectorClose(ha, hb, 1e-11, "∇²ψ");
    }

    static double[] random(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * SparkTests.gaussian(rng);
        }
        return v;
    }

    static void assertClose(double expected, double actual, double tol, String what) {
        double rel = SparkTests.relative(actual, expected, 1e-3);
        assertTrue(rel <= tol, what + ": " + actual + " vs local " + expected + " (relative " + rel + ")");
    }

    static void assertVectorClose(double[] expected, double[] actual, double tol, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]) / Math.max(scale, 1e-3);
            assertTrue(err <= tol, what + "[" + i + "]: " + actual[i] + " vs local " + expected[i] + " (relative " + err + ")");
        }
    }
}
