package org.planesearch.models.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Matrices;

class MetricsTest {

    /** AUC by its definition: over all (positive, negative) pairs, 1 if the positive scores higher, ½ on ties. */
    static double bruteForceAuc(double[] scores, double[] y) {
        double u = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (y[i] == 1 && y[j] == -1) {
                    pairs++;
                    u += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : u / pairs;
    }

    @Property(tries = 300)
    void aucEqualsThePairwiseDefinition(@ForAll @Size(min = 1, max = 60) int[] levels, @ForAll long seed,
                                        @ForAll @IntRange(min = 1, max = 8) int distinctScores) {
        // Few distinct score values, so that ties are frequent.
        SplittableRandom rng = new SplittableRandom(seed);
        double[] scores = new double[levels.length];
        double[] y = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            scores[i] = Math.floorMod(levels[i], distinctScores) - 2.5;
            y[i] = rng.nextBoolean() ? 1 : -1;
        }
        double expected = bruteForceAuc(scores, y);
        double actual = Metrics.rocAuc(scores, y);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual));
        } else {
            assertEquals(expected, actual, 1e-15);
        }
    }

    @Test
    void aucKnownValues() {
        assertEquals(1.0, Metrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new double[] {-1, 1, -1, 1}), 0.0);
        assertEquals(0.75, Metrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new double[] {-1, -1, 1, 1}), 1e-15);
        assertEquals(0.5, Metrics.rocAuc(new double[] {1, 1, 1, 1}, new double[] {-1, -1, 1, 1}), 1e-15);
        assertEquals(0.0, Metrics.rocAuc(new double[] {3, 2, 1}, new double[] {-1, 1, 1}), 1e-15);
        assertTrue(Double.isNaN(Metrics.rocAuc(new double[] {1, 2}, new double[] {1, 1})), "one class only");
        assertTrue(Double.isNaN(Metrics.rocAuc(new double[] {1, Double.NaN}, new double[] {1, -1})), "NaN score");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.rocAuc(new double[] {1, 2}, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(new double[] {1}, new double[] {1, -1}));
    }

    @Test
    void accuracyAndMeanSquaredError() {
        assertEquals(0.75, Metrics.accuracy(new double[] {1, -1, 1, 1}, new double[] {1, -1, -1, 1}), 0.0);
        assertEquals((0.25 + 4) / 2, Metrics.meanSquaredError(new double[] {1.5, 0}, new double[] {1, 2}), 1e-15);
        assertTrue(Double.isNaN(Metrics.accuracy(new double[0], new double[0])));
    }

    @Test
    void logisticScoresProbabilitiesAndPredictions() {
        // x = (1, 2), (−1, 0), (0, 0); w = (2, −1), b = 0.5: z = 0.5, −1.5, 0.5.
        DataMatrix x = Matrices.dense(3, 2, new double[] {1, 2, -1, 0, 0, 0});
        LinearModel m = LinearModel.logistic(2, true);
        double[] w = {2, -1, 0.5};
        double[] z = new double[3];
        m.scores(x, w, z);
        assertArrayEquals(new double[] {0.5, -1.5, 0.5}, z, 1e-15);
        double[] p = new double[3];
        m.probabilities(x, w, p);
        assertEquals(1 / (1 + Math.exp(-0.5)), p[0], 1e-15);
        assertEquals(1 / (1 + Math.exp(1.5)), p[1], 1e-15);
        double[] yHat = new double[3];
        m.predict(x, w, yHat);
        assertArrayEquals(new double[] {1, -1, 1}, yHat, 0.0);

        double[] y = {1, 1, -1};
        ModelEvaluation ev = Metrics.evaluate(m, x, y, w);
        assertEquals(3, ev.examples());
        assertEquals(1.0 / 3, ev.accuracy(), 1e-15);
        assertEquals(0.25, ev.rocAuc(), 1e-15);   // positives 0.5, −1.5 vs negative 0.5: ½ + 0
        assertTrue(Double.isNaN(ev.meanSquaredError()));
        double meanLoss = (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(1.5)) + Math.log1p(Math.exp(0.5))) / 3;
        assertEquals(meanLoss, ev.meanLoss(), 1e-15);
        assertEquals(meanLoss, m.meanLoss(x, y, w), 1e-15);
        // The objective with λ = 0 has the same value.
        assertEquals(meanLoss, m.objective(x, y, 0).value(w), 1e-15);
    }

    @Test
    void softmaxProbabilitiesSumToOneAndPredictTheArgmax() {
        SplittableRandom rng = new SplittableRandom(5);
        DataMatrix x = Problems.matrix(rng, 25, 4, Problems.Storage.SPARSE);
        LinearModel m = LinearModel.softmax(4, 3, true);
        double[] w = Problems.gaussianVector(rng, m.dimension(), 2.0);
        double[] z = new double[75];
        double[] p = new double[75];
        double[] yHat = new double[25];
        m.scores(x, w, z);
        m.probabilities(x, w, p);
        m.predict(x, w, yHat);
        for (int i = 0; i < 25; i++) {
            double sum = 0;
            int best = 0;
            for (int o = 0; o < 3; o++) {
                sum += p[i * 3 + o];
                if (z[i * 3 + o] > z[i * 3 + best]) {
                    best = o;
                }
                // p ∝ exp(z): ratios match.
                double ratio = Math.exp(z[i * 3 + o] - z[i * 3]);
                assertEquals(ratio, p[i * 3 + o] / p[i * 3], 1e-12 * ratio);
            }
            assertEquals(1.0, sum, 1e-15);
            assertEquals(best, yHat[i], 0.0);
        }
        double[] labels = Problems.labels(LossKind.SOFTMAX, x, 3, rng);
        ModelEvaluation ev = Metrics.evaluate(m, x, labels, w);
        int hits = 0;
        for (int i = 0; i < 25; i++) {
            hits += yHat[i] == labels[i] ? 1 : 0;
        }
        assertEquals(hits / 25.0, ev.accuracy(), 1e-15);
        assertTrue(Double.isNaN(ev.rocAuc()));
        assertEquals(m.objective(x, labels, 0).value(w), ev.meanLoss(), 1e-14);
    }

    @Test
    void regressionPredictsScoresAndReportsMeanSquaredError() {
        DataMatrix x = Matrices.dense(2, 1, new double[] {1, 2});
        LinearModel m = LinearModel.huber(1, true, 1.0);
        double[] w = {2, 1};
        double[] yHat = new double[2];
        m.predict(x, w, yHat);
        assertArrayEquals(new double[] {3, 5}, yHat, 0.0);
        ModelEvaluation ev = Metrics.evaluate(m, x, new double[] {3.5, 2}, w);
        assertEquals((0.25 + 9) / 2, ev.meanSquaredError(), 1e-15);
        assertEquals((0.125 + (3 - 0.5)) / 2, ev.meanLoss(), 1e-15);   // ½·0.5², then δ(|r| − δ/2)
        assertTrue(Double.isNaN(ev.accuracy()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.probabilities(x, w, new double[2]));
        assertTrue(e.getMessage().contains("huber"), e.getMessage());
    }

    @Test
    void aModelRebuiltFromItsDescriptionPredictsTheSame() {
        // What the CLI stores (loss id, d, c, intercept, loss parameter) rebuilds an equal model.
        LinearModel m = LinearModel.huber(3, false, 0.7);
        LinearModel rebuilt = new LinearModel(LossKind.fromId(m.loss().id()), m.features(), m.outputs(), m.intercept(),
                m.lossParameter());
        assertEquals(m, rebuilt);
        assertEquals(m.layout(), rebuilt.layout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.scores(Matrices.dense(1, 3, new double[3]), new double[4], new double[1]));
        assertTrue(e.getMessage().contains("length 3"), e.getMessage());
    }
}
