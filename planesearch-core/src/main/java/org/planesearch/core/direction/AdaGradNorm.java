package org.planesearch.core.direction;

import org.planesearch.core.text.Numbers;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;

/**
 * AdaGrad-Norm (Ward, Wu and Bottou 2019/2020, "AdaGrad stepsizes: sharp convergence over
 * nonconvex landscapes", ICML 2019 and JMLR 21(219), Algorithm 1): one scalar accumulator b that
 * includes the current gradient,
 * <pre>
 *   b_k² = b_{k−1}² + ‖g_k‖²
 *   d_k  = −g_k / b_k
 * </pre>
 * The paper's global step η is the step rule's business: with a fixed step η this is
 * AdaGrad-Norm exactly, x_{k+1} = x_k − (η/b_k) g_k. No ε is needed: b₀ &gt; 0 plays that role.
 * The method's point is robustness to b₀ (and η): if b₀ &lt; ηL the accumulator grows until
 * b ≥ ηL and the method then behaves like gradient descent with step ≤ 1/L.
 *
 * <p>d is always a descent direction (a positive multiple of −g). Resetting returns b to b₀.
 * Thread-safe (immutable); states are not.
 *
 * @param initialScale b₀, the starting value of b (not of b²), finite and &gt; 0; default 0.1
 *     (our choice: the paper sweeps b₀ over orders of magnitude; the spec's parity vectors use
 *     0.1 and 100)
 */
public record AdaGradNorm(double initialScale) implements DirectionRule {

    public AdaGradNorm {
        if (!(initialScale > 0 && initialScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("AdaGradNorm: initialScale must be finite and > 0, got " + initialScale);
        }
    }

    /** b₀ = 0.1. */
    public static AdaGradNorm defaults() {
        return new AdaGradNorm(0.1);
    }

    @Override
    public DirectionState newState(ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("AdaGradNorm: layout must not be null");
        }
        return new State(initialScale);
    }

    @Override
    public String describe() {
        return "adagradnorm(initialScale=" + Numbers.shortest(initialScale) + ")";
    }

    /** The accumulator b of one run. Not thread-safe. */
    public static final class State implements DirectionState {
        private final double initialScale;
        /** b = √(b₀² + Σ‖g_j‖²). */
        private double scale;

        private State(double initialScale) {
            this.initialScale = initialScale;
            this.scale = initialScale;
        }

        /** b ← √(b² + ‖g‖²) (computed as hypot, without overflow); dOut ← −g/b. x, g: not modified. dOut: modified. */
        @Override
        public void direction(double[] x, double[] g, double[] dOut) {
            scale = Math.hypot(scale, Vec.nrm2(g));
            Vec.scale(-1.0 / scale, g, dOut);
        }

        /** Ignored: AdaGrad-Norm keeps no curvature pairs. */
        @Override
        public void update(double[] s, double[] y) {
        }

        /** b ← b₀. */
        @Override
        public void reset() {
            scale = initialScale;
        }

        /** b_k, the current accumulator (b₀ before the first direction). */
        public double scale() {
            return scale;
        }
    }
}
