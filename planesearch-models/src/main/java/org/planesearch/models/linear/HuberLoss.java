package org.planesearch.models.linear;

/**
 * Huber loss with threshold δ, r = z − y: ℓ = ½r² if |r| ≤ δ, else δ(|r| − δ/2);
 * ℓ' = clamp(r, −δ, δ); ℓ'' = 1 if |r| ≤ δ, else 0. ℓ'' is discontinuous at |r| = δ; there it is
 * taken as 1 (the inner, quadratic piece), an element of the generalized Hessian.
 *
 * <p>Reference: Huber (1964), "Robust estimation of a location parameter", Ann. Math. Statist.
 * 35(1), 73–101.
 */
final class HuberLoss extends ScalarLoss {

    /** δ > 0. */
    private final double delta;

    HuberLoss(double[] y, double delta) {
        super(y);
        this.delta = delta;
    }

    @Override
    double sum(double[] z, int shift, int from, int to, double s, Scratch scratch) {
        double halfDelta = 0.5 * delta;
        for (int i = from; i < to; i++) {
            double a = Math.abs(z[i + shift] - y[i]);
            s += a <= delta ? 0.5 * a * a : delta * (a - halfDelta);
        }
        return s;
    }

    @Override
    double derivatives(double[] z, int shift, int from, int to, double scale, double[] rOut, double[] secondOut,
                       double s, Scratch scratch) {
        double halfDelta = 0.5 * delta;
        for (int i = from; i < to; i++) {
            double r = z[i + shift] - y[i];
            double a = Math.abs(r);
            if (a <= delta) {
                s += 0.5 * a * a;
                rOut[i] = scale * r;
                secondOut[i] = 1;
            } else {
                s += delta * (a - halfDelta);
                rOut[i] = r > 0 ? scale * delta : -scale * delta;
                secondOut[i] = 0;
            }
        }
        return s;
    }

    @Override
    void secondDerivatives(double[] z, double[] out) {
        for (int i = 0; i < rows; i++) {
            out[i] = Math.abs(z[i] - y[i]) <= delta ? 1 : 0;
        }
    }
}
