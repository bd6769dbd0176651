package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.Block;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.network.Networks.Storage;

/** Layout, initialization, scores and predictions, and the errors of the public API. */
class NetworkModelTest {

    @Test
    void layoutHasWeightAndBiasBlocksInLayerOrder() {
        NetworkModel m = NetworkModel.of(new int[] {5, 4, 3, 2}, Activation.TANH, OutputLoss.SQUARED);
        ParameterLayout layout = m.layout();
        assertEquals(6, layout.blockCount());
        assertEquals(3, layout.layerCount(), "one layout layer per weight layer: weights and bias");
        for (int l = 0; l < 3; l++) {
            assertEquals("layer" + (l + 1), layout.layer(l).name());
            assertEquals(2 * l, layout.layer(l).firstBlock());
            assertEquals(2, layout.layer(l).blockCount());
        }
        String[] names = {"layer1.weights", "layer1.bias", "layer2.weights", "layer2.bias", "layer3.weights", "layer3.bias"};
        int[][] shapes = {{5, 4}, {4}, {4, 3}, {3}, {3, 2}, {2}};
        int offset = 0;
        for (int b = 0; b < 6; b++) {
            Block blk = layout.block(b);
            assertEquals(names[b], blk.name());
            assertArrayEquals(shapes[b], blk.shape());
            assertEquals(offset, blk.offset());
            assertEquals(b % 2 == 0, blk.regularized(), blk.name());
            offset = blk.end();
        }
        assertEquals(20 + 4 + 12 + 3 + 6 + 2, m.dimension());
        assertEquals(3, m.weightLayers());
        assertEquals(3, NetworkModel.weightLayers(layout));
        assertEquals(3, NetworkModel.weightLayers(new int[] {5, 4, 3, 2}));
        assertEquals(0, NetworkModel.weightLayers(LinearModel.softmax(4, 3, true).layout()));
        assertEquals(0, NetworkModel.weightLayers(ParameterLayout.single(10)));
        assertEquals(5, m.inputs());
        assertEquals(2, m.outputs());
        assertEquals(4, m.width(1));
        assertEquals("NetworkModel[widths=[5, 4, 3, 2], tanh, least-squares]", m.toString());
        assertEquals(m, NetworkModel.of(new int[] {5, 4, 3, 2}, Activation.TANH, OutputLoss.SQUARED));
        assertFalse(m.equals(NetworkModel.of(new int[] {5, 4, 3, 2}, Activation.RELU, OutputLoss.SQUARED)));
        int[] widths = m.widths();
        widths[0] = 99;
        assertEquals(5, m.inputs(), "widths() is a copy");
    }

    @Test
    void initializationIsSeededGlorotOrHeWithZeroBiases() {
        int[] widths = {60, 40, 10};
        for (Activation a : Activation.values()) {
            NetworkModel m = NetworkModel.of(widths, a, OutputLoss.SOFTMAX_CROSS_ENTROPY);
            double[] w = m.initialize(7);
            assertArrayEquals(w, m.initialize(7), 0.0);
            for (int l = 0; l < 2; l++) {
                Block weights = m.layout().block(2 * l);
                Block bias = m.layout().block(2 * l + 1);
                int fanIn = widths[l];
                int fanOut = widths[l + 1];
                double variance = a == Activation.RELU ? 2.0 / fanIn : 2.0 / (fanIn + fanOut);
                double bound = Math.sqrt(3 * variance);
                double squares = 0;
                for (int k = weights.offset(); k < weights.end(); k++) {
                    assertTrue(Math.abs(w[k]) <= bound, a + " " + weights.name() + " entry " + w[k] + " beyond " + bound);
                    squares += w[k] * w[k];
                }
                double sampleVariance = squares / weights.length();
                assertEquals(variance, sampleVariance, 0.15 * variance, a + " " + weights.name());
                for (int k = bias.offset(); k < bias.end(); k++) {
                    assertEquals(0.0, w[k], 0.0);
                }
            }
        }
    }

