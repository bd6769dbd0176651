package org.planesearch.models.network;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Vec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.planesearch.core.objective.CurvatureKind;
import org.planesearch.core.objective.LayerCurvature;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.subspace.GenericSubspaceEvaluator;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * The training objective of a {@link NetworkModel} on data X (n×d) with targets y:
 *
 * <pre>
 *   f(w) = (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (λ/2) Σₗ ‖Wₗ‖²        (biases not regularized)
 *   forward:   P₁ = X·W₁ + 1·b₁ᵀ,  Hₗ = σ(Pₗ),  Pₗ₊₁ = Hₗ·Wₗ₊₁ + 1·bₗ₊₁ᵀ,  Z = P_L
 *   backward:  E_L = (1/n) ∂ℓ/∂Z,  ∇_{Wₗ} f = Hₗ₋₁ᵀ·Eₗ + λWₗ  (H₀ = X),  ∇_{bₗ} f = Eₗᵀ·1,
 *              Eₗ₋₁ = (Eₗ·Wₗᵀ) ⊙ σ'(Pₗ₋₁)
 * </pre>
 *
 * <p><b>Hessian-vector product</b> ({@link #hessianTimes}): exact, by Pearlmutter's R-operator
 * R{·} = d/dε (·)(w + εv)|₀ (Pearlmutter 1994, "Fast exact multiplication by the Hessian",
 * Neural Computation 6(1)): a forward R-pass R{Pₗ}, R{Hₗ} = σ'(Pₗ) ⊙ R{Pₗ}, R{Z} = J·v; then
 * R{E_L} = (1/n)∇²ℓ(Z)·R{Z} row by row and a backward R-pass that includes the activation's
 * second-derivative terms Eₗ·Wₗᵀ ⊙ σ''(Pₗ₋₁) ⊙ R{Pₗ₋₁} and the product-rule terms R{Hₗ₋₁}ᵀ·Eₗ
 * and Eₗ·Vₗᵀ (see {@code Propagation.backwardR}). For ReLU, σ'' = 0 and the product is that
 * of the generalized Hessian, exact away from the kinks ({@link Activation}).
 *
 * <p><b>Gauss–Newton product</b> ({@link #gaussNewtonTimes}): G·v = (1/n) Jᵀ ∇²ℓ J v + λ v_W
 * (the generalized Gauss–Newton matrix of Schraudolph 2002, "Fast curvature matrix-vector
 * products for second-order gradient descent", Neural Computation 14(7)), with J = ∂Z/∂w: the
 * forward R-pass, the loss Hessian, and an ordinary backward pass. G is symmetric positive
 * semidefinite (every {@link OutputLoss} is convex in z), and equals ∇²f where the residuals
 * ∂ℓ/∂Z vanish.
 *
 * <p>Costs, in passes over X (products with X or Xᵀ; everything else is O(n·Σₗ nₗ₋₁nₗ) on
 * arrays for the hidden layers and the loss, plus the O(n·Σ hₗ) entry-wise work):
 * {@link #value} 1, {@link #valueAndGradient} 2, {@link #hessianTimes} 3,
 * {@link #gaussNewtonTimes} 3. This objective does not count them; the evaluator does.
 *
 * <p><b>Determinism.</b> Every sum runs in a fixed partition and order for a given thread count
 * (the data matrix's products, {@link org.planesearch.core.linalg.DenseProducts},
 * {@code LayerSweep}), so every method returns the same bits call after call, and f from
 * {@link #value} and from {@link #valueAndGradient} at the same point are identical.
 *
 * <p><b>Subspace evaluation.</b> {@link #newEvaluator} returns, for two weight layers, the fast
 * {@link TwoLayerEvaluator}: it caches P₁ = X·W₁ + 1·b₁ᵀ and the directions' first-layer images,
 * so that a trial costs O(n·h·c) and an iteration two passes over X whatever the step rule. For
 * three or more weight layers it returns core's generic evaluator, which evaluates f in full at
 * every trial (the middle layers' products change with every layer's rate: not SO-friendly).
 *
 * <p>Created by {@link NetworkModel#objective}. Holds the data by reference and a validated copy
 * of the targets. Not thread-safe: the evaluation methods share one workspace (layer arrays,
 * product buffers), allocated on first use and reused: steady-state calls allocate nothing (test
 * {@code NetworkAllocationTest}). Memory, in n×hₗ arrays per hidden layer: 2 for {@link #value}
 * (pre-activations, activations), 4 once the gradient has been asked for (σ', deltas), 7 for
 * Gauss–Newton products (R-pass arrays) and 8 for Hessian products (σ''); plus 2 to 4 n×c
 * arrays for the output layer.
 */
public final class NetworkObjective implements Objective, LayerCurvature {

    private final NetworkModel model;
    private final DataMatrix x;
    private final double[] targets;
    private final double lambda;
    private final int rows;
    private final int layers;
    private final ParameterLayout layout;
    private Propagation propagation;
    private LayerBuffers buffers;
    /** The point of the forward pass (with slopes) now in buffers, or null (see {@link #forwardWithSlopes}). */
    private double[] forwardPoint;
    private boolean forwardValid;
    /** Layer-curvature scratch: per-layer output tangents (exact Gauss–Newton) or projections (Fisher); sampled targets. */
    private double[][] layerScratch;
    private double[] sampledTargets;
    private double[] sampledResidual;

    NetworkObjective(NetworkModel model, DataMatrix x, double[] validatedTargets, double lambda) {
        this.model = model;
        this.x = x;
        this.targets = validatedTargets;
        this.lambda = lambda;
        this.rows = x.rows();
        this.layers = model.weightLayers();
        this.layout = model.layout();
    }

    /** The network (widths, activation, loss). */
    public NetworkModel model() {
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
        propagation().forward(w, buffers, false, false);
        forwardValid = false;
        return lossSum() / rows + regularizer(w);
    }

    /** Returns f(w) and writes ∇f(w) into gradOut (back-propagation). Two passes. w: not modified. gradOut: modified. */
    @Override
    public double valueAndGradient(double[] w, double[] gradOut) {
        checkVector("w", w);
        checkVector("gradOut", gradOut);
        checkDistinct("gradOut", gradOut, "w", w);
        Propagation p = forwardWithSlopes(w);
        double sum = residual();
        p.backward(w, buffers, buffers.delta[layers - 1], lambda, w, gradOut);
        return sum / rows + regularizer(w);
    }

    /**
     * Writes the exact ∇²f(w)·v into out (R-operator; see the class comment). Three passes.
     * w, v: not modified. out: modified (must not alias w or v).
     */
    @Override
    public void hessianTimes(double[] w, double[] v, double[] out) {
        checkProductArguments(w, v, out);
        Propagation p = propagation();
        p.forward(w, buffers, true, true);
        rememberForward(w);
        residual();
        p.forwardR(w, v, buffers);
        lossHessian();
        p.backwardR(w, v, buffers, lambda, out);
    }

    /**
     * Writes the generalized Gauss–Newton product G(w)·v = (1/n) Jᵀ∇²ℓ J v + λv_W into out
     * (J = ∂Z/∂w; biases get no λ term). Symmetric positive semidefinite in v. Three passes.
     * w, v: not modified. out: modified (must not alias w or v).
     */
    public void gaussNewtonTimes(double[] w, double[] v, double[] out) {
        checkProductArguments(w, v, out);
        Propagation p = forwardWithSlopes(w);
        p.forwardR(w, v, buffers);
        lossHessian();
        p.backward(w, buffers, buffers.rDelta[layers - 1], lambda, v, out);
    }

    /** The mean unregularized loss (1/n) Σᵢ ℓ(zᵢ, yᵢ) at w (f without the penalty). One pass. w: not modified. */
    public double meanLoss(double[] w) {
        checkVector("w", w);
        propagation().forward(w, buffers, false, false);
        forwardValid = false;
        return lossSum() / rows;
    }

    /**
     * The curvature of f projected on p split by layer: C_lm = p_lᵀ B p_m for the network's
     * layers l, m (a layer = its weights and bias), {@link LayerCurvature}. B is
     * <ul>
     *   <li>{@link CurvatureKind#GAUSS_NEWTON}: exact, G = (1/n)Jᵀ∇²ℓJ + λ on the weights. For
     *       each layer m the forward R-pass from that layer alone gives Jₘpₘ (n×c; one pass over X
     *       for the first layer, hidden products above it), then
     *       C_lm = (1/n) Σᵢ (J_l p_l)ᵢᵀ ∇²ℓᵢ (Jₘpₘ)ᵢ + λ δ_lm ‖p_l^W‖².</li>
     *   <li>{@link CurvatureKind#FISHER}: an unbiased one-sample estimate of G (the "sampled
     *       Fisher"): targets ŷᵢ drawn from the model's own p(y | zᵢ) ({@code FisherSampling}),
     *       their loss gradients ĝᵢ back-propagated to every layer's pre-activations (one backward
     *       pass without weight gradients), and each layer's image Mₗ = Hₗ₋₁Pₗ + 1·cₗᵀ (one forward
     *       product per layer, one pass over X for the first); with uₗᵢ = ⟨ĝₗᵢ, Mₗᵢ⟩,
     *       C_lm = (1/n) Σᵢ uₗᵢ uₘᵢ + λ δ_lm ‖p_l^W‖², whose expectation over ŷ is the exact
     *       Gauss–Newton C. About one gradient's products for any depth.</li>
     *   <li>{@link CurvatureKind#HESSIAN}: exact ∇²f, by one Hessian-vector product per layer
     *       (three passes each): a reference.</li>
     *   <li>{@link CurvatureKind#AUTO}: exact Gauss–Newton while its hidden products cost no more
     *       than the Fisher estimate's (always for two weight layers, where the two cost the
     *       same), the Fisher estimate otherwise.</li>
     * </ul>
     * The forward pass is reused when the last evaluation with slopes was at the same w (as after
     * {@link #valueAndGradient}). w, p: not modified. out: L·L values, modified.
     */
    @Override
    public CurvatureKind layerCurvature(double[] w, double[] p, CurvatureKind kind, SplittableRandom random, double[] out) {
        checkVector("w", w);
        checkVector("p", p);
        if (out == null || out.length != layers * layers) {
            throw new IllegalArgumentException("out must have length " + layers * layers);
        }
        CurvatureKind k = kind == CurvatureKind.AUTO ? autoCurvature() : kind;
        switch (k) {
            case HESSIAN:
                LayerCurvature.byHessianProducts(this, layout, w, p, out);
                break;
            case GAUSS_NEWTON:
                gaussNewtonBlocks(w, p, out);
                break;
            case FISHER:
                if (random == null) {
                    throw new IllegalArgumentException("the Fisher estimate needs a random source");
                }
                fisherBlocks(w, p, random, out);
                break;
            default:
                throw new IllegalArgumentException("unsupported curvature " + k);
        }
        return k;
    }

    /** GAUSS_NEWTON when its hidden products cost no more than FISHER's, else FISHER (see {@link #layerCurvature}). */
    CurvatureKind autoCurvature() {
        long exact = 0;
        long sampled = 0;
        for (int m = 0; m < layers; m++) {
            long size = (long) model.inputsOf(m) * model.unitsOf(m);
            sampled += size + (m > 0 ? size : 0);
            for (int j = m; j < layers; j++) {
                exact += (long) model.inputsOf(j) * model.unitsOf(j);
            }
        }
        return exact <= sampled ? CurvatureKind.GAUSS_NEWTON : CurvatureKind.FISHER;
    }

    private void gaussNewtonBlocks(double[] w, double[] p, double[] out) {
        Propagation prop = forwardWithSlopes(w);
        int c = model.outputs();
        double[][] tangents = scratch(rows * c);
        for (int m = 0; m < layers; m++) {
            prop.forwardRLayer(w, p, buffers, m);
            System.arraycopy(buffers.rPre[layers - 1], 0, tangents[m], 0, rows * c);
        }
        double[] weighted = buffers.rDelta[layers - 1];
        for (int m = 0; m < layers; m++) {
            propagation.sweep().lossHessian(buffers.pre[layers - 1], targets, tangents[m], 1.0 / rows, weighted);
            for (int l = 0; l <= m; l++) {
                double v = Vec.dot(tangents[l], weighted);
                out[l * layers + m] = v;
                out[m * layers + l] = v;
            }
        }
        addPenalty(p, out);
    }

    private void fisherBlocks(double[] w, double[] p, SplittableRandom random, double[] out) {
        Propagation prop = forwardWithSlopes(w);
        int c = model.outputs();
        if (sampledTargets == null) {
            sampledTargets = new double[(int) model.loss().targetCount(rows, c)];
            sampledResidual = new double[rows * c];
        }
        double[] z = buffers.pre[layers - 1];
        FisherSampling.sample(model.loss(), z, rows, c, random, sampledTargets);
        propagation.sweep().lossResidual(z, sampledTargets, 1.0, sampledResidual);
        buffers.ensureRPass();
        prop.backwardDeltas(w, buffers, sampledResidual);
        double[][] projections = scratch(rows);
        for (int l = 0; l < layers; l++) {
            int units = model.unitsOf(l);
            double[] image = buffers.rPre[l];
            prop.layerImage(p, buffers, l, image);
            double[] delta = buffers.delta[l];
            double[] u = projections[l];
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int o = 0, at = i * units; o < units; o++) {
                    s += image[at + o] * delta[at + o];
                }
                u[i] = s;
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int m = 0; m <= l; m++) {
                double v = Vec.dot(projections[l], projections[m]) / rows;
                out[l * layers + m] = v;
                out[m * layers + l] = v;
            }
        }
        addPenalty(p, out);
    }

    /** out_ll += λ‖p_l^W‖² (the penalty's Hessian on the weights). */
    private void addPenalty(double[] p, double[] out) {
        if (lambda == 0) {
            return;
        }
        for (int l = 0; l < layers; l++) {
            out[l * layers + l] += lambda * Vec.dot(p, p, model.weightOffset(l), model.inputsOf(l) * model.unitsOf(l));
        }
    }

    private double[][] scratch(int length) {
        if (layerScratch == null || layerScratch[0].length != length) {
            layerScratch = new double[layers][length];
        }
        return layerScratch;
    }

    /** The forward pass with slopes at w, skipped when the buffers already hold it. */
    private Propagation forwardWithSlopes(double[] w) {
        Propagation p = propagation();
        if (!(forwardValid && Arrays.equals(w, forwardPoint))) {
            p.forward(w, buffers, true, false);
            rememberForward(w);
        }
        return p;
    }

    private void rememberForward(double[] w) {
        if (forwardPoint == null) {
            forwardPoint = new double[w.length];
        }
        System.arraycopy(w, 0, forwardPoint, 0, w.length);
        forwardValid = true;
    }

    /** Forgets the cached forward pass: the data or targets under this objective changed (mini-batches refill them in place). */
    void dataChanged() {
        forwardValid = false;
    }

    /**
     * For two weight layers the fast {@link TwoLayerEvaluator} (a trial costs O(n·h·c), no pass
     * over X); for deeper networks core's {@link GenericSubspaceEvaluator}, where every trial is a
     * full forward pass (and with derivatives, a backward pass and k Hessian-vector products):
     * the step is then no longer cheap, which {@link SubspaceEvaluator#isCheap()} reports.
     */
    @Override
    public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
        if (layers == 2) {
            return new TwoLayerEvaluator(this, maxDirections, stepMemory);
        }
        return new GenericSubspaceEvaluator(this, layout, maxDirections, stepMemory,
                GenericSubspaceEvaluator.COSTLY_TRIALS_DECREASE_TOLERANCE);
    }

    @Override
    public String toString() {
        return "NetworkObjective[" + model + ", n=" + rows + ", lambda=" + lambda + "]";
    }

    // ---- shared with evaluators (package-private) ----

    /** The passes over this objective's data (created on first use). */
    Propagation propagation() {
        if (propagation == null) {
            propagation = new Propagation(model, x);
            buffers = new LayerBuffers(model, rows);
        }
        return propagation;
    }

    /** The validated targets (owned; not to be modified). */
    double[] targets() {
        return targets;
    }

    /** (λ/2) Σₗ ‖Wₗ‖², the layers' squared norms added in layer order. */
    double regularizer(double[] w) {
        if (lambda == 0) {
            return 0;
        }
        double s = 0;
        for (int l = 0; l < layers; l++) {
            s += Vec.dot(w, w, model.weightOffset(l), model.inputsOf(l) * model.unitsOf(l));
        }
        return 0.5 * lambda * s;
    }

    private double lossSum() {
        return propagation.sweep().lossSum(buffers.pre[layers - 1], targets);
    }

    /** Returns Σᵢ ℓ and writes E_L = (1/n)∂ℓ/∂Z into delta[L−1]. */
    private double residual() {
        buffers.ensureDeltas();
        return propagation.sweep().lossResidual(buffers.pre[layers - 1], targets, 1.0 / rows, buffers.delta[layers - 1]);
    }

    /** rDelta[L−1] = (1/n)∇²ℓ(Z)·R{Z}. */
    private void lossHessian() {
        propagation.sweep().lossHessian(buffers.pre[layers - 1], targets, buffers.rPre[layers - 1], 1.0 / rows,
                buffers.rDelta[layers - 1]);
    }

    private void checkProductArguments(double[] w, double[] v, double[] out) {
        checkVector("w", w);
        checkVector("v", v);
        checkVector("out", out);
        if (out == w || out == v) {
            throw new IllegalArgumentException("out must not alias w or v");
        }
    }

    private static void checkDistinct(String name, double[] a, String otherName, double[] b) {
        if (a == b) {
            throw new IllegalArgumentException(name + " must not be the same array as " + otherName);
        }
    }

    private void checkVector(String name, double[] v) {
        if (v == null || v.length != layout.dimension()) {
            throw new IllegalArgumentException(name + " must have length " + layout.dimension() + ", got "
                    + (v == null ? "null" : String.valueOf(v.length)));
        }
    }
}
