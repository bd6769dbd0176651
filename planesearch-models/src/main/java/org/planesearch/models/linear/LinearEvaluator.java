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
 * <p>A trial is one sweep over the rows ({@link RowSweep}, on the library's threads): row by row,
 * the trial scores zᵢ + Σⱼ tⱼAⱼ[i,:] (never stored as an n×c array), the loss, and with
 * derivatives the k gradient entries and the k×k Hessian entries, summed per range of rows and
 * added in range order (same bits for a given thread count). What the protocol spends on the
 * loss, for the pattern restrict → ψ(0) with derivatives → a few trials → move to the last one:
 * <ul>
 *   <li>t = 0 costs no exponential: f, r = (1/n)∂ℓ/∂z and the loss's curvature data (softmax
 *       probabilities, ℓ'') are kept from start and every move, and ∇ψ(0), ∇²ψ(0) are one
 *       O(n·c·k²) sweep over them;</li>
 *   <li>a trial with derivatives leaves its row data in a spare pair of buffers; a move to
 *       exactly that t (bit for bit) takes them instead of evaluating the loss again, and
 *       finishes r in the sweep that updates z. The trial's scores are formed as z + (Σⱼ tⱼAⱼ),
 *       the move's as z ← z + (Σⱼ tⱼAⱼ): the same bits, so f, ∇f and the cache after the move
 *       are exactly what a fresh evaluation at the new z gives. Not taken on a refresh move;</li>
 *   <li>a value-only trial (backtracking) evaluates the loss alone and keeps nothing.</li>
 * </ul>
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
 * <p>Memory: besides the data, (2·maxDirections + 5 + stepMemory + 1)·n·c doubles (images and
 * packed fresh images; z; r and curvature data at the current point and at the last trial; step
 * images) and (stepMemory + 1 + maxDirections)·dimension doubles.
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
    private final int layerCount;
    private final int maxDirections;
    private final int stepMemory;
    private final int refreshInterval;
    private final double lambda;
    private final double invRows;

    // The current iterate and what is cached about it: the scores z, r = (1/n)∂ℓ/∂z, the loss's
    // curvature data (softmax probabilities, ℓ'') and Σᵢ rᵢ, all at z.
    private final double[] x;
    private final double[] z;
    private double[] r;
    private double[] curvature;
    private double[] columnSums;
    private final double[] weightBuffer;
    private final double[] gradW;
    private double lossSum;
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
    // Aⱼ for each column: a reference to a step image or to the fresh images where it is one
    // already (no copy for [−g], [−g, s₁]), otherwise a column's own buffer filled by restrict.
    private final double[][] images;
    private final double[][] ownImages;
    private final double[] dRw;
    private final double[] dRd;

    // The last trial evaluated with derivatives in this restriction: its t, loss sum and row data
    // (r and curvature, see RowLoss.derivatives), which move takes when it is given exactly that t.
    private final double[] trialT;
    private double[] trialR;
    private double[] trialCurvature;
    private double trialSum;
    private boolean trialValid;

    private final RowSweep sweep;
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
        this.layerCount = objective.layout().layerCount();
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
        curvature = new double[scoreCount];
        columnSums = new double[outputs];
        weightBuffer = new double[weightCount];
        gradW = new double[weightCount];
        steps = new double[stepMemory + 1][dimension];
        stepImages = new double[stepMemory + 1][scoreCount];
        columnVector = new double[maxDirections][];
        columnWeights = new boolean[maxDirections];
        columnIntercept = new boolean[maxDirections];
        packed = new double[weightCount * maxDirections];
        freshImages = new double[(int) imageLength];
        images = new double[maxDirections][];
        ownImages = new double[maxDirections][scoreCount];
        dRw = new double[maxDirections];
        dRd = new double[maxDirections * maxDirections];
        trialT = new double[maxDirections];
        trialR = new double[scoreCount];
        trialCurvature = new double[scoreCount];
        sweep = new RowSweep(loss, maxDirections);
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
        lossSum = sweep.derivativesAt(z, invRows, r, curvature, columnSums);
        value = objective.gradientFromResidual(x, lossSum, r, columnSums, gradW, gradOut);
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
        trialValid = false;
        int fresh = 0;
        for (int j = 0; j < kk; j++) {
            int block = subspace.layer(j);
            if (block != Subspace.WHOLE && block >= layerCount) {
                throw new IllegalArgumentException("column " + j + " is restricted to layer " + block
                        + " but the layout has " + layerCount + " layers");
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
                    images[j] = fillColumn(j, null, 0, 0, v, 1);                // 1·s_bᵀ
                } else if (columnIntercept[j] || !hasIntercept) {
                    images[j] = img;                                            // X·s_W + 1·s_bᵀ
                } else {
                    images[j] = fillColumn(j, img, outputs, 0, v, -1);          // X·s_W
                }
            } else if (columnWeights[j]) {
                if (fresh == 1) {
                    if (columnIntercept[j]) {
                        addIntercept(freshImages, v);                           // X·d_W + 1·d_bᵀ in place
                    }
                    images[j] = freshImages;
                } else {
                    images[j] = fillColumn(j, freshImages, fresh * outputs, q * outputs, columnIntercept[j] ? v : null, 1);
                }
                q++;
            } else {
                images[j] = fillColumn(j, null, 0, 0, v, 1);                    // 1·d_bᵀ
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
     * Fills column j's own image buffer, A_j[i,o] = src[i·srcStride + srcOffset + o] (0 when src
     * is null) + sign·bias[weightCount + o] (none when bias is null), and returns it.
     */
    private double[] fillColumn(int j, double[] src, int srcStride, int srcOffset, double[] bias, double sign) {
        int c = outputs;
        int wl = weightCount;
        double[] out = ownImages[j];
        for (int i = 0; i < rows; i++) {
            int a = i * c;
            int s = i * srcStride + srcOffset;
            for (int o = 0; o < c; o++) {
                double v = src == null ? 0 : src[s + o];
                out[a + o] = bias == null ? v : v + sign * bias[wl + o];
            }
        }
        return out;
    }

    /** img[i,o] += bias[weightCount + o] for the n×c prefix of img (the same sum fillColumn forms). */
    private void addIntercept(double[] img, double[] bias) {
        int c = outputs;
        int wl = weightCount;
        for (int i = 0; i < rows; i++) {
            int a = i * c;
            for (int o = 0; o < c; o++) {
                img[a + o] += bias[wl + o];
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
        boolean reuse = trialValid && sameAsTrial(t);
        trialValid = false;

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
        movesSinceRefresh++;
        boolean refresh = refreshInterval > 0 && movesSinceRefresh >= refreshInterval;
        boolean unchanged = isZero(t) && !refresh;   // z + 0 is z: the cache stays valid
        reuse &= !refresh && !unchanged;
        double[] img = stepImages[spare];
        double sum;
        if (reuse) {
            // The new z is bit for bit the trial's scores: take its data, and complete its r
            // (with Σᵢ rᵢ) in the sweep that updates z.
            double[] swap = r;
            r = trialR;
            trialR = swap;
            swap = curvature;
            curvature = trialCurvature;
            trialCurvature = swap;
            sweep.update(z, images, k, t, img, curvature, r, invRows, columnSums);
            sum = trialSum;
        } else {
            sweep.update(z, images, k, t, img, null, null, 0, null);
            sum = lossSum;
        }
        Vec.axpy(1, s, x);
        head = spare;
        available = Math.min(available + 1, stepMemory);
        restricted = false;
        if (refresh) {
            model.scores(data, x, weightBuffer, z);
            counts.addDataPasses(1);
            movesSinceRefresh = 0;
        }
        if (!reuse && !unchanged) {
            sum = sweep.derivativesAt(z, invRows, r, curvature, columnSums);
        }
        lossSum = sum;
        value = objective.gradientFromResidual(x, sum, r, columnSums, gradW, gradOut);
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

    /** True when t[0, k) equals the last derivative trial's coefficients bit for bit. */
    private boolean sameAsTrial(double[] t) {
        for (int j = 0; j < k; j++) {
            if (Double.doubleToLongBits(t[j]) != Double.doubleToLongBits(trialT[j])) {
                return false;
            }
        }
        return true;
    }

    /** True when t[0, k) is all zeros: ψ and its derivatives come from the cache. */
    private boolean isZero(double[] t) {
        for (int j = 0; j < k; j++) {
            if (t[j] != 0) {
                return false;
            }
        }
        return true;
    }

    /** (λ/2)‖R(w + Dt)‖² from the precomputed inner products. */
    private double regularizer(double[] t) {
        return SubspacePenalty.value(lambda, weightNormSq, dRw, dRd, k, t);
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
            if (isZero(t)) {
                return value;
            }
            return sweep.value(z, images, k, t) / rows + regularizer(t);
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
            double f;
            if (isZero(t)) {
                // At the current point: f, r and the curvature data are cached, no exponential.
                sweep.derivativesFromCache(images, k, r, curvature, invRows, gradOut, hessOut);
                f = value;
            } else {
                double sum = sweep.derivatives(z, images, k, t, invRows, trialR, trialCurvature, gradOut, hessOut);
                System.arraycopy(t, 0, trialT, 0, k);
                trialSum = sum;
                trialValid = true;
                f = sum / rows + regularizer(t);
            }
            SubspacePenalty.addDerivatives(lambda, dRw, dRd, k, t, gradOut, hessOut);
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
