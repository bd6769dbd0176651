package org.planesearch.core.linesearch;

/**
 * A line search for a step satisfying the strong Wolfe conditions
 * <pre>
 *   φ(α) ≤ φ(0) + c₁ α φ'(0)          (sufficient decrease)
 *   |φ'(α)| ≤ c₂ |φ'(0)|              (curvature)
 * </pre>
 * by bracketing and zoom: Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., 2006,
 * Algorithms 3.5 and 3.6, with the cubic interpolation of eq. (3.59).
 * <ul>
 *   <li>Bracketing: trials α₁ = α₀, α₂, … grow (the cubic minimiser through the last two trials,
 *       clipped to [2αᵢ, 4αᵢ], or 4αᵢ when the cubic has no minimiser beyond αᵢ, at most
 *       {@code maxStep}) until a trial
 *       violates sufficient decrease, is not finite, does not decrease φ below the previous trial,
 *       or has φ' ≥ 0; that trial and the previous one bracket a strong-Wolfe point.</li>
 *   <li>Zoom: the cubic (or, when the high end has no derivative, quadratic) minimiser inside
 *       the bracket, clamped to stay 0.1% of the bracket's width away from its ends, replaces one end,
 *       keeping "lo" the best point with sufficient decrease. As in Moré &amp; Thuente (1994,
 *       §4), a bisection is forced when the bracket has not shrunk to 0.66 of its width two
 *       trials before, so the bracket shrinks geometrically while the interpolation converges
 *       fast (N&amp;W's "10% from the ends" would limit it to linear convergence).</li>
 * </ul>
 * Where φ cannot resolve the decrease (within {@link ApproximateDecrease#VALUE_TOLERANCE} of
 * φ(0)), sufficient decrease is judged on the slope instead (Hager &amp; Zhang's approximate
 * Wolfe conditions). Non-finite trials are treated as violating sufficient decrease, so the search backs off past
 * them. When the budget runs out, the best point with sufficient decrease found is returned as
 * {@link LineSearchStatus#BUDGET_EXHAUSTED} (usable), or the search FAILED. Written
 * {@code wolfe} in method names. Immutable and thread-safe.
 *
 * @param sufficientDecrease c₁ ∈ (0, c₂) (default 1e-4)
 * @param curvatureCondition c₂ ∈ (c₁, 1) (default 0.9, for quasi-Newton directions; 0.1 for
 *     nonlinear conjugate gradients)
 * @param maxEvaluations evaluations of φ (with its slope), ≥ 1 (default 50)
 * @param maxStep the largest step tried, &gt; 0 (default 1e10)
 */
