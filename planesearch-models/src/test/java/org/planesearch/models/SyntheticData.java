package org.planesearch.models;

import java.util.SplittableRandom;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.models.linear.LossKind;

/**
 * Seeded random data for model tests: dense N(0, 1) or CSR matrices, and labels for every
 * {@link LossKind} drawn from a random "true" linear model plus noise (so that classification
 * data is not separable and regression data has outliers on both pieces of Huber's loss).
 */
public final class SyntheticData {

    private SyntheticData() {
    }

    /** A random n×d matrix: N(0,1) entries, or CSR with about 40% non-zeros (each row has ≥ 1). */
    public static DataMatrix matrix(SplittableRandom rng, int n, int d, boolean sparse) {
        if (!sparse) {
            double[] a = new double[n * d];
            for (int i = 0; i < a.length; i++) {
                a[i] = gaussian(rng);
            }
            return Matrices.dense(n, d, a);
        }
        int[] rowPtr = new int[n + 1];
        int[] colIdx = new int[n * d];
        double[] values = new double[n * d];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            int forced = rng.nextInt(d);
            for (int j = 0; j < d; j++) {
                if (j == forced || rng.nextDouble() < 0.4) {
                    colIdx[nnz] = j;
                    values[nnz] = 1.5 * gaussian(rng);
                    nnz++;
                }
            }
            rowPtr[i + 1] = nnz;
        }
        return Matrices.csr(n, d, rowPtr, java.util.Arrays.copyOf(colIdx, nnz), java.util.Arrays.copyOf(values, nnz));
    }

    /** A standard normal draw (Box–Muller). */
    public static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** n independent N(0, scale²) draws. */
    public static double[] gaussianVector(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * gaussian(rng);
        }
        return v;
    }

    /**
     * Labels from a random linear model z = X·W plus noise: ±1 (logistic noise) for binary kinds,
     * argmax with Gumbel noise over {@code classes} classes for softmax (as doubles 0 … c−1),
     * z + 0.5 + noise for regression (N(0, 0.7²), and N(0, 6²) for 20% of the rows).
     */
    public static double[] labels(LossKind kind, DataMatrix x, int classes, SplittableRandom rng) {
        int n = x.rows();
        int c = kind == LossKind.SOFTMAX ? classes : 1;
        double[] w = gaussianVector(rng, x.cols() * c, 1.0);
        double[] z = new double[n * c];
        if (c == 1) {
            x.multiply(w, z);
        } else {
            x.multiply(w, c, z);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case LOGISTIC, SMOOTHED_HINGE -> {
                    double u = rng.nextDouble();
                    y[i] = z[i] + Math.log(u / (1 - u)) >= 0 ? 1 : -1;
                }
                case SOFTMAX -> {
                    int best = 0;
                    double bestV = Double.NEGATIVE_INFINITY;
                    for (int o = 0; o < c; o++) {
                        double v = z[i * c + o] - Math.log(-Math.log(rng.nextDouble()));
                        if (v > bestV) {
                            bestV = v;
                            best = o;
                        }
                    }
                    y[i] = best;
                }
                default -> y[i] = z[i] + 0.5 + gaussian(rng) * (rng.nextDouble() < 0.2 ? 6 : 0.7);
            }
        }
        return y;
    }
}
