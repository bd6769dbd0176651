package org.planesearch.core.linesearch;

/**
 * What an {@link InitialStepGuess} may look at: the current iteration's f(x_k), slope
 * φ'(0) = ∇f(x_k)ᵀd_k and ‖∇f(x_k)‖₁, and the previous accepted search's f(x_{k−1}), slope and
 * step. Owned by a step rule's state: {@link #begin} at the start of every search,
 * {@link #accept} when its step is taken, {@link #reset} when history must be forgotten.
 * Mutable, not thread-safe.
 */
public final class StepHistory {

    private boolean hasPrevious;
    private double previousValue = Double.NaN;
    private double previousSlope = Double.NaN;
    private double previousStep = Double.NaN;
    private double value = Double.NaN;
    private double slope = Double.NaN;
    private double gradientNorm1 = Double.NaN;

    /** Records the current iteration's f(x_k), φ'(0) and ‖∇f(x_k)‖₁. */
    public void begin(double currentValue, double currentSlope, double currentGradientNorm1) {
        this.value = currentValue;
        this.slope = currentSlope;
        this.gradientNorm1 = currentGradientNorm1;
    }

    /** The current search's step was taken: it and the current value and slope become "previous". */
    public void accept(double step) {
        previousValue = value;
        previousSlope = slope;
        previousStep = step;
        hasPrevious = true;
    }

    /** Forgets the previous search (as on the first iteration). */
    public void reset() {
        hasPrevious = false;
        previousValue = Double.NaN;
        previousSlope = Double.NaN;
        previousStep = Double.NaN;
    }

    /** True after at least one accepted search since creation or {@link #reset}. */
    public boolean hasPrevious() {
        return hasPrevious;
    }

    /** f(x_k). */
    public double value() {
        return value;
    }

    /** φ'(0) = ∇f(x_k)ᵀd_k. */
    public double slope() {
        return slope;
    }

    /** ‖∇f(x_k)‖₁. */
    public double gradientNorm1() {
        return gradientNorm1;
    }

    /** f(x_{k−1}) (NaN without a previous search). */
    public double previousValue() {
        return previousValue;
    }

    /** φ'(0) of the previous search (NaN without one). */
    public double previousSlope() {
        return previousSlope;
    }

    /** The previous accepted step α_{k−1} (NaN without one). */
    public double previousStep() {
        return previousStep;
    }
}
