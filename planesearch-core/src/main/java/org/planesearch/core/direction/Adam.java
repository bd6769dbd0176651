package org.planesearch.core.direction;

import org.planesearch.core.text.Numbers;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;

/**
 * Adam's preconditioned direction (Kingma and Ba 2015, "Adam: A method for stochastic
 * optimization", ICLR, Algorithm 1), without the learning rate, which the step rule provides:
 * <pre>
 *   t ← t + 1
 *   m ← β₁ m + (1 − β₁) g                 (first moment)
 *   v ← β₂ v + (1 − β₂) g⊙g               (second moment)
 *   m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)  (bias corrections)
 *   d = −m̂ / (√v̂ + ε)                     (element-wise)
 * </pre>
 * With a fixed step α this is Adam with learning rate α; with line optimization or plane search
 * the step is chosen each iteration (the "Adam + LO / SO" of the plane-search paper, §2.7 of the
 * spec). The first direction is −g/(|g| + ε), close to −sign(g).
 *
 * <p>Warning: d need not be a descent direction (m̂ carries old gradients). The optimizer checks
 * ⟨g, d⟩ &lt; 0 and falls back to −g, resetting the moments, when it is not.
 *
 * <p>Thread-safe (immutable); states are not.
 *
 * @param beta1 β₁, decay of the first moment, in [0, 1); default 0.9
 * @param beta2 β₂, decay of the second moment, in [0, 1); default 0.999
 * @param epsilon ε, added to √v̂, finite and &gt; 0; default 1e-8
 */
public record Adam(double beta1, double beta2, double epsilon) implements DirectionRule {

    public Adam {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Adam: beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Adam: epsilon must be finite and > 0, got " + epsilon);
        }
    }

    /** β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (Kingma and Ba's defaults). */
    public static Adam defaults() {
        return new Adam(0.9, 0.999, 1e-8);
    }

    @Override
    public DirectionState newState(ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("Adam: layout must not be null");
        }
        return new State(this, layout.dimension());
    }

    @Override
    public String describe() {
        return "adam(beta1=" + Numbers.shortest(beta1) + ", beta2=" + Numbers.shortest(beta2)
                + ", epsilon=" + Numbers.shortest(epsilon) + ")";
    }

    /** The moments m, v and the step count t of one run. Not thread-safe. */
    public static final class State implements DirectionState {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        /** m, the first moment. */
        private final double[] first;
        /** v, the second moment. */
        private final double[] second;
        /** t, directions computed since the last reset. */
        private long steps;

        private State(Adam rule, int dimension) {
            this.beta1 = rule.beta1();
            this.beta2 = rule.beta2();
            this.epsilon = rule.epsilon();
            this.first = new double[dimension];
            this.second = new double[dimension];
        }

        /** Updates m, v, t and writes d = −m̂/(√v̂ + ε) into dOut. x, g: not modified. dOut: modified. */
        @Override
        public void direction(double[] x, double[] g, double[] dOut) {
            Vec.axpby(beta1, first, 1.0 - beta1, g, first);
            accumulateSquares(beta2, second, 1.0 - beta2, g);
            steps++;
            double correction1 = 1.0 - Math.pow(beta1, steps);
            double correction2 = 1.0 - Math.pow(beta2, steps);
            scaledRatio(first, second, correction1, correction2, epsilon, dOut);
        }

        /** Ignored: Adam keeps no curvature pairs. */
        @Override
        public void update(double[] s, double[] y) {
        }

        /** m ← 0, v ← 0, t ← 0. */
        @Override
        public void reset() {
            Vec.fill(first, 0.0);
            Vec.fill(second, 0.0);
            steps = 0;
        }

        /** t, the number of directions since the last reset. */
        public long steps() {
            return steps;
        }

        /** v ← a·v + b·g⊙g. g: not modified. v: modified. */
        private static void accumulateSquares(double a, double[] v, double b, double[] g) {
            if (g.length != v.length) {
                throw new IllegalArgumentException("Adam: g has length " + g.length + ", layout has " + v.length);
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = a * v[i] + b * g[i] * g[i];
            }
        }

        /** out ← −(m/c₁) / (√(v/c₂) + ε). m, v: not modified. out: modified. */
        private static void scaledRatio(double[] m, double[] v, double c1, double c2, double eps, double[] out) {
            if (out.length != m.length) {
                throw new IllegalArgumentException("Adam: dOut has length " + out.length + ", layout has " + m.length);
            }
            for (int i = 0; i < m.length; i++) {
                out[i] = -(m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
            }
        }
    }
}
