package org.planesearch.models.linear;

/**
 * A {@link RowLoss} with one score per example (c = 1) and a scalar label: logistic, least
 * squares, Huber, smoothed hinge. Subclasses give ℓ, ℓ' and ℓ'' as loops over a block of rows;
 * the kernels are shared here and run in blocks of {@link #BLOCK} rows: the block's trial scores
 * into scratch, then the subclass's loop (loss, r and ℓ'' written in place), then the gradient
 * entries Σᵢ aᵢⱼ rᵢ and the curvature Σᵢ ℓ''ᵢ aᵢⱼ aᵢₗ while the block is still in L1. A trial
 * writes r as well as ℓ'' (both are needed and neither is cheap to derive from the other), so
 * {@link #residual} only adds r up. The curvature data cached per row are the ℓ''ᵢ.
 *
 * <p>Scratch: values, work and extra are the subclass's (see
 * {@link #sum(double[], int, int, int, double, RowLoss.Scratch)}); scores holds the block's trial
 * scores (an array of its own: a loop that reads one array at an offset and writes another
 * array is vectorized, one that writes and reads the same array at two offsets is not).
 */
abstract class ScalarLoss extends RowLoss {

    /** Rows per block: the block's scores, work, r and ℓ'' stay in L1 (4 × 2 KiB). */
    static final int BLOCK = 256;

    /** The labels y (length n); owned, never modified. */
    final double[] y;

    ScalarLoss(double[] y) {
        super(y.length, 1);
        this.y = y;
    }

    /**
     * Returns s + Σ_{i ∈ [from, to)} ℓ(zᵢ, yᵢ), added in a fixed order, with the score of row i at
     * z[i + shift]; to − from ≤ {@link #BLOCK}. z: not modified. scratch: values, work and
     * extra (BLOCK entries each) are the subclass's, modified.
     */
    abstract double sum(double[] z, int shift, int from, int to, double s, Scratch scratch);

    /**
     * As {@link #sum(double[], int, int, int, double, RowLoss.Scratch)} (the same value, to the bit),
     * and writes rOut[i] = scale·ℓ'(zᵢ, yᵢ) and secondOut[i] = ℓ''(zᵢ, yᵢ) for i ∈ [from, to).
     * z: not modified. rOut, secondOut, scratch: modified.
     */
    abstract double derivatives(double[] z, int shift, int from, int to, double scale, double[] rOut,
                                double[] secondOut, double s, Scratch scratch);

    /** Writes ℓ''(zᵢ, yᵢ) into out (length n). z: not modified. out: modified (may not alias z). */
    abstract void secondDerivatives(double[] z, double[] out);

    @Override
    final Scratch newScratch(int k) {
        return new Scratch(BLOCK, BLOCK, BLOCK, BLOCK);
    }

    @Override
    final double sum(double[] z, double[][] a, int k, double[] t, int from, int to, Scratch scratch) {
        double s = 0;
        for (int b0 = from; b0 < to; b0 += BLOCK) {
            int b1 = Math.min(to, b0 + BLOCK);
            if (a == null) {
                s = sum(z, 0, b0, b1, s, scratch);
            } else {
                trialScores(z, a, k, t, b0, b1, scratch.scores);
                s = sum(scratch.scores, -b0, b0, b1, s, scratch);
            }
        }
        return s;
    }

    @Override
    final double derivatives(double[] z, double[][] a, int k, double[] t, double scale, int from, int to,
                             double[] rOut, double[] curvOut, boolean hessian, double[] acc, Scratch scratch) {
        double s = 0;
        for (int b0 = from; b0 < to; b0 += BLOCK) {
            int b1 = Math.min(to, b0 + BLOCK);
            if (a == null) {
                s = derivatives(z, 0, b0, b1, scale, rOut, curvOut, s, scratch);
                residual(curvOut, rOut, scale, b0, b1, acc);
            } else {
                trialScores(z, a, k, t, b0, b1, scratch.scores);
                s = derivatives(scratch.scores, -b0, b0, b1, scale, rOut, curvOut, s, scratch);
                accumulate(a, k, rOut, curvOut, scale, hessian, b0, b1, acc);
            }
        }
        return s;
    }

    /** Adds Σ r block by block from {@code from}, so a range and its blocks give the same bits. */
    @Override
    final void residual(double[] curv, double[] r, double scale, int from, int to, double[] sums) {
        for (int b0 = from; b0 < to; b0 += BLOCK) {
            int b1 = Math.min(to, b0 + BLOCK);
            double s = 0;
            for (int i = b0; i < b1; i++) {
                s += r[i];
            }
            sums[0] += s;
        }
    }

    @Override
    final void derivativesFromCache(double[][] a, int k, double[] r, double[] curv, double scale, boolean hessian,
                                    int from, int to, double[] acc, Scratch scratch) {
        accumulate(a, k, r, curv, scale, hessian, from, to, acc);
    }

