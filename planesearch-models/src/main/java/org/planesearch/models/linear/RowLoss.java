package org.planesearch.models.linear;

/**
 * The per-example loss ℓ(zᵢ, yᵢ) of a linear-composition model, bound to the labels. Scores are
 * n×c row-major (c = {@link #outputs}).
 *
 * <p>The work is done by <em>row-range kernels</em>: each sweeps the rows [from, to) once and
 * fuses everything a subspace trial needs, so that {@link RowSweep} can run disjoint ranges on
 * different threads and add their partial sums in a fixed order. A kernel evaluates the loss at
 * the trial scores
 * <pre>
 *   zᵢ(t) = zᵢ + Σⱼ tⱼ Aⱼ[i,:]        (a = null: at zᵢ itself)
 * </pre>
 * formed row by row in scratch (never as a separate n×c pass), with the image Σⱼ tⱼ Aⱼ[i,:]
 * summed first and then added to zᵢ, exactly as {@link RowSweep#update} moves z: the scores of
 * an accepted trial are bit-identical to the scores after the move. Here a holds k arrays, each
 * n×c row-major like z: Aⱼ[i,o] = a[j][i·c + o].
 *
 * <p>Accumulators (one array per range, added to, never cleared by a kernel): entries [0, k)
 * take ⟨Aⱼ[i,:], rᵢ⟩, entries [k, k + k²) the upper triangle (j ≤ l) of
 * scale·Σᵢ Aⱼ[i,:] ∇²ℓᵢ Aₗ[i,:]ᵀ; sweeps at z alone (k = 0) and {@link #residual} add the
 * column sums Σᵢ rᵢ (the intercept's gradient) to entries [0, c). Loss sums are over examples
 * (not means): callers scale by 1/n.
 *
 * <p>The loss value of a row is computed by the same expression in every kernel, and a range's
 * sum is accumulated in the same fixed order, so the value-only and the derivative kernels return
 * the same bits for the same scores.
 *
 * <p>Immutable (the label array is owned and never modified) and thread-safe; callers pass every
 * buffer, and concurrent kernels must be given disjoint rows of the output arrays and their own
 * scratch and accumulators. The kernels allocate nothing (the one-thread {@link #sum(double[])},
 * for metrics, allocates its scratch).
 */
abstract class RowLoss {

    /** n, the number of examples. */
    final int rows;
    /** c, the scores per example. */
    final int outputs;

    RowLoss(int rows, int outputs) {
        this.rows = rows;
        this.outputs = outputs;
    }

    /** Returns Σᵢ ℓ(zᵢ, yᵢ) over all rows, in one thread (allocates its scratch). z: not modified. */
    final double sum(double[] z) {
        return sum(z, null, 0, null, 0, rows, newScratch(0));
    }

    /**
     * Returns Σ_{i ∈ [from, to)} ℓ(zᵢ(t), yᵢ), the loss alone. z, a, t: not modified (a and t
     * unused when a is null). scratch: from {@link #newScratch(int)}, modified.
     */
    abstract double sum(double[] z, double[][] a, int k, double[] t, int from, int to, Scratch scratch);

    /**
     * The fused trial with derivatives over rows [from, to); returns Σᵢ ℓ(zᵢ(t), yᵢ).
     *
     * <p>With a null (the loss at z, k taken as 0): writes rᵢ = scale·∂ℓ/∂z into rOut and the
     * loss's curvature data into curvOut, and adds the column sums of r to acc[0, c).
     *
     * <p>With images: writes the rows' data into curvOut (the softmax probabilities pᵢ, n×c;
     * ℓ''ᵢ for one-score losses, length n) and, for losses that need it, into rOut; adds the
     * gradient entries ⟨Aⱼ[i,:], rᵢ⟩ to acc[0, k) and, when {@code hessian}, the Hessian's upper
     * triangle to acc[k, k + k²). r itself is completed only by {@link #residual}, when the
     * trial is accepted (a trial does not pay for an n×c residual it may never use).
     *
     * @param z current scores n×c. Not modified.
     * @param a images (k arrays n×c), or null. Not modified.
     * @param t coefficients (length ≥ k). Not modified.
     * @param rOut, curvOut modified at rows [from, to) only
     * @param acc accumulators (see the class comment). Modified (added to).
     * @param scratch from {@link #newScratch(int)}. Modified.
     */
    abstract double derivatives(double[] z, double[][] a, int k, double[] t, double scale, int from, int to,
                                double[] rOut, double[] curvOut, boolean hessian, double[] acc, Scratch scratch);

    /**
     * Completes rᵢ = scale·∂ℓ/∂z at rows [from, to) from the data a trial with images left in
     * (r, curv), and adds the column sums of r to sums[0, c). curv: not modified. r, sums:
     * modified.
     */
    abstract void residual(double[] curv, double[] r, double scale, int from, int to, double[] sums);

    /**
     * The derivatives of a trial at t = 0 from the data cached at the current point (r and curv
     * as left by {@link #derivatives} with a null, or by a trial completed by
     * {@link #residual}), with no loss evaluated: adds ⟨Aⱼ[i,:], rᵢ⟩ to acc[0, k) and, when
     * {@code hessian}, the Hessian's upper triangle to acc[k, k + k²). Rows [from, to).
     * a, r, curv: not modified. acc, scratch: modified.
     */
    abstract void derivativesFromCache(double[][] a, int k, double[] r, double[] curv, double scale, boolean hessian,
                                       int from, int to, double[] acc, Scratch scratch);

    /**
     * Writes scale·∇²ℓ(zᵢ, yᵢ)·vᵢ into out, row by row (n×c), in one thread. z, v: not modified.
     * out: modified (must not alias z or v).
     */
    abstract void hessianTimes(double[] z, double[] v, double scale, double[] out);

    /** New scratch for the kernels of one range of rows, for up to k columns. */
    abstract Scratch newScratch(int k);

    /**
     * A kernel's scratch: separate arrays, so that the block loops ({@link Exp#inPlace},
     * {@link Log1p}) read and write distinct zero-based arrays, the loop shape HotSpot vectorizes
     * (with values and workspace at offsets in one array the exponentials ran at half the
     * speed). Each loss documents its layout. One per range of rows; never shared between threads.
     */
    static final class Scratch {
        final double[] values;
        final double[] work;
        final double[] extra;
        final double[] scores;

        Scratch(int valuesLength, int workLength, int extraLength, int scoresLength) {
            values = new double[valuesLength];
            work = new double[workLength];
            extra = new double[extraLength];
            scores = new double[scoresLength];
        }
    }

    /** The accumulator length for k columns: k gradient entries and k² Hessian entries, or c column sums. */
    final int accumulatorLength(int k) {
        return Math.max(k + k * k, outputs);
    }

    /**
     * The image of one score: Σⱼ tⱼ aⱼ[at] (j = 0 … k−1, k ≥ 1), summed in this order. Every
     * kernel and {@link RowSweep#update} form a trial score as z + image(…) (k = 1 and 2 written
     * out as t₀a₀ and t₀a₀ + t₁a₁, the same expression), so they agree to the bit.
     */
    static double image(double[][] a, int at, int k, double[] t) {
        double v = t[0] * a[0][at];
        for (int j = 1; j < k; j++) {
            v += t[j] * a[j][at];
        }
        return v;
    }
}
