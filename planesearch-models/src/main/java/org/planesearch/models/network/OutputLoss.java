package org.planesearch.models.network;

/**
 * The loss ℓ(z, y) of a network's output row z ∈ ℝᶜ (the logits: the last layer has no
 * activation), as written in model files and on the command line ({@link #id()}, the same names
 * as the linear models' {@code LossKind}). Targets use the linear models' conventions (the data
 * module's {@code LabelMap} produces them): ±1 for the binary loss, class indices 0 … c−1 stored
 * as doubles for softmax, real values for least squares.
 *
 * <table>
 *   <caption>Losses</caption>
 *   <tr><th>kind</th><th>c</th><th>targets</th><th>ℓ(z, y)</th><th>∇ℓ</th><th>∇²ℓ</th></tr>
 *   <tr><td>{@link #SOFTMAX_CROSS_ENTROPY}</td><td>≥ 2</td><td>n class indices</td>
 *       <td>log Σₒ exp(zₒ) − z_y</td><td>p − e_y</td><td>diag(p) − p pᵀ, p = softmax(z)</td></tr>
 *   <tr><td>{@link #LOGISTIC}</td><td>1</td><td>n labels ±1</td><td>log(1 + exp(−y z))</td>
 *       <td>−y s(−y z)</td><td>s(z) s(−z)</td></tr>
 *   <tr><td>{@link #SQUARED}</td><td>≥ 1</td><td>n·c values (n×c row-major)</td>
 *       <td>½‖z − y‖²</td><td>z − y</td><td>I</td></tr>
 * </table>
 * (s(u) = 1/(1 + e⁻ᵘ)). All three are convex in z, so the Gauss–Newton matrix built on ∇²ℓ is
 * positive semidefinite.
 *
 * <p><b>Numerics.</b> Softmax: with M = maxₒ zₒ attained first at j and T = Σ_{o≠j} exp(zₒ − M)
 * (every term ≤ 1, e^{zⱼ − M} = 1 exactly), ℓ = (M − z_y) + log1p(T), p = exp(z − M)/(1 + T), and
 * for the label's entry of the gradient when y = j, p_y − 1 = −T/(1 + T): no overflow for any
 * finite z, and small losses (a confident correct row) keep their relative accuracy instead of
 * drowning in the rounding of log(1 + T). Logistic: with m = y z and e = exp(−|m|),
 * ℓ = max(−m, 0) + log1p(e), s(−m) = e/(1 + e) or 1/(1 + e) by the sign of m, ℓ'' = e/(1 + e)².
 * log1p(t) = log w − (w − 1 − t)/w with w = fl(1 + t) (one {@code Math.log}).
 *
 * <p><b>Kernels</b> (package-private) run on a row range of the n×c scores, in blocks of rows
 * whose exponentials are computed together ({@link Exponentials}); the range's loss sum adds the
 * rows' losses in row order, and the sum with derivatives computes exactly the same per-row
 * losses as the sum alone, so f has the same bits with or without its gradient.
 *
 * <p>Reference: Bishop (2006), Pattern Recognition and Machine Learning, §4.3.2 and §4.3.4.
 * Immutable and thread-safe.
 */
public enum OutputLoss {
    /** Softmax cross-entropy over c ≥ 2 classes; targets are class indices 0 … c−1. */
    SOFTMAX_CROSS_ENTROPY("softmax"),
    /** Binary logistic loss on one output; targets ±1. */
    LOGISTIC("logistic"),
    /** Half the squared error over c ≥ 1 outputs; targets are n×c real values. */
    SQUARED("least-squares");

    /** Scores per block of the kernels. */
    static final int BLOCK = 256;
    private static final double BLEND_SCALE = 0x1p60;

    private final String id;

    OutputLoss(String id) {
        this.id = id;
    }

    /** The name in model files and on the command line: {@code softmax}, {@code logistic}, {@code least-squares}. */
    public String id() {
        return id;
    }

