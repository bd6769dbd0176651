package org.planesearch.spark.objective;

import org.planesearch.models.linear.SubspacePenalty;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.spark.data.Block;

/**
 * The {@link SubspaceEvaluator} of a {@link SparkLinearObjective}: the distributed twin of the
 * single-machine linear evaluator, with the same contract, the same formulas and the same pass
 * counts. The driver holds the parameter vector x, the last steps in parameter space and the
 * subspace's small products (DᵀRw, DᵀRD for the penalty); each partition holds, next to its cached
 * block of X, the scores z = X_p·W + 1·bᵀ, r and the curvature data at x, the images of the last
 * steps and those of the current subspace's columns ({@link BlockState}). So:
 *
 * <ul>
 *   <li>{@link #start}: one job, 2 passes (X_p·W, X_pᵀr), aggregated by {@code treeAggregate};</li>
 *   <li>{@link #restrict}: one job: images of the fresh columns by one product X_p·M with all of them
 *       packed (1 pass; 0 without fresh columns that touch the weights), previous steps' images from
 *       the ring, and ∇ψ(0), ∇²ψ(0) from the cached data, so that the search's first evaluation at
 *       t = 0 costs no job;</li>
 *   <li>every trial ψ(t) (with or without ∇ψ, ∇²ψ): one job over the cached vectors only —
 *       O(m·c·k) per partition, no pass over X, the partials added by {@code aggregate};</li>
 *   <li>{@link #move}: one job, 1 pass: z ← z + Σⱼ tⱼAⱼ (the step's image kept in the ring), the
 *       loss's derivatives there, X_pᵀr for the gradient; plus one pass every
 *       {@link #refreshInterval} moves to recompute z exactly, as the local evaluator does.</li>
 * </ul>
 *
 * <p>Each operation makes a new cached state RDD from the previous one and the data, and unpersists
 * the one it replaces once the new one is materialized; the step images a later restriction needs
 * are carried by reference. Every {@link #checkpointInterval} moves the state RDD is checkpointed —
 * to the SparkContext's checkpoint directory when one is set (survives the loss of an executor),
 * otherwise locally (in the executors' block stores) — so the lineage a lost partition would be
 * recomputed from stays short. A failed task is simply retried by Spark: a partition's work is a
 * pure function of cached inputs that are never modified.
 *
 * <p>Not thread-safe; one run at a time. {@link #close()} unpersists its state (Spark's context
 * cleaner also does, once the evaluator is garbage).
 */
public final class SparkLinearEvaluator implements SubspaceEvaluator, AutoCloseable {

    /** How state RDDs are cached: deserialized in memory, disk when short. */
    static final StorageLevel STATE_STORAGE = StorageLevel.MEMORY_AND_DISK();

    private final JavaRDD<Block> data;
    private final LinearModel model;
    private final int dimension;
    private final int weightCount;
    private final int outputs;
    private final boolean hasIntercept;
    private final int layerCount;
    private final int maxDirections;
    private final int stepMemory;
    private final int refreshInterval;
    private final int checkpointInterval;
    private final double lambda;
    private final double scale;
    private final long examples;
    private final TaskHook hook;

    private final double[] x;
    private double value;
    private double weightNormSq;
    private boolean started;
    private int movesSinceRefresh;
    private long moves;
    private long restrictions;
    private long trials;

    private final double[][] steps;
    private int head;
    private int available;

    private int k;
    private boolean restricted;
    private final double[][] columnVector;
    private final boolean[] columnWeights;
    private final boolean[] columnIntercept;
    private final double[] dRw;
    private final double[] dRd;
    private final double[] grad0;
    private final double[] hess0;

    private JavaRDD<BlockState> state;
    private JavaRDD<BlockState> restrictedState;

    private final EvaluationCounts counts = new EvaluationCounts();
    private final Psi psi = new Psi();

