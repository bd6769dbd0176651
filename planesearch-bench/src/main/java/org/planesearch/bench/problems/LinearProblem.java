package org.planesearch.bench.problems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import org.planesearch.data.Storage;
import org.planesearch.data.bundled.BundledDatasets;
import org.planesearch.data.fetch.Mnist;
import org.planesearch.data.read.CsvHeader;
import org.planesearch.data.read.CsvOptions;
import org.planesearch.data.read.CsvReader;
import org.planesearch.data.read.LabelColumn;
import org.planesearch.data.read.LibsvmOptions;
import org.planesearch.data.read.LibsvmReader;
import org.planesearch.data.synthetic.SyntheticClassification;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.models.linear.LossKind;

/**
 * A linear-model benchmark problem shared by the peer comparison and the paper's protocol: data,
 * class indices and our objective f(W, b) = (1/n) Σᵢ ℓ(xᵢᵀW + b, yᵢ) + (λ/2)‖W‖² (intercept
 * fitted, not regularized; binary sets use the logistic loss with one weight vector, multiclass
 * sets the softmax loss with one weight vector per class). Every solver gets exactly these
 * features: the preprocessing below is done once, here, and no solver standardizes again.
 *
 * <ul>
 *   <li>{@code breast-cancer}: 569 × 30, 2 classes (bundled), each column standardized (mean 0,
 *       variance 1: the raw columns differ in scale by 10⁴);</li>
 *   <li>{@code agaricus}: 6,513 × 126 one-hot, 2 classes, sparse (xgboost's demo file);</li>
 *   <li>{@code letter}: 20,000 × 16, 26 classes (UCI Letter), integer features 0–15 divided by 15;</li>
 *   <li>{@code mnist}, {@code fashion-mnist}: 60,000 × 784, 10 classes, pixels in [0, 1];</li>
 *   <li>{@code synthetic}: 10⁶ × 100 N(0, 1) features, logistic labels, seed 1, generated in process;</li>
 *   <li>{@code synthetic-small}: 2,000 × 20 of the same kind (tests and smoke runs).</li>
 * </ul>
 * Owns its data (native memory) until closed. Not thread-safe.
 */
public final class LinearProblem implements AutoCloseable {

    /** The names {@link #load} accepts, in the order the reports list them. */
    public static final List<String> NAMES = List.of("breast-cancer", "agaricus", "letter", "mnist", "fashion-mnist", "synthetic");

    private final String name;
    private final String description;
    private final Dataset data;
    private final int classes;
    private final int[] classIndex;
    private final double lambda;
    private final LinearObjective objective;

    private LinearProblem(String name, String description, Dataset data, LabelTask task, double lambda)
            throws DataFormatException {
        this.name = name;
        this.description = description;
        this.data = data;
        this.lambda = lambda;
        LabelMap map = LabelMap.fit(task, data.labels());
        this.classes = map.numClasses();
        this.classIndex = map.classIndices(data.labels());
        LossKind loss = task == LabelTask.BINARY ? LossKind.LOGISTIC : LossKind.SOFTMAX;
        int outputs = task == LabelTask.BINARY ? 1 : classes;
        this.objective = LinearModel.of(loss, data.cols(), outputs, true).objective(data.features(), map.targets(data.labels()), lambda);
    }

    /**
     * A problem over given data (for tests and other callers); the problem owns the dataset.
     *
     * @param task BINARY (logistic) or MULTICLASS (softmax)
     */
    public static LinearProblem of(String name, Dataset data, LabelTask task, double lambda) throws DataFormatException {
        if (task != LabelTask.BINARY && task != LabelTask.MULTICLASS) {
            throw new IllegalArgumentException("task must be BINARY or MULTICLASS, got " + task);
        }
        return new LinearProblem(name, data.name(), data, task, lambda);
    }

