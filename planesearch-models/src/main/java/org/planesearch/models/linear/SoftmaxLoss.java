package org.planesearch.models.linear;

/**
 * Multinomial logistic (softmax cross-entropy) loss over c classes, row zᵢ ∈ ℝᶜ, class yᵢ:
 * ℓ = log Σₒ exp(zᵢₒ) − zᵢ,yᵢ, ∇ℓ = pᵢ − e_{yᵢ}, ∇²ℓ = diag(pᵢ) − pᵢpᵢᵀ with pᵢ = softmax(zᵢ),
 * computed by log-sum-exp with the row maximum subtracted (no overflow for any finite z).
 *
 * <p>Subspace curvature without forming c×c matrices: with uⱼ = pᵢ·Aⱼ[i,:],
 * Aⱼ[i,:](diag(pᵢ) − pᵢpᵢᵀ)Aₗ[i,:]ᵀ = Σₒ pᵢₒ (Aⱼ[i,o] − uⱼ)(Aₗ[i,o] − uₗ), evaluated in the
 * centered form, which is a sum of non-negative weights and does not cancel. O(c·k²) per row.
 *
 * <p>Reference: Bishop (2006), Pattern Recognition and Machine Learning, §4.3.4, eq. (4.109)–(4.110).
 */
final class SoftmaxLoss extends RowLoss {

    /** The classes yᵢ ∈ [0, c) (length n); owned, never modified. */
    final int[] classes;

    SoftmaxLoss(int[] classes, int classCount) {
        super(classes.length, classCount);
        this.classes = classes;
    }

    @Override
    double sum(double[] z) {
        int c = outputs;
        double s = 0;
        for (int i = 0; i < rows; i++) {
            int b = i * c;
            double max = z[b];
            for (int o = 1; o < c; o++) {
                max = Math.max(max, z[b + o]);
            }
            double e = 0;
            for (int o = 0; o < c; o++) {
                e += Math.exp(z[b + o] - max);
            }
            s += max + Math.log(e) - z[b + classes[i]];
        }
        return s;
    }

    @Override
    double sumAndDerivative(double[] z, double scale, double[] rOut) {
        int c = outputs;
        double s = 0;
        for (int i = 0; i < rows; i++) {
            int b = i * c;
            double max = z[b];
            for (int o = 1; o < c; o++) {
                max = Math.max(max, z[b + o]);
            }
            double e = 0;
            for (int o = 0; o < c; o++) {
                double v = Math.exp(z[b + o] - max);
                rOut[b + o] = v;
                e += v;
            }
            s += max + Math.log(e) - z[b + classes[i]];
            double f = scale / e;
            for (int o = 0; o < c; o++) {
                rOut[b + o] *= f;
            }
            rOut[b + classes[i]] -= scale;
        }
        return s;
    }

    /** Writes softmax(z[b … b+c)) into out[ob … ob+c). */
    private void probabilities(double[] z, int b, double[] out, int ob) {
        int c = outputs;
        double max = z[b];
        for (int o = 1; o < c; o++) {
            max = Math.max(max, z[b + o]);
        }
        double e = 0;
        for (int o = 0; o < c; o++) {
            double v = Math.exp(z[b + o] - max);
            out[ob + o] = v;
            e += v;
        }
        double inv = 1 / e;
        for (int o = 0; o < c; o++) {
            out[ob + o] *= inv;
        }
    }

    @Override
    void hessianTimes(double[] z, double[] v, double scale, double[] out) {
        int c = outputs;
        for (int i = 0; i < rows; i++) {
            int b = i * c;
            probabilities(z, b, out, b);
            double pv = 0;
            for (int o = 0; o < c; o++) {
                pv += out[b + o] * v[b + o];
            }
            for (int o = 0; o < c; o++) {
                out[b + o] = scale * out[b + o] * (v[b + o] - pv);
            }
        }
    }

    @Override
    int workLength(int k) {
        return outputs + k * outputs;
    }

    @Override
    void addCurvature(double[] z, double[] a, int k, double scale, double[] work, double[] hessOut) {
        int c = outputs;
        for (int i = 0; i < rows; i++) {
            probabilities(z, i * c, work, 0);
            addRowCurvature(i, a, k, scale, work, hessOut);
        }
    }

    @Override
    double sumDerivativeAndCurvature(double[] z, double scale, double[] rOut, double[] a, int k, double[] work,
                                     double[] hessOut) {
        int c = outputs;
        double s = 0;
        for (int i = 0; i < rows; i++) {
            int b = i * c;
            double max = z[b];
            for (int o = 1; o < c; o++) {
                max = Math.max(max, z[b + o]);
            }
            double e = 0;
            for (int o = 0; o < c; o++) {
                double v = Math.exp(z[b + o] - max);
                work[o] = v;
                e += v;
            }
            int yi = classes[i];
            s += max + Math.log(e) - z[b + yi];
            double inv = 1 / e;
            for (int o = 0; o < c; o++) {
                double p = work[o] * inv;
                work[o] = p;
                rOut[b + o] = scale * p;
            }
            rOut[b + yi] -= scale;
            addRowCurvature(i, a, k, scale, work, hessOut);
        }
        return s;
    }

    /**
     * hessOut[j·k + l] += scale·Σₒ pₒ (Aⱼ[i,o] − uⱼ)(Aₗ[i,o] − uₗ) for row i, with p in
     * work[0, c); work[c, c + k·c) receives the centered rows.
     */
    private void addRowCurvature(int i, double[] a, int k, double scale, double[] work, double[] hessOut) {
        int c = outputs;
        int ab = i * k * c;
        for (int j = 0; j < k; j++) {
            int aj = ab + j * c;
            double u = 0;
            for (int o = 0; o < c; o++) {
                u += work[o] * a[aj + o];
            }
            int cj = c + j * c;
            for (int o = 0; o < c; o++) {
                work[cj + o] = a[aj + o] - u;
            }
        }
        for (int j = 0; j < k; j++) {
            int cj = c + j * c;
            int hj = j * k;
            for (int l = j; l < k; l++) {
                int cl = c + l * c;
                double s = 0;
                for (int o = 0; o < c; o++) {
                    s += work[o] * work[cj + o] * work[cl + o];
                }
                hessOut[hj + l] += scale * s;
            }
        }
    }
}
