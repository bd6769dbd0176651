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
    final LinearModel model;
    final double[] trainTargets;
    final double[] testTargets;
    final int allRows;

    private TrainingData(DataLoader.Loaded source, LabelMap labelMap, Dataset train, Dataset test,
                         Standardizer standardizer, LinearModel model, double[] trainTargets, double[] testTargets,
                         int allRows) {
        this.source = source;
        this.labelMap = labelMap;
        this.train = train;
        this.test = test;
        this.standardizer = standardizer;
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
            LossKind loss = modelSpec.loss() != null ? modelSpec.loss() : guessLoss(all.labels());
            LabelMap map = LabelMap.fit(ModelFile.task(loss), all.labels());
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
            int outputs = loss == LossKind.SOFTMAX ? map.numClasses() : 1;
            LinearModel model;
            try {
                model = new LinearModel(loss, train.cols(), outputs, modelSpec.intercept(), modelSpec.lossParameter(loss));
            } catch (IllegalArgumentException e) {
                throw new UserError(all.name() + ": does not fit a " + loss.id() + " model: " + e.getMessage());
            }
            double[] trainTargets = map.targets(train.labels());
            double[] testTargets = test == null ? null : map.targets(test.labels());
            return new TrainingData(loaded, map, train, test, standardizer, model, trainTargets, testTargets,
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

    /** Logistic for 2 labels, softmax for 3 … {@value #MAX_GUESSED_CLASSES} text or whole-number labels; otherwise ask. */
    static LossKind guessLoss(Labels labels) throws DataFormatException {
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
        if (labels.isNumeric()) {
            for (int i = 0; i < labels.size(); i++) {
                double v = labels.value(i);
                if (v != Math.rint(v)) {
                    throw new DataFormatException(labels.source(), labels.line(i), 0, "label "
                            + DataFormatException.quote(labels.get(i)) + " is not a whole number, so the labels look like "
                            + "regression targets: give --model least-squares or huber (or --model softmax for classes)");
                }
            }
            if (distinct.size() > MAX_GUESSED_CLASSES) {
                throw new DataFormatException(labels.source(), distinct.size() + " distinct numeric labels: give --model "
                        + "least-squares or huber for regression targets, or --model softmax for classes");
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
