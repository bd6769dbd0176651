package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.core.stochastic.BatchSchedule;
import org.planesearch.core.stochastic.StochasticMethods;
import org.planesearch.core.stochastic.StochasticOptions;
import org.planesearch.core.stochastic.StochasticResult;
import org.planesearch.core.stochastic.StochasticTermination;
import org.planesearch.core.stochastic.StochasticTrainer;

/** Mini-batches of a network objective, and every mini-batch method training a small network. */
class NetworkBatchesTest {

    private static final int N = 300;
    private static final int D = 6;

    /** Three Gaussian blobs in 6-D with labels 0, 1, 2. */
    private static double[][] data(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[N * D];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            int label = i % 3;
            y[i] = label;
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (j == label ? 2 : 0) + rng.nextGaussian();
            }
        }
        return new double[][] {x, y};
    }

    private static NetworkBatches batches(double[][] data, int[] widths, Activation a, OutputLoss loss) {
        DataMatrix x = Matrices.dense(N, D, data[0]);
        return new NetworkBatches(NetworkModel.of(widths, a, loss), x, data[1], 1e-3);
    }

    @Test
    void aBatchObjectiveEqualsTheObjectiveBuiltOnTheSameRows() {
        double[][] data = data(1);
        NetworkBatches b = batches(data, new int[] {D, 5, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        int[] order = new int[N];
        new BatchSchedule(32, 1, 7, false).order(1, order);
        int from = 64;
        int count = 32;
        double[] xs = new double[count * D];
        double[] ys = new double[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(data[0], order[from + i] * D, xs, i * D, D);
            ys[i] = data[1][order[from + i]];
        }
        NetworkObjective direct = b.model().objective(Matrices.dense(count, D, xs), ys, 1e-3);
        double[] w = b.model().initialize(3);
        double[] g1 = new double[w.length];
        double[] g2 = new double[w.length];
        double f1 = b.batch(order, from, count).valueAndGradient(w, g1);
        double f2 = direct.valueAndGradient(w, g2);
        assertEquals(f2, f1, 1e-13 * Math.abs(f2));
        for (int i = 0; i < w.length; i++) {
            assertEquals(g2[i], g1[i], 1e-12);
        }
        // a refilled batch forgets the previous batch's cached forward pass
        double fOther = b.batch(order, 0, count).value(w);
        assertTrue(fOther != f1);
        assertEquals(f1, b.batch(order, from, count).valueAndGradient(w, g1), 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gd+fixed", "heavyball+fixed", "adam+fixed", "adagradnorm+fixed", "gd+adagradnorm",
            "heavyball+layerwise", "adamw+layerwise", "gd+layerwise", "gd+lo", "gd+ps", "adam+ps", "gd+ps:per-layer",
            "gd+adagradnorm:per-layer", "gd+armijo", "heavyball+armijo", "adam+salsa"})
    void everyMethodTrainsATwoLayerNetwork(String method) {
        double[][] data = data(2);
        try (NetworkBatches b = batches(data, new int[] {D, 8, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY)) {
            double[] w0 = b.model().initialize(5);
            double f0 = b.full().value(w0);
            StochasticTrainer t = new StochasticTrainer(StochasticMethods.parse(method, StochasticOptions.defaults()),
                    new BatchSchedule(32, 15, 11, false), 5, Double.POSITIVE_INFINITY, 13);
            StochasticResult r = t.train(b, w0, null, null);
            assertEquals(StochasticTermination.EPOCHS_DONE, r.termination(), method);
            assertEquals(15 * 10, r.steps());
            assertTrue(r.last().trainObjective() < 0.7 * f0, method + ": f " + f0 + " -> " + r.last().trainObjective());
            assertEquals(15, r.last().gradientPasses(), 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heavyball+layerwise", "adamw+layerwise", "gd+ps"})
    void deepNetworksTrainAndRunsAreDeterministic(String method) {
        double[][] data = data(3);
        double[][] finals = new double[2][];
        for (int run = 0; run < 2; run++) {
            try (NetworkBatches b = batches(data, new int[] {D, 8, 6, 8, 3}, Activation.SIGMOID,
                    OutputLoss.SOFTMAX_CROSS_ENTROPY)) {
                double[] w0 = b.model().initialize(6);
                double f0 = b.full().value(w0);
                StochasticResult r = new StochasticTrainer(StochasticMethods.parse(method, StochasticOptions.defaults()),
                        new BatchSchedule(50, 20, 21, false), 20, Double.POSITIVE_INFINITY, 23).train(b, w0, null, null);
                assertTrue(r.last().trainObjective() < f0, method + " decreases f on a 4-layer network");
                finals[run] = r.x();
            }
        }
        assertArrayEquals(finals[0], finals[1], 0, "same seeds, same bits");
    }

    @Test
    void squaredLossAutoencoderTrains() {
        double[][] data = data(4);
        // reconstruct the inputs: targets = the n×d inputs
        DataMatrix x = Matrices.dense(N, D, data[0]);
        NetworkModel ae = NetworkModel.of(new int[] {D, 4, 2, 4, D}, Activation.TANH, OutputLoss.SQUARED);
        try (NetworkBatches b = new NetworkBatches(ae, x, data[0], 0)) {
            double[] w0 = ae.initialize(1);
            double f0 = b.full().value(w0);
            StochasticResult r = new StochasticTrainer(StochasticMethods.parse("heavyball+layerwise", StochasticOptions.defaults()),
                    new BatchSchedule(30, 30, 1, false), 30, Double.POSITIVE_INFINITY, 2).train(b, w0, null, null);
            assertTrue(r.last().trainObjective() < 0.6 * f0, "autoencoder: " + f0 + " -> " + r.last().trainObjective());
        }
    }
}
