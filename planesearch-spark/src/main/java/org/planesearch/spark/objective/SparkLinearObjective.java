package org.planesearch.spark.objective;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.spark.data.TrainingBlocks;

/**
 * The training objective of a {@link LinearModel} on data cached on a Spark cluster: the same
 * function as the single-machine {@code LinearObjective},
 *
 * <pre>
 *   f(w) = (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (λ/2)‖W‖²,   z = X·W + 1·bᵀ,   n = all rows of all partitions,
 * </pre>
 *
 * with the sums over the examples computed per partition by the library's own loss kernels
 * ({@link org.planesearch.models.linear.BlockLoss}) and added across partitions by
 * {@code treeAggregate} in double-double precision (so the result does not depend on the order
 * Spark merges partitions in). Costs in data passes as the local objective: {@link #value} 1,
 * {@link #valueAndGradient} 2, {@link #hessianTimes} 3, each one Spark job.
 *
 * <p>The optimizer drives the evaluator from {@link #newEvaluator} ({@link SparkLinearEvaluator}),
 * which keeps per-partition state next to the cached data so that a precise step costs two passes
 * per iteration and each trial of a search one job over cached O(n·c·k) vectors. Every core
 * direction and step rule runs on it unchanged.
 *
 * <p>Holds the data handle; does not own it ({@link TrainingBlocks#release()} is the caller's).
 * {@link #close()} releases the state of every evaluator it created. Not thread-safe.
 */
public final class SparkLinearObjective implements Objective, AutoCloseable {

    /** Moves between exact recomputations of z in the evaluator (as the local evaluator). */
    public static final int DEFAULT_REFRESH_INTERVAL = 1000;

    /** Moves between checkpoints of an evaluator's state RDD (as MLlib's default checkpointInterval). */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 10;

    private final LinearModel model;
    private final TrainingBlocks blocks;
    private final double lambda;
    private final ParameterLayout layout;
    private final int checkpointInterval;
    private final TaskHook hook;
    private final List<WeakReference<SparkLinearEvaluator>> evaluators = new ArrayList<>();

    private SparkLinearObjective(LinearModel model, TrainingBlocks blocks, double lambda, int checkpointInterval,
                                 TaskHook hook) {
        this.model = model;
        this.blocks = blocks;
        this.lambda = lambda;
        this.layout = model.layout();
        this.checkpointInterval = checkpointInterval;
        this.hook = hook;
    }

