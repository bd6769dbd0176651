package org.planesearch.models.linear;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * The training objective of a {@link LinearModel} on data X (n×d) with labels y:
 *
 * <pre>
 *   f(w) = (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (λ/2)‖W‖²,    z = X·W + 1·bᵀ  (n×c),   w = [W, b]
 *   ∇_W f = Xᵀ R + λW,   ∇_b f = Rᵀ1,          R = (1/n) ∂ℓ/∂z  (n×c)
 *   ∇²f·v = [Xᵀ Q + λV_W,  Qᵀ1],               Q = (1/n) ∇²ℓ(z)·(X V_W + 1·v_bᵀ), row by row
 * </pre>
 *
 * (a linear-composition problem: Shea &amp; Schmidt 2024, §1.2 of our spec). Costs in data passes
 * (products with X or Xᵀ): {@link #value} 1, {@link #valueAndGradient} 2, {@link #hessianTimes} 3.
 *
 * <p>The optimizer uses the evaluator from {@link #newEvaluator}, which caches z and the
 * directions' images so that a precise step costs two passes per iteration. The methods here
 * compute from scratch (for reference solvers, generic evaluators, checks).
 *
 * <p>Softmax note: with an intercept, adding a constant to every entry of b changes nothing, so
 * the Hessian is singular along (0, 1_c) (the intercept is not regularized); without λ the same
 * holds for W ← W + v·1ᵀ. The minimum value is still unique.
 *
 * <p>The sums over the examples run on the library's threads ({@link RowSweep}), with the same
 * partition as the evaluators' trials: f from {@link #value} and from an evaluator's
 * {@code start} at the same point have the same bits.
 *
 * <p>Created by {@link LinearModels} or {@link LinearModel#objective}. Holds the data by
 * reference. Not thread-safe: {@code value}, {@code valueAndGradient} and {@code hessianTimes}
 * share one workspace (allocated on first use, never per call); evaluators own their buffers.
 */
public final class LinearObjective implements Objective {

    private final LinearModel model;
    private final DataMatrix x;
    private final RowLoss loss;
    private final double lambda;
    private final int rows;
    private final int outputs;
    private final int weightCount;
    private final ParameterLayout layout;
    private Workspace workspace;

    /** Buffers of the direct evaluation methods. */
    private static final class Workspace {
        final double[] weights;
        final double[] z;
        final double[] r;
        final double[] u;
        final double[] gradW;
        final double[] columnSums;
        final RowSweep sweep;

        Workspace(RowLoss loss, int weightCount, int scores) {
            weights = new double[weightCount];
            z = new double[scores];
            r = new double[scores];
            u = new double[scores];
            gradW = new double[weightCount];
            columnSums = new double[loss.outputs];
            sweep = new RowSweep(loss, 0);
        }
    }

    LinearObjective(LinearModel model, DataMatrix x, RowLoss loss, double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        model.checkData(x);
        if (loss.rows != x.rows() || loss.outputs != model.outputs()) {
            throw new IllegalArgumentException("the loss has " + loss.rows + "×" + loss.outputs + " scores but the data and model give "
                    + x.rows() + "×" + model.outputs());
        }
        this.model = model;
        this.x = x;
        this.loss = loss;
        this.lambda = lambda;
        this.rows = x.rows();
        this.outputs = model.outputs();
        this.weightCount = model.weightCount();
        this.layout = model.layout();
    }

    /** The model (loss, d, c, intercept, loss parameter). */
    public LinearModel model() {
        return model;
    }

    /** The data matrix X, by reference. */
    public DataMatrix data() {
        return x;
    }

    /** λ, the L2 penalty on the weights. */
    public double lambda() {
        return lambda;
    }

    /** n, the number of examples. */
    public int examples() {
        return rows;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    /** Returns f(w). One pass. w: not modified. */
    @Override
    public double value(double[] w) {
        checkVector("w", w);
        Workspace ws = workspace();
        model.scores(x, w, ws.weights, ws.z);
        return valueFromSum(ws.sweep.value(ws.z, null, 0, null), w);
    }

    /** Returns f(w) and writes ∇f(w) into gradOut. Two passes. w: not modified. gradOut: modified. */
    @Override
    public double valueAndGradient(double[] w, double[] gradOut) {
        checkVector("w", w);
        checkVector("gradOut", gradOut);
        Workspace ws = workspace();
        model.scores(x, w, ws.weights, ws.z);
        double sum = ws.sweep.derivativesAt(ws.z, 1.0 / rows, ws.r, ws.u, ws.columnSums);
        return gradientFromResidual(w, sum, ws.r, ws.columnSums, ws.gradW, gradOut);
    }

    /**
     * Writes the exact ∇²f(w)·v into out. Three passes (z, X·V_W, XᵀQ). At the kinks of Huber and
     * the smoothed hinge the one-sided second derivative of {@link LossKind} is used. w, v: not
     * modified. out: modified (must not alias w or v).
     */
    @Override
    public void hessianTimes(double[] w, double[] v, double[] out) {
        checkVector("w", w);
        checkVector("v", v);
        checkVector("out", out);
        if (out == w || out == v) {
            throw new IllegalArgumentException("out must not alias w or v");
        }
        Workspace ws = workspace();
        model.scores(x, w, ws.weights, ws.z);
        model.scores(x, v, ws.weights, ws.u);
        loss.hessianTimes(ws.z, ws.u, 1.0 / rows, ws.r);
        if (outputs == 1) {
            x.multiplyTransposed(ws.r, ws.gradW);
        } else {
            x.multiplyTransposed(ws.r, outputs, ws.gradW);
        }
        for (int j = 0; j < weightCount; j++) {
            out[j] = ws.gradW[j] + lambda * v[j];
        }
        if (model.intercept()) {
            columnSums(ws.r, out, weightCount);
        }
    }

    /** The mean unregularized loss (1/n) Σᵢ ℓ(zᵢ, yᵢ) at w (f without the penalty). One pass. */
    public double meanLoss(double[] w) {
        checkVector("w", w);
        Workspace ws = workspace();
        model.scores(x, w, ws.weights, ws.z);
        return ws.sweep.value(ws.z, null, 0, null) / rows;
    }

    /**
     * A fast evaluator (see {@link LinearEvaluator}): start = 2 passes, restrict = 1 pass if some
     * fresh column touches the weights (0 otherwise), each ψ trial O(n·c·k), move = 1 pass.
     */
    @Override
    public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
        return new LinearEvaluator(this, maxDirections, stepMemory, LinearEvaluator.DEFAULT_REFRESH_INTERVAL);
    }

    @Override
    public String toString() {
        return "LinearObjective[" + model + ", n=" + rows + ", lambda=" + lambda + "]";
    }

    // ---- shared with the evaluator (package-private) ----

    RowLoss loss() {
        return loss;
    }

    /** (λ/2)‖W‖². */
    double regularizer(double[] w) {
        return lambda == 0 ? 0 : 0.5 * lambda * Vec.dot(w, w, 0, weightCount);
    }

    /**
     * f(w) from the loss sum Σᵢ ℓ(zᵢ, yᵢ) at w: sum/n + (λ/2)‖W‖². The one formula for f, so
     * that the objective and its evaluators agree to the bit on the same sum.
     */
    double valueFromSum(double sum, double[] w) {
        return sum / rows + regularizer(w);
    }

    /**
     * From R = (1/n)∂ℓ/∂z at w, its column sums and the loss sum there: writes ∇f(w) into
     * gradOut (using gradW, length d·c, for XᵀR) and returns f(w). One pass. w, r, columnSums:
     * not modified.
     */
    double gradientFromResidual(double[] w, double sum, double[] r, double[] columnSums, double[] gradW,
                                double[] gradOut) {
        if (outputs == 1) {
            x.multiplyTransposed(r, gradW);
        } else {
            x.multiplyTransposed(r, outputs, gradW);
        }
        for (int j = 0; j < weightCount; j++) {
            gradOut[j] = gradW[j] + lambda * w[j];
        }
        if (model.intercept()) {
            System.arraycopy(columnSums, 0, gradOut, weightCount, outputs);
        }
        return valueFromSum(sum, w);
    }

    /** out[offset + o] = Σᵢ r[i·c + o]. */
    private void columnSums(double[] r, double[] out, int offset) {
        int c = outputs;
        for (int o = 0; o < c; o++) {
            out[offset + o] = 0;
        }
        for (int i = 0; i < rows; i++) {
            int b = i * c;
            for (int o = 0; o < c; o++) {
                out[offset + o] += r[b + o];
            }
        }
    }

    private Workspace workspace() {
        if (workspace == null) {
            workspace = new Workspace(loss, weightCount, rows * outputs);
        }
        return workspace;
    }

    private void checkVector(String name, double[] v) {
        if (v == null || v.length != layout.dimension()) {
            throw new IllegalArgumentException(name + " must have length " + layout.dimension() + ", got "
                    + (v == null ? "null" : String.valueOf(v.length)));
        }
    }
}
