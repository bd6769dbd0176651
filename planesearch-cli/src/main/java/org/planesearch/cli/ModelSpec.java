package org.planesearch.cli;

import org.planesearch.models.linear.LossKind;
import org.planesearch.models.network.Activation;
import org.planesearch.models.network.OutputLoss;

/**
 * The model to train: the model flags of {@code train}, one component per flag. A linear model
 * when {@code network} is null, a network ({@code --model mlp}) otherwise.
 *
 * @param loss the linear loss, or null to choose from the labels: logistic for 2 classes, softmax
 *     for more ({@code --model}); null for a network
 * @param huberDelta Huber's δ, or NaN for the default ({@code --huber-delta}, huber only)
 * @param hingeSmoothing the smoothed hinge's γ, or NaN for the default ({@code --hinge-smoothing},
 *     smoothed-hinge only)
 * @param lambda the L2 penalty λ of (λ/2)‖W‖² ({@code --lambda}, ≥ 0); W: a linear model's weights,
 *     a network's weights of every layer (never intercepts or biases)
 * @param intercept whether to fit an intercept ({@code --no-intercept} turns it off; linear only:
 *     a network's layers always have biases)
 * @param standardize whether to standardize features (sparse data: scale only) ({@code --standardize})
 * @param network the network's flags ({@code --model mlp}), or null for a linear model
 */
record ModelSpec(LossKind loss, double huberDelta, double hingeSmoothing, double lambda, boolean intercept,
                 boolean standardize, NetworkSpec network) {

    static final double DEFAULT_LAMBDA = 1e-4;

    /** The {@code --model} value of a network. */
    static final String MLP = "mlp";

    /** Validates each value, naming its flag; a loss parameter for another loss is an error. */
    ModelSpec {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new UserError("--lambda: must be a finite number >= 0, got " + lambda);
        }
        if (network != null && loss != null) {
            throw new IllegalArgumentException("a network has no linear loss; its output loss is in the network spec");
        }
        String model = network != null ? MLP : loss == null ? null : loss.id();
        checkParameter("--huber-delta", huberDelta, LossKind.HUBER, model);
        checkParameter("--hinge-smoothing", hingeSmoothing, LossKind.SMOOTHED_HINGE, model);
        if (network != null && !intercept) {
            throw new UserError("--no-intercept applies to linear models only, not --model " + MLP
                    + " (every layer of a network has a bias)");
        }
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

    private static void checkParameter(String flag, double value, LossKind owner, String model) {
        if (Double.isNaN(value)) {
            return;
        }
        if (!owner.id().equals(model)) {
            throw new UserError(flag + " applies to --model " + owner.id() + " only"
                    + (model == null ? " (give --model " + owner.id() + ")" : ", not " + model));
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserError(flag + ": must be a finite number > 0, got " + value);
        }
    }

    /**
     * The flags of a network ({@code --model mlp}).
     *
     * @param hidden the hidden layers' widths h₁, …, each ≥ 1, at least one ({@code --hidden},
     *     default {@value #DEFAULT_HIDDEN}); copied
     * @param activation the hidden layers' activation ({@code --activation}, default tanh)
     * @param loss the output loss, or null to choose from the labels: logistic (one output unit,
     *     labels ±1) for 2 classes, softmax (one output per class) for more ({@code --loss})
     * @param initSeed the seed of the weights' initialization ({@code --init-seed}, default
     *     {@value #DEFAULT_INIT_SEED})
     */
    record NetworkSpec(int[] hidden, Activation activation, OutputLoss loss, long initSeed) {

        /** One hidden layer of 100 units, as scikit-learn's MLPClassifier. */
        static final int DEFAULT_HIDDEN = 100;
        static final long DEFAULT_INIT_SEED = 1;

        /** Validates the widths, naming {@code --hidden}. */
        NetworkSpec {
            if (hidden == null || hidden.length == 0) {
                throw new UserError("--hidden: give at least one width, e.g. --hidden 100 or --hidden 256,128");
            }
            for (int i = 0; i < hidden.length; i++) {
                if (hidden[i] < 1) {
                    throw new UserError("--hidden " + widthsText(hidden) + ": every width must be a whole number >= 1, got "
                            + hidden[i]);
                }
            }
            if (activation == null) {
                throw new IllegalArgumentException("activation must not be null");
            }
            hidden = hidden.clone();
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        /** The widths as written on the command line: "256,128". */
        static String widthsText(int[] widths) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                b.append(i == 0 ? "" : ",").append(widths[i]);
            }
            return b.toString();
        }
    }
}
