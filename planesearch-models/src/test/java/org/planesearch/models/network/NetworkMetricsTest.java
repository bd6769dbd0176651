package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.linear.Metrics;
import org.planesearch.models.linear.ModelEvaluation;

class NetworkMetricsTest {

    private static final int N = 40;

    /** A two-layer network of the loss on N random rows, its random targets and an initialized point. */
    private record Case(NetworkModel model, DataMatrix x, double[] y, double[] w) {
        static Case of(OutputLoss loss, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            NetworkModel model = NetworkModel.of(new int[] {5, 6, Networks.outputs(loss)}, Activation.TANH, loss);
            DataMatrix x = Networks.matrix(rng, N, 5, Networks.Storage.DENSE);
            double[] y = Networks.targets(loss, N, model.outputs(), rng);
            double[] w = Networks.gaussian(rng, model.dimension(), 0.8);
            return new Case(model, x, y, w);
        }

        double meanLoss() {
            return model.objective(x, y, 0).meanLoss(w);
        }

        double[] predicted() {
            double[] p = new double[(int) model.loss().targetCount(N, model.outputs())];
            model.predict(x, w, p);
            return p;
        }

        double[] scores() {
            double[] z = new double[N * model.outputs()];
            model.scores(x, w, z);
            return z;
        }
    }

    @Test
    void softmaxGivesTheObjectivesLossAndThePredictionsAccuracy() {
        Case c = Case.of(OutputLoss.SOFTMAX_CROSS_ENTROPY, 1);
        ModelEvaluation e = NetworkMetrics.evaluate(c.model, c.x, c.y, c.w);
        assertEquals(LossKind.SOFTMAX, e.loss());
        assertEquals(N, e.examples());
        assertEquals(c.meanLoss(), e.meanLoss(), 1e-14 * c.meanLoss());
        assertEquals(Metrics.accuracy(c.predicted(), c.y), e.accuracy());
        assertTrue(Double.isNaN(e.rocAuc()) && Double.isNaN(e.meanSquaredError()), e.toString());
    }

    @Test
    void logisticAddsTheAucOfTheLogits() {
        Case c = Case.of(OutputLoss.LOGISTIC, 2);
        ModelEvaluation e = NetworkMetrics.evaluate(c.model, c.x, c.y, c.w);
        assertEquals(LossKind.LOGISTIC, e.loss());
        assertEquals(c.meanLoss(), e.meanLoss(), 1e-14 * c.meanLoss());
        assertEquals(Metrics.accuracy(c.predicted(), c.y), e.accuracy());
        assertEquals(Metrics.rocAuc(c.scores(), c.y), e.rocAuc());
        assertTrue(e.rocAuc() > 0 && e.rocAuc() < 1, e.toString());
    }

    @Test
    void leastSquaresGivesTheMeanSquaredErrorOverEveryOutput() {
        Case c = Case.of(OutputLoss.SQUARED, 3);
        ModelEvaluation e = NetworkMetrics.evaluate(c.model, c.x, c.y, c.w);
        assertEquals(LossKind.LEAST_SQUARES, e.loss());
        double[] z = c.scores();
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += (z[i] - c.y[i]) * (z[i] - c.y[i]);
        }
        assertEquals(sum / z.length, e.meanSquaredError(), 1e-14 * sum);
        // ½‖z − y‖² per example: c/2 times the MSE
        assertEquals(c.model.outputs() / 2.0 * e.meanSquaredError(), e.meanLoss(), 1e-13 * e.meanLoss());
        assertEquals(c.meanLoss(), e.meanLoss(), 1e-14 * c.meanLoss());
        assertTrue(Double.isNaN(e.accuracy()) && Double.isNaN(e.rocAuc()), e.toString());
    }

    @Test
    void theLossKindHasTheSameId() {
        for (OutputLoss l : OutputLoss.values()) {
            assertEquals(l.id(), NetworkMetrics.lossKind(l).id());
            assertEquals(l.isBinary(), NetworkMetrics.lossKind(l).isBinary());
        }
    }

    @Test
    void badTargetsAndShapesAreNamed() {
        Case c = Case.of(OutputLoss.LOGISTIC, 4);
        double[] y = c.y.clone();
        y[3] = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkMetrics.evaluate(c.model, c.x, y, c.w));
        assertTrue(e.getMessage().contains("row 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkMetrics.evaluate(c.model, c.x, c.y, new double[3]));
    }

    @Test
    void probabilitiesAreTheSoftmaxAndSigmoidOfTheLogits() {
        Case s = Case.of(OutputLoss.SOFTMAX_CROSS_ENTROPY, 5);
        int k = s.model.outputs();
        double[] p = new double[N * k];
        s.model.probabilities(s.x, s.w, p);
        double[] z = s.scores();
        double[] predicted = s.predicted();
        for (int i = 0; i < N; i++) {
            double sum = 0;
            double norm = 0;
            int best = 0;
            for (int o = 0; o < k; o++) {
                sum += p[i * k + o];
                norm += Math.exp(z[i * k + o]);
                best = p[i * k + o] > p[i * k + best] ? o : best;
            }
            assertEquals(1.0, sum, 1e-15);
            assertEquals(Math.exp(z[i * k]) / norm, p[i * k], 1e-15);
            assertEquals(predicted[i], best, "row " + i);
        }

        Case l = Case.of(OutputLoss.LOGISTIC, 6);
        double[] q = new double[N];
        l.model.probabilities(l.x, l.w, q);
        double[] zl = l.scores();
        for (int i = 0; i < N; i++) {
            assertEquals(1 / (1 + Math.exp(-zl[i])), q[i], 1e-15);
        }

        Case r = Case.of(OutputLoss.SQUARED, 7);
        assertThrows(IllegalStateException.class, () -> r.model.probabilities(r.x, r.w, new double[N * 2]));
    }
}
