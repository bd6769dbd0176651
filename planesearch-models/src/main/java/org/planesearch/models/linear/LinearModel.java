package org.planesearch.models.linear;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.models.Probabilities;

/**
 * A linear-composition model without data: the loss, the feature count d, the output count c,
 * whether an intercept is fitted, and the loss parameter. Together with a parameter vector it is
 * everything needed to score, predict and evaluate; it is what a saved model stores.
 *
 * <p>Scores of an example x: z = Wᵀx + b ∈ ℝᶜ, with W (d×c, row-major) in the block
 * {@code "weights"} and b in the block {@code "intercept"} (present iff {@code intercept}).
 * Parameter vector: [W (d·c entries), b (c entries)].
 *
 * @param loss the loss kind
 * @param features d ≥ 1, the number of columns of the data
 * @param outputs c: 1 for binary and regression losses, the class count (≥ 2) for softmax
 * @param intercept whether b is fitted (never regularized)
 * @param lossParameter Huber's δ or the smoothed hinge's γ (finite, &gt; 0); 0 for losses
 *     without a parameter
 *
 * <p>Immutable and thread-safe. Serializable (a distributed engine ships it to its workers; the
 * canonical constructor validates a deserialized one).
 */
public record LinearModel(LossKind loss, int features, int outputs, boolean intercept, double lossParameter)
        implements java.io.Serializable {

    public LinearModel {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (features < 1) {
            throw new IllegalArgumentException("features must be >= 1, got " + features);
        }
        if (loss == LossKind.SOFTMAX) {
            if (outputs < 2) {
                throw new IllegalArgumentException("a softmax model needs outputs (classes) >= 2, got " + outputs);
            }
        } else if (outputs != 1) {
            throw new IllegalArgumentException("a " + loss.id() + " model has exactly 1 output, got " + outputs);
        }
        long dimension = (long) features * outputs + (intercept ? outputs : 0);
        if (dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the parameter vector would have " + dimension + " entries, more than "
                    + (Integer.MAX_VALUE - 8));
        }
        if (loss.hasParameter()) {
            if (!(lossParameter > 0) || !Double.isFinite(lossParameter)) {
                throw new IllegalArgumentException(loss.id() + " " + loss.parameterName()
                        + " must be finite and > 0, got " + lossParameter);
            }
        } else if (lossParameter != 0) {
            throw new IllegalArgumentException("a " + loss.id() + " model has no loss parameter; lossParameter must be 0, got "
                    + lossParameter);
        }
    }

    /** Binary logistic regression (labels ±1). */
    public static LinearModel logistic(int features, boolean intercept) {
        return new LinearModel(LossKind.LOGISTIC, features, 1, intercept, 0);
    }

    /** Multinomial logistic regression over classCount ≥ 2 classes (labels 0 … classCount−1). */
    public static LinearModel softmax(int features, int classCount, boolean intercept) {
        return new LinearModel(LossKind.SOFTMAX, features, classCount, intercept, 0);
    }

    /** Least squares regression. */
    public static LinearModel leastSquares(int features, boolean intercept) {
        return new LinearModel(LossKind.LEAST_SQUARES, features, 1, intercept, 0);
    }

    /** Huber regression with threshold delta (&gt; 0; the usual default is 1.0). */
    public static LinearModel huber(int features, boolean intercept, double delta) {
        return new LinearModel(LossKind.HUBER, features, 1, intercept, delta);
    }

    /** Smoothed-hinge classification (labels ±1) with smoothing γ (&gt; 0; default 1.0). */
    public static LinearModel smoothedHinge(int features, boolean intercept, double smoothing) {
        return new LinearModel(LossKind.SMOOTHED_HINGE, features, 1, intercept, smoothing);
    }

    /** The model of the given kind with the kind's default loss parameter (see {@link LossKind#defaultParameter()}). */
    public static LinearModel of(LossKind loss, int features, int outputs, boolean intercept) {
        return new LinearModel(loss, features, outputs, intercept, loss == null ? 0 : loss.defaultParameter());
    }

    /** d·c, the number of weights (the first entries of the parameter vector). */
    public int weightCount() {
        return features * outputs;
    }

    /** d·c (+ c with an intercept), the length of the parameter vector. */
    public int dimension() {
        return weightCount() + (intercept ? outputs : 0);
    }

    /**
     * Blocks {@code "weights"} (shape {d} when c = 1, else {d, c}; regularized) and, with an
     * intercept, {@code "intercept"} (shape {c}; not regularized).
     */
    public ParameterLayout layout() {
        ParameterLayout.Builder b = ParameterLayout.builder();
        if (outputs == 1) {
            b.add("weights", true, features);
        } else {
            b.add("weights", true, features, outputs);
        }
        if (intercept) {
            b.add("intercept", false, outputs);
        }
        return b.build();
    }

    /**
     * The objective (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (λ/2)‖W‖² of this model on data x with labels: ±1 for
     * logistic and smoothed hinge, class indices 0 … c−1 (whole numbers) for softmax, finite
     * targets for regression. Labels are validated and copied; x is held by reference.
     */
    public LinearObjective objective(DataMatrix x, double[] labels, double lambda) {
        checkData(x);
        return new LinearObjective(this, x, newLoss(labels, x.rows()), lambda);
    }

    /** The loss bound to validated copies of the labels. */
    RowLoss newLoss(double[] labels, int rows) {
        switch (loss) {
            case LOGISTIC:
                return new LogisticLoss(Labels.plusMinusOne(labels, rows, loss));
            case SMOOTHED_HINGE:
                return new SmoothedHingeLoss(Labels.plusMinusOne(labels, rows, loss), lossParameter);
            case LEAST_SQUARES:
                return new SquaredLoss(Labels.finite(labels, rows, loss));
            case HUBER:
                return new HuberLoss(Labels.finite(labels, rows, loss), lossParameter);
            case SOFTMAX:
                return new SoftmaxLoss(Labels.classes(labels, rows, outputs), outputs);
            default:
                throw new IllegalStateException("unhandled loss " + loss);
        }
    }

    void checkData(DataMatrix x) {
        if (x == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (x.cols() != features) {
            throw new IllegalArgumentException("the data has " + x.cols() + " columns but the model has " + features
                    + " features");
        }
        if (x.rows() < 1) {
            throw new IllegalArgumentException("the data has no rows");
        }
    }

    void checkParameters(double[] params) {
        if (params == null || params.length != dimension()) {
            throw new IllegalArgumentException("parameters must have length " + dimension() + " (" + this + "), got "
                    + (params == null ? "null" : String.valueOf(params.length)));
        }
    }

    /**
     * Writes the scores z = X·W + 1·bᵀ (n×c row-major: logits for softmax, decision values for
     * binary models, predictions for regression) into out. One pass over x. x, params: not
     * modified. out: length ≥ n·c, modified.
     */
    public void scores(DataMatrix x, double[] params, double[] out) {
        checkData(x);
        checkParameters(params);
        int need = x.rows() * outputs;
        if (out == null || out.length < need) {
            throw new IllegalArgumentException("out must have length >= " + need);
        }
        scores(x, params, intercept ? new double[weightCount()] : params, out);
    }

    /**
     * z = X·W + 1·bᵀ into zOut, using weightBuffer (length d·c; may be params itself when there is
     * no intercept) for the weights. One pass.
     */
    void scores(DataMatrix x, double[] params, double[] weightBuffer, double[] zOut) {
        int wl = weightCount();
        if (weightBuffer != params) {
            System.arraycopy(params, 0, weightBuffer, 0, wl);
        }
        if (outputs == 1) {
            x.multiply(weightBuffer, zOut);
        } else {
            x.multiply(weightBuffer, outputs, zOut);
        }
        if (intercept) {
            int n = x.rows();
            int c = outputs;
            for (int i = 0; i < n; i++) {
                int b = i * c;
                for (int o = 0; o < c; o++) {
                    zOut[b + o] += params[wl + o];
                }
            }
        }
    }

    /**
     * Class probabilities: for logistic, P(y = +1 | x) = σ(z) (length n); for softmax, the
     * softmax of each row of scores (n×c row-major, rows sum to 1). Throws
     * {@link IllegalStateException} for losses without probabilities
     * ({@link LossKind#hasProbabilities()}). x, params: not modified. out: length ≥ n·c, modified.
     */
    public void probabilities(DataMatrix x, double[] params, double[] out) {
        if (!loss.hasProbabilities()) {
            throw new IllegalStateException("a " + loss.id() + " model gives scores, not probabilities");
        }
        scores(x, params, out);
        Probabilities.fromScoresInPlace(out, x.rows(), outputs);
    }

    /**
     * Predicted labels, in the label space of the objective (length n): +1 or −1 for binary
     * models (+1 when the score is ≥ 0), the class index with the largest score for softmax (the
     * lowest index on ties), the score itself for regression. x, params: not modified. out:
     * length ≥ n, modified.
     */
    public void predict(DataMatrix x, double[] params, double[] out) {
        int n = x == null ? 0 : x.rows();
        if (out == null || out.length < n) {
            throw new IllegalArgumentException("out must have length >= " + n);
        }
        if (outputs == 1) {
            scores(x, params, out);
            if (loss.isBinary()) {
                for (int i = 0; i < n; i++) {
                    out[i] = out[i] >= 0 ? 1.0 : -1.0;
                }
            }
            return;
        }
        double[] z = new double[n * outputs];
        scores(x, params, z);
        labelsFromScores(z, n, out);
    }

    /** Predicted labels from scores (n×c), as {@link #predict}. */
    void labelsFromScores(double[] z, int n, double[] out) {
        if (outputs == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = loss.isBinary() ? (z[i] >= 0 ? 1.0 : -1.0) : z[i];
            }
            return;
        }
        int c = outputs;
        for (int i = 0; i < n; i++) {
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

    /**
     * The mean unregularized loss (1/n) Σᵢ ℓ(zᵢ, yᵢ) of params on data x with labels (as for
     * {@link #objective}). One pass. Not modified.
     */
    public double meanLoss(DataMatrix x, double[] labels, double[] params) {
        checkData(x);
        RowLoss l = newLoss(labels, x.rows());
        double[] z = new double[x.rows() * outputs];
        scores(x, params, z);
        return l.sum(z) / x.rows();
    }
}
