package org.planesearch.models.linear;

/**
 * Multinomial logistic (softmax cross-entropy) loss over c classes, row zᵢ ∈ ℝᶜ, class yᵢ:
 * ℓ = log Σₒ exp(zᵢₒ) − zᵢ,yᵢ, ∇ℓ = pᵢ − e_{yᵢ}, ∇²ℓ = diag(pᵢ) − pᵢpᵢᵀ with pᵢ = softmax(zᵢ),
 * computed as the log-sum-exp ℓ = log Σₒ exp(zᵢₒ − zᵢ,yᵢ), shifted by the label's score, and by
 * the row maximum in the rows where a score exceeds the label's by about 690 or more: no overflow
 * and no underflow of the sum for any finite z (see the comment above the kernels). The
 * exponentials are computed in blocks by {@link Exp}.
 *
 * <p>Subspace derivatives without forming c×c matrices, from the probabilities alone: with the
 * image rows taken relative to the label's entry, dⱼₒ = Aⱼ[i,o] − Aⱼ[i,yᵢ],
 * <pre>
 *   ⟨Aⱼ[i,:], pᵢ − e_{yᵢ}⟩ = mⱼ = Σₒ pₒ dⱼₒ
 *   Aⱼ[i,:](diag(pᵢ) − pᵢpᵢᵀ)Aₗ[i,:]ᵀ = Σₒ pₒ dⱼₒ dₗₒ − mⱼ mₗ
 * </pre>
 * (the covariance under pᵢ is unchanged by the shift). One loop over the c classes gives the
 * row's gradient and Hessian entries. The shift keeps the subtraction benign in the common case:
 * when pᵢ concentrates on the label, every term with weight near 1 has dⱼₒ = 0, so both sides
 * are O(1 − p_y) and nothing cancels (when it concentrates on another class the row's entries
 * carry an absolute error of about ε·max dⱼₒ², as the unshifted form does). The curvature data cached per row are the probabilities
 * pᵢ; a trial never writes the residual r = scale·(p − e_y), {@link #residual} derives it once
 * the trial is accepted.
 *
 * <p>Per row, a trial with derivatives costs c·k multiply-adds for the scores, c exponentials and
 * one logarithm, and about c(2k + 3k(k + 1)/2) flops for the derivatives; at t = 0 from the
 * cache, the derivatives alone.
 *
 * <p>Reference: Bishop (2006), Pattern Recognition and Machine Learning, §4.3.4, eq. (4.109)–(4.110).
 */
final class SoftmaxLoss extends RowLoss {

    /** Above this, Σₒ exp(zₒ − z_y) is recomputed with the row maximum (no overflow). */
    private static final double SUM_LIMIT = 1e300;

    /** The classes yᵢ ∈ [0, c) (length n); owned, never modified. */
    final int[] classes;
    /** R, rows per block: about 512 scores, at most 64 rows. */
    private final int blockRows;

    SoftmaxLoss(int[] classes, int classCount) {
        super(classes.length, classCount);
        this.classes = classes;
        this.blockRows = Math.max(1, Math.min(64, 512 / classCount));
    }

    /*
     * The kernels run in blocks of R rows, in stages, so that each stage is a loop of
     * independent work: (1) the block's shifted trial scores zᵢₒ(t) − zᵢ,yᵢ(t); (2) their
     * exponentials, all at once (Exp.inPlace, vector code); (3) per row u = Σₒ exp(…) ≥ 1 (the
     * label's term is exactly 1); (4) the logarithms: ℓᵢ = log uᵢ. Shifting by the label's score
     * instead of the row maximum gives the same ℓ without the maximum's serial chain: no term
     * can underflow the sum (u ≥ 1), and a row where some score exceeds the label's by more than
     * about 690 (u > SUM_LIMIT, or a NaN) is recomputed with the maximum, ℓ = (M − z_y) + log Σ
     * exp(zₒ − M). Then, with derivatives, (5) pᵢ = exp(…)/uᵢ and (6) the derivatives from p
     * while the block is in L1.
     *
     * Scratch: values[0, Rc) the block's exponentials; work[0, Rc) their workspace,
     * [Rc, Rc + R) the sums u, [Rc + R, Rc + 2R) the rows' offsets M − z_y (0 unless
     * recomputed), [Rc + 2R, Rc + 2R + c) one row's scores, then mⱼ for general k.
     */

    @Override
    Scratch newScratch(int k) {
        int rc = blockRows * outputs;
        return new Scratch(rc, rc + 2 * blockRows + outputs + Math.max(1, k), 0, 0);
    }