    /** scores[i − b0] = zᵢ + Σⱼ tⱼ aᵢⱼ for i ∈ [b0, b1). */
    private static void trialScores(double[] z, double[][] a, int k, double[] t, int b0, int b1, double[] scores) {
        int at = -b0;
        if (k == 1) {
            double t0 = t[0];
            double[] a0 = a[0];
            for (int i = b0; i < b1; i++) {
                scores[at + i] = z[i] + t0 * a0[i];
            }
        } else if (k == 2) {
            double t0 = t[0];
            double t1 = t[1];
            double[] a0 = a[0];
            double[] a1 = a[1];
            for (int i = b0; i < b1; i++) {
                scores[at + i] = z[i] + (t0 * a0[i] + t1 * a1[i]);
            }
        } else {
            for (int i = b0; i < b1; i++) {
                scores[at + i] = z[i] + image(a, i, k, t);
            }
        }
    }

    /**
     * For rows [from, to): acc[j] += Σᵢ aᵢⱼ rᵢ and, when hessian, acc[k + j·k + l] +=
     * scale·Σᵢ ℓ''ᵢ aᵢⱼ aᵢₗ (j ≤ l). For k ≤ 2 even and odd rows are summed separately and then
     * added: two independent chains per entry instead of one (each add waits for the previous
     * one otherwise), a fixed order all the same.
     */
    private static void accumulate(double[][] a, int k, double[] r, double[] second, double scale, boolean hessian,
                                   int from, int to, double[] acc) {
        int last = from + ((to - from) & ~1);
        if (k == 1) {
            double[] a0 = a[0];
            double g = 0;
            double gOdd = 0;
            for (int i = from; i < last; i += 2) {
                g += a0[i] * r[i];
                gOdd += a0[i + 1] * r[i + 1];
            }
            if (last < to) {
                g += a0[last] * r[last];
            }
            acc[0] += g + gOdd;
            if (hessian) {
                double h = 0;
                double hOdd = 0;
                for (int i = from; i < last; i += 2) {
                    double x = a0[i];
                    double xOdd = a0[i + 1];
                    h += second[i] * x * x;
                    hOdd += second[i + 1] * xOdd * xOdd;
                }
                if (last < to) {
                    double x = a0[last];
                    h += second[last] * x * x;
                }
                acc[1] += scale * (h + hOdd);
            }
        } else if (k == 2) {
            double[] a0 = a[0];
            double[] a1 = a[1];
            double g0 = 0;
            double g1 = 0;
            double g0Odd = 0;
            double g1Odd = 0;
            for (int i = from; i < last; i += 2) {
                double ri = r[i];
                double rOdd = r[i + 1];
                g0 += a0[i] * ri;
                g1 += a1[i] * ri;
                g0Odd += a0[i + 1] * rOdd;
                g1Odd += a1[i + 1] * rOdd;
            }
            if (last < to) {
                g0 += a0[last] * r[last];
                g1 += a1[last] * r[last];
            }
            acc[0] += g0 + g0Odd;
            acc[1] += g1 + g1Odd;
            if (hessian) {
                double h00 = 0;
                double h01 = 0;
                double h11 = 0;
                double h00Odd = 0;
                double h01Odd = 0;
                double h11Odd = 0;
                for (int i = from; i < last; i += 2) {
                    double x0 = a0[i];
                    double x1 = a1[i];
                    double w0 = second[i] * x0;
                    h00 += w0 * x0;
                    h01 += w0 * x1;
                    h11 += second[i] * x1 * x1;
                    double y0 = a0[i + 1];
                    double y1 = a1[i + 1];
                    double v0 = second[i + 1] * y0;
                    h00Odd += v0 * y0;
                    h01Odd += v0 * y1;
                    h11Odd += second[i + 1] * y1 * y1;
                }
                if (last < to) {
                    double x0 = a0[last];
                    double x1 = a1[last];
                    double w0 = second[last] * x0;
                    h00 += w0 * x0;
                    h01 += w0 * x1;
                    h11 += second[last] * x1 * x1;
                }
                acc[2] += scale * (h00 + h00Odd);
                acc[3] += scale * (h01 + h01Odd);
                acc[5] += scale * (h11 + h11Odd);
            }
        } else {
            for (int i = from; i < to; i++) {
                double ri = r[i];
                for (int j = 0; j < k; j++) {
                    acc[j] += a[j][i] * ri;
                }
                if (hessian) {
                    double wi = scale * second[i];
                    if (wi != 0) {
                        for (int j = 0; j < k; j++) {
                            double wa = wi * a[j][i];
                            int hj = k + j * k;
                            for (int l = j; l < k; l++) {
                                acc[hj + l] += wa * a[l][i];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    final void hessianTimes(double[] z, double[] v, double scale, double[] out) {
        secondDerivatives(z, out);
        for (int i = 0; i < rows; i++) {
            out[i] *= scale * v[i];
        }
    }
}
