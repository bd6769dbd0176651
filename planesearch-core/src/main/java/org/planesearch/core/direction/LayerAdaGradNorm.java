package org.planesearch.core.direction;

import java.util.List;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.text.Numbers;

/**
 * Per-layer AdaGrad-Norm: {@link AdaGradNorm}'s scalar accumulator, one per layer l of the
 * {@link ParameterLayout}, each fed only with its own layer's gradient:
 * <pre>
 *   b_{l,k}² = b_{l,k−1}² + ‖g_{l,k}‖²      (b_{l,0} = b₀ for every layer)
 *   d_{l,k}  = −g_{l,k} / b_{l,k}
 * </pre>
 * With a fixed step η the layer l moves by −(η/b_l) g_l: every layer gets AdaGrad-Norm's
 * robustness to b₀ and η on its own scale, so a layer with small gradients is not slowed by
 * one with large gradients (which the global b of {@link AdaGradNorm} would be). With a single
 * layer it is {@link AdaGradNorm} exactly (the same arithmetic, bit for bit).
 *
 * <p>Where it comes from: Ward, Wu and Bottou's Algorithm 1 (spec "layerwise-and-adaptive-steps"
 * §B.1) applied per layer. The spec's §B.3 describes a widely copied per-<em>row</em> variant
 * (one accumulator per output neuron, {@code timlautk/AdAdaGrad}, origin unconfirmed); this is the
 * coarser per-<em>layer</em> form (a layer = the layout's {@link ParameterLayout.Layer}, e.g. a
 * network layer's weights and bias together), which keeps the paper's one-scalar-per-group
 * structure and its theory per block. Its states report the factors 1/b_l
 * ({@link LayerScaling}), so mini-batch training reports one learning rate per layer.
 *
 * <p>d is always a descent direction (each layer a positive multiple of −g_l). Resetting returns
 * every b_l to b₀. Thread-safe (immutable); states are not.
 *
 * @param initialScale b₀, the starting value of every b_l (not of b_l²), finite and &gt; 0;
 *     default 0.1 (as {@link AdaGradNorm})
 */
public record LayerAdaGradNorm(double initialScale) implements DirectionRule {

    public LayerAdaGradNorm {
        if (!(initialScale > 0 && initialScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("LayerAdaGradNorm: initialScale must be finite and > 0, got " + initialScale);
        }
    }

    /** b₀ = 0.1. */
    public static LayerAdaGradNorm defaults() {
        return new LayerAdaGradNorm(0.1);
    }

    @Override
    public DirectionState newState(ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("LayerAdaGradNorm: layout must not be null");
        }
        return new State(initialScale, layout);
    }

    @Override
    public String describe() {
        return "layeradagradnorm(initialScale=" + Numbers.shortest(initialScale) + ")";
    }

    /** The accumulators b_l of one run. Not thread-safe. */
    public static final class State implements DirectionState, LayerScaling {
        private final double initialScale;
        private final int[] offsets;
        private final int[] lengths;
        /** b_l = √(b₀² + Σ_j ‖g_{l,j}‖²), one per layer. */
        private final double[] scales;

        private State(double initialScale, ParameterLayout layout) {
            this.initialScale = initialScale;
            List<ParameterLayout.Layer> layers = layout.layers();
            int count = layers.size();
            this.offsets = new int[count];
            this.lengths = new int[count];
            this.scales = new double[count];
            for (int l = 0; l < count; l++) {
                offsets[l] = layers.get(l).offset();
                lengths[l] = layers.get(l).length();
            }
            Vec.fill(scales, initialScale);
        }

        /**
         * Per layer: b_l ← √(b_l² + ‖g_l‖²) (as hypot, without overflow); d_l ← −g_l/b_l.
         * x, g: not modified. dOut: modified.
         */
        @Override
        public void direction(double[] x, double[] g, double[] dOut) {
            for (int l = 0; l < scales.length; l++) {
                scales[l] = Math.hypot(scales[l], Vec.nrm2(g, offsets[l], lengths[l]));
                Vec.scale(-1.0 / scales[l], g, dOut, offsets[l], lengths[l]);
            }
        }

        /** Ignored: AdaGrad-Norm keeps no curvature pairs. */
        @Override
        public void update(double[] s, double[] y) {
        }

        /** b_l ← b₀ for every layer. */
        @Override
        public void reset() {
            Vec.fill(scales, initialScale);
        }

        /** Writes 1/b_l for every layer. out: modified. */
        @Override
        public void layerFactors(double[] out) {
            for (int l = 0; l < scales.length; l++) {
                out[l] = 1.0 / scales[l];
            }
        }

        /** b_l of every layer, in layout order (a copy; b₀ before the first direction). */
        public double[] scales() {
            return scales.clone();
        }
    }
}
