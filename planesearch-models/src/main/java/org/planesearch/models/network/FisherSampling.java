package org.planesearch.models.network;

import java.util.SplittableRandom;

/**
 * Targets drawn from a network's own predictive distribution, for the sampled-Fisher estimate of
 * the Gauss–Newton matrix: for each row i, ŷᵢ ~ p(y | zᵢ) — a class from softmax(zᵢ), a label ±1
 * with P(+1) = s(zᵢ), or zᵢ + N(0, I) for the squared loss (the Gaussian whose negative
 * log-likelihood it is). Then E[∇ℓ(zᵢ, ŷᵢ) ∇ℓ(zᵢ, ŷᵢ)ᵀ] = ∇²ℓ(zᵢ) for all three losses, so
 * (Jᵢᵀ∇ℓ)(Jᵢᵀ∇ℓ)ᵀ is an unbiased one-sample estimate of Jᵢᵀ∇²ℓ Jᵢ. Sequential in the rows
 * (deterministic for a given generator state). Stateless.
 */
final class FisherSampling {

    private FisherSampling() {
    }

    /** Writes sampled targets for the n×c logits z into out (the loss's target layout). z: not modified. */
    static void sample(OutputLoss loss, double[] z, int rows, int outputs, SplittableRandom random, double[] out) {
        switch (loss) {
            case SOFTMAX_CROSS_ENTROPY:
                for (int i = 0; i < rows; i++) {
                    int base = i * outputs;
                    double max = z[base];
                    for (int o = 1; o < outputs; o++) {
                        max = Math.max(max, z[base + o]);
                    }
                    double total = 0;
                    for (int o = 0; o < outputs; o++) {
                        total += Math.exp(z[base + o] - max);
                    }
                    double u = random.nextDouble() * total;
                    int chosen = outputs - 1;
                    double cumulative = 0;
                    for (int o = 0; o < outputs; o++) {
                        cumulative += Math.exp(z[base + o] - max);
                        if (u < cumulative) {
                            chosen = o;
                            break;
                        }
                    }
                    out[i] = chosen;
                }
                break;
            case LOGISTIC:
                for (int i = 0; i < rows; i++) {
                    double zi = z[i];
                    double positive = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
                    out[i] = random.nextDouble() < positive ? 1 : -1;
                }
                break;
            default:
                for (int i = 0, count = rows * outputs; i < count; i++) {
                    out[i] = z[i] + gaussian(random);
                }
                break;
        }
    }

    /** A standard normal draw (Marsaglia's polar method; one of the pair is used). */
    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
