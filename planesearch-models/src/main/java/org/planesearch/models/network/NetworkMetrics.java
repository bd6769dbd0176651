package org.planesearch.models.network;

import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.linear.Metrics;
import org.planesearch.models.linear.ModelEvaluation;

/**
 * The quality of a network's parameters on one dataset, as the linear models report it
 * ({@link ModelEvaluation}, computed by the shared formulas of {@link Metrics}):
 * <ul>
 *   <li>mean loss (1/n) Σᵢ ℓ(zᵢ, yᵢ) of the {@link OutputLoss}, without the penalty: the
 *       objective's loss term at λ = 0;</li>
 *   <li>classification (softmax, logistic): the accuracy of {@link NetworkModel#predict}'s
 *       labels;</li>
 *   <li>logistic: the ROC AUC of the logits z (a monotone function of P(y = +1));</li>
 *   <li>least squares: the mean squared error (1/(n·c)) Σᵢₒ (zᵢₒ − yᵢₒ)², the mean over all n·c
 *       outputs (for c = 1, the linear models' MSE).</li>
 * </ul>
 * The evaluation's {@link ModelEvaluation#loss()} is the linear models' {@link LossKind} with the
 * same id ({@link #lossKind}), so that reports treat both families alike.
 *
 * <p>Cost: one forward pass ({@link NetworkModel#scores}), which allocates the layer arrays of one
 * call (O(n·Σ hₗ)). Stateless and thread-safe.
 */
public final class NetworkMetrics {

    private NetworkMetrics() {
    }

    /**
     * Every metric that applies to the network's loss (see the class comment), from one pass
     * over x. targets: in the loss's convention ({@link NetworkModel#objective}); validated.
     * x, targets, w: not modified.
     *
     * @throws IllegalArgumentException for a shape mismatch or a bad target, naming it
     */
    public static ModelEvaluation evaluate(NetworkModel model, DataMatrix x, double[] targets, double[] w) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        model.checkData(x);
        model.checkParameters(w);
        int n = x.rows();
        int c = model.outputs();
        OutputLoss loss = model.loss();
        double[] y = loss.validatedTargets(targets, n, c);
        double[] z = new double[n * c];
        model.scores(x, w, z);
        double meanLoss = loss.sum(z, y, c, 0, n, new OutputLoss.Scratch(c)) / n;
        double accuracy = Double.NaN;
        double auc = Double.NaN;
        double mse = Double.NaN;
        if (loss == OutputLoss.SQUARED) {
            mse = Metrics.meanSquaredError(z, y);
        } else {
            accuracy = Metrics.accuracy(labelsFromLogits(loss, z, n, c), y);
            if (loss == OutputLoss.LOGISTIC) {
                auc = Metrics.rocAuc(z, y);
            }
        }
        return new ModelEvaluation(lossKind(loss), n, meanLoss, accuracy, auc, mse);
    }

    /**
     * The linear models' loss with the same id and target convention: softmax → {@link LossKind#SOFTMAX},
     * logistic → {@link LossKind#LOGISTIC}, least squares → {@link LossKind#LEAST_SQUARES}.
     */
    public static LossKind lossKind(OutputLoss loss) {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        switch (loss) {
            case SOFTMAX_CROSS_ENTROPY:
                return LossKind.SOFTMAX;
            case LOGISTIC:
                return LossKind.LOGISTIC;
            default:
                return LossKind.LEAST_SQUARES;
        }
    }

    /** Labels as {@link NetworkModel#predict} gives them, from the logits (n classification outputs). */
    private static double[] labelsFromLogits(OutputLoss loss, double[] z, int n, int c) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (loss == OutputLoss.LOGISTIC) {
                out[i] = z[i] >= 0 ? 1.0 : -1.0;
            } else {
                int b = i * c;
                int best = 0;
                for (int o = 1; o < c; o++) {
                    if (z[b + o] > z[b + best]) {
                        best = o;
                    }
                }
                out[i] = best;
            }
        }
        return out;
    }
}
