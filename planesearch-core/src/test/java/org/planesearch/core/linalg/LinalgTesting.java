package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/**
 * Random matrices and the textbook products (plain triple loops, each entry summed left to right)
 * that the fast implementations are compared with, plus the error measure: an entry's error is
 * judged against Σ|terms| of its sum, the scale its rounding error lives on.
 */
final class LinalgTesting {
    private LinalgTesting() {
    }

    static double[] gaussian(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    static double[] uniform(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble();
        }
        return x;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** out (n×k) = A·M and scale (n×k) = |A|·|M|. */
    static void reference(double[] a, int n, int d, double[] m, int k, double[] out, double[] scale) {
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                double t = 0;
                for (int j = 0; j < d; j++) {
                    s += a[i * d + j] * m[j * k + c];
                    t += Math.abs(a[i * d + j] * m[j * k + c]);
                }
                out[i * k + c] = s;
                scale[i * k + c] = t;
            }
        }
    }

    /** out (d×k) = Aᵀ·R and scale (d×k) = |A|ᵀ·|R|. */
    static void referenceTransposed(double[] a, int n, int d, double[] r, int k, double[] out, double[] scale) {
        java.util.Arrays.fill(out, 0, d * k, 0);
        java.util.Arrays.fill(scale, 0, d * k, 0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                for (int c = 0; c < k; c++) {
                    out[j * k + c] += a[i * d + j] * r[i * k + c];
                    scale[j * k + c] += Math.abs(a[i * d + j] * r[i * k + c]);
                }
            }
        }
    }

    /** Largest |actual − expected| / (scale + tiny) over the first n entries. */
    static double maxScaledError(double[] actual, double[] expected, double[] scale, int n) {
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs(actual[i] - expected[i]) / (scale[i] + Double.MIN_NORMAL);
            if (!(e <= worst)) {
                worst = e;
            }
        }
        return worst;
    }

    static void assertClose(double[] actual, double[] expected, double[] scale, int n, double tolerance, String what) {
        double e = maxScaledError(actual, expected, scale, n);
        if (!(e <= tolerance)) {
            fail(what + ": scaled error " + e + " exceeds " + tolerance);
        }
    }

    static void assertSameBits(double[] x, double[] y, String what) {
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                fail(what + ": entry " + i + " differs: " + x[i] + " vs " + y[i]);
            }
        }
    }
}
