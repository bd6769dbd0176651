package org.planesearch.spark.objective;

import java.io.Serializable;
import org.planesearch.models.linear.BlockLoss;
import org.planesearch.models.linear.LinearModel;

/**
 * What one partition keeps about a run, next to its {@link org.planesearch.spark.data.Block}: the
 * scores z = X_p·W + 1·bᵀ of the current iterate, r = (1/n)∂ℓ/∂z and the loss's curvature data
 * there, the images of the last steps (a ring), and, after a restriction, the images A_j of the
 * subspace's columns; plus the partial sums the job that made it computed (the gradient's, or
 * ∇ψ(0) and ∇²ψ(0)'s), which the same job aggregates.
 *
 * <p>Never modified after construction: every operation of the evaluator makes a new state RDD
 * whose states share the unchanged arrays with their parents by reference, so that a task Spark
 * retries, or a partition it recomputes from the lineage, sees its inputs exactly as they were.
 * The one mutable part is the transient {@link Workspace} (kernels and trial scratch), handed from
 * parent to child within an executor and rebuilt after deserialization; it is used under its own
 * lock.
 */
final class BlockState implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] labels;
    final double[] z;
    final double[] r;
    final double[] curvature;
    /** Step images, slot (head − lag + 1) mod length for lag ≥ 1; entries of unused slots are null. */
    final double[][] stepImages;
    final int head;
    /** The images of the current restriction's k columns, or null. */
    final double[][] images;
    final int k;
    /** The partial sums of the job that made this state. */
    final double[] partial;

    private transient Workspace workspace;

    BlockState(double[] labels, double[] z, double[] r, double[] curvature, double[][] stepImages, int head,
               double[][] images, int k, double[] partial, Workspace workspace) {
        this.labels = labels;
        this.z = z;
        this.r = r;
        this.curvature = curvature;
        this.stepImages = stepImages;
        this.head = head;
        this.images = images;
        this.k = k;
        this.partial = partial;
        this.workspace = workspace;
    }

    /** This state with a restriction's images and its partial sums. */
    BlockState restricted(double[][] columnImages, int columns, double[] sums) {
        return new BlockState(labels, z, r, curvature, stepImages, head, columnImages, columns, sums, workspace);
    }

    /** The step image with the given lag (≥ 1). */
    double[] stepImage(int lag) {
        int m = stepImages.length;
        return stepImages[((head - (lag - 1)) % m + m) % m];
    }

    /** The workspace (kernels and scratch) of this run's partition, rebuilt after deserialization. */
    synchronized Workspace workspace(LinearModel model, int maxColumns) {
        if (workspace == null) {
            workspace = new Workspace(BlockLoss.of(model, labels, maxColumns));
        }
        return workspace;
    }

    /** The kernels and scratch of one partition of one run; used under its own lock. */
    static final class Workspace {
        final BlockLoss loss;
        double[] trialR;
        double[] trialCurvature;

        Workspace(BlockLoss loss) {
            this.loss = loss;
        }

        /** Scratch of m·c entries for a trial's row data. */
        void ensureTrialScratch(int length) {
            if (trialR == null || trialR.length < length) {
                trialR = new double[length];
                trialCurvature = new double[length];
            }
        }
    }
}
