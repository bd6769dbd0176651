package org.planesearch.cli;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.objective.Objective;
import org.planesearch.data.LabelTask;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.linear.Metrics;
import org.planesearch.models.linear.ModelEvaluation;
import org.planesearch.models.network.NetworkMetrics;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.OutputLoss;

/**
 * What {@code train} fits and a model file stores: a linear model or a network, without data or
 * parameters. The commands see both families through this one seam; each member delegates to its
 * model (and its metrics) in {@code planesearch-models}, and adds only what the program needs on
 * top: the label task, the start point, names for people. Immutable.
 */
sealed interface TrainableModel permits TrainableModel.Linear, TrainableModel.Network {

    /** d, the number of features the data must have. */
    int features();

    /** c, the number of outputs (1 for binary and single-target models). */
    int outputs();

    /** The parameter blocks (and layers, for the {@code :per-layer} methods). */
    ParameterLayout layout();

    /** The length of the parameter vector. */
    default int dimension() {
        return layout().dimension();
    }

    /** The loss's id ({@code logistic}, {@code softmax}, {@code least-squares}, …). */
    String lossId();

    /** The kind of labels the model predicts. */
    LabelTask task();

    /** The training objective on data x with targets in the task's convention. x: held by reference. */
    Objective objective(DataMatrix x, double[] targets, double lambda);

    /**
     * The optimizer's start point: zeros for a linear model (the seed is not used), the seeded
     * initialization for a network ({@link NetworkModel#initialize}).
     */
    double[] start(long initSeed);

    /** The metrics of parameters w on data x with targets (as for {@link #objective}). */
    ModelEvaluation evaluate(DataMatrix x, double[] targets, double[] w);

    /** Predictions in the targets' space (±1, class index or value), n entries. out: modified. */
    void predict(DataMatrix x, double[] w, double[] out);

    /** Whether {@link #probabilities} applies (logistic and softmax). */
    boolean hasProbabilities();

    /** P(y = +1) (n values, binary) or the class probabilities (n×c row-major). out: modified. */
    void probabilities(DataMatrix x, double[] w, double[] out);

    /** The loss (and kind) for a sentence: "logistic model", "softmax network". */
    String noun();

    /** A linear model: weights and (optionally) intercept, per {@link LinearModel}. */
    record Linear(LinearModel model) implements TrainableModel {
        public Linear {
            if (model == null) {
                throw new IllegalArgumentException("model must not be null");
            }
        }

        @Override
        public int features() {
            return model.features();
        }

        @Override
        public int outputs() {
            return model.outputs();
        }

        @Override
        public ParameterLayout layout() {
            return model.layout();
        }

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public String lossId() {
            return model.loss().id();
        }

        @Override
        public LabelTask task() {
            return task(model.loss());
        }

        /** The label task of a linear loss: binary for logistic and smoothed hinge, multiclass for softmax. */
        static LabelTask task(LossKind loss) {
            return loss.isBinary() ? LabelTask.BINARY : loss == LossKind.SOFTMAX ? LabelTask.MULTICLASS
                    : LabelTask.REGRESSION;
        }

        @Override
        public Objective objective(DataMatrix x, double[] targets, double lambda) {
            return model.objective(x, targets, lambda);
        }

        @Override
        public double[] start(long initSeed) {
            return new double[model.dimension()];
        }

        @Override
        public ModelEvaluation evaluate(DataMatrix x, double[] targets, double[] w) {
            return Metrics.evaluate(model, x, targets, w);
        }

        @Override
        public void predict(DataMatrix x, double[] w, double[] out) {
            model.predict(x, w, out);
        }

        @Override
        public boolean hasProbabilities() {
            return model.loss().hasProbabilities();
        }

        @Override
        public void probabilities(DataMatrix x, double[] w, double[] out) {
            model.probabilities(x, w, out);
        }

        @Override
        public String noun() {
            return model.loss().id() + " model";
        }
    }

    /** A fully connected network, per {@link NetworkModel}. */
    record Network(NetworkModel model) implements TrainableModel {
        public Network {
            if (model == null) {
                throw new IllegalArgumentException("model must not be null");
            }
        }

        @Override
        public int features() {
            return model.inputs();
        }

        @Override
        public int outputs() {
            return model.outputs();
        }

        @Override
        public ParameterLayout layout() {
            return model.layout();
        }

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public String lossId() {
            return model.loss().id();
        }

        @Override
        public LabelTask task() {
            return task(model.loss());
        }

        /** The label task of an output loss: binary for logistic, multiclass for softmax. */
        static LabelTask task(OutputLoss loss) {
            return loss == OutputLoss.LOGISTIC ? LabelTask.BINARY : loss == OutputLoss.SOFTMAX_CROSS_ENTROPY
                    ? LabelTask.MULTICLASS : LabelTask.REGRESSION;
        }

        @Override
        public Objective objective(DataMatrix x, double[] targets, double lambda) {
            return model.objective(x, targets, lambda);
        }

        @Override
        public double[] start(long initSeed) {
            return model.initialize(initSeed);
        }

        @Override
        public ModelEvaluation evaluate(DataMatrix x, double[] targets, double[] w) {
            return NetworkMetrics.evaluate(model, x, targets, w);
        }

        @Override
        public void predict(DataMatrix x, double[] w, double[] out) {
            model.predict(x, w, out);
        }

        @Override
        public boolean hasProbabilities() {
            return model.loss().isClassification();
        }

        @Override
        public void probabilities(DataMatrix x, double[] w, double[] out) {
            model.probabilities(x, w, out);
        }

        @Override
        public String noun() {
            return model.loss().id() + " network";
        }

        /** The widths joined by dashes: "4-10-3". */
        public String shape() {
            int[] widths = model.widths();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                b.append(i == 0 ? "" : "-").append(widths[i]);
            }
            return b.toString();
        }
    }
}
