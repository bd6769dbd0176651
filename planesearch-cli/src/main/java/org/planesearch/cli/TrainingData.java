package org.planesearch.cli;

import java.io.IOException;
import java.util.List;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import org.planesearch.data.Labels;
import org.planesearch.data.transform.Split;
import org.planesearch.data.transform.SplitOptions;
import org.planesearch.data.transform.Standardizer;
import org.planesearch.data.transform.TrainTestSplit;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.OutputLoss;

/**
 * The data of one training run, ready for the optimizer: loaded, labels mapped, split and
 * standardized as asked, with the model that fits it. Owns its datasets: {@link #close()}.
 *
 * <p>The label map is fitted on all the data before the split, so a class that happens to fall
 * only into the test part is still known. The standardizer is fitted on the training part only.
 */
final class TrainingData implements AutoCloseable {

    /** Above this many distinct whole-number labels the model is not guessed: the user must say. */
    static final int MAX_GUESSED_CLASSES = 100;

    final DataLoader.Loaded source;
    final LabelMap labelMap;
    final Dataset train;
    final Dataset test;
    final Standardizer standardizer;
    final ModelSpec spec;
    final TrainableModel model;
    final double[] trainTargets;
    final double[] testTargets;
    final int allRows;

    private TrainingData(DataLoader.Loaded source, LabelMap labelMap, Dataset train, Dataset test,
                         Standardizer standardizer, ModelSpec spec, TrainableModel model, double[] trainTargets,
                         double[] testTargets, int allRows) {
        this.source = source;
        this.labelMap = labelMap;
        this.train = train;
        this.test = test;
        this.standardizer = standardizer;
        this.spec = spec;
        this.model = model;
        this.trainTargets = trainTargets;
        this.testTargets = testTargets;
        this.allRows = allRows;
    }

    /**
     * Loads and prepares the data.
     *
     * @param split the train/test split, or null to train on everything
     */
    static TrainingData prepare(DataSpec dataSpec, ModelSpec modelSpec, SplitOptions split) throws IOException {
        DataLoader.Loaded loaded = DataLoader.load(dataSpec, DataLoader.Needs.TRAINING);
        Dataset all = loaded.dataset();
        Dataset train = null;
        Dataset test = null;
        try {
            ModelSpec.NetworkSpec net = modelSpec.network();
            LossKind linearLoss = null;
            OutputLoss networkLoss = null;
            if (net == null) {
                linearLoss = modelSpec.loss() != null ? modelSpec.loss() : guessLoss(all.labels(), false);
            } else {
                networkLoss = net.loss() != null ? net.loss() : outputLoss(guessLoss(all.labels(), true));
            }
            LabelMap map = LabelMap.fit(net == null ? TrainableModel.Linear.task(linearLoss)
                    : TrainableModel.Network.task(networkLoss), all.labels());
            if (split != null) {
                Split parts = TrainTestSplit.split(all, split);
                train = parts.train();
                test = parts.test();
                all.close();
            } else {
                train = all;
            }
            Standardizer standardizer = null;
            if (modelSpec.standardize()) {
                standardizer = Standardizer.fit(train);
                train = replace(train, standardizer.apply(train));
                if (test != null) {
                    test = replace(test, standardizer.apply(test));
                }
            }
            TrainableModel model = net == null ? linear(linearLoss, modelSpec, train.cols(), map, all.name())
                    : network(networkLoss, net, train.cols(), map, all.name());
            double[] trainTargets = map.targets(train.labels());
            double[] testTargets = test == null ? null : map.targets(test.labels());
            return new TrainingData(loaded, map, train, test, standardizer, modelSpec, model, trainTargets, testTargets,
                    train.rows() + (test == null ? 0 : test.rows()));
        } catch (IOException | RuntimeException e) {
            all.close();
            if (train != null) {
                train.close();
            }
            if (test != null) {
                test.close();
            }
            throw e;
        }
    }

    private static TrainableModel linear(LossKind loss, ModelSpec spec, int features, LabelMap map, String data) {
        int outputs = loss == LossKind.SOFTMAX ? map.numClasses() : 1;
        try {
            return new TrainableModel.Linear(new LinearModel(loss, features, outputs, spec.intercept(),
                    spec.lossParameter(loss)));
        } catch (IllegalArgumentException e) {
            throw new UserError(data + ": does not fit a " + loss.id() + " model: " + e.getMessage());
        }
    }

    /** The network {d, hidden…, c}: c = the number of classes for softmax, 1 for logistic and least squares. */
    private static TrainableModel network(OutputLoss loss, ModelSpec.NetworkSpec net, int features, LabelMap map,
                                          String data) {
        int[] hidden = net.hidden();
        int[] widths = new int[hidden.length + 2];
        widths[0] = features;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = loss == OutputLoss.SOFTMAX_CROSS_ENTROPY ? map.numClasses() : 1;
        try {
            return new TrainableModel.Network(NetworkModel.of(widths, net.activation(), loss));
        } catch (IllegalArgumentException e) {
            throw new UserError(data + ": does not fit a " + loss.id() + " network with --hidden "
                    + ModelSpec.NetworkSpec.widthsText(hidden) + ": " + e.getMessage());
        }
    }

    /** The network loss of a guessed linear loss: logistic (one output unit, labels ±1) or softmax. */
    private static OutputLoss outputLoss(LossKind guessed) {
        return guessed == LossKind.LOGISTIC ? OutputLoss.LOGISTIC : OutputLoss.SOFTMAX_CROSS_ENTROPY;
    }

    /**
     * Logistic for 2 labels, softmax for 3 … {@value #MAX_GUESSED_CLASSES} text or whole-number
     * labels; otherwise ask: for --model (linear) or --loss (network) by the flag that says it.
     */
    static LossKind guessLoss(Labels labels, boolean network) throws DataFormatException {
        if (!labels.isPresent()) {
            throw new DataFormatException(labels.source(), "has no labels; training needs them (check --label-column)");
        }
        List<String> distinct = labels.distinct();
        if (distinct.size() == 2) {
            return LossKind.LOGISTIC;
        }
        if (distinct.size() < 2) {
            throw new DataFormatException(labels.source(), "has only one distinct label, " + (distinct.isEmpty() ? "none"
                    : DataFormatException.quote(distinct.get(0))) + "; a classifier needs at least 2");
        }
        String regression = network ? "--loss least-squares" : "--model least-squares or huber";
        String classes = network ? "--loss softmax" : "--model softmax";
        if (labels.isNumeric()) {
            for (int i = 0; i < labels.size(); i++) {
                double v = labels.value(i);
                if (v != Math.rint(v)) {
                    throw new DataFormatException(labels.source(), labels.line(i), 0, "label "
                            + DataFormatException.quote(labels.get(i)) + " is not a whole number, so the labels look like "
                            + "regression targets: give " + regression + " (or " + classes + " for classes)");
                }
            }
            if (distinct.size() > MAX_GUESSED_CLASSES) {
                throw new DataFormatException(labels.source(), distinct.size() + " distinct numeric labels: give "
                        + regression + " for regression targets, or " + classes + " for classes");
            }
        }
        return LossKind.SOFTMAX;
    }

    private static Dataset replace(Dataset old, Dataset fresh) {
        old.close();
        return fresh;
    }

    /** The classes for display: empty for regression. */
    List<String> classes() {
        return labelMap.task() == LabelTask.REGRESSION ? List.of() : labelMap.classes();
    }

    @Override
    public void close() {
        train.close();
        if (test != null) {
            test.close();
        }
    }
}
