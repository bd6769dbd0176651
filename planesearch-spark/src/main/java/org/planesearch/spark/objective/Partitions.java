package org.planesearch.spark.objective;

import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.models.linear.BlockLoss;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.spark.data.Block;

/**
 * The work done on each partition (static: a closure must capture no driver object) and the two
 * aggregations. Partial sums are arrays whose layout each caller documents; they are added across
 * partitions in double-double precision ({@link Sums}).
 *
 * <p>Locks: a block's matrix is used only under the block's lock (products), a workspace's kernels
 * only under the workspace's lock; never both at once.
 */
final class Partitions {

    private Partitions() {
    }

    /** Sums of the partials of a pass by {@code treeAggregate} (a vector of d·c entries or more). */
    static Sums treeSum(JavaRDD<double[]> partials, int length) {
        return partials.treeAggregate(new Sums(length), Sums::add, Sums::merge);
    }

    /**
     * Sums of a few numbers per partition (a trial's ψ, ∇ψ, ∇²ψ) by a flat {@code aggregate}: with
     * k + k² numbers a tree level buys nothing and costs a job's overhead (measured 9 against
     * 15 ms per job in local[2]).
     */
    static Sums flatSum(JavaRDD<double[]> partials, int length) {
        return partials.aggregate(new Sums(length), Sums::add, Sums::merge);
    }

    /** out = X_p·W + 1·bᵀ (m·c). One product. */
    static void scores(Block b, LinearModel model, double[] w, double[] out) {
        synchronized (b) {
            model.scores(b.matrix(), w, out);
        }
    }

    /** out = X_pᵀ R (d·c) for R (m·c). One product. */
    static void transposedProduct(Block b, int outputs, double[] r, double[] out) {
        synchronized (b) {
            DataMatrix x = b.matrix();
            if (outputs == 1) {
                x.multiplyTransposed(r, out);
            } else {
                x.multiplyTransposed(r, outputs, out);
            }
        }
    }

    /** out = X_p·M for M (d × columns). One product. */
    static void product(Block b, double[] m, int columns, double[] out) {
        synchronized (b) {
            DataMatrix x = b.matrix();
            if (columns == 1) {
                x.multiply(m, out);
            } else {
                x.multiply(m, columns, out);
            }
        }
    }

    /**
     * The state at w of one partition: z, r = scale·∂ℓ/∂z, the curvature data, an empty ring of
     * ringLength step images, and the partial [Σℓ, X_pᵀr (d·c), Σᵢrᵢ (c)]. Two products.
     */
    static Iterator<BlockState> start(Iterator<Block> blocks, LinearModel model, double[] w, int maxColumns,
                                      int ringLength, double scale, TaskHook hook) {
        if (!blocks.hasNext()) {
            return Collections.emptyIterator();
        }
        if (hook != null) {
            hook.beforeTask(TaskHook.Phase.START, 1);
        }
        Block b = blocks.next();
        BlockState.Workspace ws = new BlockState.Workspace(BlockLoss.of(model, b.labels(), maxColumns));
        int length = b.rows() * model.outputs();
        double[] z = new double[length];
        scores(b, model, w, z);
        BlockState s = new BlockState(b.labels(), z, null, null, new double[ringLength][], 0, null, 0, null, ws);
        return Collections.singletonList(atScores(b, model, s, z, s.stepImages, 0, scale, ws)).iterator();
    }

    /**
     * The state at the given scores (the new z after a move): derivatives and the gradient's
     * partial [Σℓ, X_pᵀr, Σᵢrᵢ]. One product.
     */
    static BlockState atScores(Block b, LinearModel model, BlockState parent, double[] z, double[][] ring, int head,
                               double scale, BlockState.Workspace ws) {
        int c = model.outputs();
        int wc = model.weightCount();
        double[] r = new double[z.length];
        double[] curvature = new double[z.length];
        double[] partial = new double[1 + wc + c];
        double[] sums = new double[c];
        synchronized (ws) {
            partial[0] = ws.loss.derivativesAt(z, scale, r, curvature, sums);
        }
        double[] gradW = new double[wc];
        transposedProduct(b, c, r, gradW);
        System.arraycopy(gradW, 0, partial, 1, wc);
        System.arraycopy(sums, 0, partial, 1 + wc, c);
        return new BlockState(parent.labels, z, r, curvature, ring, head, null, 0, partial, ws);
    }

