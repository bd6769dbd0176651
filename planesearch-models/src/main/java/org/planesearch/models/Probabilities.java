package org.planesearch.models;

/**
 * Class probabilities from a model's scores (logits), shared by the linear models and the
 * networks so that both give the same bits for the same scores. Stateless.
 */
public final class Probabilities {

    private Probabilities() {
    }

    /**
     * In place over the first n·c entries of scores: for c = 1 (binary logistic) each score z
     * becomes σ(z) = P(y = +1); for c ≥ 2 each row becomes its softmax
     * exp(z − max z)/Σ exp(z − max z), so that no score overflows and rows sum to 1.
     * scores: modified.
     */
    public static void fromScoresInPlace(double[] scores, int n, int c) {
        if (c == 1) {
            for (int i = 0; i < n; i++) {
                scores[i] = sigmoid(scores[i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int b = i * c;
            double max = scores[b];
            for (int o = 1; o < c; o++) {
                max = Math.max(max, scores[b + o]);
            }
            double sum = 0;
            for (int o = 0; o < c; o++) {
                double e = Math.exp(scores[b + o] - max);
                scores[b + o] = e;
                sum += e;
            }
            for (int o = 0; o < c; o++) {
                scores[b + o] /= sum;
            }
        }
    }

    /** σ(u) = 1/(1 + e^{−u}) without overflow. */
    public static double sigmoid(double u) {
        if (u >= 0) {
            return 1 / (1 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1 + e);
    }
}