    /** Writes zᵢₒ(t) − zᵢ,yᵢ(t) (a null: at z) for rows [b0, b1) into dst[at + (i − b0)·c + o]. */
    private void shiftedScores(double[] z, double[][] a, int k, double[] t, int b0, int b1, double[] dst, int at) {
        int c = outputs;
        for (int i = b0; i < b1; i++) {
            int b = i * c;
            int d = at + (i - b0) * c;
            int y = b + classes[i];
            if (a == null) {
                double zy = z[y];
                for (int o = 0; o < c; o++) {
                    dst[d + o] = z[b + o] - zy;
                }
            } else if (k == 1) {
                double t0 = t[0];
                double[] a0 = a[0];
                double zy = z[y] + t0 * a0[y];
                for (int o = 0; o < c; o++) {
                    dst[d + o] = (z[b + o] + t0 * a0[b + o]) - zy;
                }
            } else if (k == 2) {
                double t0 = t[0];
                double t1 = t[1];
                double[] a0 = a[0];
                double[] a1 = a[1];
                double zy = z[y] + (t0 * a0[y] + t1 * a1[y]);
                for (int o = 0; o < c; o++) {
                    dst[d + o] = (z[b + o] + (t0 * a0[b + o] + t1 * a1[b + o])) - zy;
                }
            } else {
                double zy = z[y] + image(a, y, k, t);
                for (int o = 0; o < c; o++) {
                    dst[d + o] = (z[b + o] + image(a, b + o, k, t)) - zy;
                }
            }
        }
    }

    /** Writes zᵢ(t) (a null: zᵢ) into dst[at, at + c); k = 1 and 2 as in {@link #shiftedScores}. */
    private void scores(double[] z, double[][] a, int k, double[] t, int i, double[] dst, int at) {
        int c = outputs;
        int b = i * c;
        for (int o = 0; o < c; o++) {
            double v;
            if (a == null) {
                v = z[b + o];
            } else if (k == 1) {
                v = z[b + o] + t[0] * a[0][b + o];
            } else if (k == 2) {
                v = z[b + o] + (t[0] * a[0][b + o] + t[1] * a[1][b + o]);
            } else {
                v = z[b + o] + image(a, b + o, k, t);
            }
            dst[at + o] = v;
        }
    }

    /**
     * Stages 1–4 for rows [b0, b1): leaves exp(zᵢₒ − shiftᵢ) in scratch.values[(i − b0)·c + o]
     * and uᵢ in scratch.work, and returns s + Σᵢ ℓᵢ, added in row order.
     */
    private double logSums(double[] z, double[][] a, int k, double[] t, int b0, int b1, Scratch scratch,
                           double s) {
        int c = outputs;
        int n = b1 - b0;
        int sumAt = blockRows * c;
        int offsetAt = sumAt + blockRows;
        int rowAt = offsetAt + blockRows;
        double[] ex = scratch.values;
        double[] work = scratch.work;
        shiftedScores(z, a, k, t, b0, b1, ex, 0);
        Exp.inPlace(ex, n * c, work);
        for (int q = 0; q < n; q++) {
            int d = q * c;
            double u = 0;
            for (int o = 0; o < c; o++) {
                u += ex[d + o];
            }
            double offset = 0;
            if (!(u <= SUM_LIMIT)) {
                // some score exceeds the label's by ~690 or more, or a NaN: shift by the maximum
                int i = b0 + q;
                scores(z, a, k, t, i, work, rowAt);
                double max = work[rowAt];
                for (int o = 1; o < c; o++) {
                    max = Math.max(max, work[rowAt + o]);
                }
                u = 0;
                for (int o = 0; o < c; o++) {
                    double v = Exp.of(work[rowAt + o] - max);
                    ex[d + o] = v;
                    u += v;
                }
                offset = max - work[rowAt + classes[i]];
            }
            work[sumAt + q] = u;
            work[offsetAt + q] = offset;
        }
        for (int q = 0; q < n; q++) {
            s += work[offsetAt + q] + Math.log(work[sumAt + q]);
        }
        return s;
    }

    @Override
    double sum(double[] z, double[][] a, int k, double[] t, int from, int to, Scratch scratch) {
        double s = 0;
        for (int b0 = from; b0 < to; b0 += blockRows) {
            int b1 = Math.min(to, b0 + blockRows);
            s = logSums(z, a, k, t, b0, b1, scratch, s);
        }
        return s;
    }

    @Override
    double derivatives(double[] z, double[][] a, int k, double[] t, double scale, int from, int to,
                       double[] rOut, double[] curvOut, boolean hessian, double[] acc, Scratch scratch) {
        int c = outputs;
        int sumAt = blockRows * c;
        double[] ex = scratch.values;
        double[] work = scratch.work;
        double s = 0;
        for (int b0 = from; b0 < to; b0 += blockRows) {
            int b1 = Math.min(to, b0 + blockRows);
            s = logSums(z, a, k, t, b0, b1, scratch, s);
            for (int i = b0; i < b1; i++) {
                int b = i * c;
                int d = (i - b0) * c;
                double inv = 1 / work[sumAt + i - b0];
                for (int o = 0; o < c; o++) {
                    curvOut[b + o] = ex[d + o] * inv;
                }
            }
            // the block's probabilities and images are still in L1
            if (a == null) {
                residual(curvOut, rOut, scale, b0, b1, acc);
            } else {
                derivativesFromCache(a, k, null, curvOut, scale, hessian, b0, b1, acc, scratch);
            }
        }
        return s;
    }

