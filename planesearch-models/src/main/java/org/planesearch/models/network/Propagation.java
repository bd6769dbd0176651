package org.planesearch.models.network;

import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.DenseProducts;

/**
 * The passes of one {@link NetworkModel} over one data matrix X (n×d), on whole n×nₗ layer
 * blocks: forward, backward (back-propagation), and Pearlmutter's R-passes (forward and backward
 * directional derivatives) for exact Hessian-vector products and Gauss–Newton products. Layer
 * indices are zero-based here: layer l maps width nₗ to nₗ₊₁ with weights Wₗ₊₁ and bias bₗ₊₁ of
 * the public numbering.
 *
 * <p>The pieces are separate so that a subspace evaluator can reuse them:
 * <ul>
 *   <li>{@link #firstLayer}: P₁ = X·W₁ + 1·b₁ᵀ for the layer-1 block of any parameter-shaped
 *       vector (the iterate, or a direction: its image) — the only forward product with X;</li>
 *   <li>{@link #forwardFrom}: everything after P₁, from a given P₁;</li>
 *   <li>{@link #backward}: the gradient from given output residuals E_L = ∂(loss)/∂Z — its
 *       first-layer weights block is the only backward product with X, Xᵀ·E₁.</li>
 * </ul>
 * The data is touched only through {@link DataMatrix#multiply(double[], int, double[])} and
 * {@link DataMatrix#multiplyTransposed(double[], int, double[])} (dense float64 or float32, CSR,
 * native or Java alike); the hidden products run on {@link DenseProducts}, the entry-wise work on
 * a {@link LayerSweep}, all on the library's threads with fixed partitions.
 *
 * <p>Owns its product workspace and weight buffers (allocated in the constructor); the layer
 * arrays are the caller's {@link LayerBuffers}. Not thread-safe.
 */
final class Propagation {

    private final NetworkModel model;
    private final DataMatrix x;
    private final int rows;
    private final int layers;
    private final DenseProducts products = new DenseProducts();
    private final LayerSweep sweep;
    /** W₁ (d×h₁) copied out of a parameter vector for X·W₁, and Xᵀ·E₁. */
    private final double[] firstWeights;
    private final double[] firstGradient;
    /** A hidden layer's weights, its direction's weights, its gradient (largest nₗ·nₗ₊₁ for l ≥ 1). */
    private final double[] weights;
    private final double[] directionWeights;
    private final double[] gradient;

    Propagation(NetworkModel model, DataMatrix x) {
        model.checkData(x);
        this.model = model;
        this.x = x;
        this.rows = x.rows();
        this.layers = model.weightLayers();
        this.sweep = new LayerSweep(model, rows);
        int first = model.inputs() * model.unitsOf(0);
        firstWeights = new double[first];
        firstGradient = new double[first];
        int largest = 1;
        for (int l = 1; l < layers; l++) {
            largest = Math.max(largest, model.inputsOf(l) * model.unitsOf(l));
        }
        weights = new double[largest];
        directionWeights = new double[largest];
        gradient = new double[largest];
    }

    LayerSweep sweep() {
        return sweep;
    }

    // ---------------------------------------------------------------- forward

    /**
     * (a) out = X·V₁ + 1·c₁ᵀ (n×h₁), with V₁ and c₁ the layer-1 weights and bias blocks of v (a
     * parameter vector or a direction). One pass over X. v: not modified. out: modified.
     */
    void firstLayer(double[] v, double[] out) {
        System.arraycopy(v, model.weightOffset(0), firstWeights, 0, firstWeights.length);
        x.multiply(firstWeights, model.unitsOf(0), out);
        sweep.addBias(out, model.unitsOf(0), v, model.biasOffset(0));
    }

