package org.planesearch.models.linear;

import java.util.Arrays;
import org.planesearch.core.linalg.DataMatrix;

/**
 * Evaluation metrics for predictions and scores. Stateless and thread-safe. Arrays are not
 * modified; lengths must agree ({@link IllegalArgumentException} otherwise).
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * Everything that applies to the model's loss, from one pass over x: mean loss, accuracy
     * (classification), ROC AUC (binary), mean squared error (regression). labels: as for
     * {@link LinearModel#objective} (±1, class indices, or targets). Not modified.
     */
    public static ModelEvaluation evaluate(LinearModel model, DataMatrix x, double[] labels, double[] params) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        model.checkData(x);
        int n = x.rows();
        RowLoss loss = model.newLoss(labels, n);
        double[] z = new double[n * model.outputs()];
        model.scores(x, params, z);
        double meanLoss = loss.sum(z) / n;
        LossKind kind = model.loss();
        double accuracy = Double.NaN;
        double auc = Double.NaN;
        double mse = Double.NaN;
        if (kind.isClassification()) {
            double[] predicted = new double[n];
            model.labelsFromScores(z, n, predicted);
            accuracy = accuracy(predicted, labels);
            if (kind.isBinary()) {
                auc = rocAuc(z, labels);
            }
        } else {
            mse = meanSquaredError(z, labels);
        }
        return new ModelEvaluation(kind, n, meanLoss, accuracy, auc, mse);
    }

    /** The fraction of i with predicted[i] == labels[i]; NaN for empty arrays. */
    public static double accuracy(double[] predicted, double[] labels) {
        checkSame(predicted, "predicted", labels, "labels");
        if (labels.length == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                hits++;
            }
        }
        return (double) hits / labels.length;
    }

    /** (1/n) Σᵢ (predicted[i] − targets[i])²; NaN for empty arrays. */
    public static double meanSquaredError(double[] predicted, double[] targets) {
        checkSame(predicted, "predicted", targets, "targets");
        if (targets.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < targets.length; i++) {
            double r = predicted[i] - targets[i];
            s += r * r;
        }
        return s / targets.length;
    }

    /**
     * Area under the ROC curve of scores for labels ±1 (positive = +1): the probability that a
     * random positive scores higher than a random negative, ties counting ½ (the Mann–Whitney U
     * statistic divided by P·N; Hanley &amp; McNeil 1982, Radiology 143(1)). O(n log n).
     * Returns NaN when one class is absent or a score is NaN. Labels other than ±1 throw
     * {@link IllegalArgumentException}.
     */
    public static double rocAuc(double[] scores, double[] labelsPlusMinus1) {
        checkSame(scores, "scores", labelsPlusMinus1, "labels");
        int positives = 0;
        for (int i = 0; i < labelsPlusMinus1.length; i++) {
            double y = labelsPlusMinus1[i];
            if (y == 1.0) {
                positives++;
            } else if (y != -1.0) {
                throw new IllegalArgumentException("label at row " + i + " is " + y + "; ROC AUC needs labels -1 or +1");
            }
            if (Double.isNaN(scores[i])) {
                return Double.NaN;
            }
        }
        int negatives = labelsPlusMinus1.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labelsPlusMinus1[i] == 1.0) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // For each positive s (ascending): below = #negatives < s, upTo = #negatives ≤ s.
        double u = 0;
        int below = 0;
        int upTo = 0;
        for (int i = 0; i < positives; i++) {
            double s = pos[i];
            while (below < negatives && neg[below] < s) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < negatives && neg[upTo] <= s) {
                upTo++;
            }
            u += below + 0.5 * (upTo - below);
        }
        return u / ((double) positives * negatives);
    }

    private static void checkSame(double[] a, String na, double[] b, String nb) {
        if (a == null || b == null) {
            throw new IllegalArgumentException(na + " and " + nb + " must not be null");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException(na + " has length " + a.length + " but " + nb + " has length " + b.length);
        }
    }
}
