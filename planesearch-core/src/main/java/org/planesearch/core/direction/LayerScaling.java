package org.planesearch.core.direction;

/**
 * A direction state that scales each layer of the gradient by a factor of its own,
 * d_l = −φ_l g_l (per-layer AdaGrad-Norm: φ_l = 1/b_l), and reports the factors of its latest
 * direction, so that a step rule with a learning rate η can report the effective per-layer rates
 * η·φ_l (the stochastic package's {@code FixedRate} does).
 *
 * <p>Implemented by states, so not thread-safe.
 */
public interface LayerScaling {

    /**
     * Writes φ_l of the latest direction (of the initial state before the first one), one per
     * layer of the layout, in layout order. out: modified (length ≥ the layer count).
     */
    void layerFactors(double[] out);
}
