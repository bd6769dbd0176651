package org.planesearch.models.linear;

/**
 * A {@link RowLoss} with one score per example (c = 1) and a scalar label: logistic, least
 * squares, Huber, smoothed hinge. Subclasses give the loss, its derivative and its second
 * derivative as array loops; the curvature of a subspace, Σᵢ ℓ''ᵢ aᵢⱼ aᵢₗ, is shared here.
 */
abstract class ScalarLoss extends RowLoss {

    /** The labels y (length n); owned, never modified. */
    final double[] y;

    ScalarLoss(double[] y) {
        super(y.length, 1);
        this.y = y;
    }

    /** Writes ℓ''(zᵢ, yᵢ) into out (length n). z: not modified. out: modified (may not alias z). */
    abstract void secondDerivatives(double[] z, double[] out);

    /**
     * Returns Σᵢ ℓ(zᵢ, yᵢ), writes scale·ℓ'ᵢ into rOut and ℓ''ᵢ into secondOut. The default
     * makes two sweeps; losses that share work between them override it.
     */
    double sumAndDerivatives(double[] z, double scale, double[] rOut, double[] secondOut) {
        double sum = sumAndDerivative(z, scale, rOut);
        secondDerivatives(z, secondOut);
        return sum;
    }

    @Override
    final double sumDerivativeAndCurvature(double[] z, double scale, double[] rOut, double[] a, int k, double[] work,
                                           double[] hessOut) {
        double sum = sumAndDerivatives(z, scale, rOut, work);
        accumulateCurvature(work, a, k, scale, hessOut);
        return sum;
    }

    @Override
    final void hessianTimes(double[] z, double[] v, double scale, double[] out) {
        secondDerivatives(z, out);
        for (int i = 0; i < rows; i++) {
            out[i] *= scale * v[i];
        }
    }

    @Override
    final int workLength(int k) {
        return rows;
    }

    @Override
    final void addCurvature(double[] z, double[] a, int k, double scale, double[] work, double[] hessOut) {
        secondDerivatives(z, work);
        accumulateCurvature(work, a, k, scale, hessOut);
    }

    /** hessOut[j·k + l] += scale·Σᵢ ℓ''ᵢ aᵢⱼ aᵢₗ for j ≤ l, with ℓ'' in work (length n). */
    private void accumulateCurvature(double[] work, double[] a, int k, double scale, double[] hessOut) {
        if (k == 1) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                double ai = a[i];
                s += work[i] * ai * ai;
            }
            hessOut[0] += scale * s;
            return;
        }
        if (k == 2) {
            double s00 = 0;
            double s01 = 0;
            double s11 = 0;
            for (int i = 0; i < rows; i++) {
                double a0 = a[2 * i];
                double a1 = a[2 * i + 1];
                double w0 = work[i] * a0;
                s00 += w0 * a0;
                s01 += w0 * a1;
                s11 += work[i] * a1 * a1;
            }
            hessOut[0] += scale * s00;
            hessOut[1] += scale * s01;
            hessOut[3] += scale * s11;
            return;
        }
        // General k: accumulate ℓ''ᵢ·aᵢⱼ·aᵢₗ directly into the (pre-scaled) upper triangle.
        for (int i = 0; i < rows; i++) {
            double wi = scale * work[i];
            if (wi == 0) {
                continue;
            }
            int base = i * k;
            for (int j = 0; j < k; j++) {
                double wa = wi * a[base + j];
                int hj = j * k;
                for (int l = j; l < k; l++) {
                    hessOut[hj + l] += wa * a[base + l];
                }
            }
        }
    }
}
