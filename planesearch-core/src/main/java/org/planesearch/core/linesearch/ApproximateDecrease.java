package org.planesearch.core.linesearch;

/**
 * The decrease test that still works where f can no longer resolve the decrease: Hager and
 * Zhang's approximate Armijo condition (W. W. Hager and H. Zhang, "A new conjugate gradient
 * method with guaranteed descent and an efficient line search", SIAM J. Optim. 16(1), 2005,
 * eq. (23) and §4).
 *
 * <p>Near a minimiser the decrease a step achieves, about ½|φ'(0)|α, falls below the rounding
 * error of φ (a mean over n examples is known to about √n·ε·|f|), so the Armijo test
 * φ(α) ≤ φ(0) + c₁αφ'(0) fails on noise although the step is good, and a search "fails" at a
 * gradient norm of about 1e-8. The derivative is still accurate there. So where even the whole
 * first-order decrease α·|φ'(0)| is below {@link #VALUE_TOLERANCE}·|φ(0)|, a trial whose value is
 * within that band of φ(0) is accepted when its slope satisfies
 * φ'(α) ≤ (2c₁ − 1)·φ'(0), which on a quadratic is the same as the Armijo condition with c₁.
 *
 * <p>VALUE_TOLERANCE = 1e-10 (Hager–Zhang use 1e-6): far above the rounding of a mean over
 * millions of examples, far below any decrease a search should see while ‖∇f‖ is not already
 * tiny. Stateless.
 */
public final class ApproximateDecrease {

    /** Relative band around φ(0) inside which values are treated as equal and slopes decide. */
    public static final double VALUE_TOLERANCE = 1e-10;

    private ApproximateDecrease() {
    }

    /** True when value is within the rounding band of phi0 (and finite). */
    public static boolean withinRounding(double phi0, double value) {
        return Double.isFinite(value) && value <= phi0 + VALUE_TOLERANCE * Math.abs(phi0);
    }

    /**
     * True when the decrease a step α can achieve, at most about α·|φ'(0)|, is itself inside the
     * band, so that φ's values cannot be trusted to judge it. Outside this regime the exact
     * Armijo test applies alone.
     */
    public static boolean unresolvable(double phi0, double slope0, double alpha) {
        return alpha * Math.abs(slope0) <= VALUE_TOLERANCE * Math.abs(phi0);
    }

    /**
     * The approximate Armijo condition, used only where the decrease is unresolvable: value
     * within the band and φ'(α) ≤ (2c₁ − 1)φ'(0).
     */
    public static boolean holds(double phi0, double slope0, double alpha, double value, double slope,
            double sufficientDecrease) {
        return unresolvable(phi0, slope0, alpha) && withinRounding(phi0, value) && Double.isFinite(slope)
                && slope <= (2 * sufficientDecrease - 1) * slope0;
    }
}
