package org.planesearch.bench.endtoend;

import java.io.IOException;
import java.nio.file.Path;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import org.planesearch.data.fetch.Mnist;
import org.planesearch.models.network.Activation;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.OutputLoss;

/**
 * The mini-batch benchmark problems: {@code fashion-mlp} (Fashion-MNIST, 784 → 100 → 10, tanh,
 * softmax, λ = 1e-4) and {@code mnist-autoencoder} (MNIST, 784-1000-500-250-30-250-500-1000-784,
 * sigmoid hidden units, squared reconstruction error on pixels in [0, 1], λ = 0; Hinton and
 * Salakhutdinov 2006 use logistic units and a linear code layer — here the code layer is sigmoid
 * too, since {@code NetworkModel} has one hidden activation). Owns its data until closed.
 */
final class MiniBatchProblem implements AutoCloseable {
    final Dataset train;
    final Dataset test;
    final double[] trainTargets;
    final double[] testTargets;
    final NetworkModel model;
    final double lambda;

    private MiniBatchProblem(Dataset train, Dataset test, double[] trainTargets, double[] testTargets, NetworkModel model,
                             double lambda) {
        this.train = train;
        this.test = test;
        this.trainTargets = trainTargets;
        this.testTargets = testTargets;
        this.model = model;
        this.lambda = lambda;
    }

    /** The problem of this name; with {@code trainRows} &gt; 0, only the first that many training rows. */
    static MiniBatchProblem load(String name, Path cache, int trainRows) throws IOException {
        MiniBatchProblem p = switch (name) {
            case "fashion-mlp" -> {
                Dataset train = Mnist.load(cache, "fashion-mnist", Mnist.Part.TRAIN, false);
                Dataset test = Mnist.load(cache, "fashion-mnist", Mnist.Part.TEST, false);
                LabelMap map = LabelMap.fit(LabelTask.MULTICLASS, train.labels());
                yield new MiniBatchProblem(train, test, map.targets(train.labels()), map.targets(test.labels()),
                        NetworkModel.of(new int[] {train.cols(), 100, map.numClasses()}, Activation.TANH,
                                OutputLoss.SOFTMAX_CROSS_ENTROPY), 1e-4);
            }
            case "mnist-autoencoder" -> {
                Dataset train = Mnist.load(cache, "mnist", Mnist.Part.TRAIN, false);
                Dataset test = Mnist.load(cache, "mnist", Mnist.Part.TEST, false);
                yield new MiniBatchProblem(train, test, pixels(train), pixels(test),
                        NetworkModel.of(new int[] {784, 1000, 500, 250, 30, 250, 500, 1000, 784}, Activation.SIGMOID,
                                OutputLoss.SQUARED), 0);
            }
            default -> throw new IllegalArgumentException("unknown problem '" + name + "'; expected fashion-mlp or mnist-autoencoder");
        };
        if (trainRows <= 0 || trainRows >= p.train.rows()) {
            return p;
        }
        int[] rows = new int[trainRows];
        for (int i = 0; i < trainRows; i++) {
            rows[i] = i;
        }
        int per = p.trainTargets.length / p.train.rows();
        Dataset subset = p.train.select(p.train.name() + "[:" + trainRows + "]", rows);
        p.train.close();
        return new MiniBatchProblem(subset, p.test, java.util.Arrays.copyOf(p.trainTargets, trainRows * per), p.testTargets,
                p.model, p.lambda);
    }

    /** The n×d pixels of a data set as reconstruction targets. */
    private static double[] pixels(Dataset ds) {
        int n = ds.rows();
        int d = ds.cols();
        double[] out = new double[n * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            ds.features().row(i, row);
            System.arraycopy(row, 0, out, i * d, d);
        }
        return out;
    }

    @Override
    public void close() {
        train.close();
        test.close();
    }
}
