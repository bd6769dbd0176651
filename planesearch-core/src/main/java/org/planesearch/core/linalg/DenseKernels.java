package org.planesearch.core.linalg;

/**
 * The pure-Java dense kernels over a row range [i0, i1) of a row-major n×d matrix A held in a
 * {@code double[]} or a {@code float[]} (float entries are widened; all arithmetic is float64).
 * Arguments are trusted: the callers ({@link JavaDenseMatrix}, {@link JavaFloatMatrix}) checked
 * them.
 *
 * <p>How they are fast without SIMD intrinsics (Java 17 has no stable Vector API):
 * <ul>
 *   <li>A·v walks four rows at once: four independent dot-product chains hide the add latency
 *       and v[j] is loaded once for four rows. Each row is still summed left to right, exactly as
 *       a single row would be, so a row's value does not depend on how rows were grouped.</li>
 *   <li>Aᵀr adds four scaled rows per sweep, g[j] += (a₀ⱼr₀ + a₁ⱼr₁) + (a₂ⱼr₂ + a₃ⱼr₃): a loop
 *       without a reduction, which HotSpot's superword pass vectorises, and g is read and written
 *       once per four rows.</li>
 *   <li>A·M and AᵀR (k columns) reuse the two shapes with Mᵀ (k×d) and a k×d accumulator, so every
 *       inner loop runs over contiguous j; the four current rows stay in L1 across the k columns,
 *       so A is read from memory once.</li>
 * </ul>
 * Measured on our machine (60,000×784 and 1,000,000×100 float64): about 15 GB/s for A·v and Aᵀr
 * on one core, 23–31 GB/s on two ({@code docs/BENCHMARKS.md} §1).
 *
 * <p>Stateless and thread-safe.
 */
final class DenseKernels {

    private DenseKernels() {
    }

    // ---------------------------------------------------------------- float64 storage