    /** One column's image: a source (a step image by lag, a slice of the fresh images, or none) plus sign·1·biasᵀ. */
    record ColumnImage(int lag, int freshSlice, double[] bias, double sign) implements java.io.Serializable {
    }

    /**
     * The restriction of one partition: the columns' images (fresh ones from one product with the
     * packed M, d × freshColumns), and the partial [∇ψ(0) (k), ∇²ψ(0) (k×k)] from the cached data.
     */
    static Iterator<BlockState> restrict(Iterator<Block> blocks, Iterator<BlockState> states, LinearModel model,
                                         int maxColumns, ColumnImage[] plan, double[] packed, int freshColumns,
                                         double scale, long sequence, TaskHook hook) {
        if (!blocks.hasNext()) {
            return Collections.emptyIterator();
        }
        if (hook != null) {
            hook.beforeTask(TaskHook.Phase.RESTRICT, sequence);
        }
        Block b = blocks.next();
        BlockState s = states.next();
        int c = model.outputs();
        int m = b.rows();
        int length = m * c;
        double[] fresh = null;
        if (freshColumns > 0) {
            fresh = new double[m * freshColumns];
            product(b, packed, freshColumns, fresh);
        }
        int k = plan.length;
        double[][] images = new double[k][];
        for (int j = 0; j < k; j++) {
            ColumnImage col = plan[j];
            if (col.lag() > 0 && col.bias() == null) {
                images[j] = s.stepImage(col.lag());                     // X·s_W + 1·s_bᵀ, by reference
                continue;
            }
            if (col.freshSlice() >= 0 && freshColumns == c) {
                images[j] = fresh;                                      // the one fresh column, in place
                addBias(fresh, m, c, col.bias(), col.sign());
                continue;
            }
            double[] out = new double[length];
            if (col.lag() > 0) {
                System.arraycopy(s.stepImage(col.lag()), 0, out, 0, length);
            } else if (col.freshSlice() >= 0) {
                int stride = freshColumns;
                int offset = col.freshSlice() * c;
                for (int i = 0; i < m; i++) {
                    System.arraycopy(fresh, i * stride + offset, out, i * c, c);
                }
            }
            addBias(out, m, c, col.bias(), col.sign());
            images[j] = out;
        }
        double[] partial = new double[k + k * k];
        double[] grad = new double[k];
        double[] hess = new double[k * k];
        BlockState.Workspace ws = s.workspace(model, maxColumns);
        synchronized (ws) {
            ws.loss.derivativesFromCache(images, k, s.r, s.curvature, scale, grad, hess);
        }
        System.arraycopy(grad, 0, partial, 0, k);
        System.arraycopy(hess, 0, partial, k, k * k);
        return Collections.singletonList(s.restricted(images, k, partial)).iterator();
    }

