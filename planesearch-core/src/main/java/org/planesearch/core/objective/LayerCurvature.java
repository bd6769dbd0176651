package org.planesearch.core.objective;

import java.util.List;
import java.util.SplittableRandom;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;

/**
 * The curvature of an objective projected on a direction split by layer: for a direction p and
 * the layers l = 1 … L of the objective's {@link ParameterLayout} (p_l = p on layer l's entries,
 * zero elsewhere), the L×L symmetric matrix
 * <pre>
 *   C_lm = p_lᵀ B p_m        (B = ∇²f, the Gauss–Newton matrix G, or an estimate of G)
 * </pre>
 * Its diagonal holds the curvature of each layer's diagonal block along that layer's direction
 * (what layer-wise step sizes divide by); the off-diagonal entries are the cross-layer coupling
 * (what a safeguard against the block-Jacobi divergence of independent layer steps needs).
 * Models with structure implement it cheaply (networks: about one gradient for all layers);
 * {@link #byHessianProducts} works for any twice-differentiable function at L Hessian-vector
 * products.
 */
public interface LayerCurvature {

    /**
     * Writes C (L×L, row-major, symmetric) for direction p at w into out. Sampling kinds draw
     * from random (deterministic for a given generator state); exact kinds ignore it.
     *
     * @param w the point; not modified
     * @param p the direction; not modified
     * @param kind what to measure ({@link CurvatureKind})
     * @param random the source for sampling kinds; may be null for exact kinds
     * @param out L·L values; modified
     * @return the kind actually measured (AUTO resolved)
     */
    CurvatureKind layerCurvature(double[] w, double[] p, CurvatureKind kind, SplittableRandom random, double[] out);

    /**
     * C_lm = p_lᵀ ∇²f p_m by one Hessian-vector product per layer (exact; for any function and
     * layout). w, p: not modified; out: L·L values, modified.
     */
    static void byHessianProducts(HessianVectorProduct f, ParameterLayout layout, double[] w, double[] p, double[] out) {
        List<ParameterLayout.Layer> layers = layout.layers();
        int count = layers.size();
        if (out.length != count * count) {
            throw new IllegalArgumentException("out must have length " + count * count + ", got " + out.length);
        }
        double[] masked = new double[p.length];
        double[] product = new double[p.length];
        for (int m = 0; m < count; m++) {
            ParameterLayout.Layer lm = layers.get(m);
            java.util.Arrays.fill(masked, 0.0);
            System.arraycopy(p, lm.offset(), masked, lm.offset(), lm.length());
            f.hessianTimes(w, masked, product);
            for (int l = 0; l < count; l++) {
                ParameterLayout.Layer ll = layers.get(l);
                out[l * count + m] = Vec.dot(p, product, ll.offset(), ll.length());
            }
        }
        for (int l = 0; l < count; l++) {
            for (int m = l + 1; m < count; m++) {
                double s = 0.5 * (out[l * count + m] + out[m * count + l]);
                out[l * count + m] = s;
                out[m * count + l] = s;
            }
        }
    }
}
