package org.planesearch.models;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.linalg.Vec;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import org.planesearch.data.bundled.BundledDatasets;
import org.planesearch.data.transform.Standardizer;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.linear.Metrics;

/**
 * {@link NewtonReference} on the bundled real datasets: the optimum of each model to
 * ‖∇f‖ ≤ 1e-12, where the Hessian is symmetric and positive definite (softmax with an intercept:
 * positive definite except for the one null direction (0, 1_c)).
 */
class RealDataNewtonTest {

    /** One model on one bundled dataset (standardized when {@code standardize}). */
    record Case(String dataset, LossKind kind, double lambda, boolean standardize) {
        @Override
        public String toString() {
            return kind.id() + " on " + dataset + " λ=" + lambda;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("heart_scale", LossKind.LOGISTIC, 1e-3, false),
                new Case("heart_scale", LossKind.LOGISTIC, 0.0, false),
                new Case("heart_scale", LossKind.SMOOTHED_HINGE, 1e-2, false),
                new Case("heart_scale", LossKind.LEAST_SQUARES, 0.0, false),
                new Case("heart_scale", LossKind.HUBER, 1e-3, false),
                new Case("breast_cancer", LossKind.LOGISTIC, 1e-3, true),
                new Case("iris", LossKind.SOFTMAX, 1e-2, true),
                new Case("wine", LossKind.SOFTMAX, 1e-2, true));
    }

    /** The objective of a case, with an intercept; labels through the data module's LabelMap. */
    static LinearObjective objective(Case c) throws Exception {
        Dataset ds = BundledDatasets.load(c.dataset());
        if (c.standardize()) {
            ds = Standardizer.fit(ds).apply(ds);
        }
        LabelTask task = c.kind() == LossKind.SOFTMAX ? LabelTask.MULTICLASS : LabelTask.BINARY;
        LabelMap map = LabelMap.fit(task, ds.labels());
        double[] y = map.targets(ds.labels());
        int outputs = c.kind() == LossKind.SOFTMAX ? map.numClasses() : 1;
        return LinearModel.of(c.kind(), ds.cols(), outputs, true).objective(ds.features(), y, c.lambda());
    }

    static void checkOptimum(LinearObjective f) {
        int n = f.dimension();
        double[][] nulls = NewtonReferenceTest.nullDirections(f);
        NewtonReference.Result r = NewtonReference.minimize(f, new double[n], nulls);
        assertTrue(r.converged(), f + ": ‖∇f‖ = " + r.gradientNorm() + " after " + r.iterations() + " steps");
        double[] h = r.hessian();
        assertTrue(NewtonReference.asymmetry(h, n) <= 1e-12, "asymmetry " + NewtonReference.asymmetry(h, n));
        double[] a = NewtonReference.symmetrised(h, n);
        if (nulls.length == 0) {
            assertNotNull(NewtonReference.cholesky(a, n), "∇²f(x*) positive definite");
        } else {
            // Positive definite once the null direction is given curvature: H + uuᵀ.
            double[] u = nulls[0].clone();
            Vec.scal(1 / Vec.nrm2(u), u);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] += u[i] * u[j];
                }
            }
            assertNotNull(NewtonReference.cholesky(a, n), "∇²f(x*) + uuᵀ positive definite");
            double[] hu = new double[n];
            f.hessianTimes(r.x(), nulls[0], hu);
            assertTrue(Vec.nrm2(hu) <= 1e-13, "H·(0, 1) = 0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void newtonReachesTheOptimumWhereTheHessianIsPositiveDefinite(Case c) throws Exception {
        checkOptimum(objective(c));
    }

    @Test
    void theOptimumOfHeartScaleClassifiesWell() throws Exception {
        // A sanity anchor on the real data: L2-logistic regression on heart_scale fits its
        // training set to about 85% accuracy (LIBLINEAR reports similar figures).
        LinearObjective f = objective(new Case("heart_scale", LossKind.LOGISTIC, 1e-3, false));
        NewtonReference.Result r = NewtonReference.minimize(f, new double[f.dimension()]);
        Dataset ds = BundledDatasets.load("heart_scale");
        double[] y = LabelMap.fit(LabelTask.BINARY, ds.labels()).targets(ds.labels());
        var eval = Metrics.evaluate(f.model(), ds.features(), y, r.x());
        assertTrue(eval.accuracy() > 0.8 && eval.rocAuc() > 0.85, eval.toString());
    }

    @Test
    @Tag("slow")
    void digitsSoftmax() throws Exception {
        checkOptimum(objective(new Case("digits", LossKind.SOFTMAX, 1e-2, true)));
    }
}