public record StrongWolfe(double sufficientDecrease, double curvatureCondition, int maxEvaluations, double maxStep)
        implements LineSearch {

    /** Zoom trials keep this fraction of the bracket's width from its ends. */
    static final double ZOOM_MARGIN = 1e-3;
    /** Zoom bisects when the bracket has not shrunk below this fraction of its width two trials before. */
    static final double ZOOM_SHRINK = 0.66;

    /**
     * Zoom values within this relative distance of φ(lo) count as ties, decided by the slope:
     * near a minimiser φ's differences drown in rounding long before φ' does.
     */
    static final double TIE = 4 * Math.ulp(1.0);

    public StrongWolfe {
        if (!(sufficientDecrease > 0 && sufficientDecrease < 1)) {
            throw new IllegalArgumentException("StrongWolfe: sufficientDecrease (c1) must be in (0, 1), got "
                    + sufficientDecrease);
        }
        if (!(curvatureCondition > sufficientDecrease && curvatureCondition < 1)) {
            throw new IllegalArgumentException("StrongWolfe: curvatureCondition (c2) must be in (c1, 1) = ("
                    + sufficientDecrease + ", 1), got " + curvatureCondition);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("StrongWolfe: maxEvaluations must be >= 1, got " + maxEvaluations);
        }
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("StrongWolfe: maxStep must be > 0, got " + maxStep);
        }
    }

    /** c₁ = 1e-4, c₂ = 0.9, 50 evaluations, largest step 1e10. */
    public static StrongWolfe defaults() {
        return new StrongWolfe(1e-4, 0.9, 50, 1e10);
    }

    @Override
    public LineSearchResult search(LineFunction phi, double phi0, double slope0, double initialStep) {
        if (!(initialStep > 0) || !Double.isFinite(initialStep)) {
            throw new IllegalArgumentException("StrongWolfe: initialStep must be finite and > 0, got " + initialStep);
        }
        if (!Double.isFinite(phi0)) {
            return new LineSearchResult(LineSearchStatus.NON_FINITE, 0, phi0, slope0, 0, 0);
        }
        if (!(slope0 < 0)) {
            return new LineSearchResult(LineSearchStatus.FAILED, 0, phi0, slope0, 0, 0);
        }
        Search s = new Search(phi, phi0, slope0);
        return s.run(Math.min(initialStep, maxStep));
    }

    /** One search's scalars (a small object per search, like the result record). */
    private final class Search {
        private final LineFunction phi;
        private final double phi0;
        private final double slope0;
        private int evaluations;
        private int iterations;
        private boolean finiteTrial;

        Search(LineFunction phi, double phi0, double slope0) {
            this.phi = phi;
            this.phi0 = phi0;
            this.slope0 = slope0;
        }

        /** Armijo, or its approximate form on the slope where φ cannot resolve the decrease. */
        private boolean armijo(double alpha, double value, double slope) {
            return Double.isFinite(value) && value <= phi0 + sufficientDecrease * alpha * slope0
                    || ApproximateDecrease.holds(phi0, slope0, alpha, value, slope, sufficientDecrease);
        }

        private boolean curvature(double slope) {
            return Math.abs(slope) <= -curvatureCondition * slope0;
        }

        LineSearchResult run(double alpha1) {
            double prev = 0;
            double fPrev = phi0;
            double dPrev = slope0;
            double alpha = alpha1;
            while (evaluations < maxEvaluations) {
                double f = phi.valueAndSlope(alpha);
                double d = phi.slope();
                evaluations++;
                iterations++;
                boolean finite = Double.isFinite(f) && Double.isFinite(d);
                finiteTrial |= finite;
                if (!finite || !armijo(alpha, f, d) || (prev > 0 && f >= fPrev)) {
                    return zoom(prev, fPrev, dPrev, alpha, f, finite ? d : Double.NaN);
                }
                if (curvature(d)) {
                    return new LineSearchResult(LineSearchStatus.CONVERGED, alpha, f, d, evaluations, iterations);
                }
                if (d >= 0) {
                    return zoom(alpha, f, d, prev, fPrev, dPrev);
                }
                if (alpha >= maxStep || evaluations >= maxEvaluations) {
                    return new LineSearchResult(LineSearchStatus.BUDGET_EXHAUSTED, alpha, f, d, evaluations, iterations);
                }
                double lower = 2 * alpha;
                double upper = 4 * alpha;
                double next = Interpolation.cubic(prev, fPrev, dPrev, alpha, f, d);
                next = Double.isFinite(next) && next > alpha ? Math.min(upper, Math.max(lower, next)) : upper;
                prev = alpha;
                fPrev = f;
                dPrev = d;
                alpha = Math.min(next, maxStep);
            }
            return new LineSearchResult(LineSearchStatus.BUDGET_EXHAUSTED, prev, fPrev, dPrev, evaluations, iterations);
        }

        /** N&amp;W Algorithm 3.6; lo satisfies sufficient decrease and has the lowest value seen among such points. */
        private LineSearchResult zoom(double lo, double fLo, double dLo, double hi, double fHi, double dHi) {
            double widthBefore = Double.POSITIVE_INFINITY;
            double widthTwoBefore = Double.POSITIVE_INFINITY;
            while (evaluations < maxEvaluations) {
                double width = hi - lo;
                double a = Math.min(lo, hi);
                double b = Math.max(lo, hi);
                double margin = ZOOM_MARGIN * Math.abs(width);
                boolean slowShrink = Math.abs(width) > ZOOM_SHRINK * widthTwoBefore;
                widthTwoBefore = widthBefore;
                widthBefore = Math.abs(width);
                double trial = Double.NaN;
                if (Double.isFinite(fHi) && Double.isFinite(dHi)) {
                    trial = Interpolation.cubic(lo, fLo, dLo, hi, fHi, dHi);
                } else if (Double.isFinite(fHi)) {
                    trial = Interpolation.quadratic(lo, fLo, dLo, hi, fHi);
                }
                if (slowShrink || Double.isNaN(trial)) {
                    trial = lo + 0.5 * width;
                } else {
                    trial = Math.min(b - margin, Math.max(a + margin, trial));
                }
                if (trial == lo || trial == hi) {
                    break; // the bracket is down to adjacent doubles
                }
                double f = phi.valueAndSlope(trial);
                double d = phi.slope();
                evaluations++;
                iterations++;
                boolean finite = Double.isFinite(f) && Double.isFinite(d);
                finiteTrial |= finite;
                if (!finite || !armijo(trial, f, d) || f > fLo + TIE * Math.abs(fLo)) {
                    hi = trial;
                    fHi = f;
                    dHi = finite ? d : Double.NaN;
                } else {
                    if (curvature(d)) {
                        return new LineSearchResult(LineSearchStatus.CONVERGED, trial, f, d, evaluations, iterations);
                    }
                    if (d * (hi - lo) >= 0) {
                        hi = lo;
                        fHi = fLo;
                        dHi = dLo;
                    }
                    lo = trial;
                    fLo = f;
                    dLo = d;
                }
            }
            if (lo > 0) {
                return new LineSearchResult(LineSearchStatus.BUDGET_EXHAUSTED, lo, fLo, dLo, evaluations, iterations);
            }
            LineSearchStatus status = finiteTrial ? LineSearchStatus.FAILED : LineSearchStatus.NON_FINITE;
            return new LineSearchResult(status, 0, phi0, slope0, evaluations, iterations);
        }
    }
}
