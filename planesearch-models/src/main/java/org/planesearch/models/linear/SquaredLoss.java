package org.planesearch.models.linear;

/** Least squares ℓ(z, y) = ½(z − y)²: ℓ' = z − y, ℓ'' = 1. */
final class SquaredLoss extends ScalarLoss {

    SquaredLoss(double[] y) {
        super(y);
    }

    @Override
    double sum(double[] z, int shift, int from, int to, double s, Scratch scratch) {
        for (int i = from; i < to; i++) {
            double r = z[i + shift] - y[i];
            s += 0.5 * (r * r);
        }
        return s;
    }

    @Override
    double derivatives(double[] z, int shift, int from, int to, double scale, double[] rOut, double[] secondOut,
                       double s, Scratch scratch) {
        for (int i = from; i < to; i++) {
            double r = z[i + shift] - y[i];
            s += 0.5 * (r * r);
            rOut[i] = scale * r;
            secondOut[i] = 1;
        }
        return s;
    }

    @Override
    void secondDerivatives(double[] z, double[] out) {
        for (int i = 0; i < rows; i++) {
            out[i] = 1;
        }
    }
}