    /**
     * (b) The forward pass after the first layer: from p1 = P₁ (n×h₁, bias included), writes
     * act[l] = σ(Pₗ₊₁) (and slope[l] = σ', curvature[l] = σ'' when asked; the groups must be
     * allocated), pre[l] = Pₗ₊₁ for l ≥ 1 and pre[L−1] = Z, using the blocks of layers ≥ 2 of w
     * (its layer-1 blocks are not read). No pass over X. p1, w: not modified. buffers: modified
     * (p1 may be buffers.pre[0]).
     */
    void forwardFrom(double[] p1, double[] w, LayerBuffers buffers, boolean slopes, boolean curvatures) {
        double[] pre = p1;
        for (int l = 0; l + 1 < layers; l++) {
            int units = model.unitsOf(l);
            // P₁ already carries its bias; later layers get it here, fused with σ
            sweep.activate(pre, units, l == 0 ? null : w, l == 0 ? 0 : model.biasOffset(l), buffers.act[l],
                    slopes ? buffers.slope[l] : null, curvatures ? buffers.curvature[l] : null);
            int next = l + 1;
            int count = units * model.unitsOf(next);
            System.arraycopy(w, model.weightOffset(next), weights, 0, count);
            products.multiply(buffers.act[l], weights, rows, units, model.unitsOf(next), buffers.pre[next]);
            pre = buffers.pre[next];
        }
        sweep.addBias(buffers.pre[layers - 1], model.outputs(), w, model.biasOffset(layers - 1));
    }

    /** firstLayer into pre[0], then forwardFrom. One pass over X. */
    void forward(double[] w, LayerBuffers buffers, boolean slopes, boolean curvatures) {
        if (slopes) {
            buffers.ensureSlopes();
        }
        if (curvatures) {
            buffers.ensureCurvatures();
        }
        firstLayer(w, buffers.pre[0]);
        forwardFrom(buffers.pre[0], w, buffers, slopes, curvatures);
    }

    /**
     * The forward R-pass along v after {@link #forward} with slopes at w: rPre[0] = X·V₁ + 1·c₁ᵀ,
     * then rAct[l] = σ'(Pₗ₊₁) ⊙ rPre[l] and rPre[l + 1] = rAct[l]·Wₗ₊₂ + act[l]·Vₗ₊₂ + 1·cₗ₊₂ᵀ;
     * rPre[L−1] = R{Z} = J·v. One pass over X. w, v: not modified. buffers: modified.
     */
    void forwardR(double[] w, double[] v, LayerBuffers buffers) {
        buffers.ensureRPass();
        firstLayer(v, buffers.rPre[0]);
        for (int l = 0; l + 1 < layers; l++) {
            int units = model.unitsOf(l);
            sweep.hadamard(buffers.slope[l], buffers.rPre[l], units, buffers.rAct[l]);
            int next = l + 1;
            int out = model.unitsOf(next);
            int count = units * out;
            System.arraycopy(w, model.weightOffset(next), weights, 0, count);
            System.arraycopy(v, model.weightOffset(next), directionWeights, 0, count);
            products.multiply(buffers.rAct[l], weights, rows, units, out, buffers.rPre[next]);
            products.multiplyAdd(buffers.act[l], directionWeights, rows, units, out, buffers.rPre[next]);
            sweep.addBias(buffers.rPre[next], out, v, model.biasOffset(next));
        }
    }

    /**
     * The forward R-pass along v restricted to one layer (zero-based {@code start}; v's other
     * layers are treated as zero, whatever they hold), after {@link #forward} with slopes at w:
     * rPre[start] = Hₛₜₐᵣₜ₋₁·V + 1·cᵀ (X·V₁ + 1·c₁ᵀ for start = 0, one pass over X; no pass
     * otherwise), then up to rPre[L−1] = Jₛₜₐᵣₜ·v (the output's directional derivative along that
     * layer alone). w, v: not modified. buffers (R-pass arrays from start up): modified.
     */
    void forwardRLayer(double[] w, double[] v, LayerBuffers buffers, int start) {
        buffers.ensureRPass();
        layerImage(v, buffers, start, buffers.rPre[start]);
        for (int l = start; l + 1 < layers; l++) {
            int units = model.unitsOf(l);
            sweep.hadamard(buffers.slope[l], buffers.rPre[l], units, buffers.rAct[l]);
            int next = l + 1;
            int out = model.unitsOf(next);
            System.arraycopy(w, model.weightOffset(next), weights, 0, units * out);
            products.multiply(buffers.rAct[l], weights, rows, units, out, buffers.rPre[next]);
        }
    }