    /** The loss with the given {@link #id()}. */
    public static OutputLoss fromId(String id) {
        OutputLoss[] all = values();
        for (int i = 0; i < all.length; i++) {
            if (all[i].id.equals(id)) {
                return all[i];
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            allowed.append(i == 0 ? "" : ", ").append(all[i].id);
        }
        throw new IllegalArgumentException("unknown output loss '" + id + "'; expected one of: " + allowed);
    }

    /** True when the targets are classes (softmax, logistic). */
    public boolean isClassification() {
        return this != SQUARED;
    }

    /** True for the two-class loss with labels ±1 (logistic). */
    public boolean isBinary() {
        return this == LOGISTIC;
    }

    /**
     * Checks that a network with c outputs can use this loss: c ≥ 2 for softmax, c = 1 for
     * logistic, c ≥ 1 for least squares.
     *
     * @throws IllegalArgumentException naming the loss and c otherwise
     */
    public void checkOutputs(int outputs) {
        switch (this) {
            case SOFTMAX_CROSS_ENTROPY:
                if (outputs < 2) {
                    throw new IllegalArgumentException("a softmax network needs outputs (classes) >= 2, got " + outputs);
                }
                break;
            case LOGISTIC:
                if (outputs != 1) {
                    throw new IllegalArgumentException("a logistic network has exactly 1 output, got " + outputs);
                }
                break;
            default:
                if (outputs < 1) {
                    throw new IllegalArgumentException("a least-squares network needs outputs >= 1, got " + outputs);
                }
                break;
        }
    }

    /** How many targets n examples need: n for the classification losses, n·c for least squares. */
    public long targetCount(int examples, int outputs) {
        return this == SQUARED ? (long) examples * outputs : examples;
    }

    /**
     * A validated copy of the targets of n examples for c outputs.
     *
     * @throws IllegalArgumentException for a wrong count or a bad value, naming the row (and the
     *     output) and the value
     */
    double[] validatedTargets(double[] targets, int examples, int outputs) {
        if (targets == null) {
            throw new IllegalArgumentException("targets must not be null");
        }
        long need = targetCount(examples, outputs);
        if (targets.length != need) {
            if (this == SQUARED && outputs > 1) {
                throw new IllegalArgumentException("there are " + targets.length + " targets but " + examples + " rows × "
                        + outputs + " outputs need " + need + " (row-major)");
            }
            throw new IllegalArgumentException("there are " + targets.length + " targets but the data has " + examples
                    + " rows");
        }
        for (int i = 0; i < targets.length; i++) {
            double v = targets[i];
            switch (this) {
                case SOFTMAX_CROSS_ENTROPY:
                    if (!(v >= 0 && v < outputs) || v != Math.rint(v)) {
                        throw new IllegalArgumentException("class at row " + i + " is " + v
                                + "; classes must be whole numbers in 0.." + (outputs - 1));
                    }
                    break;
                case LOGISTIC:
                    if (v != 1.0 && v != -1.0) {
                        throw new IllegalArgumentException("logistic label at row " + i + " is " + v
                                + "; binary labels must be -1 or +1");
                    }
                    break;
                default:
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("least-squares target at row " + (i / outputs)
                                + (outputs > 1 ? ", output " + (i % outputs) : "") + " is " + v
                                + "; targets must be finite");
                    }
                    break;
            }
        }
        return targets.clone();
    }

    // ---------------------------------------------------------------- kernels

    /** Workspace of the kernels for c outputs; one per thread. */
    static final class Scratch {
        /** Rows per block: about BLOCK scores, at least one row. */
        final int rows;
        final double[] x;
        final double[] e;
        final double[] work;
        final double[] loss;
        final double[] tail;
        final double[] inverse;
        final int[] argmax;

        Scratch(int outputs) {
            rows = Math.max(1, BLOCK / outputs);
            int scores = rows * outputs;
            x = new double[scores];
            e = new double[scores];
            work = new double[scores];
            loss = new double[rows];
            tail = new double[rows];
            inverse = new double[rows];
            argmax = new int[rows];
        }
    }

