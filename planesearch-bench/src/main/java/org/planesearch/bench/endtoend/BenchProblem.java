package org.planesearch.bench.endtoend;

import java.io.IOException;
import java.nio.file.Path;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import org.planesearch.data.fetch.Mnist;
import org.planesearch.data.synthetic.SyntheticClassification;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.network.Activation;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.OutputLoss;
import org.planesearch.core.objective.Objective;

/**
 * The benchmark problems: of the core engine's acceptance, MNIST softmax (60,000 × 784, c = 10,
 * λ = 1e-4, pixels in [0, 1], intercept) and a synthetic dense logistic problem (10⁶ × 100,
 * seed 1, λ = 1e-4, intercept); of the networks' acceptance, two-layer networks on MNIST and
 * Fashion-MNIST (784 → h → 10, tanh, softmax cross-entropy, λ = 1e-4 on the weights, Glorot
 * initialization with seed 1): {@code mnist-mlp100}, {@code mnist-mlp500},
 * {@code fashion-mlp100}; and one with three weight layers (784 → 100 → 100 → 10),
 * {@code mnist-mlp100x100}, where the step is no longer SO-friendly. Each owns its data (native memory) until closed.
 */
final class BenchProblem implements AutoCloseable {
    final String name;
    final Dataset data;
    final Objective objective;
    /** The start: 0 for the linear models, the seeded initialization for networks. */
    final double[] start;
    /**
     * The fixed step's learning rate: for the linear models a provably stable 1/L̂ with
     * L̂ = curvature bound · mean ‖xᵢ‖² + λ ≥ L; for networks 0.1, which was stable in these runs
     * (its value does not change the cost of an iteration).
     */
    final double safeLearningRate;

    private BenchProblem(String name, Dataset data, Objective objective, double[] start, double safeLearningRate) {
        this.name = name;
        this.data = data;
        this.objective = objective;
        this.start = start;
        this.safeLearningRate = safeLearningRate;
    }

    static BenchProblem load(String name, Path cache, double lambda) throws IOException {
        switch (name) {
            case "mnist-softmax": {
                Dataset ds = Mnist.load(cache, "mnist", Mnist.Part.TRAIN, false);
                LabelMap map = LabelMap.fit(LabelTask.MULTICLASS, ds.labels());
                LinearObjective f = LinearModel.of(LossKind.SOFTMAX, ds.cols(), map.numClasses(), true)
                        .objective(ds.features(), map.targets(ds.labels()), lambda);
                // softmax curvature ≤ ½ per example in the weights' Hessian (λmax(diag(p) − ppᵀ) ≤ ½)
                return new BenchProblem(name, ds, f, new double[f.dimension()],
                        1 / (0.5 * (meanSquaredNorm(ds.features()) + 1) + lambda));
            }
            case "synthetic-logistic": {
                Dataset ds = SyntheticClassification.logistic(1_000_000, 100, 1, false);
                LabelMap map = LabelMap.fit(LabelTask.BINARY, ds.labels());
                LinearObjective f = LinearModel.of(LossKind.LOGISTIC, ds.cols(), 1, true)
                        .objective(ds.features(), map.targets(ds.labels()), lambda);
                return new BenchProblem(name, ds, f, new double[f.dimension()],
                        1 / (0.25 * (meanSquaredNorm(ds.features()) + 1) + lambda));
            }
            case "mnist-mlp100":
                return network(name, cache, "mnist", 100, lambda);
            case "mnist-mlp500":
                return network(name, cache, "mnist", 500, lambda);
            case "fashion-mlp100":
                return network(name, cache, "fashion-mnist", 100, lambda);
            case "mnist-mlp100x100":
                return network(name, cache, "mnist", new int[] {100, 100}, lambda);
            default:
                throw new IllegalArgumentException("unknown problem '" + name + "'; expected mnist-softmax, synthetic-logistic, "
                        + "mnist-mlp100, mnist-mlp500, fashion-mlp100 or mnist-mlp100x100");
        }
    }

    private static BenchProblem network(String name, Path cache, String set, int hidden, double lambda)
            throws IOException {
        return network(name, cache, set, new int[] {hidden}, lambda);
    }

    private static BenchProblem network(String name, Path cache, String set, int[] hidden, double lambda)
            throws IOException {
        Dataset ds = Mnist.load(cache, set, Mnist.Part.TRAIN, false);
        LabelMap map = LabelMap.fit(LabelTask.MULTICLASS, ds.labels());
        int[] widths = new int[hidden.length + 2];
        widths[0] = ds.cols();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = map.numClasses();
        NetworkModel model = NetworkModel.of(widths, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        return new BenchProblem(name, ds, model.objective(ds.features(), map.targets(ds.labels()), lambda),
                model.initialize(1), 0.1);
    }

    /** (1/n) Σ ‖xᵢ‖² = ‖X‖²_F / n ≥ λmax(XᵀX)/n; the +1 in the callers accounts for the intercept column. */
    private static double meanSquaredNorm(DataMatrix x) {
        double[] row = new double[x.cols()];
        double s = 0;
        for (int i = 0; i < x.rows(); i++) {
            x.row(i, row);
            for (double v : row) {
                s += v * v;
            }
        }
        return s / x.rows();
    }

    @Override
    public void close() {
        data.close();
    }
}