    /**
     * out = Hₗ₋₁·Vₗ + 1·cₗᵀ (n × nₗ₊₁), the image of layer l's blocks of v (zero-based l; H₋₁ = X:
     * one pass over X for l = 0), after {@link #forward} at some w for l &gt; 0. v: not modified.
     */
    void layerImage(double[] v, LayerBuffers buffers, int layer, double[] out) {
        if (layer == 0) {
            firstLayer(v, out);
            return;
        }
        int in = model.inputsOf(layer);
        int units = model.unitsOf(layer);
        System.arraycopy(v, model.weightOffset(layer), directionWeights, 0, in * units);
        products.multiply(buffers.act[layer - 1], directionWeights, rows, in, units, out);
        sweep.addBias(out, units, v, model.biasOffset(layer));
    }

    /**
     * Back-propagates output deltas E (n×c) to every layer without forming weight gradients:
     * delta[L−1] = E, delta[l−1] = (delta[l]·Wₗᵀ) ⊙ σ'(pre[l−1]), after {@link #forward} with
     * slopes at w. No pass over X. w, residual: not modified. buffers.delta: modified.
     */
    void backwardDeltas(double[] w, LayerBuffers buffers, double[] residual) {
        buffers.ensureDeltas();
        if (residual != buffers.delta[layers - 1]) {
            System.arraycopy(residual, 0, buffers.delta[layers - 1], 0, residual.length);
        }
        for (int l = layers - 1; l > 0; l--) {
            int in = model.inputsOf(l);
            int out = model.unitsOf(l);
            System.arraycopy(w, model.weightOffset(l), weights, 0, in * out);
            double[] below = buffers.delta[l - 1];
            products.multiplyByTransposed(buffers.delta[l], weights, rows, out, in, below);
            sweep.hadamard(below, buffers.slope[l - 1], in, below);
        }
    }

    // ---------------------------------------------------------------- backward

    /**
     * (c) Back-propagation from output residuals E = residual (n×c, typically (1/n)∂ℓ/∂Z) after
     * {@link #forward} with slopes at w: writes into gradOut the gradient of Σᵢ ⟨Eᵢ, Zᵢ⟩ with
     * respect to the parameters (∂/∂Wₗ = Hₗ₋₁ᵀ·Eₗ, ∂/∂bₗ = Eₗᵀ·1, Eₗ₋₁ = (Eₗ·Wₗᵀ) ⊙ σ'(Pₗ₋₁),
     * H₀ = X), plus λ·penaltyAt on the weight blocks (penaltyAt = w for the gradient of the L2
     * term; the direction for a Gauss–Newton product). One pass over X (Xᵀ·E₁). w, residual,
     * penaltyAt: not modified. buffers.delta[0 … L−2]: modified. gradOut: modified.
     */
    void backward(double[] w, LayerBuffers buffers, double[] residual, double lambda, double[] penaltyAt,
                  double[] gradOut) {
        buffers.ensureDeltas();
        double[] e = residual;
        for (int l = layers - 1; l >= 0; l--) {
            int in = model.inputsOf(l);
            int out = model.unitsOf(l);
            if (l > 0) {
                products.multiplyTransposed(buffers.act[l - 1], e, rows, in, out, gradient);
                writeWeights(gradient, lambda, penaltyAt, l, gradOut);
            } else {
                x.multiplyTransposed(e, out, firstGradient);
                writeWeights(firstGradient, lambda, penaltyAt, 0, gradOut);
            }
            sweep.columnSums(e, out, gradOut, model.biasOffset(l));
            if (l > 0) {
                System.arraycopy(w, model.weightOffset(l), weights, 0, in * out);
                double[] below = buffers.delta[l - 1];
                products.multiplyByTransposed(e, weights, rows, out, in, below);
                sweep.hadamard(below, buffers.slope[l - 1], in, below);
                e = below;
            }
        }
    }

