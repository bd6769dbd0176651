package org.planesearch.spark.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.MethodOptions;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.Termination;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.models.linear.LossKind;
import org.planesearch.spark.SparkTests;
import org.planesearch.spark.SparkTests.Problem;
import org.planesearch.spark.data.TrainingBlocks;

/**
 * Acceptance: the core's step rules and directions run unchanged on the distributed objective and
 * reach the single-machine engine's optimum, f within 1e-10 relative, both to ‖∇f‖ ≤ 1e-10; every
 * step rule (fixed, armijo, wolfe, lo, ps, so3, per-layer) and every direction (gd, heavyball,
 * nesterov, lbfgs, adam, adagradnorm) appears, on logistic, softmax and least squares, dense and
 * sparse data. Both runs also report the same number of data passes per iteration.
 */
class SameOptimumTest {

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

    static List<Arguments> cases() {
        Problem logistic = SparkTests.problem(LossKind.LOGISTIC, true, false, 160, 6, 2, 21);
        Problem softmax = SparkTests.problem(LossKind.SOFTMAX, true, true, 150, 5, 3, 22);
        Problem squares = SparkTests.problem(LossKind.LEAST_SQUARES, false, true, 120, 6, 1, 23);
        List<Arguments> out = new ArrayList<>();
        for (String m : List.of("gd+fixed", "gd+armijo", "lbfgs+wolfe", "gd+lo", "gd+ps", "gd+so3", "gd+ps:per-layer",
                "heavyball+lo", "nesterov+ps", "lbfgs+ps", "adam+ps", "adagradnorm+lo")) {
            out.add(Arguments.of(logistic, m));
        }
        out.add(Arguments.of(softmax, "lbfgs+ps"));
        out.add(Arguments.of(softmax, "gd+ps:per-layer"));
        out.add(Arguments.of(squares, "gd+ps"));
        out.add(Arguments.of(squares, "lbfgs+lo"));
        return out;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void reachesTheLocalEnginesOptimum(Problem p, String method) {
        double lambda = 0.3;
        // a fixed step near 1/L for the logistic problem (L ≈ ¼·λmax(XᵀX)/n + λ)
        MethodOptions options = method.equals("gd+fixed") ? MethodOptions.defaults().withLearningRate(1.0)
                : MethodOptions.defaults();
        StopCriterion stop = StopCriterion.anyOf(StopCriterion.gradientNorm(1e-10), StopCriterion.maxIterations(3000));
        LinearObjective local = p.model().objective(p.x(), p.y(), lambda);
        OptimizationResult expected = Method.parse(method, options).optimizer(stop).minimize(local, new double[local.dimension()]);
        try (TrainingBlocks data = TrainingBlocks.fromMatrix(sc, p.x(), p.y(), 3, p.sparse());
             SparkLinearObjective f = SparkLinearObjective.of(p.model(), data, lambda)) {
            OptimizationResult r = Method.parse(method, options).optimizer(stop).minimize(f, new double[f.dimension()]);
            assertEquals(Termination.GRADIENT_NORM, expected.termination(), "local: " + expected);
            assertEquals(Termination.GRADIENT_NORM, r.termination(), "spark: " + r);
            double rel = SparkTests.relative(r.value(), expected.value(), 0);
            assertTrue(rel <= 1e-10, method + ": f = " + r.value() + " vs local " + expected.value() + " (relative " + rel + ")");
            assertEquals((double) expected.dataPasses() / Math.max(1, expected.iterations()),
                    (double) r.dataPasses() / Math.max(1, r.iterations()), 0.05, "passes per iteration");
            assertTrue(r.isCheap());
        }
    }
}
