package org.planesearch.models.network;

import java.util.SplittableRandom;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Backend;
import org.planesearch.models.SyntheticData;

/** Small seeded network problems for the tests: data of each storage, targets for each loss, points away from ReLU's kinks. */
final class Networks {

    private Networks() {
    }

    enum Storage { DENSE, SPARSE, FLOAT32 }

    /** n = 7 examples, d = 5 inputs, h = 4 hidden units. */
    static final int ROWS = 7;
    static final int INPUTS = 5;
    static final int HIDDEN = 4;

    /** c for a loss: 3 classes for softmax, 1 for logistic, 2 outputs for least squares. */
    static int outputs(OutputLoss loss) {
        return switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> 3;
            case LOGISTIC -> 1;
            case SQUARED -> 2;
        };
    }

    static DataMatrix matrix(SplittableRandom rng, int n, int d, Storage storage) {
        switch (storage) {
            case SPARSE:
                return SyntheticData.matrix(rng, n, d, true);
            case FLOAT32: {
                float[] a = new float[n * d];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) SyntheticData.gaussian(rng);
                }
                // the Java backend's float32 matrices compute in float64 (the native one multiplies
                // in float32, too coarse for finite differences)
                return Backend.JAVA.denseFloat(n, d, a);
            }
            default:
                return SyntheticData.matrix(rng, n, d, false);
        }
    }

    /** Random targets in the loss's convention for n examples and c outputs. */
    static double[] targets(OutputLoss loss, int n, int c, SplittableRandom rng) {
        double[] y = new double[(int) loss.targetCount(n, c)];
        for (int i = 0; i < y.length; i++) {
            y[i] = switch (loss) {
                case SOFTMAX_CROSS_ENTROPY -> rng.nextInt(c);
                case LOGISTIC -> rng.nextBoolean() ? 1.0 : -1.0;
                case SQUARED -> SyntheticData.gaussian(rng);
            };
        }
        return y;
    }

    /** The objective of a network with the given widths on fresh random data. */
    static NetworkObjective objective(int[] widths, Activation a, OutputLoss loss, Storage storage, double lambda,
                                      long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = ROWS;
        DataMatrix x = matrix(rng, n, widths[0], storage);
        double[] y = targets(loss, n, widths[widths.length - 1], rng);
        return NetworkModel.of(widths, a, loss).objective(x, y, lambda);
    }

    /** {d, h, c} = {5, 4, c(loss)}. */
    static int[] twoLayers(OutputLoss loss) {
        return new int[] {INPUTS, HIDDEN, outputs(loss)};
    }

    /** N(0, scale²) entries. */
    static double[] gaussian(SplittableRandom rng, int n, double scale) {
        return SyntheticData.gaussianVector(rng, n, scale);
    }

    /**
     * A random point (N(0, 0.5²) weights and biases) whose hidden pre-activations are all at
     * least margin away from 0, so that ReLU's kinks are out of reach of finite differences.
     * Tries seeds from the given one; deterministic.
     */
    static double[] pointAwayFromKinks(NetworkObjective f, long seed, double margin) {
        for (long s = seed; s < seed + 1000; s++) {
            double[] w = gaussian(new SplittableRandom(s), f.dimension(), 0.5);
            if (smallestHiddenPreActivation(f, w) >= margin) {
                return w;
            }
        }
        throw new AssertionError("no point with hidden pre-activations >= " + margin + " away from 0");
    }

    /** min |Pₗ| over the hidden layers' pre-activations at w. */
    static double smallestHiddenPreActivation(NetworkObjective f, double[] w) {
        NetworkModel m = f.model();
        LayerBuffers b = new LayerBuffers(m, f.examples());
        new Propagation(m, f.data()).forward(w, b, false, false);
        double min = Double.POSITIVE_INFINITY;
        for (int l = 0; l + 1 < m.weightLayers(); l++) {
            double[] p = b.pre[l];
            for (int i = 0; i < p.length; i++) {
                min = Math.min(min, Math.abs(p[i]));
            }
        }
        return min;
    }
}