    /** Returns Σ_{from ≤ i &lt; to} ℓ(zᵢ, yᵢ), added in row order. z, y: not modified. */
    double sum(double[] z, double[] y, int outputs, int from, int to, Scratch s) {
        double sum = 0;
        for (int b0 = from; b0 < to; b0 += s.rows) {
            int b1 = Math.min(to, b0 + s.rows);
            blockLosses(z, y, outputs, b0, b1, s);
            sum = addLosses(sum, s.loss, b1 - b0);
        }
        return sum;
    }

    /**
     * Returns Σ_{from ≤ i &lt; to} ℓ(zᵢ, yᵢ) (the same bits as {@link #sum}) and writes
     * rOut[i·c + o] = scale·∂ℓ/∂zᵢₒ for the range's rows. z, y: not modified. rOut: modified in
     * the range.
     */
    double residual(double[] z, double[] y, int outputs, int from, int to, double scale, double[] rOut, Scratch s) {
        double sum = 0;
        for (int b0 = from; b0 < to; b0 += s.rows) {
            int b1 = Math.min(to, b0 + s.rows);
            blockLosses(z, y, outputs, b0, b1, s);
            sum = addLosses(sum, s.loss, b1 - b0);
            switch (this) {
                case SOFTMAX_CROSS_ENTROPY:
                    softmaxResidual(z, y, outputs, b0, b1, scale, rOut, s);
                    break;
                case LOGISTIC:
                    logisticResidual(z, y, b0, b1, scale, rOut, s);
                    break;
                default:
                    for (int e = b0 * outputs, end = b1 * outputs; e < end; e++) {
                        rOut[e] = scale * (z[e] - y[e]);
                    }
                    break;
            }
        }
        return sum;
    }

    /**
     * out[i, :] = scale·∇²ℓ(zᵢ)·u[i, :] for the range's rows. z, y, u: not modified. out:
     * modified in the range (must not be z or u).
     */
    void hessianTimes(double[] z, double[] y, int outputs, int from, int to, double[] u, double scale, double[] out,
                      Scratch s) {
        if (this == SQUARED) {
            for (int e = from * outputs, end = to * outputs; e < end; e++) {
                out[e] = scale * u[e];
            }
            return;
        }
        for (int b0 = from; b0 < to; b0 += s.rows) {
            int b1 = Math.min(to, b0 + s.rows);
            if (this == LOGISTIC) {
                logisticExponentials(z, y, b0, b1, s);
                for (int i = b0; i < b1; i++) {
                    double inv = s.inverse[i - b0];
                    out[i] = scale * (s.e[i - b0] * (inv * inv)) * u[i];
                }
            } else {
                softmaxExponentials(z, outputs, b0, b1, s);
                for (int i = b0; i < b1; i++) {
                    int q = i - b0;
                    int base = i * outputs;
                    int at = q * outputs;
                    double inv = s.inverse[q];
                    double pu = 0;
                    for (int o = 0; o < outputs; o++) {
                        pu += s.e[at + o] * u[base + o];
                    }
                    pu *= inv;
                    for (int o = 0; o < outputs; o++) {
                        out[base + o] = scale * ((s.e[at + o] * inv) * (u[base + o] - pu));
                    }
                }
            }
        }
    }

    private static double addLosses(double sum, double[] loss, int count) {
        for (int q = 0; q < count; q++) {
            sum += loss[q];
        }
        return sum;
    }

    /** The rows' losses into s.loss[0, b1 − b0), leaving the exponentials in s (see the kernels). */
    private void blockLosses(double[] z, double[] y, int outputs, int b0, int b1, Scratch s) {
        switch (this) {
            case SOFTMAX_CROSS_ENTROPY:
                softmaxExponentials(z, outputs, b0, b1, s);
                for (int i = b0; i < b1; i++) {
                    int q = i - b0;
                    double t = s.tail[q];
                    double w = 1 + t;
                    double log1p = Math.log(w) - ((w - 1) - t) * s.inverse[q];
                    // M − z_y = −(z_y − M), exactly the negated shifted score
                    s.loss[q] = -s.x[q * outputs + (int) y[i]] + log1p;
                }
                break;
            case LOGISTIC:
                logisticExponentials(z, y, b0, b1, s);
                for (int i = b0; i < b1; i++) {
                    int q = i - b0;
                    double e = s.e[q];
                    double w = 1 + e;
                    double log1p = Math.log(w) - ((w - 1) - e) * s.inverse[q];
                    s.loss[q] = Math.max(-(y[i] * z[i]), 0.0) + log1p;
                }
                break;
            default:
                for (int i = b0; i < b1; i++) {
                    int base = i * outputs;
                    double l = 0;
                    for (int o = 0; o < outputs; o++) {
                        double d = z[base + o] - y[base + o];
                        l += d * d;
                    }
                    s.loss[i - b0] = 0.5 * l;
                }
                break;
        }
    }