    private static void addBias(double[] img, int m, int c, double[] bias, double sign) {
        if (bias == null) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int a = i * c;
            for (int o = 0; o < c; o++) {
                img[a + o] += sign * bias[o];
            }
        }
    }

    /** [Σℓ] at t over the restriction. No product. */
    static double[] trialValue(BlockState s, LinearModel model, int maxColumns, double[] t, long sequence,
                               TaskHook hook) {
        if (hook != null) {
            hook.beforeTask(TaskHook.Phase.TRIAL, sequence);
        }
        BlockState.Workspace ws = s.workspace(model, maxColumns);
        synchronized (ws) {
            return new double[] {ws.loss.lossSum(s.z, s.images, s.k, t)};
        }
    }

    /** [Σℓ, ∇ (k), ∇² (k×k) or nothing] at t over the restriction. No product. */
    static double[] trialDerivatives(BlockState s, LinearModel model, int maxColumns, double[] t, boolean hessian,
                                     double scale, long sequence, TaskHook hook) {
        if (hook != null) {
            hook.beforeTask(TaskHook.Phase.TRIAL, sequence);
        }
        int k = s.k;
        double[] out = new double[1 + k + (hessian ? k * k : 0)];
        double[] grad = new double[k];
        double[] hess = hessian ? new double[k * k] : null;
        BlockState.Workspace ws = s.workspace(model, maxColumns);
        synchronized (ws) {
            ws.ensureTrialScratch(s.z.length);
            out[0] = ws.loss.derivatives(s.z, s.images, k, t, scale, ws.trialR, ws.trialCurvature, grad, hess);
        }
        System.arraycopy(grad, 0, out, 1, k);
        if (hessian) {
            System.arraycopy(hess, 0, out, 1 + k, k * k);
        }
        return out;
    }

    /**
     * The move of one partition by t: the step's image Σⱼ tⱼAⱼ into ring slot newHead, z ← z + that
     * image (or, when refresh is not null, z recomputed from those parameters: one more product),
     * then the state there with its gradient partial. One product (two with a refresh).
     */
    static Iterator<BlockState> move(Iterator<Block> blocks, Iterator<BlockState> states, LinearModel model,
                                     int maxColumns, double[] t, int newHead, double[] refresh, double scale,
                                     long sequence, TaskHook hook) {
        if (!blocks.hasNext()) {
            return Collections.emptyIterator();
        }
        if (hook != null) {
            hook.beforeTask(TaskHook.Phase.MOVE, sequence);
        }
        Block b = blocks.next();
        BlockState s = states.next();
        double[] z = s.z.clone();
        double[] image = new double[z.length];
        BlockState.Workspace ws = s.workspace(model, maxColumns);
        synchronized (ws) {
            ws.loss.update(z, s.images, s.k, t, image);
        }
        if (refresh != null) {
            scores(b, model, refresh, z);
        }
        double[][] ring = s.stepImages.clone();
        ring[newHead] = image;
        return Collections.singletonList(atScores(b, model, s, z, ring, newHead, scale, ws)).iterator();
    }

    /** [Σℓ] at w. One product. */
    static double[] value(Block b, LinearModel model, double[] w) {
        double[] z = new double[b.rows() * model.outputs()];
        scores(b, model, w, z);
        return new double[] {BlockLoss.of(model, b.labels(), 0).lossSum(z, null, 0, null)};
    }

    /** [Σℓ, X_pᵀr (d·c), Σᵢrᵢ (c)] at w. Two products. */
    static double[] valueAndGradient(Block b, LinearModel model, double[] w, double scale) {
        int c = model.outputs();
        int wc = model.weightCount();
        int length = b.rows() * c;
        double[] z = new double[length];
        scores(b, model, w, z);
        double[] r = new double[length];
        double[] sums = new double[c];
        double[] out = new double[1 + wc + c];
        out[0] = BlockLoss.of(model, b.labels(), 0).derivativesAt(z, scale, r, new double[length], sums);
        double[] gradW = new double[wc];
        transposedProduct(b, c, r, gradW);
        System.arraycopy(gradW, 0, out, 1, wc);
        System.arraycopy(sums, 0, out, 1 + wc, c);
        return out;
    }

    /** [X_pᵀQ (d·c), Σᵢ Qᵢ (c)], Q = scale·∇²ℓ(z)·(X_p V_W + 1·v_bᵀ) at w. Three products. */
    static double[] hessianTimes(Block b, LinearModel model, double[] w, double[] v, double scale) {
        int c = model.outputs();
        int wc = model.weightCount();
        int length = b.rows() * c;
        double[] z = new double[length];
        double[] u = new double[length];
        scores(b, model, w, z);
        scores(b, model, v, u);
        double[] q = new double[length];
        BlockLoss.of(model, b.labels(), 0).hessianTimes(z, u, scale, q);
        double[] out = new double[wc + c];
        double[] gradW = new double[wc];
        transposedProduct(b, c, q, gradW);
        System.arraycopy(gradW, 0, out, 0, wc);
        for (int i = 0; i < b.rows(); i++) {
            for (int o = 0; o < c; o++) {
                out[wc + o] += q[i * c + o];
            }
        }
        return out;
    }
}