    @Override
    void residual(double[] curv, double[] r, double scale, int from, int to, double[] sums) {
        int c = outputs;
        for (int i = from; i < to; i++) {
            int b = i * c;
            for (int o = 0; o < c; o++) {
                double v = scale * curv[b + o];
                r[b + o] = v;
                sums[o] += v;
            }
            int y = b + classes[i];
            r[y] -= scale;
            sums[classes[i]] -= scale;
        }
    }

    /** Reads the probabilities only: r is not needed (m = Σ p·d is ⟨A, p − e_y⟩). */
    @Override
    void derivativesFromCache(double[][] a, int k, double[] r, double[] curv, double scale, boolean hessian,
                              int from, int to, double[] acc, Scratch scratch) {
        int c = outputs;
        if (k == 1) {
            double[] a0 = a[0];
            double g0 = 0;
            double h00 = 0;
            for (int i = from; i < to; i++) {
                int b = i * c;
                double y0 = a0[b + classes[i]];
                double m0 = 0;
                double s00 = 0;
                for (int o = 0; o < c; o++) {
                    double d0 = a0[b + o] - y0;
                    double pd0 = curv[b + o] * d0;
                    m0 += pd0;
                    s00 += pd0 * d0;
                }
                g0 += m0;
                h00 += s00 - m0 * m0;
            }
            acc[0] += scale * g0;
            if (hessian) {
                acc[1] += scale * h00;
            }
        } else if (k == 2) {
            double[] a0 = a[0];
            double[] a1 = a[1];
            double g0 = 0;
            double g1 = 0;
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            for (int i = from; i < to; i++) {
                int b = i * c;
                int y = classes[i];
                double y0 = a0[b + y];
                double y1 = a1[b + y];
                double m0 = 0;
                double m1 = 0;
                double s00 = 0;
                double s01 = 0;
                double s11 = 0;
                for (int o = 0; o < c; o++) {
                    double p = curv[b + o];
                    double d0 = a0[b + o] - y0;
                    double d1 = a1[b + o] - y1;
                    double pd0 = p * d0;
                    double pd1 = p * d1;
                    m0 += pd0;
                    m1 += pd1;
                    s00 += pd0 * d0;
                    s01 += pd0 * d1;
                    s11 += pd1 * d1;
                }
                g0 += m0;
                g1 += m1;
                h00 += s00 - m0 * m0;
                h01 += s01 - m0 * m1;
                h11 += s11 - m1 * m1;
            }
            acc[0] += scale * g0;
            acc[1] += scale * g1;
            if (hessian) {
                acc[2] += scale * h00;
                acc[3] += scale * h01;
                acc[5] += scale * h11;
            }
        } else {
            for (int i = from; i < to; i++) {
                addRow(a, k, curv, scale, hessian, i, acc, scratch.work);
            }
        }
    }

    /** Any k: row i's gradient entries into acc[0, k), and its Hessian's upper triangle when asked. */
    private void addRow(double[][] a, int k, double[] p, double scale, boolean hessian, int i, double[] acc,
                        double[] work) {
        int c = outputs;
        int b = i * c;
        int y = classes[i];
        int mAt = blockRows * c + 2 * blockRows + c;   // mⱼ (see the scratch layout)
        for (int j = 0; j < k; j++) {
            double[] aj = a[j];
            double yj = aj[b + y];
            double m = 0;
            for (int o = 0; o < c; o++) {
                m += p[b + o] * (aj[b + o] - yj);
            }
            work[mAt + j] = m;
            acc[j] += scale * m;
        }
        if (!hessian) {
            return;
        }
        for (int j = 0; j < k; j++) {
            double[] aj = a[j];
            double yj = aj[b + y];
            double mj = work[mAt + j];
            for (int l = j; l < k; l++) {
                double[] al = a[l];
                double yl = al[b + y];
                double sjl = 0;
                for (int o = 0; o < c; o++) {
                    sjl += p[b + o] * (aj[b + o] - yj) * (al[b + o] - yl);
                }
                acc[k + j * k + l] += scale * (sjl - mj * work[mAt + l]);
            }
        }
    }

    @Override
    void hessianTimes(double[] z, double[] v, double scale, double[] out) {
        int c = outputs;
        for (int i = 0; i < rows; i++) {
            int b = i * c;
            double max = z[b];
            for (int o = 1; o < c; o++) {
                max = Math.max(max, z[b + o]);
            }
            double e = 0;
            for (int o = 0; o < c; o++) {
                double x = Math.exp(z[b + o] - max);
                out[b + o] = x;
                e += x;
            }
            double inv = 1 / e;
            double pv = 0;
            for (int o = 0; o < c; o++) {
                out[b + o] *= inv;
                pv += out[b + o] * v[b + o];
            }
            for (int o = 0; o < c; o++) {
                out[b + o] = scale * out[b + o] * (v[b + o] - pv);
            }
        }
    }
}
