package org.planesearch.core.spectrum;

import java.util.SplittableRandom;

/**
 * The random probe vectors of the stochastic estimators, filled in place from an explicit
 * {@link SplittableRandom}: the same generator state gives the same bits on every run and
 * platform.
 */
final class RandomVectors {

    private RandomVectors() {
    }

    /** out ← independent standard normal entries (Box–Muller, both outputs of each pair used). Modified. */
    static void gaussian(SplittableRandom rng, double[] out) {
        int n = out.length;
        for (int i = 0; i < n; i += 2) {
            double u = rng.nextDouble();
            while (u == 0) {
                u = rng.nextDouble();
            }
            double radius = Math.sqrt(-2 * Math.log(u));
            double angle = 2 * Math.PI * rng.nextDouble();
            out[i] = radius * Math.cos(angle);
            if (i + 1 < n) {
                out[i + 1] = radius * Math.sin(angle);
            }
        }
    }

    /** out ← independent ±1 entries with probability ½ each (64 signs per random long). Modified. */
    static void rademacher(SplittableRandom rng, double[] out) {
        long bits = 0;
        for (int i = 0; i < out.length; i++) {
            if ((i & 63) == 0) {
                bits = rng.nextLong();
            }
            out[i] = ((bits >>> (i & 63)) & 1L) == 0 ? 1.0 : -1.0;
        }
    }
}
