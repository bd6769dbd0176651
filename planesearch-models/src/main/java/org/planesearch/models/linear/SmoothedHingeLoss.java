package org.planesearch.models.linear;

/**
 * Quadratically smoothed hinge with smoothing γ > 0, m = y·z, y ∈ {−1, +1}:
 * ℓ = 1 − m − γ/2 if m ≤ 1 − γ; (1 − m)²/(2γ) if 1 − γ &lt; m &lt; 1; 0 if m ≥ 1.
 * ℓ' (in z) = −y if m ≤ 1 − γ, −y(1 − m)/γ in between, 0 beyond; ℓ'' = 1/γ strictly between the
 * kinks, 0 elsewhere (the one-sided value on the flat pieces is taken at the kinks).
 *
 * <p>Reference: Rennie &amp; Srebro (2005), "Loss functions for preference levels: regression
 * with discrete ordered labels", IJCAI Multidisciplinary Workshop on Advances in Preference
 * Handling (γ = 1).
 */
final class SmoothedHingeLoss extends ScalarLoss {

    /** γ > 0. */
    private final double smoothing;

    SmoothedHingeLoss(double[] y, double smoothing) {
        super(y);
        this.smoothing = smoothing;
    }

    @Override
    double sum(double[] z, int shift, int from, int to, double s, Scratch scratch) {
        double g = smoothing;
        double knee = 1 - g;
        for (int i = from; i < to; i++) {
            double m = y[i] * z[i + shift];
            if (m <= knee) {
                s += 1 - m - 0.5 * g;
            } else if (m < 1) {
                double u = 1 - m;
                s += u * u / (2 * g);
            }
        }
        return s;
    }

    @Override
    double derivatives(double[] z, int shift, int from, int to, double scale, double[] rOut, double[] secondOut,
                       double s, Scratch scratch) {
        double g = smoothing;
        double inv = 1 / g;
        double knee = 1 - g;
        for (int i = from; i < to; i++) {
            double yi = y[i];
            double m = yi * z[i + shift];
            if (m <= knee) {
                s += 1 - m - 0.5 * g;
                rOut[i] = -scale * yi;
                secondOut[i] = 0;
            } else if (m < 1) {
                double u = 1 - m;
                s += u * u / (2 * g);
                rOut[i] = -scale * yi * u / g;
                secondOut[i] = inv;
            } else {
                rOut[i] = 0;
                secondOut[i] = 0;
            }
        }
        return s;
    }

    @Override
    void secondDerivatives(double[] z, double[] out) {
        double inv = 1 / smoothing;
        double knee = 1 - smoothing;
        for (int i = 0; i < rows; i++) {
            double m = y[i] * z[i];
            out[i] = m > knee && m < 1 ? inv : 0;
        }
    }
}
