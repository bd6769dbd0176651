package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The output losses' kernels at extreme and tiny losses, and target validation. */
class OutputLossTest {

    private static double sum(OutputLoss loss, double[] z, double[] y, int c) {
        return loss.sum(z, y, c, 0, y.length / (loss == OutputLoss.SQUARED ? c : 1), new OutputLoss.Scratch(c));
    }

    @Test
    void softmaxIsFiniteForHugeLogitsAndAccurateForTinyLosses() {
        double[] z = {800, 0, -800, -800, 0, 800};
        double[] y = {0, 0};
        assertEquals(1600.0, sum(OutputLoss.SOFTMAX_CROSS_ENTROPY, z, y, 3), 1e-12);
        // a confident correct row: ℓ = log(1 + 2e⁻⁴⁰) ≈ 8.5e-18, far below the rounding of log(1 + T)
        double[] confident = {40, 0, 0};
        double expected = Math.log1p(2 * Math.exp(-40));
        double got = sum(OutputLoss.SOFTMAX_CROSS_ENTROPY, confident, new double[] {0}, 3);
        assertEquals(expected, got, 1e-15 * expected);
        // its gradient: p_y − 1 = −T/(1 + T), not 0; the row sums to 0
        double[] r = new double[3];
        OutputLoss.SOFTMAX_CROSS_ENTROPY.residual(confident, new double[] {0}, 3, 0, 1, 1.0, r, new OutputLoss.Scratch(3));
        assertEquals(-2 * Math.exp(-40), r[0], 1e-15 * 2 * Math.exp(-40));
        assertEquals(0.0, r[0] + r[1] + r[2], 1e-30);
    }

    @Test
    void logisticIsFiniteForHugeMarginsAndAccurateForTinyLosses() {
        double[] z = {1000, -1000};
        double[] y = {-1, -1};
        assertEquals(1000.0, sum(OutputLoss.LOGISTIC, z, y, 1), 1e-12);
        double got = sum(OutputLoss.LOGISTIC, new double[] {50}, new double[] {1}, 1);
        assertEquals(Math.exp(-50), got, 1e-15 * Math.exp(-50));
        double[] r = new double[2];
        double total = OutputLoss.LOGISTIC.residual(z, y, 1, 0, 2, 0.5, r, new OutputLoss.Scratch(1));
        assertEquals(1000.0, total, 1e-12);
        assertEquals(0.5, r[0], 0.0);
        assertEquals(0.0, r[1], 1e-300);
        double[] hu = new double[2];
        OutputLoss.LOGISTIC.hessianTimes(z, y, 1, 0, 2, new double[] {1, 1}, 1.0, hu, new OutputLoss.Scratch(1));
        assertEquals(0.0, hu[0], 1e-300);
    }

    @Test
    void sumAndResidualGiveTheSameBits() {
        double[] z = {0.3, -1.2, 2.5, 0.1, 0.0, -0.7, 4.0, 1.0, -2.0};
        double[] y = {2, 0, 1};
        double[] r = new double[9];
        for (OutputLoss loss : new OutputLoss[] {OutputLoss.SOFTMAX_CROSS_ENTROPY, OutputLoss.SQUARED}) {
            double[] t = loss == OutputLoss.SQUARED ? z.clone() : y;
            if (loss == OutputLoss.SQUARED) {
                t[4] = 1.5;
            }
            double a = sum(loss, z, t, 3);
            double b = loss.residual(z, t, 3, 0, 3, 1.0 / 3, r, new OutputLoss.Scratch(3));
            assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), loss.id());
        }
    }

    @Test
    void targetsAreValidatedWithTheirRowAndValue() {
        OutputLoss soft = OutputLoss.SOFTMAX_CROSS_ENTROPY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> soft.validatedTargets(new double[] {0, 3, 1}, 3, 3));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0..2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> soft.validatedTargets(new double[] {0, 1, 1.5}, 3, 3));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> soft.validatedTargets(new double[] {Double.NaN}, 1, 3));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OutputLoss.LOGISTIC.validatedTargets(new double[] {1, 0, -1}, 3, 1));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("-1 or +1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OutputLoss.SQUARED.validatedTargets(new double[] {0, 1, 2, Double.POSITIVE_INFINITY}, 2, 2));
        assertTrue(e.getMessage().contains("row 1, output 1") && e.getMessage().contains("Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OutputLoss.SQUARED.validatedTargets(new double[3], 2, 2));
        assertTrue(e.getMessage().contains("3 targets") && e.getMessage().contains("need 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> soft.validatedTargets(new double[2], 3, 3));
        assertTrue(e.getMessage().contains("2 targets") && e.getMessage().contains("3 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> soft.validatedTargets(null, 3, 3));
        double[] y = {0, 2};
        double[] copy = soft.validatedTargets(y, 2, 3);
        y[0] = 1;
        assertEquals(0.0, copy[0], 0.0, "a copy");
    }

    @Test
    void outputCountsAndIds() {
        assertThrows(IllegalArgumentException.class, () -> OutputLoss.SOFTMAX_CROSS_ENTROPY.checkOutputs(1));
        assertThrows(IllegalArgumentException.class, () -> OutputLoss.LOGISTIC.checkOutputs(2));
        assertThrows(IllegalArgumentException.class, () -> OutputLoss.SQUARED.checkOutputs(0));
        OutputLoss.SQUARED.checkOutputs(3);
        assertEquals(7, OutputLoss.LOGISTIC.targetCount(7, 1));
        assertEquals(21, OutputLoss.SQUARED.targetCount(7, 3));
        for (OutputLoss l : OutputLoss.values()) {
            assertEquals(l, OutputLoss.fromId(l.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputLoss.fromId("hinge"));
        assertTrue(e.getMessage().contains("softmax, logistic, least-squares"), e.getMessage());
    }
}
