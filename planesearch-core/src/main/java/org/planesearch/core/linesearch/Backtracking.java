package org.planesearch.core.linesearch;

/**
 * Armijo backtracking (Armijo 1966; Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed.,
 * 2006, Algorithm 3.1 and §3.5):
 * <pre>
 *   α ← α₀
 *   while φ(α) &gt; φ(0) + c₁ α φ'(0)  or φ(α) is not finite:
 *       α ← ρ α                                    (interpolation NONE, or a non-finite trial)
 *       α ← argmin of the quadratic (first backtrack) or cubic (later ones) interpolating
 *           φ(0), φ'(0) and the last trials, clipped to [0.1 α, 0.5 α]   (QUADRATIC / CUBIC)
 * </pre>
 * The returned step satisfies the Armijo (sufficient decrease) condition with the configured c₁,
 * or, where φ cannot resolve the decrease, its approximate form on the slope
 * ({@link ApproximateDecrease}), or the status says why not. Every trial is one value of φ (O(n) for an SO-friendly model).
 * Written {@code armijo} in method names. Immutable and thread-safe.
 *
 * @param sufficientDecrease c₁ ∈ (0, 1) (default 1e-4)
 * @param shrinkFactor ρ ∈ (0, 1) (default 0.5, halving)
 * @param interpolation how the next trial is chosen (default {@link Mode#NONE}: plain ρ-shrinking)
 * @param maxTrials evaluations of φ, ≥ 1 (default 50)
 */
public record Backtracking(double sufficientDecrease, double shrinkFactor, Mode interpolation, int maxTrials)
        implements LineSearch {

    /** How the next trial step is chosen after a rejected one. */
    public enum Mode {
        /** α ← ρα. */
        NONE,
        /** Minimiser of the quadratic through φ(0), φ'(0), φ(α), safeguarded. */
        QUADRATIC,
        /** Quadratic on the first backtrack, then the cubic through the last two trials, safeguarded. */
        CUBIC
    }

    public Backtracking {
        if (!(sufficientDecrease > 0 && sufficientDecrease < 1)) {
            throw new IllegalArgumentException("Backtracking: sufficientDecrease (c1) must be in (0, 1), got "
                    + sufficientDecrease);
        }
        if (!(shrinkFactor > 0 && shrinkFactor < 1)) {
            throw new IllegalArgumentException("Backtracking: shrinkFactor must be in (0, 1), got " + shrinkFactor);
        }
        if (interpolation == null) {
            throw new IllegalArgumentException("Backtracking: interpolation must not be null");
        }
        if (maxTrials < 1) {
            throw new IllegalArgumentException("Backtracking: maxTrials must be >= 1, got " + maxTrials);
        }
    }

    /** c₁ = 1e-4, ρ = 0.5, no interpolation, 50 trials. */
    public static Backtracking defaults() {
        return new Backtracking(1e-4, 0.5, Mode.NONE, 50);
    }

    /** A copy with another interpolation mode. */
    public Backtracking withInterpolation(Mode mode) {
        return new Backtracking(sufficientDecrease, shrinkFactor, mode, maxTrials);
    }

    @Override
    public LineSearchResult search(LineFunction phi, double phi0, double slope0, double initialStep) {
        if (!(initialStep > 0) || !Double.isFinite(initialStep)) {
            throw new IllegalArgumentException("Backtracking: initialStep must be finite and > 0, got " + initialStep);
        }
        if (!Double.isFinite(phi0)) {
            return new LineSearchResult(LineSearchStatus.NON_FINITE, 0, phi0, slope0, 0, 0);
        }
        if (!(slope0 < 0)) {
            return new LineSearchResult(LineSearchStatus.FAILED, 0, phi0, slope0, 0, 0);
        }
        double alpha = initialStep;
        double prevAlpha = Double.NaN;
        double prevValue = Double.NaN;
        boolean finiteTrial = false;
        for (int trial = 0; trial < maxTrials; trial++) {
            double value = phi.value(alpha);
            if (Double.isFinite(value) && value <= phi0 + sufficientDecrease * alpha * slope0) {
                return new LineSearchResult(LineSearchStatus.CONVERGED, alpha, value, Double.NaN, trial + 1, trial);
            }
            if (ApproximateDecrease.unresolvable(phi0, slope0, alpha) && ApproximateDecrease.withinRounding(phi0, value)) {
                // The decrease is below what φ can resolve: let the slope decide (Hager–Zhang).
                double v = phi.valueAndSlope(alpha);
                if (ApproximateDecrease.holds(phi0, slope0, alpha, v, phi.slope(), sufficientDecrease)) {
                    return new LineSearchResult(LineSearchStatus.CONVERGED, alpha, v, phi.slope(), trial + 1, trial);
                }
            }
            double next = shrinkFactor * alpha;
            if (Double.isFinite(value)) {
                finiteTrial = true;
                double candidate = Double.NaN;
                if (interpolation == Mode.CUBIC && Double.isFinite(prevValue)) {
                    candidate = Interpolation.cubicFromValues(phi0, slope0, prevAlpha, prevValue, alpha, value);
                } else if (interpolation != Mode.NONE) {
                    candidate = Interpolation.quadratic(0, phi0, slope0, alpha, value);
                }
                if (Double.isFinite(candidate)) {
                    next = Math.min(0.5 * alpha, Math.max(0.1 * alpha, candidate));
                }
            }
            prevAlpha = alpha;
            prevValue = value;
            alpha = next;
        }
        LineSearchStatus status = finiteTrial ? LineSearchStatus.FAILED : LineSearchStatus.NON_FINITE;
        return new LineSearchResult(status, 0, phi0, slope0, maxTrials, maxTrials);
    }
}