    /** out[i] = Σⱼ a[i·d + j]·v[j] for i in [i0, i1), each row summed left to right. */
    static void multiplyRows(double[] a, int cols, int i0, int i1, double[] v, double[] out) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int b0 = i * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < cols; j++) {
                double vj = v[j];
                s0 += a[b0 + j] * vj;
                s1 += a[b1 + j] * vj;
                s2 += a[b2 + j] * vj;
                s3 += a[b3 + j] * vj;
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < i1; i++) {
            int b = i * cols;
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += a[b + j] * v[j];
            }
            out[i] = s;
        }
    }

    /** g[0, d) = Σ_{i0 ≤ i &lt; i1} r[i]·aᵢ (g overwritten). */
    static void multiplyTransposedRows(double[] a, int cols, int i0, int i1, double[] r, double[] g) {
        java.util.Arrays.fill(g, 0, cols, 0.0);
        accumulateTransposed(a, cols, i0, i1, r, 1, 0, g, 0);
    }

    /**
     * out[i·k + c] = Σⱼ a[i·d + j]·mt[c·d + j] for i in [i0, i1), c &lt; k, where mt = Mᵀ (k×d
     * row-major); each entry summed left to right.
     */
    static void multiplyRows(double[] a, int cols, int i0, int i1, double[] mt, int k, double[] out) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int b0 = i * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            for (int c = 0; c < k; c++) {
                int mb = c * cols;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int j = 0; j < cols; j++) {
                    double mj = mt[mb + j];
                    s0 += a[b0 + j] * mj;
                    s1 += a[b1 + j] * mj;
                    s2 += a[b2 + j] * mj;
                    s3 += a[b3 + j] * mj;
                }
                out[i * k + c] = s0;
                out[(i + 1) * k + c] = s1;
                out[(i + 2) * k + c] = s2;
                out[(i + 3) * k + c] = s3;
            }
        }
        for (; i < i1; i++) {
            int b = i * cols;
            for (int c = 0; c < k; c++) {
                int mb = c * cols;
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += a[b + j] * mt[mb + j];
                }
                out[i * k + c] = s;
            }
        }
    }

    /**
     * gt[c·d + j] = Σ_{i0 ≤ i &lt; i1} a[i·d + j]·r[i·k + c] for c &lt; k (gt = Gᵀ, k×d,
     * overwritten).
     */
    static void multiplyTransposedRows(double[] a, int cols, int i0, int i1, double[] r, int k, double[] gt) {
        java.util.Arrays.fill(gt, 0, cols * k, 0.0);
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            for (int c = 0; c < k; c++) {
                accumulateTransposed(a, cols, i, i + 4, r, k, c, gt, c * cols);
            }
        }
        for (; i < i1; i++) {
            for (int c = 0; c < k; c++) {
                accumulateTransposed(a, cols, i, i + 1, r, k, c, gt, c * cols);
            }
        }
    }

    /** g[go + j] += Σᵢ a[i·d + j]·r[i·stride + rc], four rows per sweep. */
    private static void accumulateTransposed(double[] a, int cols, int i0, int i1, double[] r, int stride, int rc,
            double[] g, int go) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int b0 = i * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            double r0 = r[i * stride + rc];
            double r1 = r[(i + 1) * stride + rc];
            double r2 = r[(i + 2) * stride + rc];
            double r3 = r[(i + 3) * stride + rc];
            for (int j = 0; j < cols; j++) {
                g[go + j] += (a[b0 + j] * r0 + a[b1 + j] * r1) + (a[b2 + j] * r2 + a[b3 + j] * r3);
            }
        }
        for (; i < i1; i++) {
            int b = i * cols;
            double ri = r[i * stride + rc];
            for (int j = 0; j < cols; j++) {
                g[go + j] += a[b + j] * ri;
            }
        }
    }

    // ---------------------------------------------------------------- float32 storage

    /** As {@link #multiplyRows(double[], int, int, int, double[], double[])}, float entries. */
    static void multiplyRows(float[] a, int cols, int i0, int i1, double[] v, double[] out) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int b0 = i * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < cols; j++) {
                double vj = v[j];
                s0 += a[b0 + j] * vj;
                s1 += a[b1 + j] * vj;
                s2 += a[b2 + j] * vj;
                s3 += a[b3 + j] * vj;
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < i1; i++) {
            int b = i * cols;
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += a[b + j] * v[j];
            }
            out[i] = s;
        }
    }

    /** As {@link #multiplyTransposedRows(double[], int, int, int, double[], double[])}, float entries. */
    static void multiplyTransposedRows(float[] a, int cols, int i0, int i1, double[] r, double[] g) {
        java.util.Arrays.fill(g, 0, cols, 0.0);
        accumulateTransposed(a, cols, i0, i1, r, 1, 0, g, 0);
    }

    /** As {@link #multiplyRows(double[], int, int, int, double[], int, double[])}, float entries. */
    static void multiplyRows(float[] a, int cols, int i0, int i1, double[] mt, int k, double[] out) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int b0 = i * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            for (int c = 0; c < k; c++) {
                int mb = c * cols;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int j = 0; j < cols; j++) {
                    double mj = mt[mb + j];
                    s0 += a[b0 + j] * mj;
                    s1 += a[b1 + j] * mj;
                    s2 += a[b2 + j] * mj;
                    s3 += a[b3 + j] * mj;
                }
                out[i * k + c] = s0;
                out[(i + 1) * k + c] = s1;
                out[(i + 2) * k + c] = s2;
                out[(i + 3) * k + c] = s3;
            }
        }
        for (; i < i1; i++) {
            int b = i * cols;
            for (int c = 0; c < k; c++) {
                int mb = c * cols;
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += a[b + j] * mt[mb + j];
                }
                out[i * k + c] = s;
            }
        }
    }

    /** As {@link #multiplyTransposedRows(double[], int, int, int, double[], int, double[])}, float entries. */
    static void multiplyTransposedRows(float[] a, int cols, int i0, int i1, double[] r, int k, double[] gt) {
        java.util.Arrays.fill(gt, 0, cols * k, 0.0);
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            for (int c = 0; c < k; c++) {
                accumulateTransposed(a, cols, i, i + 4, r, k, c, gt, c * cols);
            }
        }
        for (; i < i1; i++) {
            for (int c = 0; c < k; c++) {
                accumulateTransposed(a, cols, i, i + 1, r, k, c, gt, c * cols);
            }
        }
    }

    private static void accumulateTransposed(float[] a, int cols, int i0, int i1, double[] r, int stride, int rc,
            double[] g, int go) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int b0 = i * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            double r0 = r[i * stride + rc];
            double r1 = r[(i + 1) * stride + rc];
            double r2 = r[(i + 2) * stride + rc];
            double r3 = r[(i + 3) * stride + rc];
            for (int j = 0; j < cols; j++) {
                g[go + j] += (a[b0 + j] * r0 + a[b1 + j] * r1) + (a[b2 + j] * r2 + a[b3 + j] * r3);
            }
        }
        for (; i < i1; i++) {
            int b = i * cols;
            double ri = r[i * stride + rc];
            for (int j = 0; j < cols; j++) {
                g[go + j] += a[b + j] * ri;
            }
        }
    }

    // ---------------------------------------------------------------- layout helpers

    /** dst (cols×rows) = srcᵀ for src rows×cols, both row-major. src: not modified. dst: modified. */
    static void transpose(double[] src, int rows, int cols, double[] dst) {
        for (int i = 0; i < rows; i++) {
            int b = i * cols;
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] = src[b + j];
            }
        }
    }
}
