package org.planesearch.core.linesearch;

/**
 * Where a line search starts: the first trial step α₀ (LineSearches.jl's {@code alphaguess=}).
 * Immutable strategies; what they read is in the caller's {@link StepHistory}. Every strategy
 * returns a finite α₀ &gt; 0.
 *
 * <p>On the first iteration (no previous search), the interpolating strategies use minFunc's
 * rule α₀ = min(1, 1/‖∇f(x₀)‖₁), which keeps the first step from being absurdly long when the
 * gradient is large (M. Schmidt, minFunc, 2005).
 */
public sealed interface InitialStepGuess
        permits InitialStepGuess.Constant, InitialStepGuess.QuadraticInterpolation, InitialStepGuess.PreviousStep {

    /** α₀ for the current search. history: not modified. */
    double initialStep(StepHistory history);

    /** α₀ = step every iteration. */
    static InitialStepGuess constant(double step) {
        return new Constant(step);
    }

    /** Nocedal–Wright quadratic interpolation, capped at 1. */
    static InitialStepGuess quadratic() {
        return new QuadraticInterpolation(1);
    }

    /** α₀ = factor · α_{k−1}. */
    static InitialStepGuess previous(double factor) {
        return new PreviousStep(factor);
    }

    /** min(1, 1/‖g‖₁), or 1 when that is not a finite positive number. */
    private static double firstStep(StepHistory h) {
        double s = Math.min(1, 1 / h.gradientNorm1());
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    /**
     * α₀ = step, always; the right choice for Newton and quasi-Newton directions, whose unit step
     * is the natural one (N&amp;W §3.5).
     *
     * @param step finite and &gt; 0 (default 1)
     */
    record Constant(double step) implements InitialStepGuess {
        public Constant {
            if (!(step > 0) || !Double.isFinite(step)) {
                throw new IllegalArgumentException("InitialStepGuess.Constant: step must be finite and > 0, got " + step);
            }
        }

        /** α₀ = 1. */
        public static Constant defaults() {
            return new Constant(1);
        }

        @Override
        public double initialStep(StepHistory history) {
            return step;
        }

    }

    /**
     * The minimiser of the quadratic interpolating f(x_{k−1}), φ'(0) and assuming the decrease of
     * the last iteration repeats (N&amp;W eq. (3.60)):
     * <pre>
     *   α₀ = min(maxStep, 2 (f(x_k) − f(x_{k−1})) / φ'(0))
     * </pre>
     * First iteration, or when that is not finite and positive (f did not decrease):
     * min(maxStep, 1, 1/‖g‖₁).
     *
     * @param maxStep the cap, finite and &gt; 0 (default 1)
     */
    record QuadraticInterpolation(double maxStep) implements InitialStepGuess {
        public QuadraticInterpolation {
            if (!(maxStep > 0) || !Double.isFinite(maxStep)) {
                throw new IllegalArgumentException("InitialStepGuess.QuadraticInterpolation: maxStep must be finite and > 0, got "
                        + maxStep);
            }
        }

        /** Capped at 1. */
        public static QuadraticInterpolation defaults() {
            return new QuadraticInterpolation(1);
        }

        @Override
        public double initialStep(StepHistory history) {
            if (history.hasPrevious()) {
                double a = 2 * (history.value() - history.previousValue()) / history.slope();
                if (a > 0 && Double.isFinite(a)) {
                    return Math.min(maxStep, a);
                }
            }
            return Math.min(maxStep, firstStep(history));
        }

    }

    /**
     * α₀ = factor · α_{k−1}: "try a bit more than last time, then backtrack" (common with Armijo
     * on gradient directions). First iteration: min(1, 1/‖g‖₁).
     *
     * @param factor finite and &gt; 0 (default 2)
     */
    record PreviousStep(double factor) implements InitialStepGuess {
        public PreviousStep {
            if (!(factor > 0) || !Double.isFinite(factor)) {
                throw new IllegalArgumentException("InitialStepGuess.PreviousStep: factor must be finite and > 0, got "
                        + factor);
            }
        }

        /** factor 2. */
        public static PreviousStep defaults() {
            return new PreviousStep(2);
        }

        @Override
        public double initialStep(StepHistory history) {
            if (history.hasPrevious()) {
                double a = factor * history.previousStep();
                if (a > 0 && Double.isFinite(a)) {
                    return a;
                }
            }
            return firstStep(history);
        }

    }
}
