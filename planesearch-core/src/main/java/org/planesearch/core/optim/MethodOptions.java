package org.planesearch.core.optim;

/**
 * The hyper-parameters a method name may take, each belonging to exactly one rule; unset values
 * are NaN (doubles) or 0 (integers) and mean "the rule's default". {@link Method#parse} rejects a
 * value given to a method whose rules do not use it, so no flag is silently ignored.
 *
 * @param learningRate the fixed step's learning rate (step {@code fixed} only)
 * @param momentum β of {@code heavyball} and {@code nesterov}
 * @param memory the number of curvature pairs of {@code lbfgs}
 * @param adamBeta1 β₁ of {@code adam}
 * @param adamBeta2 β₂ of {@code adam}
 * @param adamEpsilon ε of {@code adam}
 * @param adagradInitialScale b₀ of {@code adagradnorm}
 */
public record MethodOptions(double learningRate, double momentum, int memory, double adamBeta1, double adamBeta2,
                            double adamEpsilon, double adagradInitialScale) {

    public MethodOptions {
        if (memory < 0) {
            throw new IllegalArgumentException("memory must be >= 1 when given, got " + memory);
        }
    }

    /** Nothing set: every rule takes its defaults. */
    public static MethodOptions defaults() {
        return new MethodOptions(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public MethodOptions withLearningRate(double v) {
        return new MethodOptions(v, momentum, memory, adamBeta1, adamBeta2, adamEpsilon, adagradInitialScale);
    }

    public MethodOptions withMomentum(double v) {
        return new MethodOptions(learningRate, v, memory, adamBeta1, adamBeta2, adamEpsilon, adagradInitialScale);
    }

    public MethodOptions withMemory(int v) {
        return new MethodOptions(learningRate, momentum, v, adamBeta1, adamBeta2, adamEpsilon, adagradInitialScale);
    }

    public MethodOptions withAdam(double beta1, double beta2, double epsilon) {
        return new MethodOptions(learningRate, momentum, memory, beta1, beta2, epsilon, adagradInitialScale);
    }

    public MethodOptions withAdagradInitialScale(double v) {
        return new MethodOptions(learningRate, momentum, memory, adamBeta1, adamBeta2, adamEpsilon, v);
    }
}