    @Test
    void scoresAndPredictionsFollowTheObjectivesLogits() {
        SplittableRandom rng = new SplittableRandom(6);
        DataMatrix x = Networks.matrix(rng, 9, 5, Storage.DENSE);
        NetworkModel soft = NetworkModel.of(new int[] {5, 4, 3}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        double[] w = Networks.gaussian(rng, soft.dimension(), 0.8);
        double[] z = new double[27];
        soft.scores(x, w, z);
        double[] labels = new double[9];
        soft.predict(x, w, labels);
        for (int i = 0; i < 9; i++) {
            int best = 0;
            for (int o = 1; o < 3; o++) {
                best = z[3 * i + o] > z[3 * i + best] ? o : best;
            }
            assertEquals(best, labels[i], 0.0);
        }
        NetworkModel binary = NetworkModel.of(new int[] {5, 4, 1}, Activation.TANH, OutputLoss.LOGISTIC);
        double[] wb = Networks.gaussian(rng, binary.dimension(), 0.8);
        double[] zb = new double[9];
        binary.scores(x, wb, zb);
        binary.predict(x, wb, labels);
        for (int i = 0; i < 9; i++) {
            assertEquals(zb[i] >= 0 ? 1.0 : -1.0, labels[i], 0.0);
        }
        NetworkModel regression = NetworkModel.of(new int[] {5, 4, 2}, Activation.GELU, OutputLoss.SQUARED);
        double[] wr = Networks.gaussian(rng, regression.dimension(), 0.8);
        double[] zr = new double[18];
        double[] pr = new double[18];
        regression.scores(x, wr, zr);
        regression.predict(x, wr, pr);
        assertArrayEquals(zr, pr, 0.0);
        // the objective at targets = own outputs has zero loss
        assertEquals(0.0, regression.objective(x, zr, 0).value(wr), 0.0);
    }

    @Test
    void badShapesAndArgumentsAreRejectedWithClearMessages() {
        DataMatrix x = Matrices.dense(3, 2, new double[] {1, 2, 3, 4, 5, 6});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkModel.of(new int[] {2, 3}, Activation.TANH, OutputLoss.SQUARED));
        assertTrue(e.getMessage().contains("2 weight layers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkModel.of(new int[] {2, 0, 1}, Activation.TANH, OutputLoss.SQUARED));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkModel.of(new int[] {2, 3, 1}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY));
        assertTrue(e.getMessage().contains(">= 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkModel.of(new int[] {2, 3, 2}, Activation.TANH, OutputLoss.LOGISTIC));
        assertTrue(e.getMessage().contains("exactly 1 output"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkModel.of(null, Activation.TANH, OutputLoss.SQUARED));
        assertThrows(IllegalArgumentException.class, () -> NetworkModel.of(new int[] {2, 3, 1}, null, OutputLoss.SQUARED));
        assertThrows(IllegalArgumentException.class, () -> NetworkModel.of(new int[] {2, 3, 1}, Activation.TANH, null));

        NetworkModel soft = NetworkModel.of(new int[] {2, 3, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        e = assertThrows(IllegalArgumentException.class, () -> soft.objective(x, new double[] {0, 3, 1}, 0));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0..2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> soft.objective(x, new double[] {0, 1, Double.NaN}, 0));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> soft.objective(x, new double[] {0, 1}, 0));
        assertTrue(e.getMessage().contains("2 targets") && e.getMessage().contains("3 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> soft.objective(x, new double[] {0, 1, 1}, -1));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> soft.objective(x, new double[] {0, 1, 1}, Double.NaN));
        NetworkModel wide = NetworkModel.of(new int[] {4, 3, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        e = assertThrows(IllegalArgumentException.class, () -> wide.objective(x, new double[] {0, 1, 1}, 0));
        assertTrue(e.getMessage().contains("2 columns") && e.getMessage().contains("4 inputs"), e.getMessage());
        NetworkModel reg = NetworkModel.of(new int[] {2, 3, 2}, Activation.TANH, OutputLoss.SQUARED);
        e = assertThrows(IllegalArgumentException.class, () -> reg.objective(x, new double[3], 0));
        assertTrue(e.getMessage().contains("need 6"), e.getMessage());

        NetworkObjective f = soft.objective(x, new double[] {0, 1, 2}, 0.1);
        double[] w = soft.initialize(1);
        int dim = soft.dimension();
        e = assertThrows(IllegalArgumentException.class, () -> f.value(new double[dim + 1]));
        assertTrue(e.getMessage().contains("w must have length " + dim), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.valueAndGradient(w, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> f.valueAndGradient(w, w));
        assertThrows(IllegalArgumentException.class, () -> f.hessianTimes(w, w.clone(), w));
        assertThrows(IllegalArgumentException.class, () -> f.gaussNewtonTimes(w, w.clone(), w));
        assertThrows(IllegalArgumentException.class, () -> soft.scores(x, w, new double[8]));
        assertThrows(IllegalArgumentException.class, () -> soft.scores(x, new double[3], new double[9]));
        assertThrows(IllegalArgumentException.class, () -> soft.predict(x, w, new double[2]));
        assertEquals("NetworkObjective[NetworkModel[widths=[2, 3, 3], tanh, softmax], n=3, lambda=0.1]", f.toString());
        assertEquals(soft.layout(), f.layout());
        assertEquals(3, f.examples());
    }
}
