package org.planesearch.models.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.layout.Block;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.FiniteDifferences;

class LinearObjectiveTest {

    static List<Problems.Case> cases() {
        return Problems.cases();
    }

    private static double[] point(LinearObjective f, long seed, double scale) {
        return Problems.gaussianVector(new SplittableRandom(seed), f.dimension(), scale);
    }

    /** f(w) from its definition, row by row, with the textbook (non-stabilised) formulas. */
    static double definition(LinearObjective f, double[] y, double[] w) {
        LinearModel m = f.model();
        DataMatrix x = f.data();
        int n = x.rows();
        int d = m.features();
        int c = m.outputs();
        double[] row = new double[d];
        double[] z = new double[c];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x.row(i, row);
            for (int o = 0; o < c; o++) {
                double s = m.intercept() ? w[d * c + o] : 0;
                for (int j = 0; j < d; j++) {
                    s += row[j] * w[j * c + o];
                }
                z[o] = s;
            }
            double p = m.lossParameter();
            switch (m.loss()) {
                case LOGISTIC -> sum += Math.log(1 + Math.exp(-y[i] * z[0]));
                case SOFTMAX -> {
                    double e = 0;
                    for (int o = 0; o < c; o++) {
                        e += Math.exp(z[o]);
                    }
                    sum += Math.log(e) - z[(int) y[i]];
                }
                case LEAST_SQUARES -> sum += 0.5 * (z[0] - y[i]) * (z[0] - y[i]);
                case HUBER -> {
                    double r = Math.abs(z[0] - y[i]);
                    sum += r <= p ? 0.5 * r * r : p * (r - p / 2);
                }
                case SMOOTHED_HINGE -> {
                    double mm = y[i] * z[0];
                    sum += mm <= 1 - p ? 1 - mm - p / 2 : mm < 1 ? (1 - mm) * (1 - mm) / (2 * p) : 0;
                }
                default -> throw new AssertionError();
            }
        }
        double reg = 0;
        for (int j = 0; j < d * c; j++) {
            reg += w[j] * w[j];
        }
        return sum / n + 0.5 * f.lambda() * reg;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueMatchesTheRowByRowDefinition(Problems.Case c) {
        SplittableRandom rng = new SplittableRandom(11);
        DataMatrix x = Problems.matrix(rng, Problems.ROWS, Problems.FEATURES, c.storage());
        double[] y = Problems.labels(c.kind(), x, Problems.CLASSES, rng);
        LinearObjective f = Problems.model(c, Problems.FEATURES).objective(x, y, c.lambda());
        for (long seed = 1; seed <= 3; seed++) {
            double[] w = point(f, seed, 0.7);
            double expected = definition(f, y, w);
            assertEquals(expected, f.value(w), 1e-13 * Math.max(1, Math.abs(expected)));
            double[] g = new double[f.dimension()];
            assertEquals(f.value(w), f.valueAndGradient(w, g), 0.0, "value and valueAndGradient agree exactly");
            double penalty = 0.5 * c.lambda() * Vec.dot(w, w, 0, f.model().weightCount());
            assertEquals(f.value(w) - penalty, f.meanLoss(w), 1e-14);
            assertEquals(f.meanLoss(w), f.model().meanLoss(x, y, w), 1e-15);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(Problems.Case c) {
        LinearObjective f = Problems.objective(c, 21);
        double[] g = new double[f.dimension()];
        double[] fd = new double[f.dimension()];
        // w = 0 puts every margin of the smoothed hinge (γ = 1) exactly on its kink m = 1 − γ = 0,
        // where ℓ'' jumps and central differences are only O(h) accurate: test it off the kink.
        double small = c.kind() == LossKind.SMOOTHED_HINGE ? 0.05 : 0.0;
        for (double scale : new double[] {small, 0.6}) {
            double[] w = point(f, 5, scale);
            f.valueAndGradient(w, g);
            FiniteDifferences.gradient(f, w, fd);
            double err = FiniteDifferences.relativeError(g, fd, 1e-3);
            assertTrue(err < 1e-7, "relative gradient error " + err + " at scale " + scale);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianTimesMatchesDifferencesOfTheGradient(Problems.Case c) {
        LinearObjective f = Problems.objective(c, 31);
        int n = f.dimension();
        double[] hv = new double[n];
        double[] fd = new double[n];
        for (long seed = 1; seed <= 3; seed++) {
            double[] w = point(f, seed, 0.6);
            double[] v = point(f, seed + 100, 1.0);
            f.hessianTimes(w, v, hv);
            FiniteDifferences.hessianTimes(f, w, v, fd);
            double err = FiniteDifferences.relativeError(hv, fd, 1e-3);
            assertTrue(err < 1e-6, "relative HVP error " + err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianIsSymmetricAndPositiveSemidefinite(Problems.Case c) {
        LinearObjective f = Problems.objective(c, 41);
        int n = f.dimension();
        double[] w = point(f, 1, 0.6);
        double[] u = point(f, 2, 1.0);
        double[] v = point(f, 3, 1.0);
        double[] hu = new double[n];
        double[] hv = new double[n];
        f.hessianTimes(w, u, hu);
        f.hessianTimes(w, v, hv);
        double a = Vec.dot(u, hv);
        double b = Vec.dot(v, hu);
        assertEquals(a, b, 1e-13 * Math.max(1, Math.abs(a)), "uᵀHv = vᵀHu");
        // Every loss here is convex, so vᵀHv ≥ 0 (≥ λ‖v_W‖² with the penalty).
        double vhv = Vec.dot(v, hv);
        double floor = c.lambda() * Vec.dot(v, v, 0, f.model().weightCount());
        assertTrue(vhv >= floor - 1e-12, "vᵀHv = " + vhv + " < λ‖v_W‖² = " + floor);
    }

    @Test
    void layoutHasARegularizedWeightsBlockAndAnUnregularizedIntercept() {
        LinearModel soft = LinearModel.softmax(4, 3, true);
        assertEquals(15, soft.dimension());
        Block w = soft.layout().block(0);
        Block b = soft.layout().block(1);
        assertEquals("weights", w.name());
        assertEquals(12, w.length());
        assertTrue(w.regularized());
        assertEquals(List.of(4, 3), List.of(w.shape()[0], w.shape()[1]));
        assertEquals("intercept", b.name());
        assertEquals(12, b.offset());
        assertEquals(3, b.length());
        assertFalse(b.regularized());
        LinearModel lr = LinearModel.logistic(5, false);
        assertEquals(1, lr.layout().blockCount());
        assertEquals(5, lr.layout().block(0).shape()[0]);
        assertEquals(6, LinearModel.leastSquares(5, true).layout().dimension());
    }

    @Test
    void interceptIsNotRegularized() {
        DataMatrix x = Matrices.dense(3, 1, new double[] {1, 2, 3});
        LinearObjective f = LinearModels.leastSquares(x, new double[] {1, 2, 3}, 10.0, true);
        // w = 1, b = 5: residuals 5 each; penalty only on w.
        double[] w = {1, 5};
        assertEquals(12.5 + 5.0, f.value(w), 1e-14);
        double[] g = new double[2];
        f.valueAndGradient(w, g);
        assertEquals(5 * (1 + 2 + 3) / 3.0 + 10.0, g[0], 1e-14);
        assertEquals(5.0, g[1], 1e-14);
    }

    @Test
    void softmaxWithTwoClassesIsLogisticRegression() {
        SplittableRandom rng = new SplittableRandom(7);
        DataMatrix x = Problems.matrix(rng, 30, 5, Problems.Storage.DENSE);
        double[] y = Problems.labels(LossKind.LOGISTIC, x, 2, rng);
        int[] classes = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            classes[i] = y[i] > 0 ? 1 : 0;
        }
        LinearObjective logistic = LinearModels.logistic(x, y, 0, true);
        LinearObjective softmax = LinearModels.softmax(x, classes, 2, 0, true);
        double[] w = Problems.gaussianVector(rng, 6, 0.8);
        // Logits (−z/2, z/2) give P(class 1) = σ(z).
        double[] wSoft = new double[12];
        for (int j = 0; j < 6; j++) {
            wSoft[2 * j] = -w[j] / 2;
            wSoft[2 * j + 1] = w[j] / 2;
        }
        assertEquals(logistic.value(w), softmax.value(wSoft), 1e-14);
    }

    @Test
    void lossesStayFiniteAndAccurateForHugeScores() {
        DataMatrix x = Matrices.dense(2, 1, new double[] {1, -1});
        LinearObjective lr = LinearModels.logistic(x, new double[] {1, 1}, 0, false);
        // z = ±1000: log(1 + e^{-1000}) ≈ 0 and log(1 + e^{1000}) = 1000.
        assertEquals(500.0, lr.value(new double[] {1000}), 1e-12);
        double[] g = new double[1];
        lr.valueAndGradient(new double[] {1000}, g);
        assertEquals(0.5, g[0], 1e-15);
        double[] hv = new double[1];
        lr.hessianTimes(new double[] {1000}, new double[] {1}, hv);
        assertEquals(0.0, hv[0], 1e-300);
        LinearObjective soft = LinearModels.softmax(Matrices.dense(1, 1, new double[] {1}), new int[] {0}, 3, 0, false);
        // logits (800, 0, −800): loss ≈ 0, and (−800, 0, 800) gives 1600.
        assertEquals(0.0, soft.value(new double[] {800, 0, -800}), 1e-300);
        assertEquals(1600.0, soft.value(new double[] {-800, 0, 800}), 1e-12);
    }

    @Test
    void badLabelsAreRejectedWithTheirRowAndValue() {
        DataMatrix x = Matrices.dense(3, 1, new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearModels.logistic(x, new double[] {1, 0, -1}, 0, true));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearModels.softmax(x, new int[] {0, 3, 1}, 3, 0, true));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0..2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearModel.softmax(1, 3, true).objective(x, new double[] {0, 1, 1.5}, 0));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearModels.leastSquares(x, new double[] {0, Double.NaN, 1}, 0, true));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearModels.leastSquares(x, new double[] {0, 1}, 0, true));
        assertTrue(e.getMessage().contains("2 labels") && e.getMessage().contains("3 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearModels.huber(x, new double[] {0, 1, 2}, 0, true, 0));
        assertTrue(e.getMessage().contains("delta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearModels.leastSquares(x, new double[] {0, 1, 2}, -1, true));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinearModel.softmax(3, 1, true));
        assertTrue(e.getMessage().contains(">= 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LinearModel(LossKind.LOGISTIC, 3, 1, true, 2.0));
        assertTrue(e.getMessage().contains("no loss parameter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearModel.logistic(2, true).objective(x, new double[] {1, 1, 1}, 0));
        assertTrue(e.getMessage().contains("1 columns") && e.getMessage().contains("2 features"), e.getMessage());
    }

    @Test
    void argumentLengthsAndAliasingAreChecked() {
        LinearObjective f = Problems.objective(new Problems.Case(LossKind.LOGISTIC, true, 0.1, Problems.Storage.DENSE), 3);
        double[] w = new double[f.dimension()];
        assertThrows(IllegalArgumentException.class, () -> f.value(new double[f.dimension() + 1]));
        assertThrows(IllegalArgumentException.class, () -> f.valueAndGradient(w, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> f.hessianTimes(w, w.clone(), w));
    }

    @Test
    void lossKindIdsRoundTrip() {
        for (LossKind k : LossKind.values()) {
            assertEquals(k, LossKind.fromId(k.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossKind.fromId("hinge"));
        assertTrue(e.getMessage().contains("least-squares"), e.getMessage());
    }
}