    /**
     * Softmax stages for rows [b0, b1): x = z − M (row by row, M the row maximum, first attained
     * at argmax), e = exp(x) (e = 1 exactly at argmax), tail T = Σ_{o ≠ argmax} e, inverse = 1/(1 + T).
     */
    private static void softmaxExponentials(double[] z, int outputs, int b0, int b1, Scratch s) {
        int c = outputs;
        for (int i = b0; i < b1; i++) {
            int q = i - b0;
            int base = i * c;
            double max = z[base];
            int arg = 0;
            for (int o = 1; o < c; o++) {
                if (z[base + o] > max) {
                    max = z[base + o];
                    arg = o;
                }
            }
            s.argmax[q] = arg;
            int at = q * c;
            for (int o = 0; o < c; o++) {
                s.x[at + o] = z[base + o] - max;
            }
        }
        int rows = b1 - b0;
        Exponentials.exp(s.x, rows * c, s.e, s.work);
        for (int q = 0; q < rows; q++) {
            int at = q * c;
            int arg = s.argmax[q];
            double t = 0;
            for (int o = 0; o < c; o++) {
                if (o != arg) {
                    t += s.e[at + o];
                }
            }
            s.tail[q] = t;
            s.inverse[q] = 1 / (1 + t);
        }
    }

    /** r = scale·(p − e_y), p = e/(1 + T); the label's entry −T/(1 + T) when it is the argmax. */
    private static void softmaxResidual(double[] z, double[] y, int outputs, int b0, int b1, double scale, double[] rOut,
                                        Scratch s) {
        int c = outputs;
        for (int i = b0; i < b1; i++) {
            int q = i - b0;
            int base = i * c;
            int at = q * c;
            double inv = s.inverse[q];
            for (int o = 0; o < c; o++) {
                rOut[base + o] = scale * (s.e[at + o] * inv);
            }
            int label = (int) y[i];
            double py = label == s.argmax[q] ? -s.tail[q] * inv : s.e[at + label] * inv - 1;
            rOut[base + label] = scale * py;
        }
    }

    /** Logistic stages for rows [b0, b1): x = −|y z|, e = exp(x), inverse = 1/(1 + e). */
    private static void logisticExponentials(double[] z, double[] y, int b0, int b1, Scratch s) {
        int rows = b1 - b0;
        for (int q = 0; q < rows; q++) {
            s.x[q] = -Math.abs(y[b0 + q] * z[b0 + q]);
        }
        Exponentials.exp(s.x, rows, s.e, s.work);
        for (int q = 0; q < rows; q++) {
            s.inverse[q] = 1 / (1 + s.e[q]);
        }
    }

    /**
     * r = −scale·y·s(−m), m = y z, with s(−m) = (g e + (1 − g))/(1 + e), g = min(1, max(0, 2⁶⁰m)):
     * e/(1 + e) for m ≥ 2⁻⁶⁰, exactly 1/(1 + e) for m ≤ 0, within 2⁻⁶⁰ of both in between.
     */
    private static void logisticResidual(double[] z, double[] y, int b0, int b1, double scale, double[] rOut,
                                         Scratch s) {
        for (int i = b0; i < b1; i++) {
            int q = i - b0;
            double yi = y[i];
            double g = Math.min(1.0, Math.max(0.0, BLEND_SCALE * (yi * z[i])));
            double e = s.e[q];
            rOut[i] = -scale * yi * ((g * e + (1 - g)) * s.inverse[q]);
        }
    }
}
