package org.planesearch.models.network;

import org.planesearch.core.linalg.DenseProducts;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * The fast {@link SubspaceEvaluator} of a network with two weight layers,
 * Z = σ(X·W₁ + 1·b₁ᵀ)·W₂ + 1·b₂ᵀ (n×d → h → c): the SO-friendly case of Shea &amp; Schmidt
 * (2024; our spec §1.4). It caches the first layer's pre-activations P = X·W₁ + 1·b₁ᵀ (n×h) and,
 * per restriction, the first-layer images Qⱼ = X·D₁ⱼ + 1·e₁ⱼᵀ of the subspace's columns (a fresh
 * column costs one product with X; a previous step's image was recorded when the evaluator
 * moved, P_k − P_{k−1}, and costs nothing). Then, for t ∈ ℝᵏ,
 *
 * <pre>
 *   U(t) = P + Σⱼ tⱼQⱼ,   H(t) = σ(U(t)),   W₂(t) = W₂ + Σⱼ tⱼD₂ⱼ,   b₂(t) = b₂ + Σⱼ tⱼe₂ⱼ
 *   Z(t) = H(t)·W₂(t) + 1·b₂(t)ᵀ,          ψ(t) = (1/n) Σᵢ ℓ(Zᵢ(t), yᵢ) + (λ/2)‖W(t)‖²
 * </pre>
 *
 * costs O(n·h·k₁) for U, O(n·h) for σ and O(n·h·c) for Z per trial, against O(n·d·h) for the
 * gradient: a trial is cheap exactly when c ≪ d ("more inputs than outputs"). Derivatives, with
 * E = (1/n)∂ℓ/∂Z (n×c), G = E·W₂(t)ᵀ (n×h), S₁ = σ'(U), S₂ = σ''(U) and the output Jacobian
 * columns Jⱼ = (S₁⊙Qⱼ)·W₂(t) + H·D₂ⱼ + 1·e₂ⱼᵀ (n×c):
 *
 * <pre>
 *   ∂ψ/∂tⱼ     = ⟨G⊙S₁, Qⱼ⟩ + ⟨HᵀE, D₂ⱼ⟩ + ⟨Eᵀ1, e₂ⱼ⟩ + λ(aⱼ + (Mt)ⱼ)
 *   ∂²ψ/∂tᵢ∂tⱼ = (1/n) Σᵣ Jᵢ[r,:] ∇²ℓᵣ Jⱼ[r,:]ᵀ                       (Gauss–Newton part)
 *              + ⟨G⊙S₂, Qᵢ⊙Qⱼ⟩ + ⟨(S₁⊙Qᵢ)ᵀE, D₂ⱼ⟩ + ⟨(S₁⊙Qⱼ)ᵀE, D₂ᵢ⟩   (second-order chain rule)
 *              + λMᵢⱼ
 * </pre>
 *
 * exactly (no approximation), where aⱼ = ⟨W, Dⱼ⟩ and Mᵢⱼ = ⟨Dᵢ, Dⱼ⟩ over the weight blocks
 * (biases are not regularized), computed once per restriction. A column restricted to layer 1
 * has D₂ⱼ = 0, e₂ⱼ = 0; one restricted to layer 2 has Qⱼ = 0. At t = 0 the value and gradient
 * are free (ψ(0) = f and ∇ψ(0) = Dᵀ∇f from the last move); the Hessian at 0 reuses the cached
 * forward pass (H, S₁, Z, E) and costs only its own products.
 *
 * <p>Cost per evaluation, in products of n×h by h×c (or its transpose), with k₁ columns that
 * touch layer 1 and k₂ that touch layer 2: value 1; with gradient 3; with Hessian 3 + 2k₁ + k₂,
 * plus k sweeps of the loss Hessian over n×c and O(n·h·k₁²) entry-wise work. No product with X.
 *
 * <p>Cost of the protocol in data passes (products with X or Xᵀ): {@link #start} 2;
 * {@link #restrict} one per fresh column that touches layer 1 (one for GD+PS, for per-layer PS
 * and for L-BFGS/Adam with PS); {@link #move} 1 (the first layer's gradient Xᵀ·(G⊙S₁)), plus one
 * every {@link #REFRESH_INTERVAL} moves to recompute P exactly. So every step rule costs two
 * passes per iteration, like a fixed step.
 *
 * <p>A move to exactly the t of the last trial with derivatives (bit for bit) takes that
 * trial's forward pass (U, H, S₁, Z, E) instead of computing it again: U was formed as
 * P + (Σⱼ tⱼQⱼ) and the recorded step image as Σⱼ tⱼQⱼ in the same order, and W₂ of the new
 * iterate as W₂ + (Σⱼ tⱼD₂ⱼ) like W₂(t), so the cache after the move is what a fresh trial at the
 * new point would give.
 *
 * <p>A move to t = 0 (a search that found the current point optimal over the subspace) keeps
 * the point, its pass and its gradient, records a zero step, and costs no pass.
 *
 * <p>Memory, besides the data: about (12 + fresh layer-1 columns + stepMemory + 1)·n·h doubles
 * and (k + 4)·n·c, allocated in the constructor (fresh-image buffers on first use).
 * Not thread-safe; one per run.
 */
final class TwoLayerEvaluator implements SubspaceEvaluator {

    /** Moves between exact recomputations of P = X·W₁ + 1·b₁ᵀ (one extra pass each). */
    static final int REFRESH_INTERVAL = 1000;

    /**
     * The fraction of a step's gain the search may leave (see
     * {@link SubspaceObjective#decreaseTolerance()}): a trial with ∇ψ costs about a fifth of a
     * gradient here, so a Newton step that can add at most 0.1 % to the decrease the step already
     * has is not worth one. Measured on MNIST (h = 100): see docs/BENCHMARKS.md §4.
     */
    static final double DEFAULT_DECREASE_TOLERANCE = 1e-3;

    private final NetworkObjective objective;
    private final NetworkModel model;
    private final Propagation propagation;
    private final LayerSweep sweep;
    private final ImageSweep images;
    private final DenseProducts products = new DenseProducts();
    private final double[] targets;
    private final int rows;
    private final int hidden;
    private final int outputs;
    private final int dimension;
    private final int maxDirections;
    private final int stepMemory;
    private final double lambda;
    private final double invRows;
    // parameter offsets: layer 1 = [w1, b1 + h), layer 2 = [w2, b2 + c)
    private final int w1;
    private final int b1;
    private final int w2;
    private final int b2;
    private final int w1Length;
    private final int w2Length;

    private final EvaluationCounts counts = new EvaluationCounts();

    // the current iterate and its forward pass; the trial's forward pass (swapped on a move)
    private final double[] x;
    private final double[] gradient;
    private LayerBuffers current;
    private LayerBuffers trial;
    private boolean currentCurvature;
    private double value;
    private double lossSum;
    private boolean started;
    private int movesSinceRefresh;

    // ring of the last steps and their first-layer images; one spare slot for the next step
    private final double[][] steps;
    private final double[][] stepImages;
    private int head;
    private int available;

    // the restriction
    private int k;
    private boolean restricted;
    private final double[][] column;
    private final boolean[] layer1;
    private final boolean[] layer2;
    private final double[][] q;
    private final double[][] freshImages;
    private final double[][] d2;
    private final double[][] e2;
    private final double[] regLinear;
    private final double[] regQuadratic;
    private double regAtZero;
    // the layer-1 columns, compacted: their images and coefficients
    private int k1;
    private final int[] layer1Columns;
    private final double[][] q1;
    private final double[] t1;

    // the trial
    private final double[] trialT;
    private boolean trialValid;
    private boolean trialCurvature;
    private double trialLoss;
    // the last trial's ψ and ∇ψ (valid with trialGradient), and whether G = E·W₂(t)ᵀ is in gs2
    private boolean trialGradient;
    private double trialValue;
    private final double[] trialGrad;
    private boolean gReady;
    private final double[] w2t;
    private final double[] b2t;
    private final double[] hte;
    private final double[] columnSumsE;
    private final double[] scratchNh;
    private final double[] gs2;
    private final double[][] jacobian;
    private final double[] lossJacobian;
    private final double[][] cross;
    private final double[] dotOut;
    private final double[] pairOut;
    private final Restriction psi = new Restriction();

    TwoLayerEvaluator(NetworkObjective objective, int maxDirections, int stepMemory) {
        NetworkModel m = objective.model();
        if (m.weightLayers() != 2) {
            throw new IllegalArgumentException("the two-layer evaluator needs 2 weight layers, the model has "
                    + m.weightLayers());
        }
        if (maxDirections < 1) {
            throw new IllegalArgumentException("maxDirections must be >= 1, got " + maxDirections);
        }
        if (stepMemory < 0) {
            throw new IllegalArgumentException("stepMemory must be >= 0, got " + stepMemory);
        }
        this.objective = objective;
        this.model = m;
        this.propagation = new Propagation(m, objective.data());
        this.sweep = propagation.sweep();
        this.targets = objective.targets();
        this.rows = objective.examples();
        this.hidden = m.unitsOf(0);
        this.outputs = m.outputs();
        this.dimension = m.dimension();
        this.maxDirections = maxDirections;
        this.stepMemory = stepMemory;
        this.lambda = objective.lambda();
        this.invRows = 1.0 / rows;
        this.w1 = m.weightOffset(0);
        this.b1 = m.biasOffset(0);
        this.w2 = m.weightOffset(1);
        this.b2 = m.biasOffset(1);
        this.w1Length = m.inputs() * hidden;
        this.w2Length = hidden * outputs;
        this.images = new ImageSweep(rows, maxDirections);

        int nh = rows * hidden;
        int nc = rows * outputs;
        x = new double[dimension];
        gradient = new double[dimension];
        current = buffers();
        trial = buffers();
        steps = new double[stepMemory + 1][dimension];
        stepImages = new double[stepMemory + 1][nh];

        column = new double[maxDirections][];
        layer1 = new boolean[maxDirections];
        layer2 = new boolean[maxDirections];
        q = new double[maxDirections][];
        freshImages = new double[maxDirections][];
        d2 = new double[maxDirections][w2Length];
        e2 = new double[maxDirections][outputs];
        regLinear = new double[maxDirections];
        regQuadratic = new double[maxDirections * maxDirections];
        layer1Columns = new int[maxDirections];
        q1 = new double[maxDirections][];
        t1 = new double[maxDirections];

        trialT = new double[maxDirections];
        trialGrad = new double[maxDirections];
        w2t = new double[w2Length];
        b2t = new double[outputs];
        hte = new double[w2Length];
        columnSumsE = new double[outputs];
        scratchNh = new double[nh];
        gs2 = new double[nh];
        jacobian = new double[maxDirections][nc];
        lossJacobian = new double[nc];
        cross = new double[maxDirections][w2Length];
        dotOut = new double[maxDirections];
        pairOut = new double[maxDirections * maxDirections];
    }

    private LayerBuffers buffers() {
        LayerBuffers b = new LayerBuffers(model, rows);
        b.ensureSlopes();
        b.ensureCurvatures();
        b.ensureDeltas();
        return b;
    }

    @Override
    public int maxDirections() {
        return maxDirections;
    }

    @Override
    public int stepMemory() {
        return stepMemory;
    }

    @Override
    public int availableSteps() {
        return available;
    }

    @Override
    public double[] previousStep(int lag) {
        checkLag(lag);
        return steps[slot(lag)];
    }

    @Override
    public double start(double[] x0, double[] gradOut) {
        checkVector("x0", x0);
        checkVector("gradOut", gradOut);
        System.arraycopy(x0, 0, x, 0, dimension);
        available = 0;
        head = 0;
        restricted = false;
        trialValid = false;
        started = true;
        refresh();
        counts.addDataPasses(2);
        counts.addFunctionEvaluations(1);
        counts.addGradientEvaluations(1);
        System.arraycopy(gradient, 0, gradOut, 0, dimension);
        return value;
    }

    /** Forward pass at x from scratch (one pass), the loss and E, then the gradient (one pass). */
    private void refresh() {
        propagation.forward(x, current, true, false);
        currentCurvature = false;
        lossSum = sweep.lossResidual(current.pre[1], targets, invRows, current.delta[1]);
        finishMove();
        movesSinceRefresh = 0;
    }

    /** The gradient at x from the current forward pass and E; value = loss + penalty. One pass. */
    private void finishMove() {
        propagation.backward(x, current, current.delta[1], lambda, x, gradient);
        value = lossSum * invRows + objective.regularizer(x);
    }

    @Override
    public double currentValue() {
        requireStarted();
        return value;
    }

    @Override
    public SubspaceObjective restrict(Subspace subspace) {
        requireStarted();
        int kk = subspace.size();
        if (kk < 1 || kk > maxDirections) {
            throw new IllegalArgumentException("the subspace has " + kk + " columns; this evaluator takes 1.."
                    + maxDirections);
        }
        restricted = false;
        trialValid = false;
        int fresh = 0;
        k1 = 0;
        for (int j = 0; j < kk; j++) {
            int layer = subspace.layer(j);
            if (layer != Subspace.WHOLE && layer > 1) {
                throw new IllegalArgumentException("column " + j + " is restricted to layer " + layer
                        + " but the network has 2 layers");
            }
            layer1[j] = layer == Subspace.WHOLE || layer == 0;
            layer2[j] = layer == Subspace.WHOLE || layer == 1;
            double[] v;
            double[] image = null;
            if (subspace.isPreviousStep(j)) {
                int lag = subspace.lag(j);
                if (lag > available) {
                    throw new IllegalArgumentException("column " + j + " is the previous step with lag " + lag
                            + " but only " + available + " steps are available");
                }
                v = steps[slot(lag)];
                image = stepImages[slot(lag)];
            } else {
                v = subspace.vector(j);
                if (v.length != dimension) {
                    throw new IllegalArgumentException("column " + j + " has length " + v.length + ", expected "
                            + dimension);
                }
                if (layer1[j]) {
                    if (freshImages[fresh] == null) {
                        freshImages[fresh] = new double[rows * hidden];
                    }
                    image = freshImages[fresh++];
                    propagation.firstLayer(v, image);
                }
            }
            column[j] = v;
            q[j] = layer1[j] ? image : null;
            if (layer1[j]) {
                layer1Columns[k1] = j;
                q1[k1] = image;
                k1++;
            }
            if (layer2[j]) {
                System.arraycopy(v, w2, d2[j], 0, w2Length);
                System.arraycopy(v, b2, e2[j], 0, outputs);
            }
        }
        counts.addDataPasses(fresh);
        k = kk;
        // the penalty over the subspace: (λ/2)‖W‖² + λ Σⱼ tⱼ⟨W, Dⱼ⟩ + (λ/2) tᵀ⟨Dᵢ, Dⱼ⟩ t, weights only
        regAtZero = objective.regularizer(x);
        for (int i = 0; i < kk; i++) {
            regLinear[i] = lambda * weightDot(x, column[i], i, i);
            for (int j = i; j < kk; j++) {
                double mij = lambda * weightDot(column[i], column[j], i, j);
                regQuadratic[i * kk + j] = mij;
                regQuadratic[j * kk + i] = mij;
            }
        }
        restricted = true;
        return psi.reset(kk);
    }

    /** ⟨a, b⟩ over the weight blocks of the layers both column i and column j touch. */
    private double weightDot(double[] a, double[] b, int i, int j) {
        double s = 0;
        if (layer1[i] && layer1[j]) {
            s += Vec.dot(a, b, w1, w1Length);
        }
        if (layer2[i] && layer2[j]) {
            s += Vec.dot(a, b, w2, w2Length);
        }
        return s;
    }

    @Override
    public double move(double[] t, double[] xOut, double[] gradOut) {
        requireStarted();
        if (!restricted) {
            throw new IllegalStateException("call restrict before move");
        }
        if (t == null || t.length < k) {
            throw new IllegalArgumentException("t must have at least " + k + " entries");
        }
        checkVector("xOut", xOut);
        checkVector("gradOut", gradOut);
        for (int j = 0; j < k; j++) {
            if (!Double.isFinite(t[j])) {
                throw new IllegalArgumentException("t[" + j + "] is not finite: " + t[j]);
            }
        }
        if (allZero(t)) {
            // no step: x, the pass and the gradient stay; the step recorded is 0 (no pass)
            int slot = slot(0);
            Vec.fill(steps[slot], 0);
            Vec.fill(stepImages[slot], 0);
            head = (head + 1) % steps.length;
            available = Math.min(available + 1, stepMemory);
            trialValid = false;
            restricted = false;
            System.arraycopy(x, 0, xOut, 0, dimension);
            System.arraycopy(gradient, 0, gradOut, 0, dimension);
            return value;
        }
        if (!(trialValid && sameBits(t, trialT, k))) {
            evaluate(t, true, null, null);
        }
        // the step s = Σⱼ tⱼDⱼ (each column masked to its layers), in column order as W₂(t)
        int slot = slot(0);
        double[] s = steps[slot];
        Vec.fill(s, 0);
        addLayer(s, t, true, w1, b1 + hidden);
        addLayer(s, t, false, w2, b2 + outputs);
        for (int i = 0; i < dimension; i++) {
            x[i] = x[i] + s[i];
        }
        if (k1 > 0) {
            collectLayer1(t);
            images.image(q1, t1, k1, hidden, stepImages[slot]);
        } else {
            Vec.fill(stepImages[slot], 0);
        }
        head = (head + 1) % steps.length;
        available = Math.min(available + 1, stepMemory);

        LayerBuffers was = current;
        current = trial;
        trial = was;
        currentCurvature = trialCurvature;
        lossSum = trialLoss;
        trialValid = false;
        restricted = false;
        movesSinceRefresh++;
        if (movesSinceRefresh >= REFRESH_INTERVAL) {
            refresh();
            counts.addDataPasses(2);
        } else {
            finishMove();
            counts.addDataPasses(1);
        }
        counts.addFunctionEvaluations(1);
        counts.addGradientEvaluations(1);
        System.arraycopy(x, 0, xOut, 0, dimension);
        System.arraycopy(gradient, 0, gradOut, 0, dimension);
        return value;
    }

    /**
     * s[i] = Σⱼ tⱼ·column[j][i] for i ∈ [from, to) over the columns that touch the layer, in
     * column order (the bits of W₂(t) for layer 2).
     */
    private void addLayer(double[] s, double[] t, boolean first, int from, int to) {
        boolean any = false;
        for (int j = 0; j < k; j++) {
            if (!(first ? layer1[j] : layer2[j])) {
                continue;
            }
            double tj = t[j];
            double[] v = column[j];
            if (!any) {
                for (int i = from; i < to; i++) {
                    s[i] = tj * v[i];
                }
                any = true;
            } else {
                for (int i = from; i < to; i++) {
                    s[i] += tj * v[i];
                }
            }
        }
    }

    private void collectLayer1(double[] t) {
        for (int i = 0; i < k1; i++) {
            t1[i] = t[layer1Columns[i]];
        }
    }

    /**
     * ψ at t (t = 0 from the cache), with ∇ψ into grad and ∇²ψ into hess when they are not null;
     * derivatives = true keeps E (and S₁) of the trial for a move even without grad. At t = 0
     * nothing is copied: a move to t = 0 keeps the current pass as it is.
     */
    private double evaluate(double[] t, boolean derivatives, double[] grad, double[] hess) {
        counts.addSubspaceTrials(1);
        boolean wantDerivatives = derivatives || grad != null || hess != null;
        if (hess != null && trialValid && trialGradient && sameBits(t, trialT, k)) {
            // the Hessian at the last trial (see separateHessian): its pass, E, G and ∇ψ are kept
            if (grad != null) {
                System.arraycopy(trialGrad, 0, grad, 0, k);
            }
            secondDerivatives(trial, w2t, hess);
            return trialValue;
        }
        if (allZero(t)) {
            if (grad != null) {
                for (int j = 0; j < k; j++) {
                    grad[j] = layerDot(gradient, j);
                }
            }
            if (hess != null) {
                if (!currentCurvature) {
                    sweep.activate(current.pre[0], hidden, null, 0, null, null, current.curvature[0]);
                    currentCurvature = true;
                }
                System.arraycopy(x, w2, w2t, 0, w2Length);
                gReady = false;
                secondDerivatives(current, w2t, hess);
            }
            return value;
        }
        // W₂(t), b₂(t) in column order (the move forms the step the same way)
        formLayer2(t);
        collectLayer1(t);
        images.combine(current.pre[0], q1, t1, k1, hidden, trial.pre[0]);
        // σ'' comes with σ' (the same exponentials) so that a Hessian asked for later at this t
        // costs only its products
        sweep.activate(trial.pre[0], hidden, null, 0, trial.act[0], wantDerivatives ? trial.slope[0] : null,
                wantDerivatives ? trial.curvature[0] : null);
        gReady = false;
        trialGradient = false;
        products.multiply(trial.act[0], w2t, rows, hidden, outputs, trial.pre[1]);
        sweep.addBias(trial.pre[1], outputs, b2t, 0);
        double loss;
        if (wantDerivatives) {
            loss = sweep.lossResidual(trial.pre[1], targets, invRows, trial.delta[1]);
            trialLoss = loss;
            trialCurvature = true;
            System.arraycopy(t, 0, trialT, 0, k);
            trialValid = true;
        } else {
            loss = sweep.lossSum(trial.pre[1], targets);
            trialValid = false;
        }
        double psiValue = loss * invRows + penalty(t);
        trialValue = psiValue;
        if (grad != null) {
            firstDerivatives(trial, w2t, t, grad);
            System.arraycopy(grad, 0, trialGrad, 0, k);
            trialGradient = true;
        }
        if (hess != null) {
            secondDerivatives(trial, w2t, hess);
        }
        return psiValue;
    }

    /** ⟨g, column j⟩ over the layers column j touches (the exact ∇ψ(0) = Dᵀ∇f). */
    private double layerDot(double[] g, int j) {
        double s = 0;
        if (layer1[j]) {
            s += Vec.dot(g, column[j], w1, b1 + hidden - w1);
        }
        if (layer2[j]) {
            s += Vec.dot(g, column[j], w2, b2 + outputs - w2);
        }
        return s;
    }

    private void formLayer2(double[] t) {
        System.arraycopy(x, w2, w2t, 0, w2Length);
        System.arraycopy(x, b2, b2t, 0, outputs);
        // the same expression as the move's x + s with s = Σⱼ tⱼDⱼ in column order
        boolean any = false;
        for (int j = 0; j < k; j++) {
            if (layer2[j]) {
                any = true;
                break;
            }
        }
        if (!any) {
            return;
        }
        for (int e = 0; e < w2Length; e++) {
            w2t[e] = w2t[e] + layer2Sum(t, e, false);
        }
        for (int o = 0; o < outputs; o++) {
            b2t[o] = b2t[o] + layer2Sum(t, o, true);
        }
    }

    /** Σⱼ tⱼ·D₂ⱼ[e] (bias: e₂ⱼ[e]) over the layer-2 columns, in column order, first term alone. */
    private double layer2Sum(double[] t, int e, boolean bias) {
        double s = 0;
        boolean any = false;
        for (int j = 0; j < k; j++) {
            if (!layer2[j]) {
                continue;
            }
            double term = t[j] * (bias ? e2[j][e] : d2[j][e]);
            s = any ? s + term : term;
            any = true;
        }
        return s;
    }

    /** (λ/2)‖W(t)‖² = regAtZero + Σⱼ tⱼaⱼ + ½ tᵀMt. */
    private double penalty(double[] t) {
        if (lambda == 0) {
            return 0;
        }
        double s = 0;
        for (int i = 0; i < k; i++) {
            double mt = 0;
            for (int j = 0; j < k; j++) {
                mt += regQuadratic[i * k + j] * t[j];
            }
            s += t[i] * (regLinear[i] + 0.5 * mt);
        }
        return regAtZero + s;
    }

    /** grad = ∇ψ at the pass in b (W₂(t) = w2m). */
    private void firstDerivatives(LayerBuffers b, double[] w2m, double[] t, double[] grad) {
        double[] e = b.delta[1];
        boolean any2 = false;
        for (int j = 0; j < k; j++) {
            any2 |= layer2[j];
        }
        if (any2) {
            products.multiplyTransposed(b.act[0], e, rows, hidden, outputs, hte);
            sweep.columnSums(e, outputs, columnSumsE, 0);
        }
        if (k1 > 0) {
            // G = E·W₂ᵀ (kept for a Hessian at this t), B = G ⊙ S₁, then ⟨B, Qⱼ⟩
            products.multiplyByTransposed(e, w2m, rows, outputs, hidden, gs2);
            gReady = true;
            sweep.hadamard(gs2, b.slope[0], hidden, scratchNh);
            images.dots(scratchNh, q1, k1, hidden, dotOut);
        }
        for (int j = 0; j < k; j++) {
            grad[j] = 0;
        }
        for (int i = 0; i < k1; i++) {
            grad[layer1Columns[i]] = dotOut[i];
        }
        for (int j = 0; j < k; j++) {
            if (layer2[j]) {
                grad[j] += dot(hte, d2[j]) + dot(columnSumsE, e2[j]);
            }
            double mt = 0;
            for (int l = 0; l < k; l++) {
                mt += regQuadratic[j * k + l] * t[l];
            }
            grad[j] += regLinear[j] + mt;
        }
    }

    /** hess = ∇²ψ at the pass in b (which holds σ'' in curvature[0]), with W₂(t) = w2m (h×c). */
    private void secondDerivatives(LayerBuffers b, double[] w2m, double[] hess) {
        double[] e = b.delta[1];
        double[] z = b.pre[1];
        // Jacobian columns Jⱼ = (S₁⊙Qⱼ)·W₂(t) + H·D₂ⱼ + 1·e₂ⱼᵀ, and Cⱼ = (S₁⊙Qⱼ)ᵀE for layer-1 columns
        for (int j = 0; j < k; j++) {
            double[] jj = jacobian[j];
            if (layer1[j]) {
                sweep.hadamard(b.slope[0], q[j], hidden, scratchNh);
                products.multiply(scratchNh, w2m, rows, hidden, outputs, jj);
                products.multiplyTransposed(scratchNh, e, rows, hidden, outputs, cross[j]);
                if (layer2[j]) {
                    products.multiplyAdd(b.act[0], d2[j], rows, hidden, outputs, jj);
                }
            } else {
                products.multiply(b.act[0], d2[j], rows, hidden, outputs, jj);
            }
            if (layer2[j]) {
                sweep.addBias(jj, outputs, e2[j], 0);
            }
        }
        // Gauss–Newton part: (1/n) Σᵣ Jᵢ ∇²ℓ Jⱼ
        for (int j = 0; j < k; j++) {
            sweep.lossHessian(z, targets, jacobian[j], invRows, lossJacobian);
            images.dots(lossJacobian, jacobian, j + 1, outputs, dotOut);
            for (int i = 0; i <= j; i++) {
                hess[i * k + j] = dotOut[i];
                hess[j * k + i] = dotOut[i];
            }
        }
        // second-order terms through σ'': ⟨(E·W₂ᵀ)⊙S₂, Qᵢ⊙Qⱼ⟩ for layer-1 pairs
        if (k1 > 0) {
            if (!gReady) {
                products.multiplyByTransposed(e, w2m, rows, outputs, hidden, gs2);
            }
            gReady = false;   // gs2 becomes G ⊙ S₂
            sweep.hadamard(gs2, b.curvature[0], hidden, gs2);
            images.pairs(gs2, q1, k1, hidden, pairOut);
            for (int a = 0; a < k1; a++) {
                for (int c = 0; c < k1; c++) {
                    hess[layer1Columns[a] * k + layer1Columns[c]] += pairOut[a * k1 + c];
                }
            }
        }
        // cross terms through W₂: ⟨(S₁⊙Qᵢ)ᵀE, D₂ⱼ⟩ + ⟨(S₁⊙Qⱼ)ᵀE, D₂ᵢ⟩
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                if (layer1[i] && layer2[j]) {
                    s += dot(cross[i], d2[j]);
                }
                if (layer1[j] && layer2[i]) {
                    s += dot(cross[j], d2[i]);
                }
                hess[i * k + j] += s + regQuadratic[i * k + j];
            }
        }
    }

    @Override
    public EvaluationCounts counts() {
        return counts;
    }

    @Override
    public boolean isCheap() {
        return true;
    }

    @Override
    public String toString() {
        return "TwoLayerEvaluator[" + model + ", n=" + rows + ", maxDirections=" + maxDirections + ", stepMemory="
                + stepMemory + "]";
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private boolean allZero(double[] t) {
        for (int j = 0; j < k; j++) {
            if (t[j] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBits(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            if (Double.doubleToRawLongBits(a[j]) != Double.doubleToRawLongBits(b[j])) {
                return false;
            }
        }
        return true;
    }

    /** The ring slot of the step with the given lag (lag 0: the spare slot for the next step). */
    private int slot(int lag) {
        return Math.floorMod(head - lag, steps.length);
    }

    private void checkLag(int lag) {
        if (lag < 1 || lag > available) {
            throw new IllegalArgumentException("lag must be in 1.." + available + ", got " + lag);
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("call start first");
        }
    }

    private void checkVector(String name, double[] v) {
        if (v == null || v.length != dimension) {
            throw new IllegalArgumentException(name + " must have length " + dimension + ", got "
                    + (v == null ? "null" : String.valueOf(v.length)));
        }
    }

    /** ψ over the current restriction; one instance, reused. */
    private final class Restriction implements SubspaceObjective {
        private int dim;

        Restriction reset(int columns) {
            dim = columns;
            return this;
        }

        @Override
        public int dimension() {
            return dim;
        }

        @Override
        public double value(double[] t) {
            check(t);
            return evaluate(t, false, null, null);
        }

        @Override
        public double valueAndGradient(double[] t, double[] gradOut) {
            check(t);
            return evaluate(t, true, gradOut, null);
        }

        @Override
        public double valueGradientHessian(double[] t, double[] gradOut, double[] hessOut) {
            check(t);
            return evaluate(t, true, gradOut, hessOut);
        }

        /** The exact ∇²ψ costs about twice ψ and ∇ψ together (products per layer-1 column). */
        @Override
        public boolean separateHessian() {
            return true;
        }

        @Override
        public double decreaseTolerance() {
            return DEFAULT_DECREASE_TOLERANCE;
        }

        private void check(double[] t) {
            if (!restricted || dim != k) {
                throw new IllegalStateException("this restriction is no longer valid (the evaluator moved or was "
                        + "restricted again)");
            }
            if (t == null || t.length < k) {
                throw new IllegalArgumentException("t must have at least " + k + " entries");
            }
        }
    }
}
