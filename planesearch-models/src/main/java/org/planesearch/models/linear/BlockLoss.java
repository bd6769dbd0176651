package org.planesearch.models.linear;

/**
 * The loss kernels of a {@link LinearModel} over one block of examples, for an engine that keeps
 * the data in blocks and the cached state of a run next to each block (a Spark partition): the
 * very kernels {@link LinearEvaluator} runs over the whole data set ({@code RowLoss} row-range
 * kernels, run by {@code RowSweep} over the block's rows), with the scores z, the residual r and
 * the curvature data held by the caller. Scores come from {@link LinearModel#scores}. Sums are over the block's examples (not means); the
 * caller passes the residual's scale (1/n for the whole data set's n, so that blocks add up) and
 * adds the blocks' partial sums.
 *
 * <p>Shapes, for a block of m rows and c = {@link #outputs()} scores per row: z, r, curvature and
 * every image are m·c row-major; images are k arrays; gradients k, Hessians k×k row-major.
 * Determinism: every method gives the same bits for the same inputs and thread count, and the
 * value-only and derivative kernels give the same loss sum for the same scores (as in
 * {@link LinearEvaluator}).
 *
 * <p>Not thread-safe (it owns the per-range scratch of its sweeps): one call at a time. Labels are
 * validated and copied when it is created.
 */
public final class BlockLoss {

    private final LinearModel model;
    private final RowLoss loss;
    private final RowSweep sweep;
    private final int maxColumns;

    private BlockLoss(LinearModel model, RowLoss loss, int maxColumns) {
        this.model = model;
        this.loss = loss;
        this.maxColumns = maxColumns;
        this.sweep = new RowSweep(loss, maxColumns);
    }

    /**
     * The kernels of the model on a block with the given labels (one per row, in the model's label
     * convention: ±1 for logistic and smoothed hinge, class indices for softmax, finite targets for
     * regression), for subspaces of up to maxColumns (≥ 0) columns.
     *
     * @throws IllegalArgumentException for an empty block, a bad label (naming its row) or maxColumns &lt; 0
     */
    public static BlockLoss of(LinearModel model, double[] labels, int maxColumns) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("a block needs at least one row of labels");
        }
        if (maxColumns < 0) {
            throw new IllegalArgumentException("maxColumns must be >= 0, got " + maxColumns);
        }
        return new BlockLoss(model, model.newLoss(labels, labels.length), maxColumns);
    }

    public LinearModel model() {
        return model;
    }

    /** m, the rows of the block. */
    public int rows() {
        return loss.rows;
    }

    /** c, the scores per row. */
    public int outputs() {
        return loss.outputs;
    }

    /** The largest k the trial kernels take. */
    public int maxColumns() {
        return maxColumns;
    }

    /** Σᵢ ℓ at zᵢ + Σⱼ tⱼAⱼ[i,:] (images null: at z). z, images, t: not modified. */
    public double lossSum(double[] z, double[][] images, int k, double[] t) {
        return sweep.value(z, images, k, t);
    }

    /**
     * The loss with its derivatives at z: returns Σᵢ ℓ(zᵢ), writes rOut = scale·∂ℓ/∂z, the loss's
     * curvature data (softmax probabilities, ℓ'') into curvatureOut and the column sums Σᵢ rᵢ into
     * sumsOut (c entries). z: not modified.
     */
    public double derivativesAt(double[] z, double scale, double[] rOut, double[] curvatureOut, double[] sumsOut) {
        return sweep.derivativesAt(z, scale, rOut, curvatureOut, sumsOut);
    }

    /**
     * A trial with derivatives at t: returns Σᵢ ℓ at zᵢ + Σⱼ tⱼAⱼ[i,:], writes gradOut[j] =
     * ⟨Aⱼ, scale·∂ℓ/∂z⟩ and, when hessOut is not null, hessOut = scale·Σᵢ Aⱼ∇²ℓᵢAₗᵀ (k×k). rWork and
     * curvatureWork (m·c each) receive the rows' data (scratch for the caller). z, images, t: not
     * modified.
     */
    public double derivatives(double[] z, double[][] images, int k, double[] t, double scale, double[] rWork,
                              double[] curvatureWork, double[] gradOut, double[] hessOut) {
        return sweep.derivatives(z, images, k, t, scale, rWork, curvatureWork, gradOut, hessOut);
    }

    /**
     * ∇ψ(0) and (hessOut not null) ∇²ψ(0) from the data cached at z by {@link #derivativesAt}: no
     * loss evaluated. images, r, curvature: not modified.
     */
    public void derivativesFromCache(double[][] images, int k, double[] r, double[] curvature, double scale,
                                     double[] gradOut, double[] hessOut) {
        sweep.derivativesFromCache(images, k, r, curvature, scale, gradOut, hessOut);
    }

    /**
     * The move of the scores: imageOut = Σⱼ tⱼAⱼ and z ← z + imageOut, each score formed exactly as
     * the trials form it. images, t: not modified. z, imageOut: modified.
     */
    public void update(double[] z, double[][] images, int k, double[] t, double[] imageOut) {
        sweep.update(z, images, k, t, imageOut, null, null, 0, null);
    }

    /** Writes scale·∇²ℓ(zᵢ)·vᵢ row by row into out (m·c). z, v: not modified. */
    public void hessianTimes(double[] z, double[] v, double scale, double[] out) {
        loss.hessianTimes(z, v, scale, out);
    }

    @Override
    public String toString() {
        return "BlockLoss[" + model + ", rows=" + rows() + ", maxColumns=" + maxColumns + "]";
    }
}
