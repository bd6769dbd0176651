package org.planesearch.models.linear;

import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * The fast {@link SubspaceEvaluator} of a {@link LinearObjective}: it caches the scores
 * z = X·W + 1·bᵀ (n×c) of the current iterate and, per restriction, the images
 * A = [A₁ … Aₖ] (Aⱼ = X·Dⱼ,W + 1·Dⱼ,bᵀ, n×c each) of the subspace's columns, so that
 *
 * <pre>
 *   ψ(t)      = (1/n) Σᵢ ℓ(zᵢ + Σⱼ tⱼ Aⱼ[i,:]) + (λ/2)(‖Rw‖² + 2 tᵀDᵀRw + tᵀDᵀRD t)
 *   ∂ψ/∂tⱼ    = ⟨Aⱼ, (1/n) ∂ℓ/∂z(z(t))⟩ + λ(DᵀRw + DᵀRD t)ⱼ
 *   ∂²ψ/∂tⱼ∂tₗ = (1/n) Σᵢ Aⱼ[i,:] ∇²ℓᵢ Aₗ[i,:]ᵀ + λ(DᵀRD)ⱼₗ
 * </pre>
 *
 * cost O(n·c·k), O(n·c·k) and O(n·c·k²) per trial (R masks the regularized block, the weights).
 * For softmax ∇²ℓᵢ = diag(pᵢ) − pᵢpᵢᵀ is never formed (see {@link SoftmaxLoss}).
 *
 * <p>Cost of the protocol, in data passes (one product with X or Xᵀ, whatever its number of
 * right-hand columns):
 * <ul>
 *   <li>{@link #start}: 2 (z = X·W, then XᵀR for the gradient);</li>
 *   <li>{@link #restrict}: 1 when some fresh column touches the weights block: all such columns
 *       are packed into one d×(f·c) matrix M and imaged by a single {@code x.multiply(M, f·c, …)};
 *       0 otherwise. A column restricted to the intercept block has the image 1·d_bᵀ, and a
 *       previous step's image was recorded when the evaluator moved (no pass). DᵀRw and DᵀRD
 *       cost O(d·c·k²) here, once;</li>
 *   <li>{@link #move}: 1 (x ← x + Dt and z ← z + At are updates; XᵀR for the new gradient is
 *       the pass), plus one extra pass every {@link #DEFAULT_REFRESH_INTERVAL} moves to recompute
 *       z = X·W + 1·bᵀ exactly and stop rounding drift.</li>
 * </ul>
 * So gradient descent with any line rule, and plane search over [−g, s₁], cost exactly two
 * passes per iteration, like a fixed step.
 *
 * <p>Memory: besides the data, about (2·maxDirections + 3 + 2·(stepMemory + 1))·n·c doubles
 * (images, packed fresh images, z, trial z, residuals; step images) and
 * (stepMemory + 1 + maxDirections)·dimension doubles.
 *
 * <p>Everything is allocated in the constructor; restrict, the ψ evaluations and move allocate
 * nothing. Arrays passed to the data matrix for the fresh images are used as row-major prefixes
 * (the packed M has room for maxDirections columns). Not thread-safe.
 */
final class LinearEvaluator implements SubspaceEvaluator {

    /**
     * Moves between exact recomputations of z (one extra pass each). Drift of the updated z was
     * measured at ≤ 1e-12 relative in f after 3000 random moves (see the package notes), so the
     * refresh is a guard for very long runs, costing 0.1% of a two-pass iteration's passes.
     */
    static final int DEFAULT_REFRESH_INTERVAL = 1000;

    private final LinearObjective objective;
    private final LinearModel model;
    private final DataMatrix data;
    private final RowLoss loss;
    private final int rows;
    private final int outputs;
    private final int scoreCount;
    private final int weightCount;
    private final int dimension;
    private final boolean hasIntercept;
    private final int blockCount;
    private final int maxDirections;
    private final int stepMemory;
    private final int refreshInterval;
    private final double lambda;
    private final double invRows;

    // The current iterate and what is cached about it.
    private final double[] x;
    private final double[] z;
    private final double[] r;
    private final double[] weightBuffer;
    private final double[] gradW;
    private double value;
    private double weightNormSq;
    private boolean started;
    private int movesSinceRefresh;

    // Ring of the last steps s and their images X·s_W + 1·s_bᵀ; one spare slot for the next step.
    private final double[][] steps;
    private final double[][] stepImages;
    private int head;
    private int available;

    // The current restriction.
    private int k;
    private boolean restricted;
    private final double[][] columnVector;
    private final boolean[] columnWeights;
    private final boolean[] columnIntercept;
    private final double[] packed;
    private final double[] freshImages;
    private final double[] images;
    private final double[] dRw;
    private final double[] dRd;
    private final double[] zTrial;
    private final double[] work;

    private final EvaluationCounts counts = new EvaluationCounts();
    private final Psi psi = new Psi();

    LinearEvaluator(LinearObjective objective, int maxDirections, int stepMemory, int refreshInterval) {
        if (maxDirections < 1) {
            throw new IllegalArgumentException("maxDirections must be >= 1, got " + maxDirections);
        }
        if (stepMemory < 0) {
            throw new IllegalArgumentException("stepMemory must be >= 0, got " + stepMemory);
        }
        if (refreshInterval < 0) {
            throw new IllegalArgumentException("refreshInterval must be >= 0 (0 = never), got " + refreshInterval);
        }
        this.objective = objective;
        this.model = objective.model();
        this.data = objective.data();
        this.loss = objective.loss();
        this.rows = data.rows();
        this.outputs = model.outputs();
        this.scoreCount = rows * outputs;
        this.weightCount = model.weightCount();
        this.dimension = model.dimension();
        this.hasIntercept = model.intercept();
        this.blockCount = objective.layout().blockCount();
        this.maxDirections = maxDirections;
        this.stepMemory = stepMemory;
        this.refreshInterval = refreshInterval;
        this.lambda = objective.lambda();
        this.invRows = 1.0 / rows;

        long imageLength = (long) scoreCount * maxDirections;
        if (imageLength > Integer.MAX_VALUE - 8 || (long) weightCount * maxDirections > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxDirections " + maxDirections + " needs image buffers of "
                    + imageLength + " entries, more than a Java array holds");
        }
        x = new double[dimension];
        z = new double[scoreCount];
        r = new double[scoreCount];
        weightBuffer = new double[weightCount];
        gradW = new double[weightCount];
        steps = new double[stepMemory + 1][dimension];
        stepImages = new double[stepMemory + 1][scoreCount];
        columnVector = new double[maxDirections][];
        columnWeights = new boolean[maxDirections];
        columnIntercept = new boolean[maxDirections];
        packed = new double[weightCount * maxDirections];
        freshImages = new double[(int) imageLength];
        images = new double[(int) imageLength];
        dRw = new double[maxDirections];
        dRd = new double[maxDirections * maxDirections];
        zTrial = new double[scoreCount];
        work = new double[loss.workLength(maxDirections)];
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
        checkVector("x", x0);
        checkVector("gradOut", gradOut);
        System.arraycopy(x0, 0, x, 0, dimension);
        model.scores(data, x, weightBuffer, z);
        value = objective.gradientFromScores(x, z, r, gradW, gradOut);
        weightNormSq = Vec.dot(x, x, 0, weightCount);
        counts.addDataPasses(2);
        counts.addFunctionEvaluations(1);
        counts.addGradientEvaluations(1);
        head = 0;
        available = 0;
        movesSinceRefresh = 0;
        restricted = false;
        started = true;
        return value;
    }

    @Override
    public double currentValue() {
        requireStarted();
        return value;
    }

    @Override
    public SubspaceObjective restrict(Subspace subspace) {
        requireStarted();
        if (subspace == null) {
            throw new IllegalArgumentException("subspace must not be null");
        }
        int kk = subspace.size();
        if (kk < 1 || kk > maxDirections) {
            throw new IllegalArgumentException("the subspace has " + kk + " columns; this evaluator takes 1.."
                    + maxDirections);
        }
        restricted = false;
        int fresh = 0;
        for (int j = 0; j < kk; j++) {
            int block = subspace.block(j);
            if (block != Subspace.WHOLE && block >= blockCount) {
                throw new IllegalArgumentException("column " + j + " is restricted to block " + block
                        + " but the layout has " + blockCount + " blocks");
            }
            columnWeights[j] = block == Subspace.WHOLE || block == 0;
            columnIntercept[j] = hasIntercept && (block == Subspace.WHOLE || block == 1);
            if (subspace.isPreviousStep(j)) {
                int lag = subspace.lag(j);
                if (lag > available) {
                    throw new IllegalArgumentException("column " + j + " is the previous step with lag " + lag
                            + " but only " + available + " steps are available");
                }
                columnVector[j] = steps[slot(lag)];
            } else {
                double[] v = subspace.vector(j);
                if (v.length != dimension) {
                    throw new IllegalArgumentException("column " + j + " has length " + v.length + ", expected " + dimension);
                }
                columnVector[j] = v;
                if (columnWeights[j]) {
                    fresh++;
                }
            }
        }
        k = kk;
        if (fresh > 0) {
            imageFreshColumns(subspace, fresh);
        }
        int q = 0;
        for (int j = 0; j < kk; j++) {
            double[] v = columnVector[j];
            if (subspace.isPreviousStep(j)) {
                double[] img = stepImages[slot(subspace.lag(j))];
                if (!columnWeights[j]) {
                    fillColumn(j, null, 0, 0, v, 1);                        // 1·s_bᵀ
                } else if (columnIntercept[j] || !hasIntercept) {
                    fillColumn(j, img, outputs, 0, null, 0);                // X·s_W + 1·s_bᵀ
                } else {
                    fillColumn(j, img, outputs, 0, v, -1);                  // X·s_W
                }
            } else if (columnWeights[j]) {
                fillColumn(j, freshImages, fresh * outputs, q * outputs, columnIntercept[j] ? v : null, 1);
                q++;
            } else {
                fillColumn(j, null, 0, 0, v, 1);                            // 1·d_bᵀ
            }
        }
        if (lambda != 0) {
            for (int j = 0; j < kk; j++) {
                dRw[j] = columnWeights[j] ? Vec.dot(columnVector[j], x, 0, weightCount) : 0;
                for (int l = j; l < kk; l++) {
                    double s = columnWeights[j] && columnWeights[l]
                            ? Vec.dot(columnVector[j], columnVector[l], 0, weightCount) : 0;
                    dRd[j * kk + l] = s;
                    dRd[l * kk + j] = s;
                }
            }
        }
        restricted = true;
        return psi;
    }

    /** One product X·M, M = the fresh columns' weight parts packed d × (fresh·c). One pass. */
    private void imageFreshColumns(Subspace subspace, int fresh) {
        int c = outputs;
        int fc = fresh * c;
        int d = model.features();
        int q = 0;
        for (int j = 0; j < k; j++) {
            if (subspace.isPreviousStep(j) || !columnWeights[j]) {
                continue;
            }
            double[] v = columnVector[j];
            int qc = q * c;
            for (int row = 0; row < d; row++) {
                int src = row * c;
                int dst = row * fc + qc;
                for (int o = 0; o < c; o++) {
                    packed[dst + o] = v[src + o];
                }
            }
            q++;
        }
        if (fc == 1) {
            data.multiply(packed, freshImages);
        } else {
            data.multiply(packed, fc, freshImages);
        }
        counts.addDataPasses(1);
    }

    /**
     * Column j of the images (stride k·c): A_j[i,o] = src[i·srcStride + srcOffset + o]
     * (0 when src is null) + sign·bias[weightCount + o] (none when bias is null).
     */
    private void fillColumn(int j, double[] src, int srcStride, int srcOffset, double[] bias, double sign) {
        int c = outputs;
        int kc = k * c;
        int wl = weightCount;
        for (int i = 0; i < rows; i++) {
            int a = i * kc + j * c;
            int s = i * srcStride + srcOffset;
            for (int o = 0; o < c; o++) {
                double v = src == null ? 0 : src[s + o];
                images[a + o] = bias == null ? v : v + sign * bias[wl + o];
            }
        }
    }

    @Override
    public double move(double[] t, double[] xOut, double[] gradOut) {
        requireStarted();
        if (!restricted) {
            throw new IllegalStateException("move needs a restriction: call restrict once after start or the previous move");
        }
        if (t == null || t.length < k) {
            throw new IllegalArgumentException("t must have at least " + k + " coefficients");
        }
        for (int j = 0; j < k; j++) {
            if (!Double.isFinite(t[j])) {
                throw new IllegalArgumentException("coefficient t[" + j + "] is " + t[j] + "; a step must be finite");
            }
        }
        checkVector("xOut", xOut);
        checkVector("gradOut", gradOut);

        int spare = (head + 1) % (stepMemory + 1);
        double[] s = steps[spare];
        Vec.fill(s, 0);
        for (int j = 0; j < k; j++) {
            double tj = t[j];
            if (tj != 0) {
                int from = columnWeights[j] ? 0 : weightCount;
                int to = columnIntercept[j] ? dimension : weightCount;
                Vec.axpy(tj, columnVector[j], s, from, to - from);
            }
        }
        double[] img = stepImages[spare];
        combine(t, null, img);
        Vec.axpy(1, s, x);
        Vec.axpy(1, img, z);
        head = spare;
        available = Math.min(available + 1, stepMemory);
        restricted = false;

        movesSinceRefresh++;
        if (refreshInterval > 0 && movesSinceRefresh >= refreshInterval) {
            model.scores(data, x, weightBuffer, z);
            counts.addDataPasses(1);
            movesSinceRefresh = 0;
        }
        value = objective.gradientFromScores(x, z, r, gradW, gradOut);
        weightNormSq = Vec.dot(x, x, 0, weightCount);
        counts.addDataPasses(1);
        counts.addFunctionEvaluations(1);
        counts.addGradientEvaluations(1);
        System.arraycopy(x, 0, xOut, 0, dimension);
        return value;
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
        return "LinearEvaluator[" + model + ", maxDirections=" + maxDirections + ", stepMemory=" + stepMemory + "]";
    }

    /** out = base + A·t (base null: A·t), n×c. */
    private void combine(double[] t, double[] base, double[] out) {
        int c = outputs;
        int kc = k * c;
        if (kc == 1) {
            double t0 = t[0];
            for (int i = 0; i < rows; i++) {
                out[i] = (base == null ? 0 : base[i]) + t0 * images[i];
            }
            return;
        }
        if (c == 1 && k == 2) {
            double t0 = t[0];
            double t1 = t[1];
            for (int i = 0; i < rows; i++) {
                out[i] = (base == null ? 0 : base[i]) + t0 * images[2 * i] + t1 * images[2 * i + 1];
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            int a = i * kc;
            int b = i * c;
            for (int o = 0; o < c; o++) {
                double v = base == null ? 0 : base[b + o];
                for (int j = 0; j < k; j++) {
                    v += t[j] * images[a + j * c + o];
                }
                out[b + o] = v;
            }
        }
    }

    /** (λ/2)‖R(w + Dt)‖² from the precomputed inner products. */
    private double regularizer(double[] t) {
        if (lambda == 0) {
            return 0;
        }
        double lin = 0;
        double quad = 0;
        for (int j = 0; j < k; j++) {
            lin += t[j] * dRw[j];
            double row = 0;
            for (int l = 0; l < k; l++) {
                row += dRd[j * k + l] * t[l];
            }
            quad += t[j] * row;
        }
        return 0.5 * lambda * (weightNormSq + 2 * lin + quad);
    }

    private int slot(int lag) {
        int m = stepMemory + 1;
        return ((head - (lag - 1)) % m + m) % m;
    }

    private void checkLag(int lag) {
        if (lag < 1 || lag > available) {
            throw new IllegalArgumentException("lag must be in 1.." + available + ", got " + lag);
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("call start before using the evaluator");
        }
    }

    private void checkVector(String name, double[] v) {
        if (v == null || v.length != dimension) {
            throw new IllegalArgumentException(name + " must have length " + dimension + ", got "
                    + (v == null ? "null" : String.valueOf(v.length)));
        }
    }

    /** ψ over the current restriction; one instance, reused by every restrict. */
    private final class Psi implements SubspaceObjective {

        @Override
        public int dimension() {
            return k;
        }

        @Override
        public double value(double[] t) {
            check(t);
            counts.addSubspaceTrials(1);
            combine(t, z, zTrial);
            return loss.sum(zTrial) * invRows + regularizer(t);
        }

        @Override
        public double valueGradientHessian(double[] t, double[] gradOut, double[] hessOut) {
            check(t);
            if (gradOut == null || gradOut.length < k) {
                throw new IllegalArgumentException("gradOut must have length >= " + k);
            }
            if (hessOut != null && hessOut.length < k * k) {
                throw new IllegalArgumentException("hessOut must have length >= " + (k * k));
            }
            counts.addSubspaceTrials(1);
            combine(t, z, zTrial);
            double sum;
            if (hessOut == null) {
                sum = loss.sumAndDerivative(zTrial, invRows, r);
            } else {
                for (int e = 0; e < k * k; e++) {
                    hessOut[e] = 0;
                }
                sum = loss.sumDerivativeAndCurvature(zTrial, invRows, r, images, k, work, hessOut);
            }
            double f = sum * invRows + regularizer(t);
            loss.columnDots(images, k, r, gradOut);
            if (lambda != 0) {
                for (int j = 0; j < k; j++) {
                    double g = dRw[j];
                    for (int l = 0; l < k; l++) {
                        g += dRd[j * k + l] * t[l];
                    }
                    gradOut[j] += lambda * g;
                }
            }
            if (hessOut != null) {
                for (int j = 0; j < k; j++) {
                    for (int l = j; l < k; l++) {
                        double h = hessOut[j * k + l] + lambda * dRd[j * k + l];
                        hessOut[j * k + l] = h;
                        hessOut[l * k + j] = h;
                    }
                }
            }
            return f;
        }

        private void check(double[] t) {
            if (!restricted) {
                throw new IllegalStateException("this subspace objective is no longer valid: restrict again after start or move");
            }
            if (t == null || t.length < k) {
                throw new IllegalArgumentException("t must have at least " + k + " coefficients");
            }
        }
    }
}
