package org.planesearch.data.synthetic;

import java.util.List;
import java.util.SplittableRandom;
import org.planesearch.core.linalg.DenseMatrixBuilder;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.data.Dataset;
import org.planesearch.data.Labels;
import org.planesearch.data.Storage;

/**
 * Seeded synthetic classification data, for measurements at sizes no bundled or fetchable set
 * has: features xᵢⱼ ~ N(0, 1) (dense), a true weight vector w* ~ N(0, 1/d) and a true intercept
 * b* = 0.5, and labels drawn from the logistic model P(y = +1 | x) = σ(x·w* + b*), so the data
 * is realistic for logistic regression (the classes overlap, the optimum is finite).
 *
 * <p>The same (n, d, seed) gives the same data, bit for bit, on every machine. Rows are filled
 * straight into the matrix's storage (native memory for the native backend), so a 10⁶ × 100
 * float64 set costs 800 MB once.
 */
public final class SyntheticClassification {

    private SyntheticClassification() {
    }

    /**
     * A binary (±1) logistic dataset, n × d, dense, float64 or float32 storage.
     *
     * @throws IllegalArgumentException for n &lt; 1 or d &lt; 1
     */
    public static Dataset logistic(int n, int d, long seed, boolean float32) {
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("synthetic data needs n >= 1 and d >= 1, got " + n + " x " + d);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[d];
        double scale = 1 / Math.sqrt(d);
        for (int j = 0; j < d; j++) {
            w[j] = scale * gaussian(rng);
        }
        double[] y = new double[n];
        double[] row = new double[d];
        try (DenseMatrixBuilder b = Matrices.denseBuilder(n, d, float32)) {
            for (int i = 0; i < n; i++) {
                double z = 0.5;
                for (int j = 0; j < d; j++) {
                    row[j] = gaussian(rng);
                    z += row[j] * w[j];
                }
                b.setRow(i, row);
                y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
            }
            String name = "synthetic-logistic-" + n + "x" + d + "-seed" + seed;
            return new Dataset(name, b.build(), float32 ? Storage.DENSE_FLOAT : Storage.DENSE,
                    Labels.numeric(name, y, null), List.of());
        }
    }

    /** A standard normal draw (Box–Muller on two uniforms; deterministic for the generator). */
    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
