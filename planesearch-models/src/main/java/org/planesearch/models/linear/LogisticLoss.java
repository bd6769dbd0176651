package org.planesearch.models.linear;

/**
 * Binary logistic loss ℓ(z, y) = log(1 + exp(−m)), m = y·z, y ∈ {−1, +1}.
 * ℓ' = −y·σ(−m), ℓ'' = σ(m)·σ(−m), with σ(u) = 1/(1 + e^{−u}), all evaluated in forms that
 * neither overflow nor cancel: log(1 + e^{−m}) = max(−m, 0) + log1p(e^{−|m|}).
 */
final class LogisticLoss extends ScalarLoss {

    LogisticLoss(double[] y) {
        super(y);
    }

    /** log(1 + e^{−m}) without overflow. */
    static double softplusNeg(double m) {
        return m >= 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
    }

    /** σ(u) = 1/(1 + e^{−u}) without overflow. */
    static double sigmoid(double u) {
        if (u >= 0) {
            return 1 / (1 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1 + e);
    }

    @Override
    double sum(double[] z) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            s += softplusNeg(y[i] * z[i]);
        }
        return s;
    }

    @Override
    double sumAndDerivative(double[] z, double scale, double[] rOut) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double yi = y[i];
            double m = yi * z[i];
            double e = Math.exp(-Math.abs(m));
            double l1p = Math.log1p(e);
            // σ(−m): e/(1+e) when m ≥ 0, 1/(1+e) when m < 0 (e = e^{−|m|} ≤ 1 never overflows).
            double sigNeg;
            if (m >= 0) {
                s += l1p;
                sigNeg = e / (1 + e);
            } else {
                s += -m + l1p;
                sigNeg = 1 / (1 + e);
            }
            rOut[i] = -scale * yi * sigNeg;
        }
        return s;
    }

    @Override
    double sumAndDerivatives(double[] z, double scale, double[] rOut, double[] secondOut) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double yi = y[i];
            double m = yi * z[i];
            double e = Math.exp(-Math.abs(m));
            double d = 1 + e;
            double sigNeg;
            if (m >= 0) {
                s += Math.log1p(e);
                sigNeg = e / d;
            } else {
                s += -m + Math.log1p(e);
                sigNeg = 1 / d;
            }
            rOut[i] = -scale * yi * sigNeg;
            secondOut[i] = e / (d * d);   // σ(m)σ(−m) = e^{−|m|}/(1 + e^{−|m|})²
        }
        return s;
    }

    @Override
    void secondDerivatives(double[] z, double[] out) {
        for (int i = 0; i < rows; i++) {
            double e = Math.exp(-Math.abs(z[i]));
            double d = 1 + e;
            out[i] = e / (d * d);
        }
    }
}