    /**
     * The backward R-pass for the exact Hessian-vector product, after {@link #forward} with slopes
     * and curvatures at w, {@link #forwardR} along v, with delta[L−1] = E_L = (1/n)∂ℓ/∂Z and
     * rDelta[L−1] = R{E_L} = (1/n)∇²ℓ·R{Z}:
     * <pre>
     *   R{∂/∂Wₗ} = R{Hₗ₋₁}ᵀ·Eₗ + Hₗ₋₁ᵀ·R{Eₗ} + λVₗ      (R{H₀} = 0)
     *   R{∂/∂bₗ} = R{Eₗ}ᵀ·1
     *   dH = Eₗ·Wₗᵀ,   R{dH} = R{Eₗ}·Wₗᵀ + Eₗ·Vₗᵀ
     *   Eₗ₋₁ = dH ⊙ σ'(Pₗ₋₁),   R{Eₗ₋₁} = R{dH} ⊙ σ'(Pₗ₋₁) + dH ⊙ σ''(Pₗ₋₁) ⊙ R{Pₗ₋₁}
     * </pre>
     * One pass over X (Xᵀ·R{E₁}). w, v: not modified. buffers (deltas below L−1, rDeltas below
     * L−1): modified. out: modified.
     */
    void backwardR(double[] w, double[] v, LayerBuffers buffers, double lambda, double[] out) {
        double[] e = buffers.delta[layers - 1];
        double[] re = buffers.rDelta[layers - 1];
        for (int l = layers - 1; l >= 0; l--) {
            int in = model.inputsOf(l);
            int units = model.unitsOf(l);
            if (l > 0) {
                products.multiplyTransposed(buffers.act[l - 1], re, rows, in, units, gradient);
                products.multiplyTransposedAdd(buffers.rAct[l - 1], e, rows, in, units, gradient);
                writeWeights(gradient, lambda, v, l, out);
            } else {
                x.multiplyTransposed(re, units, firstGradient);
                writeWeights(firstGradient, lambda, v, 0, out);
            }
            sweep.columnSums(re, units, out, model.biasOffset(l));
            if (l > 0) {
                int count = in * units;
                System.arraycopy(w, model.weightOffset(l), weights, 0, count);
                System.arraycopy(v, model.weightOffset(l), directionWeights, 0, count);
                double[] below = buffers.delta[l - 1];
                double[] rBelow = buffers.rDelta[l - 1];
                products.multiplyByTransposed(e, weights, rows, units, in, below);
                products.multiplyByTransposed(re, weights, rows, units, in, rBelow);
                products.multiplyByTransposedAdd(e, directionWeights, rows, units, in, rBelow);
                sweep.rDelta(below, rBelow, buffers.slope[l - 1], buffers.curvature[l - 1], buffers.rPre[l - 1], in);
                e = below;
                re = rBelow;
            }
        }
    }

    /** out[Wₗ block] = g + λ·penaltyAt[Wₗ block] (zero-based l). */
    private void writeWeights(double[] g, double lambda, double[] penaltyAt, int layer, double[] out) {
        int at = model.weightOffset(layer);
        int count = model.inputsOf(layer) * model.unitsOf(layer);
        for (int j = 0; j < count; j++) {
            out[at + j] = g[j] + lambda * penaltyAt[at + j];
        }
    }
}
