package org.planesearch.spark;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;

/**
 * Test support: one small local Spark session per test class, and seeded random problems for
 * every loss (dense N(0, 1) or CSR data with about 40 % non-zeros, labels from a random linear
 * model plus noise, so classes overlap and the optimum is finite).
 */
public final class SparkTests {

    private SparkTests() {
    }

    /** A local session (no UI, loopback only, few shuffle partitions); stop it in @AfterAll. */
    public static SparkSession session(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("planesearch-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .getOrCreate();
    }

    public static JavaSparkContext context(SparkSession s) {
        return JavaSparkContext.fromSparkContext(s.sparkContext());
    }

    /** A problem: the model, the data and labels in the model's convention. */
    public record Problem(LinearModel model, DataMatrix x, double[] y, boolean sparse) {
        @Override
        public String toString() {
            return model.loss().id() + (model.intercept() ? "+b" : "") + (sparse ? " sparse" : " dense");
        }
    }

    public static Problem problem(LossKind kind, boolean intercept, boolean sparse, int n, int d, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DataMatrix x = matrix(rng, n, d, sparse);
        int c = kind == LossKind.SOFTMAX ? classes : 1;
        double[] w = new double[d * c];
        for (int j = 0; j < w.length; j++) {
            w[j] = gaussian(rng);
        }
        double[] z = new double[n * c];
        if (c == 1) {
            x.multiply(w, z);
        } else {
            x.multiply(w, c, z);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            if (kind == LossKind.SOFTMAX) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int o = 0; o < c; o++) {
                    double g = z[i * c + o] - Math.log(-Math.log(rng.nextDouble() * 0.999 + 0.0005));
                    if (g > bestScore) {
                        bestScore = g;
                        best = o;
                    }
                }
                y[i] = best;
            } else if (kind.isBinary()) {
                y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z[i])) ? 1 : -1;
            } else {
                y[i] = z[i] + 0.5 + 0.7 * gaussian(rng);
            }
        }
        return new Problem(LinearModel.of(kind, d, c, intercept), x, y, sparse);
    }

    static DataMatrix matrix(SplittableRandom rng, int n, int d, boolean sparse) {
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

    public static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** |a − b| / max(|b|, floor). */
    public static double relative(double a, double b, double floor) {
        return Math.abs(a - b) / Math.max(Math.abs(b), floor);
    }
}
