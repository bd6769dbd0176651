package org.planesearch.models.linear;

import org.planesearch.core.linalg.DataMatrix;

/**
 * Factories of {@link LinearObjective}s: f(w) = (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (λ/2)‖W‖², z = X·W + 1·bᵀ.
 * Labels are validated (an {@link IllegalArgumentException} names the first bad row and its
 * value) and copied; the data matrix is held by reference. λ must be finite and ≥ 0. With
 * {@code intercept} the model fits b (one per output), which is never regularized.
 */
public final class LinearModels {

    private LinearModels() {
    }

    /** Binary logistic regression; yPlusMinus1: one label per row, each −1 or +1. */
    public static LinearObjective logistic(DataMatrix x, double[] yPlusMinus1, double lambda, boolean intercept) {
        return LinearModel.logistic(cols(x), intercept).objective(x, yPlusMinus1, lambda);
    }

    /** Multinomial logistic (softmax) regression; classes: one per row, in 0 … classCount−1. */
    public static LinearObjective softmax(DataMatrix x, int[] classes, int classCount, double lambda, boolean intercept) {
        LinearModel model = LinearModel.softmax(cols(x), classCount, intercept);
        return new LinearObjective(model, x, new SoftmaxLoss(Labels.classes(classes, x.rows(), classCount), classCount), lambda);
    }

    /** Least squares, ℓ = ½(z − y)²; y: finite targets, one per row. */
    public static LinearObjective leastSquares(DataMatrix x, double[] y, double lambda, boolean intercept) {
        return LinearModel.leastSquares(cols(x), intercept).objective(x, y, lambda);
    }

    /** Huber regression with threshold delta (&gt; 0; 1.0 is the usual default). */
    public static LinearObjective huber(DataMatrix x, double[] y, double lambda, boolean intercept, double delta) {
        return LinearModel.huber(cols(x), intercept, delta).objective(x, y, lambda);
    }

    /** Smoothed-hinge classification with smoothing γ (&gt; 0; default 1.0); labels −1 or +1. */
    public static LinearObjective smoothedHinge(DataMatrix x, double[] yPlusMinus1, double lambda, boolean intercept,
                                                double smoothing) {
        return LinearModel.smoothedHinge(cols(x), intercept, smoothing).objective(x, yPlusMinus1, lambda);
    }

    private static int cols(DataMatrix x) {
        if (x == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        return x.cols();
    }
}
