package org.planesearch.models.linear;

/**
 * Quality of a linear model's parameters on one dataset, as computed by
 * {@link Metrics#evaluate}. Entries that do not apply to the loss are NaN.
 *
 * @param loss the model's loss
 * @param examples n, the number of rows evaluated
 * @param meanLoss (1/n) Σᵢ ℓ(zᵢ, yᵢ), without the penalty
 * @param accuracy fraction of correctly predicted labels (classification; NaN for regression)
 * @param rocAuc area under the ROC curve of the scores (binary models; NaN otherwise, or when
 *     only one class is present)
 * @param meanSquaredError (1/n) Σᵢ (zᵢ − yᵢ)² (regression; NaN for classification)
 */
public record ModelEvaluation(LossKind loss, int examples, double meanLoss, double accuracy, double rocAuc,
                              double meanSquaredError) {

    public ModelEvaluation {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (examples < 0) {
            throw new IllegalArgumentException("examples must be >= 0, got " + examples);
        }
    }
}
