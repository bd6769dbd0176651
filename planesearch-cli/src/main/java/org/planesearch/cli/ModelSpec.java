package org.planesearch.cli;

import org.planesearch.models.linear.LossKind;

/**
 * The model to train: the model flags of {@code train}, one component per flag.
 *
 * @param loss the loss, or null to choose from the labels: logistic for 2 classes, softmax for
 *     more ({@code --model})
 * @param huberDelta Huber's δ, or NaN for the default ({@code --huber-delta}, huber only)
 * @param hingeSmoothing the smoothed hinge's γ, or NaN for the default ({@code --hinge-smoothing},
 *     smoothed-hinge only)
 * @param lambda the L2 penalty λ of (λ/2)‖W‖² ({@code --lambda}, ≥ 0)
 * @param intercept whether to fit an intercept ({@code --no-intercept} turns it off)
 * @param standardize whether to standardize features (sparse data: scale only) ({@code --standardize})
 */
record ModelSpec(LossKind loss, double huberDelta, double hingeSmoothing, double lambda, boolean intercept,
                 boolean standardize) {

    static final double DEFAULT_LAMBDA = 1e-4;

    /** Validates each value, naming its flag; a loss parameter for another loss is an error. */
    ModelSpec {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new UserError("--lambda: must be a finite number >= 0, got " + lambda);
        }
        checkParameter("--huber-delta", huberDelta, LossKind.HUBER, loss);
        checkParameter("--hinge-smoothing", hingeSmoothing, LossKind.SMOOTHED_HINGE, loss);
    }

    /** The loss parameter for the given loss: the flag's value or the loss's default. */
    double lossParameter(LossKind kind) {
        if (kind == LossKind.HUBER && !Double.isNaN(huberDelta)) {
            return huberDelta;
        }
        if (kind == LossKind.SMOOTHED_HINGE && !Double.isNaN(hingeSmoothing)) {
            return hingeSmoothing;
        }
        return kind.defaultParameter();
    }

    private static void checkParameter(String flag, double value, LossKind owner, LossKind loss) {
        if (Double.isNaN(value)) {
            return;
        }
        if (loss != owner) {
            throw new UserError(flag + " applies to --model " + owner.id() + " only"
                    + (loss == null ? " (give --model " + owner.id() + ")" : ", not " + loss.id()));
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserError(flag + ": must be a finite number > 0, got " + value);
        }
    }
}