    /**
     * The objective of model on the cached blocks (labels in the model's convention, checked by the
     * first job that reads them) with penalty λ ≥ 0.
     *
     * @throws IllegalArgumentException for a null argument, a λ that is negative or not finite, or
     *     data whose feature count is not the model's
     */
    public static SparkLinearObjective of(LinearModel model, TrainingBlocks blocks, double lambda) {
        if (model == null || blocks == null) {
            throw new IllegalArgumentException("model and data must not be null");
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        if (blocks.cols() != model.features()) {
            throw new IllegalArgumentException("the data has " + blocks.cols() + " features but the model has "
                    + model.features());
        }
        return new SparkLinearObjective(model, blocks, lambda, DEFAULT_CHECKPOINT_INTERVAL, null);
    }

    /** The same objective whose evaluators checkpoint their state every {@code moves} moves (0: never). */
    public SparkLinearObjective withCheckpointInterval(int moves) {
        if (moves < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 (0 = never), got " + moves);
        }
        return new SparkLinearObjective(model, blocks, lambda, moves, hook);
    }

    /** The same objective with a hook run before every evaluator task (tests inject failures). */
    SparkLinearObjective withTaskHook(TaskHook taskHook) {
        return new SparkLinearObjective(model, blocks, lambda, checkpointInterval, taskHook);
    }

    public LinearModel model() {
        return model;
    }

    public TrainingBlocks blocks() {
        return blocks;
    }

    public double lambda() {
        return lambda;
    }

    /** n, the examples over all partitions. */
    public long examples() {
        return blocks.rows();
    }

    public int checkpointInterval() {
        return checkpointInterval;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    /** f(w). One pass (one job). w: not modified. */
    @Override
    public double value(double[] w) {
        checkVector("w", w);
        double[] at = w.clone();
        LinearModel m = model;
        Sums s = run(blocks.rdd().map(b -> Partitions.value(b, m, at)), 1);
        return s.value(0) / examples() + regularizer(w);
    }

    /** f(w) and ∇f(w) into gradOut. Two passes (one job). w: not modified. */
    @Override
    public double valueAndGradient(double[] w, double[] gradOut) {
        checkVector("w", w);
        checkVector("gradOut", gradOut);
        double[] at = w.clone();
        LinearModel m = model;
        double scale = 1.0 / examples();
        int wc = model.weightCount();
        int c = model.outputs();
        Sums s = run(blocks.rdd().map(b -> Partitions.valueAndGradient(b, m, at, scale)), 1 + wc + c);
        s.copyTo(1, gradOut, 0, wc);
        for (int j = 0; j < wc; j++) {
            gradOut[j] += lambda * w[j];
        }
        if (model.intercept()) {
            s.copyTo(1 + wc, gradOut, wc, c);
        }
        return s.value(0) / examples() + regularizer(w);
    }

    /** The exact ∇²f(w)·v into out. Three passes (one job). w, v: not modified. out: must not alias them. */
    @Override
    public void hessianTimes(double[] w, double[] v, double[] out) {
        checkVector("w", w);
        checkVector("v", v);
        checkVector("out", out);
        if (out == w || out == v) {
            throw new IllegalArgumentException("out must not alias w or v");
        }
        double[] at = w.clone();
        double[] dir = v.clone();
        LinearModel m = model;
        double scale = 1.0 / examples();
        int wc = model.weightCount();
        int c = model.outputs();
        Sums s = run(blocks.rdd().map(b -> Partitions.hessianTimes(b, m, at, dir, scale)), wc + c);
        s.copyTo(0, out, 0, wc);
        for (int j = 0; j < wc; j++) {
            out[j] += lambda * v[j];
        }
        if (model.intercept()) {
            s.copyTo(wc, out, wc, c);
        }
    }

    /**
     * A distributed evaluator (see {@link SparkLinearEvaluator}): start = 2 passes, restrict = 1
     * pass if some fresh column touches the weights, each ψ trial one job over cached vectors,
     * move = 1 pass.
     */
    @Override
    public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
        SparkLinearEvaluator e = new SparkLinearEvaluator(this, maxDirections, stepMemory, DEFAULT_REFRESH_INTERVAL,
                checkpointInterval, hook);
        evaluators.removeIf(r -> r.get() == null);
        evaluators.add(new WeakReference<>(e));
        return e;
    }

    /** Releases the state of every evaluator this objective created (the data stays cached). */
    @Override
    public void close() {
        for (WeakReference<SparkLinearEvaluator> r : evaluators) {
            SparkLinearEvaluator e = r.get();
            if (e != null) {
                e.release();
            }
        }
        evaluators.clear();
    }

    @Override
    public String toString() {
        return "SparkLinearObjective[" + model + ", n=" + examples() + ", partitions=" + blocks.partitions()
                + ", lambda=" + lambda + "]";
    }

    private double regularizer(double[] w) {
        return lambda == 0 ? 0 : 0.5 * lambda * Vec.dot(w, w, 0, model.weightCount());
    }

    private static Sums run(JavaRDD<double[]> partials, int length) {
        try {
            return Partitions.treeSum(partials, length);
        } catch (Exception e) {
            throw unwrap(e);
        }
    }

    /**
     * A job that failed on a bad input (a label outside the model's convention, say) fails with
     * Spark's exception (a checked one, thrown through Scala) wrapping the task's: this returns an
     * IllegalArgumentException with the task's message, e itself when it is unchecked, or an
     * IllegalStateException that says the job failed.
     */
    static RuntimeException unwrap(Exception e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof IllegalArgumentException iae) {
                return new IllegalArgumentException(iae.getMessage(), e);
            }
            t = t.getCause();
        }
        String m = e.getMessage();
        String marker = "java.lang.IllegalArgumentException: ";
        int at = m == null ? -1 : m.indexOf(marker);
        if (at >= 0) {
            String rest = m.substring(at + marker.length());
            int end = rest.indexOf('\n');
            return new IllegalArgumentException(end < 0 ? rest : rest.substring(0, end), e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("a Spark job failed: " + m, e);
    }

    private void checkVector(String name, double[] v) {
        if (v == null || v.length != layout.dimension()) {
            throw new IllegalArgumentException(name + " must have length " + layout.dimension() + ", got "
                    + (v == null ? "null" : String.valueOf(v.length)));
        }
    }
}