    SparkLinearEvaluator(SparkLinearObjective objective, int maxDirections, int stepMemory, int refreshInterval,
                         int checkpointInterval, TaskHook hook) {
        if (maxDirections < 1) {
            throw new IllegalArgumentException("maxDirections must be >= 1, got " + maxDirections);
        }
        if (stepMemory < 0) {
            throw new IllegalArgumentException("stepMemory must be >= 0, got " + stepMemory);
        }
        this.data = objective.blocks().rdd();
        this.model = objective.model();
        this.dimension = model.dimension();
        this.weightCount = model.weightCount();
        this.outputs = model.outputs();
        this.hasIntercept = model.intercept();
        this.layerCount = objective.layout().layerCount();
        this.maxDirections = maxDirections;
        this.stepMemory = stepMemory;
        this.refreshInterval = refreshInterval;
        this.checkpointInterval = checkpointInterval;
        this.lambda = objective.lambda();
        this.examples = objective.examples();
        this.scale = 1.0 / examples;
        this.hook = hook;
        x = new double[dimension];
        steps = new double[stepMemory + 1][dimension];
        columnVector = new double[maxDirections][];
        columnWeights = new boolean[maxDirections];
        columnIntercept = new boolean[maxDirections];
        dRw = new double[maxDirections];
        dRd = new double[maxDirections * maxDirections];
        grad0 = new double[maxDirections];
        hess0 = new double[maxDirections * maxDirections];
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

    /** Moves between exact recomputations of z (as the local evaluator: 1000). */
    public int refreshInterval() {
        return refreshInterval;
    }

    /** Moves between checkpoints of the state RDD. */
    public int checkpointInterval() {
        return checkpointInterval;
    }

    @Override
    public double start(double[] x0, double[] gradOut) {
        checkVector("x", x0);
        checkVector("gradOut", gradOut);
        release();
        System.arraycopy(x0, 0, x, 0, dimension);
        double[] w = x0.clone();
        LinearModel m = model;
        int maxColumns = maxDirections;
        int ring = stepMemory + 1;
        double sc = scale;
        TaskHook h = hook;
        JavaRDD<BlockState> next = data.mapPartitions(blocks -> Partitions.start(blocks, m, w, maxColumns, ring, sc, h));
        Sums sums = materialize(next, "start", true);
        state = next;
        head = 0;
        available = 0;
        movesSinceRefresh = 0;
        restricted = false;
        started = true;
        value = gradient(sums, gradOut);
        counts.addDataPasses(2);
        counts.addFunctionEvaluations(1);
        counts.addGradientEvaluations(1);
        return value;
    }

    /** f from the aggregated [Σℓ, XᵀR, Σr], writing ∇f into gradOut. */
    private double gradient(Sums sums, double[] gradOut) {
        sums.copyTo(1, gradOut, 0, weightCount);
        for (int j = 0; j < weightCount; j++) {
            gradOut[j] += lambda * x[j];
        }
        if (hasIntercept) {
            sums.copyTo(1 + weightCount, gradOut, weightCount, outputs);
        }
        weightNormSq = Vec.dot(x, x, 0, weightCount);
        return sums.value(0) / examples + (lambda == 0 ? 0 : 0.5 * lambda * weightNormSq);
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
            throw new IllegalArgumentException("the subspace has " + kk + " columns; this evaluator takes 1.." + maxDirections);
        }
        restricted = false;
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
        int c = outputs;
        int fc = fresh * c;
        double[] packed = fresh == 0 ? null : new double[weightCount * fresh];
        Partitions.ColumnImage[] plan = new Partitions.ColumnImage[kk];
        int q = 0;
        for (int j = 0; j < kk; j++) {
            double[] v = columnVector[j];
            if (subspace.isPreviousStep(j)) {
                int lag = subspace.lag(j);
                if (!columnWeights[j]) {
                    plan[j] = new Partitions.ColumnImage(0, -1, bias(v), 1);          // 1·s_bᵀ
                } else if (columnIntercept[j] || !hasIntercept) {
                    plan[j] = new Partitions.ColumnImage(lag, -1, null, 1);           // X·s_W + 1·s_bᵀ
                } else {
                    plan[j] = new Partitions.ColumnImage(lag, -1, bias(v), -1);       // X·s_W
                }
            } else if (columnWeights[j]) {
                int features = model.features();
                for (int row = 0; row < features; row++) {
                    System.arraycopy(v, row * c, packed, row * fc + q * c, c);
                }
                plan[j] = new Partitions.ColumnImage(0, q, columnIntercept[j] ? bias(v) : null, 1);
                q++;
            } else {
                plan[j] = new Partitions.ColumnImage(0, -1, bias(v), 1);              // 1·d_bᵀ
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
        LinearModel m = model;
        int maxColumns = maxDirections;
        double sc = scale;
        long sequence = ++restrictions;
        TaskHook h = hook;
        int freshColumns = fc;
        JavaRDD<BlockState> next = data.zipPartitions(state, (blocks, states) ->
                Partitions.restrict(blocks, states, m, maxColumns, plan, packed, freshColumns, sc, sequence, h));
        Sums sums = materialize(next, "restrict", false);
        if (restrictedState != null) {
            restrictedState.unpersist(false);
        }
        restrictedState = next;
        sums.copyTo(0, grad0, 0, kk);
        sums.copyTo(kk, hess0, 0, kk * kk);
        if (fresh > 0) {
            counts.addDataPasses(1);
        }
        restricted = true;
        return psi;
    }

    /** The intercept part of a parameter vector (c entries), or null without an intercept. */
    private double[] bias(double[] v) {
        if (!hasIntercept) {
            return null;
        }
        double[] b = new double[outputs];
        System.arraycopy(v, weightCount, b, 0, outputs);
        return b;
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
        Vec.axpy(1, s, x);
        movesSinceRefresh++;
        boolean refresh = refreshInterval > 0 && movesSinceRefresh >= refreshInterval;
        double[] coefficients = java.util.Arrays.copyOf(t, k);
        double[] refreshAt = refresh ? x.clone() : null;
        LinearModel m = model;
        int maxColumns = maxDirections;
        double sc = scale;
        long sequence = ++moves;
        TaskHook h = hook;
        int newHead = spare;
        JavaRDD<BlockState> next = data.zipPartitions(restrictedState, (blocks, states) ->
                Partitions.move(blocks, states, m, maxColumns, coefficients, newHead, refreshAt, sc, sequence, h));
        boolean checkpoint = checkpointInterval > 0 && sequence % checkpointInterval == 0;
        Sums sums = materialize(next, "move", checkpoint);
        restrictedState.unpersist(false);
        state.unpersist(false);
        restrictedState = null;
        state = next;
        head = spare;
        available = Math.min(available + 1, stepMemory);
        restricted = false;
        if (refresh) {
            counts.addDataPasses(1);
            movesSinceRefresh = 0;
        }
        value = gradient(sums, gradOut);
        counts.addDataPasses(1);
        counts.addFunctionEvaluations(1);
        counts.addGradientEvaluations(1);
        System.arraycopy(x, 0, xOut, 0, dimension);
        return value;
    }

    /**
     * Persists the new state RDD (checkpointing it when asked), runs the one job that computes and
     * caches it and sums its partials, and returns the sums. On failure the RDD is unpersisted and
     * a bad input's message is rethrown as an IllegalArgumentException.
     */
    private Sums materialize(JavaRDD<BlockState> next, String what, boolean checkpoint) {
        next.setName("planesearch state (" + what + ")");
        next.persist(STATE_STORAGE);
        if (checkpoint) {
            if (next.context().getCheckpointDir().isDefined()) {
                next.checkpoint();
            } else {
                next.rdd().localCheckpoint();
            }
        }
        int length = what.equals("restrict") ? k + k * k : 1 + weightCount + outputs;
        try {
            JavaRDD<double[]> partials = next.map(st -> st.partial);
            return what.equals("restrict") ? Partitions.flatSum(partials, length) : Partitions.treeSum(partials, length);
        } catch (Exception e) {
            next.unpersist(false);
            throw SparkLinearObjective.unwrap(e);
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

    /** Unpersists the run's state RDDs (the data stays cached). Idempotent; a later {@link #start} starts afresh. */
    public void release() {
        if (restrictedState != null) {
            restrictedState.unpersist(false);
            restrictedState = null;
        }
        if (state != null) {
            state.unpersist(false);
            state = null;
        }
        started = false;
        restricted = false;
    }

    @Override
    public void close() {
        release();
    }

    @Override
    public String toString() {
        return "SparkLinearEvaluator[" + model + ", maxDirections=" + maxDirections + ", stepMemory=" + stepMemory + "]";
    }

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
            double[] at = java.util.Arrays.copyOf(t, k);
            LinearModel m = model;
            int maxColumns = maxDirections;
            long sequence = ++trials;
            TaskHook h = hook;
            Sums sums = run(restrictedState.map(s -> Partitions.trialValue(s, m, maxColumns, at, sequence, h)), 1);
            return sums.value(0) / examples + regularizer(t);
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
                // at the current point: computed by the restriction's job from the cached data
                System.arraycopy(grad0, 0, gradOut, 0, k);
                if (hessOut != null) {
                    System.arraycopy(hess0, 0, hessOut, 0, k * k);
                }
                f = value;
            } else {
                double[] at = java.util.Arrays.copyOf(t, k);
                boolean hessian = hessOut != null;
                LinearModel m = model;
                int maxColumns = maxDirections;
                double sc = scale;
                long sequence = ++trials;
                TaskHook h = hook;
                int length = 1 + k + (hessian ? k * k : 0);
                Sums sums = run(restrictedState.map(s ->
                        Partitions.trialDerivatives(s, m, maxColumns, at, hessian, sc, sequence, h)), length);
                sums.copyTo(1, gradOut, 0, k);
                if (hessian) {
                    sums.copyTo(1 + k, hessOut, 0, k * k);
                }
                f = sums.value(0) / examples + regularizer(t);
            }
            SubspacePenalty.addDerivatives(lambda, dRw, dRd, k, t, gradOut, hessOut);
            return f;
        }

        private Sums run(JavaRDD<double[]> partials, int length) {
            try {
                return Partitions.flatSum(partials, length);
            } catch (Exception e) {
                throw SparkLinearObjective.unwrap(e);
            }
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
