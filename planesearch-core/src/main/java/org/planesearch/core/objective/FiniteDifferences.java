package org.planesearch.core.objective;

import org.planesearch.core.linalg.Vec;

/**
 * Central finite differences, for checking analytic derivatives in tests of every module
 * (Breeze's {@code GradientTester}, Optax's gradient checks).
 *
 * <pre>
 *   ∂f/∂xᵢ   ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / (2h),       h = ε^{1/3} · max(1, |xᵢ|)
 *   ∇²f(x) v ≈ (∇f(x + h v) − ∇f(x − h v)) / (2h),     h = ε^{1/3} · max(1, ‖x‖) / ‖v‖
 * </pre>
 * The cube root of the machine epsilon ε balances the O(h²) truncation error of a central
 * difference against its O(ε/h) rounding error, giving errors of order ε^{2/3} ≈ 4e-11
 * relative to the function's scale (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed.,
 * 2006, §8.1, eq. (8.9)). The step is taken as the difference of the representable points
 * x ± h, so that the divisor is exact.
 *
 * <p>These routines allocate (they are test tools, not inner loops), evaluate f 2n times for a
 * gradient, and never modify their inputs. Stateless and thread-safe.
 */
public final class FiniteDifferences {

    /** ε^{1/3} for doubles, ≈ 6.06e-6. */
    public static final double STEP_SCALE = Math.cbrt(Math.ulp(1.0));

    private FiniteDifferences() {
    }

    /**
     * Central-difference gradient of f at x.
     *
     * @param f the function. Its value is called 2n times.
     * @param x the point. Not modified.
     * @param gradOut the approximate gradient, length n. Modified.
     */
    public static void gradient(DifferentiableFunction f, double[] x, double[] gradOut) {
        int n = x.length;
        if (gradOut.length != n || f.dimension() != n) {
            throw new IllegalArgumentException("x, gradOut and f must have the same dimension, got "
                    + n + ", " + gradOut.length + ", " + f.dimension());
        }
        double[] xp = x.clone();
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            double h = STEP_SCALE * Math.max(1, Math.abs(xi));
            double up = xi + h;
            double down = xi - h;
            xp[i] = up;
            double fp = f.value(xp);
            xp[i] = down;
            double fm = f.value(xp);
            xp[i] = xi;
            gradOut[i] = (fp - fm) / (up - down);
        }
    }

    /**
     * ∇²f(x)·v by central differences of the analytic gradient along v.
     *
     * @param f the function. Its gradient is called twice.
     * @param x the point. Not modified.
     * @param v the direction. Not modified.
     * @param out the approximate product, length n. Modified.
     */
    public static void hessianTimes(DifferentiableFunction f, double[] x, double[] v, double[] out) {
        int n = x.length;
        if (v.length != n || out.length != n || f.dimension() != n) {
            throw new IllegalArgumentException("x, v, out and f must have the same dimension");
        }
        double vn = Vec.nrm2(v);
        if (vn == 0) {
            Vec.fill(out, 0);
            return;
        }
        double h = STEP_SCALE * Math.max(1, Vec.nrm2(x)) / vn;
        double[] xp = x.clone();
        double[] xm = x.clone();
        Vec.axpy(h, v, xp);
        Vec.axpy(-h, v, xm);
        double[] gm = new double[n];
        f.valueAndGradient(xp, out);
        f.valueAndGradient(xm, gm);
        Vec.subtract(out, gm, out);
        Vec.scal(1 / (2 * h), out);
    }

    /**
     * Central-difference gradient of a subspace objective at t, with h = ε^{1/3}·max(1, |tⱼ|).
     *
     * @param psi ψ. Its value is called 2k times.
     * @param t the point, length k. Not modified.
     * @param gradOut length k. Modified.
     */
    public static void gradient(SubspaceObjective psi, double[] t, double[] gradOut) {
        int k = psi.dimension();
        if (t.length < k || gradOut.length < k) {
            throw new IllegalArgumentException("t and gradOut need length " + k);
        }
        double[] tp = t.clone();
        for (int j = 0; j < k; j++) {
            double tj = t[j];
            double h = STEP_SCALE * Math.max(1, Math.abs(tj));
            double up = tj + h;
            double down = tj - h;
            tp[j] = up;
            double fp = psi.value(tp);
            tp[j] = down;
            double fm = psi.value(tp);
            tp[j] = tj;
            gradOut[j] = (fp - fm) / (up - down);
        }
    }

    /**
     * The k×k Hessian of a subspace objective at t, row-major, by central differences of its
     * analytic gradient (column j from ±h eⱼ), then symmetrised.
     *
     * @param psi ψ. Its gradient is called 2k times.
     * @param t the point, length k. Not modified.
     * @param hessOut length k². Modified.
     */
    public static void hessian(SubspaceObjective psi, double[] t, double[] hessOut) {
        int k = psi.dimension();
        if (t.length < k || hessOut.length < k * k) {
            throw new IllegalArgumentException("t needs length " + k + " and hessOut " + (k * k));
        }
        double[] tp = t.clone();
        double[] gp = new double[k];
        double[] gm = new double[k];
        for (int j = 0; j < k; j++) {
            double tj = t[j];
            double h = STEP_SCALE * Math.max(1, Math.abs(tj));
            double up = tj + h;
            double down = tj - h;
            tp[j] = up;
            psi.valueAndGradient(tp, gp);
            tp[j] = down;
            psi.valueAndGradient(tp, gm);
            tp[j] = tj;
            for (int i = 0; i < k; i++) {
                hessOut[i * k + j] = (gp[i] - gm[i]) / (up - down);
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (hessOut[i * k + j] + hessOut[j * k + i]);
                hessOut[i * k + j] = m;
                hessOut[j * k + i] = m;
            }
        }
    }

    /**
     * |a − b| / max(floor, |a|, |b|): a relative error that becomes an absolute one (scaled by
     * the floor) near zero, where relative errors mean nothing.
     *
     * @param floor &gt; 0, the magnitude below which differences are measured absolutely
     */
    public static double relativeError(double a, double b, double floor) {
        checkFloor(floor);
        return Math.abs(a - b) / Math.max(floor, Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * ‖a − b‖₂ / max(floor, ‖a‖₂, ‖b‖₂), the vector form of {@link #relativeError(double, double, double)}.
     * a, b: not modified. NaN if either contains NaN.
     */
    public static double relativeError(double[] a, double[] b, double floor) {
        checkFloor(floor);
        if (a.length != b.length) {
            throw new IllegalArgumentException("a has length " + a.length + " but b has length " + b.length);
        }
        double[] diff = new double[a.length];
        Vec.subtract(a, b, diff);
        return Vec.nrm2(diff) / Math.max(floor, Math.max(Vec.nrm2(a), Vec.nrm2(b)));
    }

    private static void checkFloor(double floor) {
        if (!(floor > 0)) {
            throw new IllegalArgumentException("floor must be > 0, got " + floor);
        }
    }
}
