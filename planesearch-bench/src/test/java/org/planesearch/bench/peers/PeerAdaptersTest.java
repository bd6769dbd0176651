package org.planesearch.bench.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.planesearch.bench.problems.LinearProblem;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.data.LabelTask;
import org.planesearch.data.bundled.BundledDatasets;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import smile.classification.LogisticRegression;
import smile.math.DifferentiableMultivariateFunction;

/**
 * Each peer adapter on tiny problems: that it computes OUR objective at the peer's solution (the
 * weight layouts are read right), that Smile's counted run is Smile's own, and that the peers
 * whose objective equals ours reach our optimum.
 */
class PeerAdaptersTest {

    private static final double LAMBDA = 1e-3;
    private static LinearProblem binary;
    private static LinearProblem multiclass;

    @BeforeAll
    static void load() throws Exception {
        binary = LinearProblem.load("synthetic-small", null, LAMBDA);
        multiclass = LinearProblem.of("iris", BundledDatasets.load("iris"), LabelTask.MULTICLASS, LAMBDA);
    }

    @AfterAll
    static void close() {
        binary.close();
        multiclass.close();
    }

    private static double optimum(LinearProblem p) {
        return Method.parse("lbfgs+wolfe").optimizer(StopCriterion.anyOf(StopCriterion.gradientNorm(1e-10),
                StopCriterion.maxIterations(10_000))).minimize(p.objective(), p.start()).value();
    }

    @Test
    void smilesBinomialObjectiveIsNTimesOurs() {
        SmilePeer.Data d = SmilePeer.data(binary);
        DifferentiableMultivariateFunction f = SmilePeer.objective(d, LAMBDA);
        double[] w = new double[binary.objective().dimension()];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-0.5, 0.5);
        }
        assertEquals(binary.objective().value(w), f.f(w) / binary.rows(), 1e-12);
    }

    @Test
    void smileCountedRunIsSmilesOwnAndReachesOurOptimum() {
        SmilePeer.Data d = SmilePeer.data(binary);
        double[] viaApi = LogisticRegression.binomial(d.x(), d.y(), binary.rows() * LAMBDA, 1e-15, 40).coefficients();
        SmilePeer.Counting counted = new SmilePeer.Counting(SmilePeer.objective(d, LAMBDA));
        double[] w = SmilePeer.minimize(counted, d, 40);
        assertArrayEquals(viaApi, w, 0.0);
        assertTrue(counted.gCalls > 10 && counted.passes() >= 2 * counted.gCalls);
        double fStar = optimum(binary);
        assertEquals(fStar, binary.objective().value(SmilePeer.ours(binary, w)), 1e-9 * fStar);
    }

    @Test
    void smileMultinomialLayout() {
        SmilePeer.Data d = SmilePeer.data(multiclass);
        double[][] viaApi = LogisticRegression.multinomial(d.x(), d.y(), multiclass.rows() * LAMBDA, 1e-15, 30).coefficients();
        double[] w = SmilePeer.minimize(new SmilePeer.Counting(SmilePeer.objective(d, LAMBDA)), d, 30);
        int p1 = multiclass.cols() + 1;
        for (int c = 0; c < viaApi.length; c++) {
            for (int j = 0; j < p1; j++) {
                assertEquals(viaApi[c][j], w[c * p1 + j], 0.0);
            }
        }
        // our softmax at Smile's solution gives Smile's probabilities (scores shifted by a constant per row)
        double[] ours = SmilePeer.ours(multiclass, w);
        double[] x = new double[multiclass.cols()];
        multiclass.features().row(7, x);
        double[] smileScores = new double[3];
        for (int c = 0; c < 2; c++) {
            smileScores[c] = w[c * p1 + multiclass.cols()];
            for (int j = 0; j < x.length; j++) {
                smileScores[c] += w[c * p1 + j] * x[j];
            }
        }
        assertArrayEquals(softmax(smileScores), softmax(scores(multiclass, ours, x)), 1e-12);
    }

    /** A Spark session takes seconds to start (tens on a busy machine): in the long suite. */
    @Test
    @Tag("slow")
    void sparkReachesOurOptimumOnTheSameObjective() {
        try (SparkPeer spark = new SparkPeer()) {
            for (LinearProblem p : new LinearProblem[] {binary, multiclass}) {
                Dataset<Row> df = spark.frame(p);
                SparkPeer.Fit fit = spark.fit(p, df, 300);
                LogisticRegressionModel m = fit.model();
                double fStar = optimum(p);
                assertEquals(fStar, p.objective().value(SparkPeer.ours(p, m)), 1e-8 * fStar, p.name());
                double[] history = m.summary().objectiveHistory();
                assertEquals(p.objective().value(SparkPeer.ours(p, m)), history[history.length - 1], 1e-9 * fStar, p.name());
                assertTrue(fit.jobs() >= m.summary().totalIterations(), "jobs " + fit.jobs());
                df.unpersist(true);
            }
        }
    }

    @Test
    void tribuoWeightsAreReadAsTribuoPredicts() {
        for (LinearProblem p : new LinearProblem[] {binary, multiclass}) {
            MutableDataset<Label> ds = TribuoPeer.dataset(p);
            LinearSGDModel m = TribuoPeer.train(ds, TribuoPeer.Kind.ADAGRAD, 0.1, 2);
            double[] w = TribuoPeer.ours(p, m);
            double[] x = new double[p.cols()];
            for (int i : new int[] {0, 5, 42}) {
                p.features().row(i, x);
                Prediction<Label> pred = m.predict(ds.getExample(i));
                Map<String, Label> scores = pred.getOutputScores();
                double[] z = scores(p, w, x);
                double[] prob = p.binary() ? new double[] {1 / (1 + Math.exp(z[0])), 1 / (1 + Math.exp(-z[0]))} : softmax(z);
                for (int c = 0; c < p.classes(); c++) {
                    assertEquals(scores.get(Integer.toString(c)).getScore(), prob[c], 1e-9, p.name() + " row " + i);
                }
            }
        }
    }

    /** Our scores of one example (c = 1 for binary problems). */
    private static double[] scores(LinearProblem p, double[] w, double[] x) {
        int d = p.cols();
        int c = p.binary() ? 1 : p.classes();
        double[] z = new double[c];
        for (int k = 0; k < c; k++) {
            z[k] = w[d * c + k];
            for (int j = 0; j < d; j++) {
                z[k] += w[j * c + k] * x[j];
            }
        }
        return z;
    }

    private static double[] softmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - m);
            s += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= s;
        }
        return p;
    }
}