    /**
     * Loads a problem by name from the dataset cache (see {@link #NAMES}).
     *
     * @throws DataFormatException if a data file is missing; the message says how to fetch it
     */
    public static LinearProblem load(String name, Path cache, double lambda) throws IOException {
        switch (name) {
            case "breast-cancer": {
                try (Dataset raw = BundledDatasets.load("breast_cancer")) {
                    Dataset z = standardized(raw);
                    return new LinearProblem(name, "UCI breast cancer (Wisconsin), 569 × 30, standardized columns", z,
                            LabelTask.BINARY, lambda);
                }
            }
            case "agaricus": {
                Path f = require(cache.resolve("agaricus").resolve("agaricus.txt.train"));
                Dataset ds = LibsvmReader.read(f, LibsvmOptions.defaults().withStorage(Storage.SPARSE).withNumFeatures(126));
                return new LinearProblem(name, "agaricus (UCI mushrooms one-hot), 6,513 × 126, sparse", ds, LabelTask.BINARY, lambda);
            }
            case "letter": {
                Path f = require(cache.resolve("letter").resolve("letter-recognition.data"));
                CsvOptions o = CsvOptions.defaults().withHeader(CsvHeader.ABSENT).withLabelColumn(LabelColumn.number(1))
                        .withStorage(Storage.DENSE);
                try (Dataset raw = CsvReader.read(f, o)) {
                    double[] scale = new double[raw.cols()];
                    java.util.Arrays.fill(scale, 15);
                    Dataset ds = raw.shiftAndScale("letter", null, scale);
                    return new LinearProblem(name, "UCI Letter recognition, 20,000 × 16 (values / 15), 26 classes", ds,
                            LabelTask.MULTICLASS, lambda);
                }
            }
            case "mnist":
                return new LinearProblem(name, "MNIST training set, 60,000 × 784, pixels in [0, 1]",
                        Mnist.load(cache, "mnist", Mnist.Part.TRAIN, false), LabelTask.MULTICLASS, lambda);
            case "fashion-mnist":
                return new LinearProblem(name, "Fashion-MNIST training set, 60,000 × 784, pixels in [0, 1]",
                        Mnist.load(cache, "fashion-mnist", Mnist.Part.TRAIN, false), LabelTask.MULTICLASS, lambda);
            case "synthetic":
                return new LinearProblem(name, "synthetic logistic, 10⁶ × 100 N(0, 1), seed 1",
                        SyntheticClassification.logistic(1_000_000, 100, 1, false), LabelTask.BINARY, lambda);
            case "synthetic-small":
                return new LinearProblem(name, "synthetic logistic, 2,000 × 20 N(0, 1), seed 1",
                        SyntheticClassification.logistic(2_000, 20, 1, false), LabelTask.BINARY, lambda);
            default:
                throw new IllegalArgumentException("unknown problem '" + name + "'; expected one of " + NAMES
                        + " or synthetic-small");
        }
    }

    private static Path require(Path file) throws DataFormatException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file.toString(), "is missing: fetch the benchmark data first"
                    + " (docs/BENCHMARKS.md, section 10, 'Data')");
        }
        return file;
    }

    private static Dataset standardized(Dataset raw) {
        int n = raw.rows();
        int d = raw.cols();
        double[] mean = new double[d];
        double[] sq = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            raw.features().row(i, row);
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
                sq[j] += row[j] * row[j];
            }
        }
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
            double v = sq[j] / n - mean[j] * mean[j];
            sd[j] = v > 0 ? Math.sqrt(v) : 1;
        }
        return raw.shiftAndScale(raw.name(), mean, sd);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Dataset data() {
        return data;
    }

    public DataMatrix features() {
        return data.features();
    }

    public int rows() {
        return data.rows();
    }

    public int cols() {
        return data.cols();
    }

    /** The number of classes (2 for the binary sets). */
    public int classes() {
        return classes;
    }

    /** True for the binary (logistic) problems. */
    public boolean binary() {
        return objective.model().outputs() == 1;
    }

    /** The class of example i: 0 … classes−1 (binary: 1 for the label +1, 0 for −1). Not a copy. */
    public int classOf(int i) {
        return classIndex[i];
    }

    public double lambda() {
        return lambda;
    }

    public LinearObjective objective() {
        return objective;
    }

    /** The start of every solver: all zeros. */
    public double[] start() {
        return new double[objective.dimension()];
    }

    /**
     * Our parameter vector from per-class scores z_k = w_k·x + b_k given as weights[k][j] and
     * intercepts[k] (k over the classes). Binary problems take the difference of the two classes'
     * scores (class 1 minus class 0), the one logistic score that gives the same probabilities;
     * multiclass problems take the weights centred over the classes (the softmax is unchanged by
     * adding one vector to every class, and the centred choice has the least ‖W‖²).
     */
    public double[] fromClassScores(double[][] weights, double[] intercepts) {
        int d = cols();
        double[] w = new double[objective.dimension()];
        if (binary()) {
            for (int j = 0; j < d; j++) {
                w[j] = weights[1][j] - weights[0][j];
            }
            w[d] = intercepts[1] - intercepts[0];
            return w;
        }
        int c = classes;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int k = 0; k < c; k++) {
                mean += weights[k][j];
            }
            mean /= c;
            for (int k = 0; k < c; k++) {
                w[j * c + k] = weights[k][j] - mean;
            }
        }
        for (int k = 0; k < c; k++) {
            w[d * c + k] = intercepts[k];
        }
        return w;
    }

    /** An upper bound L̂ ≥ L on the gradient's Lipschitz constant: curvature bound · mean ‖(x, 1)‖² + λ. */
    public double smoothnessBound() {
        double[] row = new double[cols()];
        double s = 0;
        for (int i = 0; i < rows(); i++) {
            data.features().row(i, row);
            for (double v : row) {
                s += v * v;
            }
        }
        double curvature = binary() ? 0.25 : 0.5;
        return curvature * (s / rows() + 1) + lambda;
    }

    @Override
    public void close() {
        data.close();
    }
}
