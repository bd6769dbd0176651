package org.planesearch.models.linear;

/** Least squares ℓ(z, y) = ½(z − y)²: ℓ' = z − y, ℓ'' = 1. */
final class SquaredLoss extends ScalarLoss {

    SquaredLoss(double[] y) {
        super(y);
    }

    @Override
    double sum(double[] z) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double r = z[i] - y[i];
            s += r * r;
        }
        return 0.5 * s;
    }

    @Override
    double sumAndDerivative(double[] z, double scale, double[] rOut) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double r = z[i] - y[i];
            s += r * r;
            rOut[i] = scale * r;
        }
        return 0.5 * s;
    }

    @Override
    void secondDerivatives(double[] z, double[] out) {
        for (int i = 0; i < rows; i++) {
            out[i] = 1;
        }
    }
}
