package org.planesearch.core.stochastic;

import org.planesearch.core.objective.CurvatureKind;

/**
 * Options of the mini-batch methods ({@link StochasticMethods#parse}); NaN or null means the
 * rule's default, and an option the named rule does not use is rejected.
 *
 * @param learningRate η of the fixed-rate rules (default 0.01; 1 for AdaGrad-Norm, the paper's η)
 * @param momentum β of heavyball / nesterov (default 0.9)
 * @param weightDecay decoupled weight decay w (fixed-rate and layer-wise rules; default 0)
 * @param adagradInitialScale b₀ of AdaGrad-Norm (default 0.1)
 * @param curvature the layer-wise rule's curvature (default AUTO)
 * @param averaging β of the layer-wise averages (default 0.9) or of the batch subspace coefficients (default 0.9)
 * @param maxRate the layer-wise rule's bound on every layer's step (default 10)
 */
public record StochasticOptions(double learningRate, double momentum, double weightDecay, double adagradInitialScale,
                                CurvatureKind curvature, double averaging, double maxRate) {

    /** Every option at its default. */
    public static StochasticOptions defaults() {
        return new StochasticOptions(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN);
    }

    public StochasticOptions withLearningRate(double v) {
        return new StochasticOptions(v, momentum, weightDecay, adagradInitialScale, curvature, averaging, maxRate);
    }

    public StochasticOptions withMomentum(double v) {
        return new StochasticOptions(learningRate, v, weightDecay, adagradInitialScale, curvature, averaging, maxRate);
    }

    public StochasticOptions withWeightDecay(double v) {
        return new StochasticOptions(learningRate, momentum, v, adagradInitialScale, curvature, averaging, maxRate);
    }

    public StochasticOptions withAdagradInitialScale(double v) {
        return new StochasticOptions(learningRate, momentum, weightDecay, v, curvature, averaging, maxRate);
    }

    public StochasticOptions withCurvature(CurvatureKind v) {
        return new StochasticOptions(learningRate, momentum, weightDecay, adagradInitialScale, v, averaging, maxRate);
    }

    public StochasticOptions withAveraging(double v) {
        return new StochasticOptions(learningRate, momentum, weightDecay, adagradInitialScale, curvature, v, maxRate);
    }

    public StochasticOptions withMaxRate(double v) {
        return new StochasticOptions(learningRate, momentum, weightDecay, adagradInitialScale, curvature, averaging, v);
    }
}
